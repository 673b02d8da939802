package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"text/tabwriter"
	"time"

	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
)

// scaleResult is one --scale run: an audit of the province into a store
// that is kept, a second unchanged audit for the store's growth, then the
// serving figures of an App.Handler over that store.
type scaleResult struct {
	Sites       int     `json:"sites"`
	Concurrency int     `json:"site_concurrency"`
	Screenshots bool    `json:"screenshots"`
	ServeOnly   bool    `json:"serve_only,omitempty"`
	Pages       int     `json:"pages_fetched"`
	AuditWall   float64 `json:"audit_wall_seconds"`
	AuditRSS    float64 `json:"audit_peak_rss_mib"`
	// The peak RSS split: anonymous memory (the heap, what the audit
	// holds) and file-backed (mostly the store's memory map).
	AuditAnon  float64 `json:"audit_peak_anon_mib"`
	AuditFile  float64 `json:"audit_peak_file_mib"`
	Audit2Anon float64 `json:"second_audit_peak_anon_mib"`
	ServeAnon  float64 `json:"serve_peak_anon_mib"`
	StoreBytes int64   `json:"store_used_bytes_after_first"`
	FileBytes  int64   `json:"store_file_bytes_after_first"`
	Audit2Wall float64 `json:"second_audit_wall_seconds"`
	Audit2RSS  float64 `json:"second_audit_peak_rss_mib"`
	Growth     int64   `json:"store_growth_bytes_second"`
	// Growths are the store's growth by each unchanged audit, GrowthMean
	// their mean.
	Growths    []int64 `json:"store_growth_bytes_unchanged"`
	GrowthMean float64 `json:"store_growth_bytes_unchanged_mean"`
	// Latency mode: the politeness lower bound and the ratio to it.
	LatencyMS   float64 `json:"latency_ms,omitempty"`
	DelayMS     float64 `json:"per_host_delay_ms,omitempty"`
	Parallelism int     `json:"per_host_parallelism,omitempty"`
	BoundSecs   float64 `json:"politeness_bound_seconds,omitempty"`
	BoundRatio  float64 `json:"ratio_to_bound,omitempty"`
	Bound2Secs  float64 `json:"second_politeness_bound_seconds,omitempty"`
	Bound2Ratio float64 `json:"second_ratio_to_bound,omitempty"`
	// Where the time above the bound goes: SiteRatio is the sites' audit
	// durations over their own bounds (time lost inside a site), SlotUse
	// the share of the run's site slots that were auditing a site (time
	// lost between sites and in the run's tail).
	SiteRatio  float64       `json:"site_time_to_bound,omitempty"`
	SlotUse    float64       `json:"slot_use,omitempty"`
	Site2Ratio float64       `json:"second_site_time_to_bound,omitempty"`
	Slot2Use   float64       `json:"second_slot_use,omitempty"`
	Serve      []serveFigure `json:"serve,omitempty"`
	ServeRSS   float64       `json:"serve_peak_rss_mib,omitempty"`
}

// serveFigure is one request against the handler: its median time over
// the tries, and the bytes of the answer.
type serveFigure struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
	Bytes   int64   `json:"bytes"`
	Status  int     `json:"status"`
	// PeakRSS is the process's peak resident size during the request's
	// tries (VmHWM, reset before them).
	PeakRSS float64 `json:"peak_rss_mib"`
}

// scaleOptions are the --scale run's knobs.
type scaleOptions struct {
	concurrency int
	latency     time.Duration
	polite      bool // default politeness instead of none
	unchanged   int  // unchanged audits after the first, for the store's growth
	serve       bool // measure the handler
	keep        string
	screenshots bool
	serveOnly   bool
	heapProfile string
}

func runScale(ctx context.Context, prov *benchProvince, o scaleOptions, stdout io.Writer) (scaleResult, error) {
	res := scaleResult{Sites: len(prov.Sites), Concurrency: o.concurrency}
	// The page list and the ground truth are the throughput rounds'; at
	// thousands of sites they are a hundred megabytes of the harness that
	// would count in the audit's peak RSS.
	prov.URLs, prov.Truth, prov.Census = nil, nil, nil
	dir := o.keep
	if dir == "" {
		d, err := os.MkdirTemp("", "govaudit-scale-")
		if err != nil {
			return res, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	dbPath := filepath.Join(dir, "scale.db")
	cfg, resolve := benchConfig(prov, dbPath, o.concurrency)
	cfg.Crawl.Screenshots = o.screenshots
	res.Screenshots = o.screenshots
	res.ServeOnly = o.serveOnly
	if o.polite {
		def := config.Default()
		cfg.Crawl.PerHostDelay = def.Crawl.PerHostDelay
		cfg.Crawl.PerHostParallelism = def.Crawl.PerHostParallelism
		res.DelayMS = float64(cfg.Crawl.PerHostDelay) / float64(time.Millisecond)
		res.Parallelism = cfg.Crawl.PerHostParallelism
	}
	res.LatencyMS = float64(o.latency) / float64(time.Millisecond)
	a, err := app.New(&cfg, slog.New(slog.DiscardHandler), app.Options{Command: "govaudit-bench", Resolve: resolve})
	if err != nil {
		return res, err
	}
	defer a.Close()

	// --serve-only measures the serving figures over a kept store.
	if !o.serveOnly {
		if err := measureAudits(ctx, a, &cfg, dbPath, o, &res); err != nil {
			return res, err
		}
	}
	if o.serve {
		settle()
		resetPeakRSS()
		sampler := startRSSSampler()
		figs, err := measureServe(ctx, a.Handler(ctx))
		if err != nil {
			return res, err
		}
		res.Serve = figs
		for _, f := range figs {
			res.ServeRSS = max(res.ServeRSS, f.PeakRSS)
		}
		res.ServeAnon, _ = sampler.end()
	}
	return res, nil
}

// measureAudits audits the province into a's store and fills in the audit
// figures: the first audit, then o.unchanged unchanged ones for the
// store's growth, with the politeness bound when the run is polite.
func measureAudits(ctx context.Context, a *app.App, cfg *config.Config, dbPath string, o scaleOptions, res *scaleResult) error {
	var err error
	settle()
	resetPeakRSS()
	sampler := startRSSSampler()
	start := time.Now()
	if _, err := a.Audit(ctx, "bench", nil, nil); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	res.AuditWall = time.Since(start).Seconds()
	res.AuditRSS = peakRSSMiB()
	res.AuditAnon, res.AuditFile = sampler.end()
	if o.heapProfile != "" {
		// What the audit left live: anything here that grows with the
		// number of sites is memory not set by concurrency.
		runtime.GC()
		if err := writeProfile("heap", o.heapProfile); err != nil {
			return err
		}
	}
	if res.StoreBytes, err = a.Store().UsedBytes(); err != nil {
		return err
	}
	res.FileBytes = fileSize(dbPath)
	perSite, took := pagesPerSite(a)
	for _, n := range perSite {
		res.Pages += n
	}
	perPage := (o.latency + cfg.Crawl.PerHostDelay).Seconds() / float64(max(cfg.Crawl.PerHostParallelism, 1))
	polite := o.latency > 0 || o.polite
	if polite {
		res.BoundSecs, res.BoundRatio = politenessBound(perSite, perPage, o.concurrency, res.AuditWall)
		res.SiteRatio, res.SlotUse = siteEfficiency(perSite, perPage, took, o.concurrency, res.AuditWall)
	}
	if o.unchanged > 0 {
		settle()
		resetPeakRSS()
		sampler := startRSSSampler()
		start = time.Now()
		if _, err := a.Audit(ctx, "bench", nil, nil); err != nil {
			return fmt.Errorf("second audit: %w", err)
		}
		res.Audit2Wall = time.Since(start).Seconds()
		res.Audit2RSS = peakRSSMiB()
		res.Audit2Anon, _ = sampler.end()
		if polite {
			// The second run starts the sites that took longest first.
			perSite, took := pagesPerSite(a)
			res.Bound2Secs, res.Bound2Ratio = politenessBound(perSite, perPage, o.concurrency, res.Audit2Wall)
			res.Site2Ratio, res.Slot2Use = siteEfficiency(perSite, perPage, took, o.concurrency, res.Audit2Wall)
		}
		// The file grows by whole pages: one audit may take a site's
		// history onto a new page and the next fill it. The growth of
		// several unchanged audits, averaged, is what a year of them costs.
		prev := res.StoreBytes
		for i := 0; i < o.unchanged; i++ {
			if i > 0 {
				if _, err := a.Audit(ctx, "bench", nil, nil); err != nil {
					return fmt.Errorf("unchanged audit %d: %w", i+1, err)
				}
			}
			used, err := a.Store().UsedBytes()
			if err != nil {
				return err
			}
			res.Growths = append(res.Growths, used-prev)
			prev = used
		}
		res.Growth = res.Growths[0]
		res.GrowthMean = float64(prev-res.StoreBytes) / float64(o.unchanged)
	}
	return nil
}

// measureServe times the pages a national deployment is read through,
// over a real listener with a client that discards the bodies, so that
// only the server's memory counts.
func measureServe(ctx context.Context, h http.Handler) ([]serveFigure, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 10 * time.Minute}
	reqs := []struct {
		name, path string
		gzip       bool
		tries      int
	}{
		{"/metrics (first)", "/metrics", true, 1},
		{"/metrics", "/metrics", true, 5},
		{"/metrics (plain)", "/metrics", false, 3},
		{"overview GET / (first since the audit)", "/", false, 1},
		{"overview GET /", "/", false, 5},
		{"overview page 3, by score", "/?sort=score&dir=desc&page=3", false, 5},
		{"site page", "/sites/bench-0001", false, 5},
		{"requirements", "/requirements", false, 3},
		{"requirement page, first of its pages", "/requirements/all-10", false, 3},
		{"export json", "/api/v1/export?format=json", false, 1},
		{"export csv", "/api/v1/export?format=csv", false, 1},
		{"export xlsx", "/api/v1/export?format=xlsx", false, 1},
		{"export xlsx, city sites", "/api/v1/export?format=xlsx&level=city", false, 1},
	}
	var out []serveFigure
	for _, r := range reqs {
		var times []float64
		fig := serveFigure{Name: r.name}
		settle()
		resetPeakRSS()
		for range r.tries {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+r.path, nil)
			if err != nil {
				return nil, err
			}
			if r.gzip {
				// As Prometheus asks: gzip, read as delivered.
				req.Header.Set("Accept-Encoding", "gzip")
			}
			start := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.name, err)
			}
			n, err := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.name, err)
			}
			times = append(times, time.Since(start).Seconds())
			fig.Bytes, fig.Status = n, resp.StatusCode
		}
		fig.Seconds = medianOf(times)
		fig.PeakRSS = peakRSSMiB()
		out = append(out, fig)
	}
	return out, nil
}

// politenessBound is the least wall time the pages of each site allow at
// the politeness rule: each site's pages × perPage (latency plus delay,
// over the per-host parallelism), summed over the sites and shared by the
// concurrent ones, and never less than the longest site alone. ratio is
// wall over that bound.
func politenessBound(pagesPerSite []int, perPage float64, concurrency int, wall float64) (bound, ratio float64) {
	var sum, longest float64
	for _, n := range pagesPerSite {
		b := float64(n) * perPage
		sum += b
		longest = max(longest, b)
	}
	bound = max(sum/float64(max(concurrency, 1)), longest)
	if bound > 0 {
		ratio = wall / bound
	}
	return bound, ratio
}

// siteEfficiency splits a run's distance from its politeness bound: the
// sites' summed durations over their summed bounds, and the share of
// concurrency × wall that sites were being audited.
func siteEfficiency(pagesPerSite []int, perPage float64, took time.Duration, concurrency int, wall float64) (siteRatio, slotUse float64) {
	var bound float64
	for _, n := range pagesPerSite {
		bound += float64(n) * perPage
	}
	if bound > 0 {
		siteRatio = took.Seconds() / bound
	}
	if wall > 0 {
		slotUse = took.Seconds() / (wall * float64(max(concurrency, 1)))
	}
	return siteRatio, slotUse
}

func medianOf(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func printScale(w io.Writer, res scaleResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "sites\t%d (site concurrency %d; screenshots %v)\n", res.Sites, res.Concurrency, res.Screenshots)
	if res.ServeOnly {
		fmt.Fprintf(tw, "store\tkept from an earlier run\n")
	} else {
		fmt.Fprintf(tw, "pages fetched\t%d\n", res.Pages)
		fmt.Fprintf(tw, "audit wall time\t%.1f s\n", res.AuditWall)
		fmt.Fprintf(tw, "audit peak RSS\t%.1f MiB (anonymous %.1f MiB, file-backed %.1f MiB)\n", res.AuditRSS, res.AuditAnon, res.AuditFile)
		fmt.Fprintf(tw, "store after one audit\t%.1f MiB used (%.1f KiB per site); file %.1f MiB\n", float64(res.StoreBytes)/(1<<20), float64(res.StoreBytes)/1024/float64(max(res.Sites, 1)), float64(res.FileBytes)/(1<<20))
	}
	if res.BoundSecs > 0 {
		fmt.Fprintf(tw, "politeness bound\t%.1f s (latency %.0f ms, delay %.0f ms, parallelism %d); ratio %.2f\n", res.BoundSecs, res.LatencyMS, res.DelayMS, res.Parallelism, res.BoundRatio)
		fmt.Fprintf(tw, "  where the rest goes\tsites' own time %.2f of their bounds; site slots in use %.0f %%\n", res.SiteRatio, 100*res.SlotUse)
	}
	if res.Audit2Wall > 0 {
		fmt.Fprintf(tw, "second audit\t%.1f s, peak RSS %.1f MiB (anonymous %.1f MiB), store grew %.1f MiB (%.2f KiB per site)\n", res.Audit2Wall, res.Audit2RSS, res.Audit2Anon, float64(res.Growth)/(1<<20), float64(res.Growth)/1024/float64(max(res.Sites, 1)))
		if len(res.Growths) > 1 {
			fmt.Fprintf(tw, "%d unchanged audits\tstore grew %.2f KiB per site per audit on average (", len(res.Growths), res.GrowthMean/1024/float64(max(res.Sites, 1)))
			for i, g := range res.Growths {
				if i > 0 {
					fmt.Fprint(tw, ", ")
				}
				fmt.Fprintf(tw, "%.2f", float64(g)/1024/float64(max(res.Sites, 1)))
			}
			fmt.Fprint(tw, ")\n")
		}
		if res.Bound2Secs > 0 {
			fmt.Fprintf(tw, "second audit, longest sites first\tpoliteness bound %.1f s; ratio %.2f; sites' own time %.2f of their bounds; site slots in use %.0f %%\n", res.Bound2Secs, res.Bound2Ratio, res.Site2Ratio, 100*res.Slot2Use)
		}
	}
	for _, f := range res.Serve {
		fmt.Fprintf(tw, "%s\t%.3f s, %.1f MiB, HTTP %d; peak RSS %.1f MiB\n", f.Name, f.Seconds, float64(f.Bytes)/(1<<20), f.Status, f.PeakRSS)
	}
	if res.ServeRSS > 0 {
		fmt.Fprintf(tw, "serve peak RSS\t%.1f MiB (anonymous %.1f MiB)\n", res.ServeRSS, res.ServeAnon)
	}
	tw.Flush()
}

// pagesPerSite reads the pages each site's latest audit fetched, and the
// sum of the sites' audit durations.
func pagesPerSite(a *app.App) ([]int, time.Duration) {
	var out []int
	var took time.Duration
	snap := a.Store().Snapshot()
	for _, site := range snap.Sites {
		sum, _ := snap.Summary(site.ID)
		out = append(out, sum.Fetch.Pages)
		took += sum.Duration
	}
	return out, took
}
