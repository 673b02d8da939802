package htmltree_test

import (
	"bytes"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/govaudit/govaudit/checks/htmltree"
	"github.com/govaudit/govaudit/demo"
)

// benchPages are the HTML pages of a small synthetic province, the pages
// the benchmark harness audits.
func benchPages(b *testing.B) [][]byte {
	t := &testing.T{}
	pages := provincePages(t, demo.Synthetic(8, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)))
	var out [][]byte
	for _, p := range pages {
		out = append(out, p)
	}
	return out
}

func BenchmarkParse(b *testing.B) {
	pages := benchPages(b)
	b.Run("htmltree", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				if _, ok := htmltree.Parse(p); !ok {
					html.Parse(bytes.NewReader(p))
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e3, "µs/page")
	})
	b.Run("x-net-html", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				html.Parse(bytes.NewReader(p))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e3, "µs/page")
	})
}
