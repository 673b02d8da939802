package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/demo"
)

// benchProvince is what the province process tells the benchmark: where
// it listens, which sites it serves, every page URL and the ground truth.
type benchProvince struct {
	Addr  string                            `json:"addr"`
	Sites []checks.Site                     `json:"sites"`
	URLs  []string                          `json:"urls"`
	Truth map[string]map[string]demo.Expect `json:"truth"`
}

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
}

// cmdBench is the reproducible benchmark harness: a synthetic province of
// --sites sites served on loopback by a child process (so its pages do not
// count in this process's memory), audited with zero politeness delay, then
// fetched page by page by a bare concurrent HTTP client for comparison.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", stderr)
	sites := fs.Int("sites", 400, "sites in the synthetic province")
	concurrency := fs.Int("concurrency", 64, "sites audited at once")
	bareWorkers := fs.Int("bare-workers", 64, "concurrent requests of the bare client")
	jsonOut := fs.String("json", "", "also write the result as JSON to this file")
	serveProvince := fs.Bool("serve-province", false, "internal: serve the province and print its description")
	nowFlag := fs.Int64("now", 0, "internal: the province's clock (unix seconds)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the audit phase to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *serveProvince {
		return serveBenchProvince(ctx, *sites, time.Unix(*nowFlag, 0), stdout)
	}

	now := time.Now()
	prov, stop, err := startBenchProvince(ctx, *sites, now)
	if err != nil {
		return err
	}
	defer stop()

	res := benchResult{Sites: len(prov.Sites), Concurrency: *concurrency}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	err = benchAudit(ctx, prov, *concurrency, &res)
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return err
	}
	res.PeakRSSMiB = peakRSSMiB()
	bare, wall := benchBare(ctx, prov, *bareWorkers)
	res.BarePages, res.BarePerSecond = bare, float64(bare)/wall.Seconds()
	if res.BarePerSecond > 0 {
		res.Ratio = res.PagesPerSecond / res.BarePerSecond
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "sites\t%d (site concurrency %d)\n", res.Sites, res.Concurrency)
	fmt.Fprintf(tw, "wall time\t%.2f s\n", res.WallSeconds)
	fmt.Fprintf(tw, "pages fetched\t%d (max %d for one site)\n", res.Pages, res.MaxPagesPerSite)
	fmt.Fprintf(tw, "pages per second\t%.0f\n", res.PagesPerSecond)
	fmt.Fprintf(tw, "peak RSS\t%.1f MiB\n", res.PeakRSSMiB)
	fmt.Fprintf(tw, "bare client\t%d pages, %.0f pages/s (%d workers)\n", res.BarePages, res.BarePerSecond, *bareWorkers)
	fmt.Fprintf(tw, "ratio to bare\t%.2f\n", res.Ratio)
	fmt.Fprintf(tw, "ground truth\t%d of %d results match\n", res.TruthMatched, res.TruthTotal)
	tw.Flush()
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *jsonOut, err)
		}
	}
	return nil
}

// benchAudit audits the province the way serve does (crawler, checks,
// store writes) and fills in the audit figures.
func benchAudit(ctx context.Context, prov *benchProvince, concurrency int, res *benchResult) error {
	dir, err := os.MkdirTemp("", "govaudit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.Store = filepath.Join(dir, "bench.db")
	cfg.Sites = prov.Sites
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	cfg.Checks.SiteConcurrency = concurrency
	resolve := func(hostport string) string {
		host, _, err := net.SplitHostPort(hostport)
		if err == nil && strings.HasSuffix(host, ".test") {
			return prov.Addr
		}
		return hostport
	}
	a, err := newApp(&cfg, newLogger(io.Discard, 0), appOptions{command: "govaudit bench", resolve: resolve})
	if err != nil {
		return err
	}
	defer a.Close()

	start := time.Now()
	if _, err := a.runner.run(ctx, "bench", nil, nil); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	res.WallSeconds = time.Since(start).Seconds()
	snap := a.store.Snapshot()
	for _, site := range prov.Sites {
		audit := snap.Latest[site.ID]
		res.Pages += audit.Fetch.Pages
		res.MaxPagesPerSite = max(res.MaxPagesPerSite, audit.Fetch.Pages)
		for id, want := range prov.Truth[site.ID] {
			res.TruthTotal++
			got, ok := audit.Result(id)
			if ok && got.Status == want.Status && newestOf(got) == want.Newest {
				res.TruthMatched++
			}
		}
	}
	res.PagesPerSecond = float64(res.Pages) / res.WallSeconds
	return nil
}

func newestOf(r checks.Result) string {
	if r.NewestItem == nil {
		return ""
	}
	return r.NewestItem.Date.String()
}

// benchBare fetches every page of the province with a plain http.Client,
// reading and discarding bodies: the ceiling the crawler is compared with.
func benchBare(ctx context.Context, prov *benchProvince, workers int) (int, time.Duration) {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, prov.Addr)
		},
		MaxIdleConns: workers * 2, MaxIdleConnsPerHost: workers * 2,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var next, pages atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(prov.URLs) || ctx.Err() != nil {
					return
				}
				resp, err := client.Get(prov.URLs[i])
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				pages.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(pages.Load()), time.Since(start)
}

// startBenchProvince starts the province in a child process and reads its
// description from the child's first line of output.
func startBenchProvince(ctx context.Context, sites int, now time.Time) (*benchProvince, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "bench", "--serve-province", "--sites", strconv.Itoa(sites), "--now", strconv.FormatInt(now.Unix(), 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start province process: %w", err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	r := bufio.NewReaderSize(out, 1<<20)
	line, err := r.ReadBytes('\n')
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("read province description: %w", err)
	}
	var prov benchProvince
	if err := json.Unmarshal(line, &prov); err != nil {
		stop()
		return nil, nil, fmt.Errorf("decode province description: %w", err)
	}
	return &prov, stop, nil
}

// serveBenchProvince is the child: it serves the province until killed.
func serveBenchProvince(ctx context.Context, sites int, now time.Time, stdout io.Writer) error {
	p := demo.Synthetic(sites, now.In(config.Default().Location))
	srv, err := p.Start()
	if err != nil {
		return err
	}
	defer srv.Close()
	desc := benchProvince{Addr: srv.Addr, Sites: p.Sites, URLs: p.URLs(), Truth: p.Truth}
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

// peakRSSMiB reads this process's peak resident set (VmHWM) from /proc.
func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
