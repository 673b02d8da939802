package metrics

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// serveRegistry builds a registry as the daemon does: the collector over snap
// and a recorder that has seen a run.
func serveRegistry(t *testing.T, snap *store.Snapshot) *prometheus.Registry {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(newSource(snap), govaudit.DefaultCatalog()))
	r := NewRecorder(reg)
	for _, a := range snap.Audits {
		r.ObserveSite(a.Fetch, 42*time.Second)
	}
	r.ObserveRun(3*time.Minute, nil)
	return reg
}

// scrape fetches the handler's exposition text as Prometheus would.
func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/plain;version=0.0.4")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status: got %d, want 200; body:\n%s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("content type: got %q, want text/plain", ct)
	}
	return string(body)
}

func TestHandlerServesRegistry(t *testing.T) {
	body := scrape(t, Handler(serveRegistry(t, fixtureSnapshot())))
	for _, want := range []string{
		"govaudit_sites 4\n",
		`govaudit_requirement_status{column_url="",requirement="all-10",site="dl-portal"} 2` + "\n",
		`govaudit_audit_runs_total{result="ok"} 1` + "\n",
		`govaudit_fetch_errors_total{kind="http_4xx"} 3` + "\n",
		`govaudit_fetch_errors_total{kind="private_address"} 0` + "\n",
		"promhttp_metric_handler_requests_total",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body: want it to contain %q", want)
		}
	}
}

// TestHandlerBadSeries checks that one series that cannot be gathered is
// logged and left out while the rest is still served.
func TestHandlerBadSeries(t *testing.T) {
	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))

	snap := fixtureSnapshot()
	snap.Sites[1].Name = "大连\xff"
	reg := serveRegistry(t, snap)
	body := scrape(t, Handler(reg))

	if !strings.Contains(body, `govaudit_site_info{city="",department="fgw",level="province",name="辽宁省发展和改革委员会",site="ln-fgw"} 1`) {
		t.Errorf("body: want the good sites' info, got:\n%s", body)
	}
	if strings.Contains(body, `site_info{city="大连"`) {
		t.Error("body: the bad site's info was served")
	}
	if got := logs.String(); !strings.Contains(got, "serving metrics") || !strings.Contains(got, "not valid UTF-8") {
		t.Errorf("log: got %q, want the gathering error", got)
	}
	mfs, err := reg.Gather()
	if err == nil {
		t.Error("gather: got no error, want the bad label value")
	}
	if got, ok := value(mfs, "promhttp_metric_handler_errors_total", map[string]string{"cause": "gathering"}); !ok || got != 1 {
		t.Errorf("handler gathering errors: got %v (present %v), want 1", got, ok)
	}
}

// TestPromtoolCheckMetrics lints what the handler serves with promtool, the
// checker Prometheus itself ships.
func TestPromtoolCheckMetrics(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not installed: apt-get install prometheus")
	}
	for name, snap := range map[string]*store.Snapshot{
		"fixture":   fixtureSnapshot(),
		"synthetic": syntheticSnapshot(50),
	} {
		t.Run(name, func(t *testing.T) {
			body := scrape(t, Handler(serveRegistry(t, snap)))
			cmd := exec.Command(promtool, "check", "metrics")
			cmd.Stdin = strings.NewReader(body)
			out, err := cmd.CombinedOutput()
			if err != nil || len(bytes.TrimSpace(out)) > 0 {
				t.Errorf("promtool check metrics: %v\n%s", err, out)
			}
		})
	}
}
