package metrics

import (
	"io"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"

	"github.com/govaudit/govaudit"
)

// benchSites is the scale the brief sets: 10,000 sites × 4 requirements.
const benchSites = 10000

// BenchmarkCollect measures the collector alone: walking the snapshot and
// building the constant metrics.
func BenchmarkCollect(b *testing.B) {
	c := NewCollector(newSource(syntheticSnapshot(benchSites)), govaudit.DefaultCatalog())
	var series int
	for b.Loop() {
		ch := make(chan prometheus.Metric, 1024)
		done := make(chan int)
		go func() {
			n := 0
			for range ch {
				n++
			}
			done <- n
		}()
		c.Collect(ch)
		close(ch)
		series = <-done
	}
	b.ReportMetric(float64(series), "series/op")
}

// BenchmarkScrape measures a whole scrape as the handler serves it: the
// registry gathering (which checks, converts and sorts every series) and
// the text encoding.
func BenchmarkScrape(b *testing.B) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(newSource(syntheticSnapshot(benchSites)), govaudit.DefaultCatalog()))
	NewRecorder(reg)
	w := &countingWriter{}
	for b.Loop() {
		mfs, err := reg.Gather()
		if err != nil {
			b.Fatal(err)
		}
		w.n = 0
		enc := expfmt.NewEncoder(w, expfmt.NewFormat(expfmt.TypeTextPlain))
		for _, mf := range mfs {
			if err := enc.Encode(mf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(w.n), "bytes/scrape")
}

type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return io.Discard.Write(p)
}
