package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// newProgress creates the instruments of a run's progress: a national run
// lasts hours, and its board and alerts need to see how far it is.
func (r *Recorder) newProgress(f promauto.Factory) {
	r.runDone = f.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace,
		Name:      "run_sites_done",
		Help:      "Sites the audit run in progress has finished (the last run's count once it is over).",
	})
	r.runTotal = f.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace,
		Name:      "run_sites",
		Help:      "Sites the audit run in progress (or the last run) covers. Not _total: it is a gauge, as promtool requires.",
	})
	r.runETA = f.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace,
		Name:      "run_eta_seconds",
		Help:      "Estimated seconds until the audit run in progress finishes, from its pace so far; 0 when no run is in progress.",
	})
	r.siteDeadlines = f.NewCounter(prometheus.CounterOpts{
		Namespace: namespace,
		Name:      "site_deadline_exceeded_total",
		Help:      "Site audits cut off by checks.site_deadline; their unfinished requirements were recorded unreachable.",
	})
}

// RunProgress records that done of total sites of the run in progress are
// finished, and the estimated time left.
func (r *Recorder) RunProgress(done, total int, eta time.Duration) {
	if r == nil {
		return
	}
	r.runDone.Set(float64(done))
	r.runTotal.Set(float64(total))
	r.runETA.Set(eta.Seconds())
}

// SiteDeadlineExceeded counts a site audit cut off by its deadline.
func (r *Recorder) SiteDeadlineExceeded() {
	if r == nil {
		return
	}
	r.siteDeadlines.Inc()
}

// ETA estimates the time left for a run that has finished done of total
// sites in elapsed, at the pace so far; 0 before the first site and after
// the last.
func ETA(done, total int, elapsed time.Duration) time.Duration {
	if done <= 0 || done >= total {
		return 0
	}
	return time.Duration(float64(elapsed) / float64(done) * float64(total-done)).Round(time.Second)
}
