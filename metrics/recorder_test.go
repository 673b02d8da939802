package metrics

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/govaudit/govaudit"
)

// TestRecorderStartsAtZero checks that every labelled counter exists before
// anything happened, so that rate() and increase() see the first event.
func TestRecorderStartsAtZero(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	NewRecorder(reg)
	tests := []struct {
		name string
		want int
	}{
		{"govaudit_fetch_errors_total", len(govaudit.ErrorKinds)},
		{"govaudit_audit_runs_total", 2},
		{"govaudit_pages_fetched_total", 1},
		{"govaudit_store_errors_total", 1},
		{"govaudit_audit_run_duration_seconds", 1},
		{"govaudit_site_audit_duration_seconds", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := testutil.GatherAndCount(reg, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("series: got %d, want %d", got, tt.want)
			}
		})
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range govaudit.ErrorKinds {
		if v, ok := value(mfs, "govaudit_fetch_errors_total", map[string]string{"kind": string(k)}); !ok || v != 0 {
			t.Errorf("fetch errors %s: got %v (present %v), want 0", k, v, ok)
		}
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

func TestRecorderObserveSite(t *testing.T) {
	r := NewRecorder(prometheus.NewPedanticRegistry())
	r.ObserveSite(govaudit.FetchStats{
		Pages: 12,
		Errors: map[govaudit.ErrorKind]int{
			govaudit.ErrTimeout: 2,
			govaudit.ErrHTTP4xx: 1,
			govaudit.ErrDNS:     0,
			govaudit.ErrRefused: -1, // nonsense: ignored, not a panic
			"quantum":           3,  // unknown kind: counted as other
			govaudit.ErrOther:   1,
		},
	}, 3*time.Second)
	r.ObserveSite(govaudit.FetchStats{Pages: 5, Errors: map[govaudit.ErrorKind]int{govaudit.ErrTimeout: 1}}, 200*time.Millisecond)
	r.ObserveSite(govaudit.FetchStats{Pages: -4}, time.Second)

	tests := []struct {
		name string
		c    prometheus.Collector
		want float64
	}{
		{"pages", r.pages, 17},
		{"timeout", r.fetchErrors[govaudit.ErrTimeout], 3},
		{"http_4xx", r.fetchErrors[govaudit.ErrHTTP4xx], 1},
		{"dns", r.fetchErrors[govaudit.ErrDNS], 0},
		{"refused", r.fetchErrors[govaudit.ErrRefused], 0},
		{"other", r.fetchErrors[govaudit.ErrOther], 4},
		{"tls", r.fetchErrors[govaudit.ErrTLS], 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testutil.ToFloat64(tt.c); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}

	want := `
# HELP govaudit_site_audit_duration_seconds Duration of the audit of one site.
# TYPE govaudit_site_audit_duration_seconds histogram
govaudit_site_audit_duration_seconds_bucket{le="0.5"} 1
govaudit_site_audit_duration_seconds_bucket{le="1"} 2
govaudit_site_audit_duration_seconds_bucket{le="2"} 2
govaudit_site_audit_duration_seconds_bucket{le="5"} 3
govaudit_site_audit_duration_seconds_bucket{le="10"} 3
govaudit_site_audit_duration_seconds_bucket{le="20"} 3
govaudit_site_audit_duration_seconds_bucket{le="30"} 3
govaudit_site_audit_duration_seconds_bucket{le="60"} 3
govaudit_site_audit_duration_seconds_bucket{le="120"} 3
govaudit_site_audit_duration_seconds_bucket{le="300"} 3
govaudit_site_audit_duration_seconds_bucket{le="600"} 3
govaudit_site_audit_duration_seconds_bucket{le="1200"} 3
govaudit_site_audit_duration_seconds_bucket{le="1800"} 3
govaudit_site_audit_duration_seconds_bucket{le="+Inf"} 3
govaudit_site_audit_duration_seconds_sum 4.2
govaudit_site_audit_duration_seconds_count 3
`
	if err := testutil.CollectAndCompare(r.siteDuration, strings.NewReader(want), "govaudit_site_audit_duration_seconds"); err != nil {
		t.Error(err)
	}
}

func TestRecorderObserveRun(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	r := NewRecorder(reg)
	r.ObserveRun(90*time.Second, nil)
	r.ObserveRun(100*time.Minute, nil)
	r.ObserveRun(3*time.Hour, errors.New("store: write run: disk full"))

	want := `
# HELP govaudit_audit_runs_total Audit runs finished, by result: ok, or error when the run itself could not complete.
# TYPE govaudit_audit_runs_total counter
govaudit_audit_runs_total{result="error"} 1
govaudit_audit_runs_total{result="ok"} 2
# HELP govaudit_audit_run_duration_seconds Duration of audit runs.
# TYPE govaudit_audit_run_duration_seconds histogram
govaudit_audit_run_duration_seconds_bucket{le="1"} 0
govaudit_audit_run_duration_seconds_bucket{le="2"} 0
govaudit_audit_run_duration_seconds_bucket{le="5"} 0
govaudit_audit_run_duration_seconds_bucket{le="10"} 0
govaudit_audit_run_duration_seconds_bucket{le="30"} 0
govaudit_audit_run_duration_seconds_bucket{le="60"} 0
govaudit_audit_run_duration_seconds_bucket{le="120"} 1
govaudit_audit_run_duration_seconds_bucket{le="300"} 1
govaudit_audit_run_duration_seconds_bucket{le="600"} 1
govaudit_audit_run_duration_seconds_bucket{le="900"} 1
govaudit_audit_run_duration_seconds_bucket{le="1200"} 1
govaudit_audit_run_duration_seconds_bucket{le="1800"} 1
govaudit_audit_run_duration_seconds_bucket{le="2700"} 1
govaudit_audit_run_duration_seconds_bucket{le="3600"} 1
govaudit_audit_run_duration_seconds_bucket{le="5400"} 1
govaudit_audit_run_duration_seconds_bucket{le="7200"} 2
govaudit_audit_run_duration_seconds_bucket{le="+Inf"} 3
govaudit_audit_run_duration_seconds_sum 16890
govaudit_audit_run_duration_seconds_count 3
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"govaudit_audit_runs_total", "govaudit_audit_run_duration_seconds"); err != nil {
		t.Error(err)
	}
	if got := testutil.ToFloat64(r.runsOK); got != 2 {
		t.Errorf("ok runs: got %v, want 2", got)
	}
}

func TestRecorderStoreError(t *testing.T) {
	r := NewRecorder(prometheus.NewPedanticRegistry())
	r.StoreError()
	r.StoreError()
	if got := testutil.ToFloat64(r.storeErrors); got != 2 {
		t.Errorf("store errors: got %v, want 2", got)
	}
}

// TestRecorderNil checks that code running without metrics can call a nil
// *Recorder.
func TestRecorderNil(t *testing.T) {
	var r *Recorder
	r.ObserveRun(time.Second, nil)
	r.ObserveSite(govaudit.FetchStats{Pages: 1}, time.Second)
	r.StoreError()
}

// TestRecorderConcurrent runs ObserveSite from many goroutines, as the audit
// loop's site workers do; -race checks the map of counters is only read.
func TestRecorderConcurrent(t *testing.T) {
	r := NewRecorder(prometheus.NewPedanticRegistry())
	const workers, each = 8, 50
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for range each {
				r.ObserveSite(govaudit.FetchStats{Pages: 2, Errors: map[govaudit.ErrorKind]int{govaudit.ErrTLS: 1}}, time.Second)
			}
		}()
	}
	for range workers {
		<-done
	}
	if got, want := testutil.ToFloat64(r.pages), float64(workers*each*2); got != want {
		t.Errorf("pages: got %v, want %v", got, want)
	}
	if got, want := testutil.ToFloat64(r.fetchErrors[govaudit.ErrTLS]), float64(workers*each); got != want {
		t.Errorf("tls errors: got %v, want %v", got, want)
	}
}

func TestETA(t *testing.T) {
	tests := []struct {
		done, total int
		elapsed     time.Duration
		want        time.Duration
	}{
		{0, 10, time.Minute, 0},
		{10, 10, time.Minute, 0},
		{1, 4, time.Minute, 3 * time.Minute},
		{300, 15000, 10 * time.Minute, 490 * time.Minute},
	}
	for _, tt := range tests {
		if got := ETA(tt.done, tt.total, tt.elapsed); got != tt.want {
			t.Errorf("ETA(%d, %d, %v): got %v, want %v", tt.done, tt.total, tt.elapsed, got, tt.want)
		}
	}
}

func TestRunProgress(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	r := NewRecorder(reg)
	r.RunProgress(3, 12, 90*time.Second)
	r.SiteDeadlineExceeded()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]float64{
		"govaudit_run_sites_done": 3, "govaudit_run_sites": 12, "govaudit_run_eta_seconds": 90,
		"govaudit_site_deadline_exceeded_total": 1,
	} {
		if got, ok := value(mfs, name, nil); !ok || got != want {
			t.Errorf("%s: got %v (present %v), want %v", name, got, ok, want)
		}
	}
	var nilRec *Recorder
	nilRec.RunProgress(1, 2, time.Second) // no-op, no panic
}
