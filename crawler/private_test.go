package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/govaudit/govaudit"
)

func TestGuardFor(t *testing.T) {
	allowed := []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16"), netip.MustParsePrefix("fd12::/16")}
	tests := []struct {
		ip       string
		allowAll bool
		prefixes []netip.Prefix
		want     bool
	}{
		{"10.20.3.4", false, allowed, false},
		{"10.21.3.4", false, allowed, true},
		{"::ffff:10.20.3.4", false, allowed, false},
		{"fd12::1", false, allowed, false},
		{"127.0.0.1", false, allowed, true},
		{"127.0.0.1", true, nil, false},
		{"8.8.8.8", false, nil, false},
		// Metadata addresses, whatever the settings and however spelt.
		{"169.254.169.254", true, nil, true},
		{"169.254.0.1", true, nil, true},
		{"100.100.100.200", true, nil, true},
		{"fd00:ec2::254", true, nil, true},
		{"::ffff:169.254.169.254", true, nil, true},
		{"64:ff9b::a9fe:a9fe", true, nil, true}, // NAT64 of 169.254.169.254
		{"2002:a9fe:a9fe::1", true, nil, true},  // 6to4 of 169.254.169.254
		{"100.100.100.201", true, nil, false},
		{"fd00:ec2::253", true, nil, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/all=%v/%d", tt.ip, tt.allowAll, len(tt.prefixes)), func(t *testing.T) {
			if got := guardFor(tt.allowAll, tt.prefixes)(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("deny: got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseAllowPrivate(t *testing.T) {
	tests := []struct {
		entries  []string
		prefixes string
		hosts    int
		err      string
	}{
		{[]string{"10.0.0.0/8", "192.168.1.7", "OA.Example.gov.cn."}, "[10.0.0.0/8 192.168.1.7/32]", 1, ""},
		{[]string{"10.1.2.3/8"}, "[10.0.0.0/8]", 0, ""},
		{[]string{"169.254.169.254"}, "", 0, "metadata range 169.254.0.0/16"},
		{[]string{"100.64.0.0/10"}, "", 0, "metadata range 100.100.100.200/32"},
		{[]string{"fd00::/8"}, "", 0, "metadata range fd00:ec2::254/128"},
		{[]string{"10.0.0.0/33"}, "", 0, "out of range"},
		{[]string{"a b"}, "", 0, "neither"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.entries, ","), func(t *testing.T) {
			p, h, err := parseAllowPrivate(tt.entries)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil || fmt.Sprint(p) != tt.prefixes || len(h) != tt.hosts {
				t.Errorf("got %v %v %v, want %s and %d hosts", p, h, err, tt.prefixes, tt.hosts)
			}
		})
	}
}

// TestAllowPrivateList fetches through the production dialers: a listed
// prefix or host name reaches loopback, anything else does not, and a
// metadata address is refused even with every private address allowed.
func TestAllowPrivateList(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html>intranet</html>")
	}))
	n := newTestNet()
	n.plain(srv, "oa.a.gov.cn", "www.b.gov.cn")
	n.route("169.254.169.254:80", "80", []string{"meta.a.gov.cn"})
	tests := []struct {
		name     string
		allowAll bool
		allow    []string
		url      string
		want     govaudit.ErrorKind
	}{
		{"listed host", false, []string{"oa.a.gov.cn"}, "http://oa.a.gov.cn/", ""},
		{"other host", false, []string{"oa.a.gov.cn"}, "http://www.b.gov.cn/", govaudit.ErrPrivateAddress},
		{"listed prefix", false, []string{"127.0.0.0/8"}, "http://www.b.gov.cn/", ""},
		{"other prefix", false, []string{"10.0.0.0/8"}, "http://www.b.gov.cn/", govaudit.ErrPrivateAddress},
		{"metadata with all allowed", true, nil, "http://169.254.169.254/latest/meta-data/", govaudit.ErrPrivateAddress},
		{"metadata behind a listed host", false, []string{"meta.a.gov.cn"}, "http://meta.a.gov.cn/", govaudit.ErrPrivateAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.AllowPrivateAddresses, opts.AllowPrivate = tt.allowAll, tt.allow
			f := newTestCrawler(t, opts, n).Site("ln-a")
			if p := f.Fetch(context.Background(), tt.url, 0); kind(p) != tt.want {
				t.Errorf("got kind %q (%v), want %q", kind(p), p.Err, tt.want)
			}
		})
	}
}
