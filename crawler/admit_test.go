package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// TestAdmit: the browser's requests are held to the site's rules — robots.txt,
// the page budget and the politeness slots — and counted in its stats.
func TestAdmit(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	opts.MaxPagesPerSite = 3
	opts.PerHostParallelism = 1
	f := newTestCrawler(t, opts, n).Site("ln-a")
	ctx := context.Background()

	if _, fe := f.Admit(ctx, "http://www.a.gov.cn/private/data.json"); fe == nil || fe.Kind != govaudit.ErrRobots {
		t.Errorf("disallowed path: got %v, want robots", fe)
	}
	done, fe := f.Admit(ctx, "http://www.a.gov.cn/api/list.json")
	if fe != nil {
		t.Fatalf("allowed path: %v", fe)
	}
	// The only slot is held until done: a second request waits.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, fe := f.Admit(short, "http://www.a.gov.cn/b.html"); fe == nil {
		t.Error("second request while the only slot is held: admitted, want it to wait")
	}
	done()
	done() // a second call changes nothing
	for i, want := range []bool{true, true, false} {
		d, fe := f.Admit(ctx, fmt.Sprintf("http://www.a.gov.cn/p%d.html", i))
		if got := fe == nil; got != want {
			t.Errorf("request %d: admitted %v (%v), want %v (budget of 3)", i+2, got, fe, want)
		}
		if d != nil {
			d()
		}
		if !want && (fe == nil || fe.Kind != govaudit.ErrBudget) {
			t.Errorf("over the budget: got %v, want budget", fe)
		}
	}
	if got := f.Stats(); got.Pages != 3 || got.Errors[govaudit.ErrRobots] != 1 {
		t.Errorf("stats: got %+v, want 3 pages and 1 robots refusal", got)
	}
	// Cookies put in the jar are sent with the site's own requests.
	u, _ := url.Parse("http://www.a.gov.cn/")
	f.Jar().SetCookies(u, []*http.Cookie{{Name: "c", Value: "1"}})
	if got := f.Jar().Cookies(u); len(got) != 1 || got[0].Value != "1" {
		t.Errorf("jar: got %v, want the cookie", got)
	}
	if _, ok := f.Jar().(*cookiejar.Jar); !ok {
		t.Errorf("jar: got %T, want the site's cookiejar", f.Jar())
	}
}
