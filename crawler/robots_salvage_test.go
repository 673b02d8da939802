package crawler

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/temoto/robotstxt"

	"github.com/govaudit/govaudit"
)

func TestSalvageRobots(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		wantDropped int
		disallowed  []string // paths our agent must not fetch
		allowed     []string
	}{
		{
			name:        "crawl-delay with a unit",
			in:          "User-agent: *\nCrawl-delay: 5s\nDisallow: /private/\n",
			wantDropped: 1,
			disallowed:  []string{"/private/a.html"},
			allowed:     []string{"/public/a.html"},
		},
		{
			name:        "crawl-delay in words, with a comment",
			in:          "User-agent: *\r\nDisallow: /admin/ # staff only\r\nCrawl-delay: 5 seconds # be gentle\r\n",
			wantDropped: 1,
			disallowed:  []string{"/admin/x"},
			allowed:     []string{"/"},
		},
		{
			name:        "rules before any user-agent",
			in:          "Disallow: /everything-but-ignored/\nUser-agent: *\nDisallow: /cgi-bin/\n",
			wantDropped: 1,
			disallowed:  []string{"/cgi-bin/x"},
			allowed:     []string{"/everything-but-ignored/x"},
		},
		{
			name:        "valid file untouched",
			in:          "User-agent: *\nCrawl-delay: 0.5\nDisallow: /x/\n",
			wantDropped: 0,
			disallowed:  []string{"/x/1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, dropped := salvageRobots([]byte(tt.in))
			if dropped != tt.wantDropped {
				t.Errorf("dropped: got %d lines, want %d\n%s", dropped, tt.wantDropped, out)
			}
			rules, err := robotstxt.FromBytes(out)
			if err != nil {
				t.Fatalf("salvaged file does not parse: %v\n%s", err, out)
			}
			for _, p := range tt.disallowed {
				if rules.TestAgent(p, testUA) {
					t.Errorf("%s: got allowed, want disallowed", p)
				}
			}
			for _, p := range tt.allowed {
				if !rules.TestAgent(p, testUA) {
					t.Errorf("%s: got disallowed, want allowed", p)
				}
			}
		})
	}
}

// TestFetchRobotsSalvaged shows a robots.txt that robotstxt rejects for one
// bad line still keeping the crawler out of what it disallows.
func TestFetchRobotsSalvaged(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 10s\nDisallow: /private/\n")
			return
		}
		if r.URL.Path == "/private/a.html" {
			t.Errorf("a disallowed page reached the server")
		}
		fmt.Fprint(w, "page")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	f := newTestCrawler(t, opts, n).Site("ln-a")
	if p := f.Fetch(context.Background(), "http://www.a.gov.cn/private/a.html", 1); kind(p) != govaudit.ErrRobots {
		t.Errorf("disallowed page: got kind %q, want robots", kind(p))
	}
	if p := f.Fetch(context.Background(), "http://www.a.gov.cn/public.html", 1); !p.OK() {
		t.Errorf("allowed page: got %v", p.Err)
	}
}
