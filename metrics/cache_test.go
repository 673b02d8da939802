package metrics

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// countingSource counts the snapshots taken, which is how often the
// collector walks the sites plus once per scrape.
type countingSource struct {
	source
	calls atomic.Int64
}

func (s *countingSource) Snapshot() *store.Snapshot {
	s.calls.Add(1)
	return s.source.Snapshot()
}

// cachedServer builds the handler as the daemon does: live metrics in reg
// (a recorder that has seen a run), the store's series cached.
func cachedServer(t *testing.T, src Snapshotter) (http.Handler, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	r := NewRecorder(reg)
	r.ObserveRun(3*time.Minute, nil)
	return CachedHandler(reg, src, govaudit.DefaultCatalog()), reg
}

func get(t *testing.T, h http.Handler, accept, encoding string) (*http.Response, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	// Set explicitly, so that the client does not decompress for us.
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// sortedLines makes two expositions comparable whatever the order of the
// families.
func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestCachedHandlerServesWhatHandlerServes(t *testing.T) {
	snap := fixtureSnapshot()
	h, _ := cachedServer(t, newSource(snap))
	// The reference: everything in one registry, through promhttp.
	ref := prometheus.NewPedanticRegistry()
	ref.MustRegister(NewCollector(newSource(snap), govaudit.DefaultCatalog()))
	NewRecorder(ref).ObserveRun(3*time.Minute, nil)
	want := sortedLines(scrape(t, Handler(ref)))

	tests := []struct {
		name, accept, encoding, wantEncoding string
	}{
		{"text, plain", "text/plain;version=0.0.4", "identity", ""},
		{"text, gzip", "text/plain;version=0.0.4", "gzip", "gzip"},
		{"no accept, gzip refused", "", "gzip;q=0, identity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, h, tt.accept, tt.encoding)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("content encoding: got %q, want %q", got, tt.wantEncoding)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("content type: got %q, want text/plain", ct)
			}
			// promhttp counts its own scrapes, so the counter differs by
			// the scrapes made; compare everything else.
			if got := sortedLines(dropLines(body, "promhttp_metric_handler_requests_total")); got != sortedLines(dropLines(want, "promhttp_metric_handler_requests_total")) {
				t.Errorf("exposition differs from promhttp's:\ngot\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func dropLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestCachedHandlerProtobuf(t *testing.T) {
	h, _ := cachedServer(t, newSource(fixtureSnapshot()))
	resp, body := get(t, h, "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", "gzip")
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "protobuf") {
		t.Errorf("content type: got %q, want protobuf", ct)
	}
	if !strings.Contains(body, "govaudit_requirement_status") || !strings.Contains(body, "govaudit_audit_runs_total") {
		t.Error("body: want both the cached and the live families")
	}
}

// TestCachedHandlerRebuildsOnChange checks that the store's series are
// gathered once per snapshot version, and again when it changes.
func TestCachedHandlerRebuildsOnChange(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Version = 1
	src := &countingSource{}
	src.p.Store(snap)
	h, _ := cachedServer(t, src)

	_, first := get(t, h, "", "identity")
	calls := src.calls.Load()
	for range 3 {
		get(t, h, "", "identity")
	}
	// One Snapshot per scrape to read the version, none to collect.
	if got, want := src.calls.Load()-calls, int64(3); got != want {
		t.Errorf("snapshots taken by 3 scrapes of an unchanged store: got %d, want %d", got, want)
	}

	next := *snap
	next.Version = 2
	next.Sites = snap.Sites[:1]
	src.p.Store(&next)
	_, second := get(t, h, "", "identity")
	if !strings.Contains(first, "govaudit_sites 4\n") || !strings.Contains(second, "govaudit_sites 1\n") {
		t.Errorf("govaudit_sites: want 4 before the change and 1 after")
	}
}

func TestCachedHandlerCountsErrors(t *testing.T) {
	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	snap := fixtureSnapshot()
	snap.Sites[1].Name = "大连\xff"
	h, reg := cachedServer(t, newSource(snap))
	_, body := get(t, h, "", "identity")
	if !strings.Contains(body, `site="ln-fgw"`) || strings.Contains(body, `city="大连"`) {
		t.Error("body: want the good sites and not the bad one")
	}
	mfs, _ := reg.Gather()
	if got, ok := value(mfs, "promhttp_metric_handler_errors_total", map[string]string{"cause": "gathering"}); !ok || got != 1 {
		t.Errorf("gathering errors: got %v (present %v), want 1", got, ok)
	}
	if !strings.Contains(logs.String(), "not valid UTF-8") {
		t.Errorf("log: got %q, want the gathering error", logs.String())
	}
}

// TestCachedHandlerWarm: after Warm, Prometheus' first scrape is served
// from the cache without collecting the sites again.
func TestCachedHandlerWarm(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Version = 1
	src := &countingSource{}
	src.p.Store(snap)
	h, _ := cachedServer(t, src)
	w, ok := h.(Warmer)
	if !ok {
		t.Fatal("the cached handler has no Warm")
	}
	w.Warm()
	calls := src.calls.Load()
	resp, body := get(t, h, prometheusAccept, "gzip")
	// One Snapshot to read the version, none to collect.
	if got := src.calls.Load() - calls; got != 1 {
		t.Errorf("snapshots taken by the first scrape after Warm: got %d, want 1", got)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "govaudit_sites 4\n") {
		t.Errorf("scrape after Warm: HTTP %d, govaudit_sites 4 in the body: %v", resp.StatusCode, strings.Contains(body, "govaudit_sites 4\n"))
	}
}
