package crawler

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/govaudit/govaudit"
)

func TestTLS(t *testing.T) {
	pki := getPKI(t)
	version := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, tls.VersionName(r.TLS.Version)+" "+tls.CipherSuiteName(r.TLS.CipherSuite))
	})
	var oldHellos atomic.Int32
	modern := tlsServer(t, version, nil, pki.leaf)
	tls10 := tlsServer(t, version, &tls.Config{
		MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10,
		GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			oldHellos.Add(1)
			return nil, nil
		},
	}, pki.leaf)
	des := tlsServer(t, version, &tls.Config{
		MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA},
	}, pki.leaf)
	expired := tlsServer(t, version, nil, pki.expired)
	plain := quietServer(t, version)

	n := newTestNet()
	n.tls(modern, "www.a.gov.cn", "www.c.gov.cn")
	n.tls(tls10, "old.gov.cn")
	n.tls(des, "des.gov.cn")
	n.tls(expired, "expired.gov.cn")
	n.tls(plain, "plain.gov.cn")
	opts := testOptions()
	opts.RootCAs = pki.roots
	c := newTestCrawler(t, opts, n)

	tests := []struct {
		name, url string
		wantKind  govaudit.ErrorKind
		wantBody  string // prefix
		wantMsg   string
		wantWeak  bool
	}{
		{"modern", "https://www.a.gov.cn/", "", "TLS 1.3", "", false},
		{"TLS 1.0 only", "https://old.gov.cn/", "", "TLS 1.0", "", true},
		{"3DES only", "https://des.gov.cn/", "", "TLS 1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA", "", true},
		{"expired certificate", "https://expired.gov.cn/", govaudit.ErrTLS, "", "expired", false},
		{"certificate for other names", "https://www.c.gov.cn/", govaudit.ErrTLS, "", "not valid for www.c.gov.cn", false},
		{"not TLS at all", "https://plain.gov.cn/", govaudit.ErrTLS, "", "did not answer with TLS", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := c.Site(tt.name)
			p := f.Fetch(context.Background(), tt.url, 0)
			if kind(p) != tt.wantKind {
				t.Fatalf("kind: got %q (%v), want %q", kind(p), p.Err, tt.wantKind)
			}
			if !strings.HasPrefix(string(p.Body), tt.wantBody) {
				t.Errorf("negotiated: got %q, want %q", p.Body, tt.wantBody)
			}
			if p.Err != nil && !strings.Contains(p.Err.Message, tt.wantMsg) {
				t.Errorf("message: got %q, want it to mention %q", p.Err.Message, tt.wantMsg)
			}
			if f.WeakTLS() != tt.wantWeak {
				t.Errorf("WeakTLS: got %v, want %v", f.WeakTLS(), tt.wantWeak)
			}
		})
	}

	t.Run("fallback remembered", func(t *testing.T) {
		f := c.Site("old")
		f.Fetch(context.Background(), "https://old.gov.cn/a", 0)
		c.Close() // no connection to reuse: the next fetch handshakes again
		before := oldHellos.Load()
		if p := f.Fetch(context.Background(), "https://old.gov.cn/b", 0); !p.OK() {
			t.Fatalf("second fetch: %v", p.Err)
		}
		if got := oldHellos.Load() - before; got != 1 {
			t.Errorf("handshakes for the second fetch: got %d, want 1 (straight to the fallback)", got)
		}
	})

	t.Run("unknown authority", func(t *testing.T) {
		f := newTestCrawler(t, testOptions(), n).Site("no-roots")
		p := f.Fetch(context.Background(), "https://www.a.gov.cn/", 0)
		if kind(p) != govaudit.ErrTLS || !strings.Contains(p.Err.Message, "unknown authority") {
			t.Errorf("got %v, want a tls error about an unknown authority", p.Err)
		}
	})
}
