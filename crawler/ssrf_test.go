package crawler

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync/atomic"
	"testing"

	"github.com/govaudit/govaudit"
)

func TestDenied(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.8.9.10", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"172.32.0.1", false},
		{"192.168.1.1", true},
		{"169.254.169.254", true},
		{"0.0.0.0", true},
		{"0.1.2.3", true},
		{"100.64.0.1", true},
		{"100.127.255.255", true},
		{"100.128.0.1", false},
		{"224.0.0.1", true},
		{"239.255.255.250", true},
		{"255.255.255.255", true},
		{"198.18.0.1", true},
		{"::1", true},
		{"::", true},
		{"fc00::1", true},
		{"fd12:3456::1", true},
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"ff02::1", true},
		{"fec0::1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"::ffff:169.254.169.254", true},
		{"::ffff:100.64.0.1", true},
		{"::127.0.0.1", true},
		{"64:ff9b::7f00:1", true},
		{"64:ff9b::a00:1", true},
		{"2002:7f00:1::", true},
		{"2002:c0a8:101::1", true},
		// Public addresses, some in the same forms.
		{"8.8.8.8", false},
		{"202.96.64.68", false},
		{"218.60.0.1", false},
		{"2400:3200::1", false},
		{"::ffff:202.96.64.68", false},
		{"64:ff9b::ca60:4044", false},
		{"2002:ca60:4044::1", false},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := denied(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("denied(%s): got %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
	if !denied(netip.Addr{}) {
		t.Error("denied(invalid address): got false, want true")
	}
}

func TestSSRFGuard(t *testing.T) {
	var hits atomic.Int32
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "internal")
	}))
	secure := tlsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}), nil, getPKI(t).leaf)
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	n.tls(secure, "www.a.gov.cn")
	opts := testOptions()
	opts.AllowPrivateAddresses = false
	opts.RespectRobots = true // robots.txt requests are guarded too
	f := newTestCrawler(t, opts, n).Site("ln-a")

	for _, u := range []string{
		srv.URL + "/",                  // 127.0.0.1 itself
		"http://www.a.gov.cn/",         // a public-looking name that leads to 127.0.0.1
		"https://www.a.gov.cn/",        // the same over TLS
		"http://[::1]:1/",              // IPv6 loopback
		"http://169.254.169.254/meta/", // cloud metadata
	} {
		t.Run(u, func(t *testing.T) {
			if p := f.Fetch(context.Background(), u, 0); kind(p) != govaudit.ErrPrivateAddress {
				t.Errorf("got kind %q (%v), want private_address", kind(p), p.Err)
			}
		})
	}
	if got := hits.Load(); got != 0 {
		t.Errorf("the guarded servers got %d requests, want 0", got)
	}
}

// TestSSRFGuardOnRedirect stands 127.0.0.1 in for a public server and
// 127.0.0.2 for an intranet one, by replacing the guard's predicate (the
// hook in the dialer is the production one): a redirect from the first to
// the second must be refused when the second is dialled.
func TestSSRFGuardOnRedirect(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	var internalHits atomic.Int32
	internal := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	internal.Listener.Close()
	internal.Listener = l
	internal.Config.ErrorLog = log.New(io.Discard, "", 0)
	internal.Start()
	t.Cleanup(internal.Close)

	public := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-name":
			http.Redirect(w, r, "http://intranet.a.gov.cn/", http.StatusFound)
		case "/to-ip":
			http.Redirect(w, r, internal.URL+"/", http.StatusFound)
		default:
			fmt.Fprint(w, "public page")
		}
	}))
	n := newTestNet()
	n.plain(public, "www.a.gov.cn")
	n.plain(internal, "intranet.a.gov.cn")
	opts := testOptions()
	opts.AllowPrivateAddresses = false
	c := newTestCrawler(t, opts, n)
	publicAddr := netip.MustParseAddr("127.0.0.1")
	c.deny = func(ip netip.Addr) bool { return ip.Unmap() != publicAddr }
	f := c.Site("ln-a")

	if p := f.Fetch(context.Background(), "http://www.a.gov.cn/", 0); !p.OK() {
		t.Fatalf("the stand-in public server: got %v, want it reachable", p.Err)
	}
	for _, path := range []string{"/to-name", "/to-ip"} {
		t.Run(path, func(t *testing.T) {
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+path, 0)
			if kind(p) != govaudit.ErrPrivateAddress {
				t.Errorf("got kind %q (%v), want private_address", kind(p), p.Err)
			}
		})
	}
	if got := internalHits.Load(); got != 0 {
		t.Errorf("the internal server got %d requests, want 0", got)
	}
}
