package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
)

// TestHostileSitesAreFindings audits sites that time out, redirect in a
// loop, serve 50 MB or lie about their charset: each is a finding about
// that site, the run completes, and the well-behaved site beside them is
// judged as usual.
func TestHostileSitesAreFindings(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		if host == "" {
			host = r.Host
		}
		switch host {
		case "www.slow.test":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		case "www.loop.test":
			http.Redirect(w, r, "http://www.loop.test/again"+r.URL.Path, http.StatusFound)
		case "www.huge.test":
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>政务公开</p>", 4096))
			for sent := 0; sent < 50<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "www.liar.test":
			// The header claims GBK; the body is UTF-8.
			w.Header().Set("Content-Type", "text/html; charset=gbk")
			w.Write([]byte(`<html><body><ul class="nav"><li><a href="/zcwj/">政策文件</a></li></ul></body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	cfg := config.Default()
	cfg.Store = filepath.Join(t.TempDir(), "h.db")
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Timeout = 500 * time.Millisecond
	cfg.Crawl.MaxBodyBytes = 1 << 20
	for _, h := range []string{"slow", "loop", "huge", "liar"} {
		cfg.Sites = append(cfg.Sites, govaudit.Site{ID: h, Name: h, URL: "http://www." + h + ".test/", Level: govaudit.LevelCity})
	}
	resolve := func(string) string { return addr }
	a, err := app.New(&cfg, slog.New(slog.DiscardHandler), app.Options{Command: "test", Resolve: resolve})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	run, err := a.Audit(context.Background(), "test", nil, nil)
	if err != nil || !run.Complete {
		t.Fatalf("run: complete %v, err %v", run.Complete, err)
	}
	snap := a.Store().Snapshot()
	tests := []struct {
		site      string
		reachable bool
		kind      govaudit.ErrorKind
	}{
		{"slow", false, govaudit.ErrTimeout},
		{"loop", false, govaudit.ErrRedirectLoop},
		{"huge", false, govaudit.ErrTooLarge},
		{"liar", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.site, func(t *testing.T) {
			au, _, err := snap.Audit(tt.site)
			if err != nil {
				t.Fatal(err)
			}
			if au.Reachable != tt.reachable {
				t.Fatalf("reachable %v, want %v (home error %v)", au.Reachable, tt.reachable, au.HomeError)
			}
			if !tt.reachable {
				if au.HomeError == nil || au.HomeError.Kind != tt.kind {
					t.Errorf("home error %v, want kind %s", au.HomeError, tt.kind)
				}
				for _, r := range au.Results {
					if r.Status != govaudit.StatusUnreachable && r.Status != govaudit.StatusNotWebCheckable {
						t.Errorf("%s: status %s, want unreachable", r.ID, r.Status)
					}
				}
				return
			}
			// The lying header did not garble the label: the column was found.
			r, _ := au.Result("all-10")
			if r.ColumnURL != "http://www.liar.test/zcwj/" {
				t.Errorf("all-10 column %q, want the 政策文件 link read through the wrong charset header", r.ColumnURL)
			}
		})
	}
}
