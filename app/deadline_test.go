package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
)

func TestMarkCutOff(t *testing.T) {
	tests := []struct {
		status   govaudit.Status
		want     govaudit.Status
		wantNote bool
	}{
		{govaudit.StatusFresh, govaudit.StatusFresh, false},
		{govaudit.StatusStale, govaudit.StatusStale, false},
		{govaudit.StatusBlocked, govaudit.StatusBlocked, false},
		{govaudit.StatusNotWebCheckable, govaudit.StatusNotWebCheckable, false},
		{govaudit.StatusMissing, govaudit.StatusUnreachable, true},
		{govaudit.StatusEmpty, govaudit.StatusUnreachable, true},
		{govaudit.StatusUnreachable, govaudit.StatusUnreachable, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			a := govaudit.SiteAudit{Results: []govaudit.Result{{ID: "x", Status: tt.status, Compliant: govaudit.CompliantNo,
				Shortfalls: []govaudit.Shortfall{{Code: "c"}}, Evidence: []string{"before"}}}}
			markCutOff(&a, 30*time.Minute)
			r := a.Results[0]
			if r.Status != tt.want {
				t.Errorf("status: got %s, want %s", r.Status, tt.want)
			}
			hasNote := strings.Contains(r.Evidence[0], "30分钟")
			if hasNote != tt.wantNote {
				t.Errorf("evidence %q: note %v, want %v", r.Evidence, hasNote, tt.wantNote)
			}
			if tt.wantNote && (r.Compliant != govaudit.CompliantUnknown || r.Shortfalls != nil || r.Evidence[1] != "before") {
				t.Errorf("got %+v, want compliance unknown, no shortfalls, the old evidence kept", r)
			}
		})
	}
}

func TestDeadlineText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute:                     "30分钟",
		90 * time.Minute:                     "1小时30分钟",
		20 * time.Hour:                       "20小时",
		300 * time.Millisecond:               "0秒",
		time.Hour + 5*time.Second:            "1小时5秒",
		2*time.Minute + 500*time.Millisecond: "2分钟1秒",
	} {
		if got := deadlineText(d); got != want {
			t.Errorf("deadlineText(%v): got %q, want %q", d, got, want)
		}
	}
}

// TestSiteDeadline audits a site whose column pages never answer in time:
// the site's audit stops at its deadline, the run completes, and the
// requirements it could not judge are unreachable with the reason in
// Chinese.
func TestSiteDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><body><a href="/xxgk/">政府信息公开</a><a href="/zcwj/">政策文件</a></body></html>`))
			return
		}
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	cfg := config.Default()
	cfg.Store = filepath.Join(t.TempDir(), "s.db")
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.RespectRobots = false
	cfg.Checks.SiteDeadline = 500 * time.Millisecond
	cfg.Sites = []govaudit.Site{{ID: "slow", Name: "慢站", URL: "http://www.slow.test/", Level: govaudit.LevelCity}}
	a, err := New(&cfg, slog.New(slog.DiscardHandler), Options{Command: "test", Resolve: func(string) string { return addr }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	start := time.Now()
	run, err := a.Audit(context.Background(), "test", nil, nil)
	if err != nil || !run.Complete {
		t.Fatalf("run: complete %v, err %v; want a complete run", run.Complete, err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("the run took %v, want it stopped near the 500ms deadline", d)
	}
	got, ok, err := a.Store().Snapshot().Audit("slow")
	if err != nil || !ok {
		t.Fatalf("audit of slow: %v, %v", ok, err)
	}
	var marked int
	for _, r := range got.Results {
		if r.Status == govaudit.StatusMissing || r.Status == govaudit.StatusEmpty {
			t.Errorf("%s: %s, want no negative finding from a cut-off audit", r.ID, r.Status)
		}
		if r.Status == govaudit.StatusUnreachable && len(r.Evidence) > 0 && strings.Contains(r.Evidence[0], "审计超过时限") {
			marked++
		}
	}
	if marked == 0 {
		t.Errorf("no requirement carries the deadline note: %+v", got.Results)
	}
}
