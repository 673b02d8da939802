package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/demo"
)

// benchProvince is what the province process tells the benchmark: where
// it listens, which sites it serves, every page URL and the ground truth.
type benchProvince struct {
	Addr   string                                  `json:"addr"`
	Sites  []govaudit.Site                         `json:"sites"`
	URLs   []string                                `json:"urls"`
	Truth  map[string]map[string]demo.Expect       `json:"truth"`
	Census map[string]map[string]demo.CensusExpect `json:"census"`

	pid  int
	stop func()
}

// cpu returns the CPU seconds the province process has used so far.
func (p *benchProvince) cpu() float64 { return childCPU(p.pid) }

// benchResult is one benchmark run, as printed and recorded in README.md.
type benchResult struct {
	Sites           int     `json:"sites"`
	Concurrency     int     `json:"site_concurrency"`
	WallSeconds     float64 `json:"wall_seconds"`
	Pages           int     `json:"pages_fetched"`
	PagesPerSecond  float64 `json:"pages_per_second"`
	MaxPagesPerSite int     `json:"max_pages_per_site"`
	PeakRSSMiB      float64 `json:"peak_rss_mib"`
	BarePages       int     `json:"bare_pages"`
	BarePerSecond   float64 `json:"bare_pages_per_second"`
	Ratio           float64 `json:"ratio_to_bare"`
	TruthMatched    int     `json:"truth_matched"`
	TruthTotal      int     `json:"truth_total"`
	// CPU seconds (user+system) spent during each phase by this process
	// and by the province process: the machine is small and shared, so
	// these say more than wall time about where a change helped.
	AuditCPUSeconds        float64 `json:"audit_cpu_seconds"`
	ProvinceCPUSeconds     float64 `json:"province_cpu_seconds"`
	BareCPUSeconds         float64 `json:"bare_cpu_seconds"`
	BareProvinceCPUSeconds float64 `json:"bare_province_cpu_seconds"`
	BareFirst              bool    `json:"bare_first"`
	BareWorkers            int     `json:"bare_workers"`
	// The stricter reference: the bare client with the audit's budget,
	// per site (see benchBare).
	BarePerHost       int     `json:"bare_per_host"`
	SiteBarePerSecond float64 `json:"site_bare_pages_per_second"`
	SiteRatio         float64 `json:"ratio_to_site_bare"`
	// The literal reading of "the same pages": the bare client (flat, as
	// many workers) over exactly the pages the audit fetched (home, portal,
	// column and detail pages, where the province is mostly detail pages).
	OwnBarePages     int     `json:"own_bare_pages"`
	OwnBarePerSecond float64 `json:"own_bare_pages_per_second"`
	OwnRatio         float64 `json:"ratio_to_own_bare"`
	// The audit's crawler alone over the audit's pages, no parsing or
	// judging: the floor under the audit, as a ratio to the flat bare
	// client like the audit's own.
	CrawlerPages      int     `json:"crawler_pages"`
	CrawlerPerSecond  float64 `json:"crawler_pages_per_second"`
	CrawlerCPUSeconds float64 `json:"crawler_cpu_seconds"`
	CrawlerRatio      float64 `json:"crawler_ratio_to_bare"`
}

// benchReport is what --json writes: the per-figure medians at the top
// level (the same fields as a single run) and every run.
type benchReport struct {
	benchResult
	Runs []benchResult `json:"runs"`
}

// cmdBench is the reproducible benchmark harness: a synthetic province of
// --sites sites served on loopback by a child process (so its pages do not
// count in this process's memory), audited with zero politeness delay, then
// fetched page by page by a bare concurrent HTTP client for comparison.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("govaudit-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sites := fs.Int("sites", 400, "sites in the synthetic province")
	concurrency := fs.Int("concurrency", 64, "sites audited at once")
	bareWorkers := fs.Int("bare-workers", 64, "concurrent requests of the bare client (flat shape, the reference the target was set against)")
	runs := fs.Int("runs", 1, "rounds of audit and bare client; figures are the medians, the order of the two phases alternates")
	jsonOut := fs.String("json", "", "also write the result as JSON to this file")
	serveProvince := fs.Bool("serve-province", false, "internal: serve the province and print its description")
	nowFlag := fs.Int64("now", 0, "internal: the province's clock (unix seconds)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the last audit phase to this file")
	memProfile := fs.String("memprofile", "", "write the allocations of the last audit phase to this file (and the base to subtract, FILE.base: pprof -diff_base)")
	scale := fs.Bool("scale", false, "national-scale run instead of the throughput rounds: audit into a kept store, audit again unchanged (store growth), then time /metrics, the overview and the exports over it")
	latency := fs.Duration("latency", 0, "delay every province response by this much (with --scale: default politeness, wall time as a ratio to the politeness bound)")
	polite := fs.Bool("polite", false, "with --scale: the default politeness (per-host delay and parallelism) instead of none; implied by --latency")
	noSecond := fs.Bool("no-second", false, "with --scale: skip the second, unchanged audit (--unchanged 0)")
	unchanged := fs.Int("unchanged", 1, "with --scale: unchanged audits after the first; the store's growth is averaged over them")
	noServe := fs.Bool("no-serve", false, "with --scale: skip the serving figures")
	keep := fs.String("keep", "", "with --scale: keep the store in this directory")
	serveOnly := fs.Bool("serve-only", false, "with --scale and --keep DIR: skip the audits and measure the serving figures over the store kept there")
	screenshots := fs.Bool("screenshots", false, "with --scale: screenshot stale, empty and unreadable columns with Chromium, as the default config does where Chromium is installed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *serveProvince {
		return serveBenchProvince(ctx, *sites, time.Unix(*nowFlag, 0), *latency, stdout)
	}
	if *runs < 1 {
		return fmt.Errorf("--runs %d: at least one run", *runs)
	}

	now := time.Now()
	prov, err := startBenchProvince(ctx, *sites, now, *latency)
	if err != nil {
		return err
	}
	defer prov.stop()
	if *scale {
		if *noSecond || *unchanged < 0 {
			*unchanged = 0
		}
		res, err := runScale(ctx, prov, scaleOptions{concurrency: *concurrency, latency: *latency, polite: *polite || *latency > 0,
			unchanged: *unchanged, serve: !*noServe, keep: *keep, screenshots: *screenshots, serveOnly: *serveOnly, heapProfile: *memProfile}, stdout)
		if err != nil {
			return err
		}
		printScale(stdout, res)
		if *jsonOut != "" {
			b, _ := json.MarshalIndent(res, "", "  ")
			return os.WriteFile(*jsonOut, append(b, '\n'), 0o644)
		}
		return nil
	}

	var all []benchResult
	for i := 0; i < *runs; i++ {
		// Alternate which phase goes first, so that neither always meets
		// a province process warmed up (or a page cache filled) by the
		// other.
		var prof benchProfiles
		if i == *runs-1 {
			prof = benchProfiles{cpu: *cpuProfile, mem: *memProfile}
		}
		res, err := benchRound(ctx, prov, *concurrency, *bareWorkers, i%2 == 1, prof)
		if err != nil {
			return err
		}
		all = append(all, res)
		if *runs > 1 {
			fmt.Fprintf(stdout, "run %d: wall %.2f s, %d pages, %.0f pages/s, audit CPU %.2f s (province %.2f s), peak RSS %.1f MiB; bare %.0f pages/s, CPU %.2f s (province %.2f s); ratio %.2f; per-site bare %.0f pages/s, ratio %.2f; bare on the audit's pages %.0f pages/s, ratio %.2f; truth %d/%d%s\n",
				i+1, res.WallSeconds, res.Pages, res.PagesPerSecond, res.AuditCPUSeconds, res.ProvinceCPUSeconds, res.PeakRSSMiB,
				res.BarePerSecond, res.BareCPUSeconds, res.BareProvinceCPUSeconds, res.Ratio, res.SiteBarePerSecond, res.SiteRatio, res.OwnBarePerSecond, res.OwnRatio, res.TruthMatched, res.TruthTotal,
				map[bool]string{true: " (bare first)"}[res.BareFirst])
		}
	}
	rep := benchReport{benchResult: medianResult(all), Runs: all}
	res := rep.benchResult

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	if *runs > 1 {
		fmt.Fprintf(tw, "medians of\t%d runs\n", *runs)
	}
	fmt.Fprintf(tw, "sites\t%d (site concurrency %d)\n", res.Sites, res.Concurrency)
	fmt.Fprintf(tw, "wall time\t%.2f s\n", res.WallSeconds)
	fmt.Fprintf(tw, "pages fetched\t%d (max %d for one site)\n", res.Pages, res.MaxPagesPerSite)
	fmt.Fprintf(tw, "pages per second\t%.0f\n", res.PagesPerSecond)
	fmt.Fprintf(tw, "audit CPU\t%.2f s (%.0f µs per page); province process %.2f s\n", res.AuditCPUSeconds, 1e6*res.AuditCPUSeconds/float64(max(res.Pages, 1)), res.ProvinceCPUSeconds)
	fmt.Fprintf(tw, "peak RSS\t%.1f MiB\n", res.PeakRSSMiB)
	fmt.Fprintf(tw, "bare client\t%d pages, %.0f pages/s (%d workers); CPU %.2f s, province process %.2f s\n", res.BarePages, res.BarePerSecond, res.BareWorkers, res.BareCPUSeconds, res.BareProvinceCPUSeconds)
	fmt.Fprintf(tw, "ratio to bare\t%.2f\n", res.Ratio)
	fmt.Fprintf(tw, "bare client per site\t%.0f pages/s (%d sites × %d requests at once); ratio %.2f\n", res.SiteBarePerSecond, res.Concurrency, res.BarePerHost, res.SiteRatio)
	fmt.Fprintf(tw, "bare client, audit's pages\t%d pages, %.0f pages/s (%d workers); ratio %.2f\n", res.OwnBarePages, res.OwnBarePerSecond, res.BareWorkers, res.OwnRatio)
	fmt.Fprintf(tw, "crawler alone, audit's pages\t%d pages, %.0f pages/s, CPU %.2f s (%.0f µs per page); %.2f of the bare client\n", res.CrawlerPages, res.CrawlerPerSecond, res.CrawlerCPUSeconds, 1e6*res.CrawlerCPUSeconds/float64(max(res.CrawlerPages, 1)), res.CrawlerRatio)
	fmt.Fprintf(tw, "ground truth\t%d of %d results match\n", res.TruthMatched, res.TruthTotal)
	tw.Flush()
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *jsonOut, err)
		}
	}
	return nil
}

// benchProfiles names the profiles to take of a round's audit phase; ""
// for none.
type benchProfiles struct{ cpu, mem string }

// benchRound is one audit of the province and one pass of the bare client
// over every page, in the order asked for.
func benchRound(ctx context.Context, prov *benchProvince, concurrency, bareWorkers int, bareFirst bool, prof benchProfiles) (benchResult, error) {
	res := benchResult{Sites: len(prov.Sites), Concurrency: concurrency, BareWorkers: bareWorkers,
		BarePerHost: config.Default().Crawl.PerHostParallelism, BareFirst: bareFirst}
	bare := func() {
		settle()
		cpu, child := processCPU(), prov.cpu()
		n, wall := benchBare(ctx, prov.Addr, prov.URLs, bareWorkers, 0)
		res.BareCPUSeconds, res.BareProvinceCPUSeconds = processCPU()-cpu, prov.cpu()-child
		res.BarePages, res.BarePerSecond = n, float64(n)/wall.Seconds()
		settle()
		n, wall = benchBare(ctx, prov.Addr, prov.URLs, concurrency, res.BarePerHost)
		res.SiteBarePerSecond = float64(n) / wall.Seconds()
	}
	if bareFirst {
		bare()
	}
	settle()
	if prof.mem != "" {
		if err := writeAllocProfile(prof.mem + ".base"); err != nil {
			return res, err
		}
	}
	if prof.cpu != "" {
		f, err := os.Create(prof.cpu)
		if err != nil {
			return res, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return res, err
		}
	}
	if err := prov.control(ctx, "/record", nil); err != nil {
		return res, err
	}
	resetPeakRSS()
	cpu, child := processCPU(), prov.cpu()
	err := benchAudit(ctx, prov, concurrency, &res)
	res.AuditCPUSeconds, res.ProvinceCPUSeconds = processCPU()-cpu, prov.cpu()-child
	res.PeakRSSMiB = peakRSSMiB()
	if prof.cpu != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return res, err
	}
	if prof.mem != "" {
		runtime.GC() // the profile is as of the last collection
		if err := writeAllocProfile(prof.mem); err != nil {
			return res, err
		}
	}
	// The references over the audit's own pages come after the profiles,
	// which are of the audit alone.
	var own []string
	if err := prov.control(ctx, "/recorded", &own); err != nil {
		return res, err
	}
	settle()
	n, wall := benchBare(ctx, prov.Addr, own, bareWorkers, 0)
	res.OwnBarePages, res.OwnBarePerSecond = n, float64(n)/wall.Seconds()
	settle()
	cpu = processCPU()
	n, wall, err = benchCrawler(ctx, prov, own, concurrency)
	if err != nil {
		return res, err
	}
	res.CrawlerCPUSeconds = processCPU() - cpu
	res.CrawlerPages, res.CrawlerPerSecond = n, float64(n)/wall.Seconds()
	if !bareFirst {
		bare()
	}
	if res.BarePerSecond > 0 {
		res.Ratio = res.PagesPerSecond / res.BarePerSecond
	}
	if res.SiteBarePerSecond > 0 {
		res.SiteRatio = res.PagesPerSecond / res.SiteBarePerSecond
	}
	if res.OwnBarePerSecond > 0 {
		res.OwnRatio = res.PagesPerSecond / res.OwnBarePerSecond
	}
	if res.BarePerSecond > 0 {
		res.CrawlerRatio = res.CrawlerPerSecond / res.BarePerSecond
	}
	return res, nil
}

// medianResult takes the median of each figure over the runs separately,
// except peak RSS, which is the highest: it is a bound, not a rate.
func medianResult(runs []benchResult) benchResult {
	out := runs[0]
	out.BareFirst = false
	median := func(get func(benchResult) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = get(r)
		}
		slices.Sort(xs)
		if n := len(xs); n%2 == 0 {
			return (xs[n/2-1] + xs[n/2]) / 2
		}
		return xs[len(xs)/2]
	}
	out.WallSeconds = median(func(r benchResult) float64 { return r.WallSeconds })
	out.Pages = int(median(func(r benchResult) float64 { return float64(r.Pages) }))
	out.PagesPerSecond = median(func(r benchResult) float64 { return r.PagesPerSecond })
	out.BarePages = int(median(func(r benchResult) float64 { return float64(r.BarePages) }))
	out.BarePerSecond = median(func(r benchResult) float64 { return r.BarePerSecond })
	out.Ratio = median(func(r benchResult) float64 { return r.Ratio })
	out.SiteBarePerSecond = median(func(r benchResult) float64 { return r.SiteBarePerSecond })
	out.SiteRatio = median(func(r benchResult) float64 { return r.SiteRatio })
	out.OwnBarePages = int(median(func(r benchResult) float64 { return float64(r.OwnBarePages) }))
	out.OwnBarePerSecond = median(func(r benchResult) float64 { return r.OwnBarePerSecond })
	out.OwnRatio = median(func(r benchResult) float64 { return r.OwnRatio })
	out.CrawlerPages = int(median(func(r benchResult) float64 { return float64(r.CrawlerPages) }))
	out.CrawlerPerSecond = median(func(r benchResult) float64 { return r.CrawlerPerSecond })
	out.CrawlerCPUSeconds = median(func(r benchResult) float64 { return r.CrawlerCPUSeconds })
	out.CrawlerRatio = median(func(r benchResult) float64 { return r.CrawlerRatio })
	out.AuditCPUSeconds = median(func(r benchResult) float64 { return r.AuditCPUSeconds })
	out.ProvinceCPUSeconds = median(func(r benchResult) float64 { return r.ProvinceCPUSeconds })
	out.BareCPUSeconds = median(func(r benchResult) float64 { return r.BareCPUSeconds })
	out.BareProvinceCPUSeconds = median(func(r benchResult) float64 { return r.BareProvinceCPUSeconds })
	for _, r := range runs {
		out.PeakRSSMiB = max(out.PeakRSSMiB, r.PeakRSSMiB)
		out.MaxPagesPerSite = max(out.MaxPagesPerSite, r.MaxPagesPerSite)
		// Truth must hold in every run: report the worst.
		if r.TruthMatched-r.TruthTotal < out.TruthMatched-out.TruthTotal {
			out.TruthMatched, out.TruthTotal = r.TruthMatched, r.TruthTotal
		}
	}
	return out
}

// writeAllocProfile writes the allocation profile of the process so far.
func writeAllocProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}

// settle collects the previous phase's garbage and returns it to the
// system, so that each phase starts from the same state.
func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

// benchAudit audits the province the way serve does (crawler, checks,
// store writes) and fills in the audit figures.
func benchAudit(ctx context.Context, prov *benchProvince, concurrency int, res *benchResult) error {
	dir, err := os.MkdirTemp("", "govaudit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg, resolve := benchConfig(prov, filepath.Join(dir, "bench.db"), concurrency)
	a, err := app.New(&cfg, slog.New(slog.DiscardHandler), app.Options{Command: "govaudit-bench", Resolve: resolve})
	if err != nil {
		return err
	}
	defer a.Close()

	start := time.Now()
	if _, err := a.Audit(ctx, "bench", nil, nil); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	res.WallSeconds = time.Since(start).Seconds()
	snap := a.Store().Snapshot()
	for _, site := range prov.Sites {
		audit, _, err := snap.Audit(site.ID)
		if err != nil {
			return err
		}
		res.Pages += audit.Fetch.Pages
		res.MaxPagesPerSite = max(res.MaxPagesPerSite, audit.Fetch.Pages)
		for id, want := range prov.Truth[site.ID] {
			res.TruthTotal++
			got, ok := audit.Result(id)
			if ok && got.Status == want.Status && newestOf(got) == want.Newest {
				res.TruthMatched++
			}
		}
		// The census block counts too: each rule's verdict.
		for rule, want := range prov.Census[site.ID] {
			res.TruthTotal++
			for _, f := range audit.Census {
				if f.Rule == rule && f.Verdict == want.Verdict {
					res.TruthMatched++
					break
				}
			}
		}
	}
	res.PagesPerSecond = float64(res.Pages) / res.WallSeconds
	return nil
}

// benchConfig is the config the audit phase runs with: the province's
// sites, zero politeness delay, private addresses allowed and every .test
// host routed to the province.
func benchConfig(prov *benchProvince, storePath string, concurrency int) (config.Config, func(string) string) {
	cfg := config.Default()
	cfg.Store = storePath
	cfg.Sites = prov.Sites
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	// Screenshots are Chromium's work, not govaudit's: --screenshots
	// measures them.
	cfg.Crawl.Screenshots = false
	cfg.Checks.SiteConcurrency = concurrency
	resolve := func(hostport string) string {
		host, _, err := net.SplitHostPort(hostport)
		if err == nil && strings.HasSuffix(host, ".test") {
			return prov.Addr
		}
		return hostport
	}
	return cfg, resolve
}

// benchCrawler fetches urls through the audit's crawler (colly, robots.txt,
// charset decoding, budget, page cache) and nothing else: one SiteFetcher
// per host, concurrency hosts at once, each with the per-host parallelism
// of the config. It is the floor under the audit: what fetching the
// audit's pages costs before any of them is parsed or judged.
func benchCrawler(ctx context.Context, prov *benchProvince, urls []string, concurrency int) (int, time.Duration, error) {
	cfg, resolve := benchConfig(prov, "", concurrency)
	cr, err := crawler.New(app.CrawlerOptions(&cfg, resolve), slog.New(slog.DiscardHandler))
	if err != nil {
		return 0, 0, err
	}
	defer cr.Close()
	byHost := groupByHost(urls)
	var pages atomic.Int64
	start := time.Now()
	eachInTurn(ctx, len(byHost), concurrency, func(s int) {
		f := cr.Site(fmt.Sprintf("host-%d", s))
		eachInTurn(ctx, len(byHost[s]), cfg.Crawl.PerHostParallelism, func(i int) {
			if p := f.Fetch(ctx, byHost[s][i], 0); p.Err == nil {
				pages.Add(1)
			}
		})
	})
	return int(pages.Load()), time.Since(start), nil
}

// eachInTurn calls fn(i) for every i in [0, n) from workers goroutines that
// take the indexes in turn, and returns when all are done or ctx ended.
func eachInTurn(ctx context.Context, n, workers int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func newestOf(r govaudit.Result) string {
	if r.NewestItem == nil {
		return ""
	}
	return r.NewestItem.Date.String()
}

// benchBare fetches urls (every page of the province, or the audit's own)
// with a plain http.Client,
// reading and discarding bodies: the ceiling the crawler is compared with.
// It runs in one of two shapes:
//
//   - flat (perHost == 0): `workers` goroutines take the site-ordered page
//     list in turn. This is the client the target was set against: a
//     naive colly crawl parsing every page with goquery reaches about 0.40
//     of it. Its workers all land on the same site at once, so it opens
//     up to `workers` connections to every host and spends much of its
//     time dialling; more workers make it slower, fewer faster (32 beat
//     64 when measured).
//   - per site (perHost > 0): `workers` sites at once, each with perHost
//     requests in flight: the audit's own budget (site concurrency ×
//     per-host parallelism), with as many connections per host as the
//     audit opens. It is the stricter reference, reported beside the other.
func benchBare(ctx context.Context, addr string, urls []string, workers, perHost int) (int, time.Duration) {
	idle := 2 * workers
	if perHost > 0 {
		idle = max(2*perHost, 4)
	}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConns: max(2*workers, 4096), MaxIdleConnsPerHost: idle,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var pages atomic.Int64
	// fetchAll fetches urls with n goroutines.
	fetchAll := func(urls []string, n int) {
		eachInTurn(ctx, len(urls), n, func(i int) {
			resp, err := client.Get(urls[i])
			if err != nil {
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			pages.Add(1)
		})
	}
	start := time.Now()
	if perHost <= 0 {
		fetchAll(urls, workers)
		return int(pages.Load()), time.Since(start)
	}
	byHost := groupByHost(urls)
	eachInTurn(ctx, len(byHost), workers, func(s int) { fetchAll(byHost[s], perHost) })
	return int(pages.Load()), time.Since(start)
}

// groupByHost splits a page list into one list per host, in order of
// first appearance.
func groupByHost(urls []string) [][]string {
	index := map[string]int{}
	var out [][]string
	for _, u := range urls {
		host := u
		if pu, err := url.Parse(u); err == nil {
			host = pu.Host
		}
		i, ok := index[host]
		if !ok {
			i = len(out)
			index[host] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], u)
	}
	return out
}

// startBenchProvince starts the province in a child process and reads its
// description from the child's first line of output.
func startBenchProvince(ctx context.Context, sites int, now time.Time, latency time.Duration) (*benchProvince, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "--serve-province", "--sites", strconv.Itoa(sites), "--now", strconv.FormatInt(now.Unix(), 10), "--latency", latency.String())
	cmd.Stderr = os.Stderr
	// The province runs with the runtime's defaults whatever the audit is
	// tuned with, so that tuning the audit does not change the reference.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMEMLIMIT=")
	})
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start province process: %w", err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	r := bufio.NewReaderSize(out, 1<<20)
	line, err := r.ReadBytes('\n')
	if err != nil {
		stop()
		return nil, fmt.Errorf("read province description: %w", err)
	}
	var prov benchProvince
	if err := json.Unmarshal(line, &prov); err != nil {
		stop()
		return nil, fmt.Errorf("decode province description: %w", err)
	}
	prov.pid, prov.stop = cmd.Process.Pid, stop
	return &prov, nil
}

// serveBenchProvince is the child: it serves the province until killed.
func serveBenchProvince(ctx context.Context, sites int, now time.Time, latency time.Duration, stdout io.Writer) error {
	p := demo.Synthetic(sites, now.In(config.Default().Location))
	rec := requestLog{latency: latency}
	srv, err := p.StartWrapped(rec.wrap)
	if err != nil {
		return err
	}
	defer srv.Close()
	desc := benchProvince{Addr: srv.Addr, Sites: p.Sites, URLs: p.URLs(), Truth: p.Truth, Census: p.Census}
	b, err := json.Marshal(desc)
	if err != nil {
		return err
	}
	if _, err := stdout.Write(append(b, '\n')); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}
