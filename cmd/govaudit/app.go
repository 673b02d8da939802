package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/robfig/cron/v3"

	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/store"
)

// storeTimeout is how long a command waits for another process to let go
// of the store before it reports the owner.
const storeTimeout = time.Second

// app is everything a command that audits needs, wired from one config.
type app struct {
	cfg     *config.Config
	store   *store.Store
	crawler *crawler.Crawler
	reg     *prometheus.Registry
	runner  *runner
	log     *slog.Logger
}

// appOptions are the parts of wiring that differ between commands.
type appOptions struct {
	command string // for the store's owner record
	listen  string // the API address while serving, "" otherwise
	// resolve routes host names to loopback for the demo and tests.
	resolve func(hostport string) string
	spread  time.Duration
}

// openStore opens the config's store as this command's owner.
func openStore(cfg *config.Config, command, listen string) (*store.Store, error) {
	return store.Open(cfg.Store, store.Options{
		Timeout: storeTimeout,
		Owner:   store.Owner{PID: os.Getpid(), Command: command, Listen: listen, Started: time.Now()},
	})
}

// newApp opens the store and builds the crawler, auditor, metrics and
// runner. The caller closes it.
func newApp(cfg *config.Config, log *slog.Logger, opts appOptions) (*app, error) {
	st, err := openStore(cfg, opts.command, opts.listen)
	if err != nil {
		return nil, err
	}
	a, err := wireApp(cfg, st, log, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// wireApp builds everything around an open store.
func wireApp(cfg *config.Config, st *store.Store, log *slog.Logger, opts appOptions) (*app, error) {
	if err := st.PutSites(cfg.Sites); err != nil {
		return nil, fmt.Errorf("save sites: %w", err)
	}
	cr, err := crawler.New(crawlerOptions(cfg, opts.resolve), log)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(metrics.NewCollector(st, checks.DefaultCatalog()))
	reg.MustRegister(metrics.NewOfficeHoursGauge(time.Now, cfg.Location, cfg.OfficeHours, cfg.Holidays, cfg.Workdays))
	rec := metrics.NewRecorder(reg)
	// Alerts on "no successful audit within twice the schedule interval"
	// need the interval, and cron only knows activation times. The demo
	// reports its config's schedule too, so the board and alerts can be
	// tried against it.
	if sched, err := cron.ParseStandard(cfg.Schedule); err == nil {
		next := sched.Next(time.Now().In(cfg.Location))
		interval := sched.Next(next).Sub(next)
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "govaudit_schedule_interval_seconds",
			Help: "Seconds between two scheduled audit runs.",
		}, func() float64 { return interval.Seconds() }))
	}

	pr, err := newProber(cfg, st, opts.resolve, log)
	if err != nil {
		cr.Close()
		return nil, err
	}
	auditor := checks.NewAuditor(cfg.Location, log)
	auditor.PolicyDocuments = cfg.Checks.PolicyDocuments
	auditor.Holidays, auditor.Workdays = cfg.Holidays, cfg.Workdays
	return &app{
		cfg: cfg, store: st, crawler: cr, reg: reg, log: log,
		runner: &runner{
			sites: cfg.Sites, store: st, crawler: cr, auditor: auditor, rec: rec, log: log, prober: pr,
			concurrency: cfg.Checks.SiteConcurrency, weights: cfg.Score, spread: opts.spread, now: time.Now,
		},
	}, nil
}

func (a *app) Close() error {
	a.crawler.Close()
	a.runner.prober.crawler.Close()
	return a.store.Close()
}

// crawlerOptions maps the config's crawl section to the crawler.
func crawlerOptions(cfg *config.Config, resolve func(string) string) crawler.Options {
	c := cfg.Crawl
	return crawler.Options{
		UserAgent:             c.UserAgent,
		MaxDepth:              c.MaxDepth,
		MaxPagesPerSite:       c.MaxPagesPerSite,
		PerHostParallelism:    c.PerHostParallelism,
		PerHostDelay:          c.PerHostDelay,
		MaxCrawlDelay:         c.MaxCrawlDelay,
		Timeout:               c.Timeout,
		MaxBodyBytes:          c.MaxBodyBytes,
		RespectRobots:         c.RespectRobots,
		AllowPrivateAddresses: c.AllowPrivateAddresses,
		Resolve:               resolve,
	}
}
