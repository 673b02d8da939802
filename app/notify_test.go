package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/notify"
)

// TestWebhookStopsAtShutdown: a delivery still waiting for its robot ends
// when serve shuts down, with a 502 that makes Alertmanager send it again.
func TestWebhookStopsAtShutdown(t *testing.T) {
	release := make(chan struct{})
	robot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(robot.Close)
	t.Cleanup(func() { close(release) })
	cfg := config.Default()
	cfg.Notify.Receivers = []notify.Receiver{{Name: "office", Kind: notify.WeCom, URL: robot.URL + "/cgi-bin/webhook/send?key=k"}}
	d, err := NewNotifier(&cfg, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, shutdown := context.WithCancel(context.Background())
	api := &apiServer{notifier: d, baseCtx: ctx}
	time.AfterFunc(100*time.Millisecond, shutdown)
	payload := `{"version":"4","status":"firing","alerts":[{"labels":{"alertname":"GovauditStoreErrors","severity":"critical"}}]}`
	rec := httptest.NewRecorder()
	start := time.Now()
	api.alertWebhook(rec, httptest.NewRequest(http.MethodPost, "/api/v1/alerts/webhook", strings.NewReader(payload)))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the delivery took %s after shutdown", took)
	}
	if rec.Code != http.StatusBadGateway || !strings.Contains(rec.Body.String(), "context canceled") {
		t.Errorf("got %d %s, want 502 with the cancellation", rec.Code, rec.Body)
	}
}
