package metrics

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves reg's metrics in the exposition formats Prometheus asks for.
//
// A metric that fails to gather (an invalid label value, say) is logged
// through slog and left out, and everything else is still served: one bad
// site must not blank the whole scrape. Such failures are also counted in
// promhttp_metric_handler_errors_total, and scrapes in
// promhttp_metric_handler_requests_total, both registered with reg.
func Handler(reg *prometheus.Registry) http.Handler {
	return promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slogErrorLog{},
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      reg,
	}))
}

// slogErrorLog adapts promhttp's Println logger to log/slog. It looks the
// default logger up on every call so that a logger installed after Handler
// was built (by the command's flag parsing, say) is the one used.
type slogErrorLog struct{}

func (slogErrorLog) Println(v ...any) {
	slog.Default().Error("serving metrics", "err", strings.TrimSpace(fmt.Sprintln(v...)))
}
