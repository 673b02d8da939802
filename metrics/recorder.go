package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/govaudit/govaudit"
)

// runDurationBuckets cover audit runs from a few sites on loopback (about a
// second) to a whole province crawled politely (up to the two hours a
// nightly window allows).
var runDurationBuckets = []float64{1, 2, 5, 10, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200}

// siteDurationBuckets cover one site's audit: a failed home page returns in
// well under a second, a timeout takes the crawl timeout (20 s by default),
// and a full crawl of max_pages_per_site at per_host_delay takes minutes.
var siteDurationBuckets = []float64{0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800}

// Run results, the values of govaudit_audit_runs_total's result label.
const (
	resultOK    = "ok"
	resultError = "error"
)

// Recorder holds the process-level instruments that the audit loop updates.
// Its methods are safe for concurrent use, and are no-ops on a nil
// *Recorder, so code paths that run without metrics need no checks.
type Recorder struct {
	runDuration  prometheus.Histogram
	runsOK       prometheus.Counter
	runsError    prometheus.Counter
	pages        prometheus.Counter
	siteDuration prometheus.Histogram
	storeErrors  prometheus.Counter
	// internalErrors counts govaudit's own failures while judging (a
	// panic in a check): bugs to fix, never findings against a site.
	internalErrors prometheus.Counter
	// fetchErrors holds the counter of every kind in checks.ErrorKinds. It
	// is filled once in NewRecorder and only read afterwards, so
	// concurrent ObserveSite calls need no lock.
	fetchErrors map[govaudit.ErrorKind]prometheus.Counter
	// The progress of the run in progress (see progress.go).
	runDone, runTotal, runETA prometheus.Gauge
	siteDeadlines             prometheus.Counter
}

// NewRecorder creates the instruments and registers them with reg; a nil reg
// leaves them unregistered. It panics if they are already registered, as
// registering twice is a programming error.
func NewRecorder(reg prometheus.Registerer) *Recorder {
	f := promauto.With(reg)
	runs := f.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace,
		Name:      "audit_runs_total",
		Help:      "Audit runs finished, by result: ok, or error when the run itself could not complete.",
	}, []string{"result"})
	fetchErrors := f.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace,
		Name:      "fetch_errors_total",
		Help:      "Pages that could not be fetched, by kind of failure.",
	}, []string{"kind"})
	r := &Recorder{
		runDuration: f.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace,
			Name:      "audit_run_duration_seconds",
			Help:      "Duration of audit runs.",
			Buckets:   runDurationBuckets,
		}),
		// Resolving both results now exports them as 0 from the start,
		// so rate() and increase() see the first run.
		runsOK:    runs.WithLabelValues(resultOK),
		runsError: runs.WithLabelValues(resultError),
		pages: f.NewCounter(prometheus.CounterOpts{
			Namespace: namespace,
			Name:      "pages_fetched_total",
			Help:      "Pages fetched by site audits.",
		}),
		siteDuration: f.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace,
			Name:      "site_audit_duration_seconds",
			Help:      "Duration of the audit of one site.",
			Buckets:   siteDurationBuckets,
		}),
		storeErrors: f.NewCounter(prometheus.CounterOpts{
			Namespace: namespace,
			Name:      "store_errors_total",
			Help:      "Failed writes to the store.",
		}),
		internalErrors: f.NewCounter(prometheus.CounterOpts{
			Namespace: namespace,
			Name:      "internal_errors_total",
			Help:      "Requirements (or census blocks) govaudit failed to judge because of its own error; the log has the stack.",
		}),
		fetchErrors: make(map[govaudit.ErrorKind]prometheus.Counter, len(govaudit.ErrorKinds)),
	}
	for _, k := range govaudit.ErrorKinds {
		r.fetchErrors[k] = fetchErrors.WithLabelValues(string(k))
	}
	r.newProgress(f)
	return r
}

// InternalError counts one failure of govaudit itself while judging.
func (r *Recorder) InternalError() {
	if r == nil {
		return
	}
	r.internalErrors.Inc()
}

// ObserveRun records a finished audit run: its duration, and its result,
// error when err is non-nil.
func (r *Recorder) ObserveRun(d time.Duration, err error) {
	if r == nil {
		return
	}
	r.runDuration.Observe(d.Seconds())
	if err != nil {
		r.runsError.Inc()
		return
	}
	r.runsOK.Inc()
}

// ObserveSite records the audit of one site: the pages it fetched, its fetch
// errors by kind, and its duration. The duration histogram has no site label:
// per-site timing belongs in the store, not in 10,000 histograms.
func (r *Recorder) ObserveSite(stats govaudit.FetchStats, d time.Duration) {
	if r == nil {
		return
	}
	r.siteDuration.Observe(d.Seconds())
	// Counter.Add panics on a negative value; a nonsensical count must not
	// take an audit down.
	if stats.Pages > 0 {
		r.pages.Add(float64(stats.Pages))
	}
	for kind, n := range stats.Errors {
		if n <= 0 {
			continue
		}
		c, ok := r.fetchErrors[kind]
		if !ok {
			// A kind outside checks.ErrorKinds would be a new, unbounded
			// label value; count it as other instead.
			c = r.fetchErrors[govaudit.ErrOther]
		}
		c.Add(float64(n))
	}
}

// StoreError records a failed write to the store.
func (r *Recorder) StoreError() {
	if r == nil {
		return
	}
	r.storeErrors.Inc()
}
