package crawler

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFetch compares the crawler with a bare http.Client doing the
// same work: one op is an audit-sized visit of one site (a fresh
// SiteFetcher fetching pagesPerVisit distinct pages), over 400 fake sites
// served by one loopback listener, with no politeness delay. Run with
//
//	go test -run '^$' -bench BenchmarkFetch ./crawler/
//
// and compare the pages/s of the two sub-benchmarks.
func BenchmarkFetch(b *testing.B) {
	const (
		sites         = 400
		pagesPerVisit = 20
	)
	page := bytes.Repeat([]byte("<li><a href=\"/art/2026/5/6/art_1_1.html\">辽宁省人民政府关于政务公开的通知</a><span>2026-05-06</span></li>\n"), 120)
	srv := quietServer(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	addr := srv.Listener.Addr().String()
	resolve := func(string) string { return addr }
	url := func(site, page int) string { return fmt.Sprintf("http://www.s%d.gov.cn/p%d.html", site, page) }

	b.Run("crawler", func(b *testing.B) {
		opts := testOptions()
		opts.Resolve = resolve
		opts.MaxPagesPerSite = pagesPerVisit
		opts.Timeout = 10 * time.Second
		c, err := New(opts, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		var next atomic.Int64
		b.ReportAllocs()
		b.SetParallelism(4)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				site := int(next.Add(1)) % sites
				f := c.Site(fmt.Sprint("s", site))
				for i := range pagesPerVisit {
					if p := f.Fetch(context.Background(), url(site, i), 1); !p.OK() || len(p.Body) != len(page) {
						b.Errorf("fetch: %v", p.Err)
					}
				}
			}
		})
		b.ReportMetric(float64(b.N*pagesPerVisit)/b.Elapsed().Seconds(), "pages/s")
	})

	b.Run("bare", func(b *testing.B) {
		tr := &http.Transport{
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			},
			ForceAttemptHTTP2:   true,
			MaxIdleConns:        4096,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
		}
		defer tr.CloseIdleConnections()
		client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
		var next atomic.Int64
		b.ReportAllocs()
		b.SetParallelism(4)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				site := int(next.Add(1)) % sites
				for i := range pagesPerVisit {
					req, _ := http.NewRequest("GET", url(site, i), nil)
					req.Header.Set("User-Agent", testUA)
					resp, err := client.Do(req)
					if err != nil {
						b.Errorf("get: %v", err)
						continue
					}
					body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20+1))
					resp.Body.Close()
					if err != nil || len(body) != len(page) {
						b.Errorf("body: %d bytes, %v", len(body), err)
					}
				}
			}
		})
		b.ReportMetric(float64(b.N*pagesPerVisit)/b.Elapsed().Seconds(), "pages/s")
	})
}
