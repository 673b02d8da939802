package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
)

// TestVerdictOfUnjudgeableSites audits loopback sites through the whole
// application: a site that is down at its audits, after a single probe of
// each, is not judged (never failed on a probe or two) and counts the audits
// in a row; a site whose every page sits behind an anti-bot wall is never
// pass; a site that answers is judged again and its count returns to 0.
func TestVerdictOfUnjudgeableSites(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.Host, "www.wall.test"):
			w.WriteHeader(http.StatusPreconditionFailed) // a WAF's cookie challenge
			w.Write([]byte(`<html><script>document.cookie="__jsl_clearance=1";location.reload()</script></html>`))
		case down.Load():
			http.Error(w, "bad gateway", http.StatusBadGateway)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><body><ul><li><a href="/a/1.html">通知</a> <span>` + time.Now().Format("2006-01-02") + `</span></li></ul></body></html>`))
		}
	}))
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()

	cfg := config.Default()
	cfg.Store = filepath.Join(t.TempDir(), "govaudit.db")
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.RespectRobots = false
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Timeout = 5 * time.Second
	cfg.Sites = []govaudit.Site{
		{ID: "down", Name: "甲市人民政府", URL: "http://www.down.test/", Level: govaudit.LevelCity, City: "甲市"},
		{ID: "wall", Name: "乙市人民政府", URL: "http://www.wall.test/", Level: govaudit.LevelCity, City: "乙市"},
	}
	a, err := New(&cfg, slog.New(slog.DiscardHandler), Options{Command: "test", Resolve: func(string) string { return addr }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })

	check := func(t *testing.T, id string, want govaudit.SiteVerdict, streak int) {
		t.Helper()
		got, ok, _ := a.Store().Snapshot().Audit(id)
		if !ok {
			t.Fatalf("%s: no audit saved", id)
		}
		if v := govaudit.SiteVerdictOf(got); v != want {
			t.Errorf("%s: verdict %s, want %s; census %+v", id, v, want, got.Census)
		}
		if got.NotJudgedAudits != streak {
			t.Errorf("%s: %d not-judged audits in a row, want %d", id, got.NotJudgedAudits, streak)
		}
		for _, f := range got.Census {
			if f.Rule == govaudit.RuleAvailability && f.Verdict == govaudit.VerdictVeto {
				t.Errorf("%s: availability veto on %v%% of a few probes, want no veto before a week of probes", id, f.Value)
			}
		}
	}
	ctx := context.Background()
	for i := 1; i <= 2; i++ {
		a.ProbeBurst(ctx, 1)
		if _, err := a.Audit(ctx, "test", nil, nil); err != nil {
			t.Fatalf("audit %d: %v", i, err)
		}
		check(t, "down", govaudit.SiteNotJudged, i)
		check(t, "wall", govaudit.SiteNotJudged, i)
	}
	down.Store(false)
	if _, err := a.Audit(ctx, "test", []string{"down"}, nil); err != nil {
		t.Fatalf("audit: %v", err)
	}
	got, _, _ := a.Store().Snapshot().Audit("down")
	if v := govaudit.SiteVerdictOf(got); v == govaudit.SiteNotJudged || got.NotJudgedAudits != 0 {
		t.Errorf("up again: verdict %s with %d not-judged audits, want it judged and 0", v, got.NotJudgedAudits)
	}
}
