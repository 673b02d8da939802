package app

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/robfig/cron/v3"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/notify"
	"github.com/govaudit/govaudit/store"
)

// StoreTimeout is how long a command waits for another process to let go
// of the store before it reports the owner.
const StoreTimeout = time.Second

// App is everything a command that audits needs, wired from one config:
// the store, the crawler, the auditor, the runner, the prober, metrics and
// the HTTP API. cmd/govaudit builds one per command and closes it.
type App struct {
	cfg     *config.Config
	store   *store.Store
	crawler *crawler.Crawler
	reg     *prometheus.Registry
	metrics http.Handler // the /metrics endpoint: reg, and the store's series cached
	runner  *runner
	log     *slog.Logger
	// notifier delivers Alertmanager's webhook to the config's receivers.
	notifier *notify.Dispatcher
	token    string
	gate     *requestGate
	limits   ServerLimits
}

// Options are the parts of wiring that differ between commands.
type Options struct {
	Command string // for the store's owner record
	Listen  string // the API address while serving, "" otherwise
	// Resolve routes host names to loopback for the demo and tests.
	Resolve func(hostport string) string
	// Spread staggers scheduled sites over the first part of a run.
	Spread time.Duration
	// Token is the API token while serving (config.EnsureAPIToken); ""
	// leaves the API open to this machine's non-browser clients and its own
	// pages.
	Token string
	// RunInterval is how soon an audit of a site may be asked for again
	// through the API: DefaultRunInterval when 0, no limit when negative.
	RunInterval time.Duration
	// Limits are the HTTP server's; DefaultServerLimits when zero.
	Limits ServerLimits
}

// OpenStore opens the config's store as this command's owner; log gets a
// warning for each record that cannot be decoded.
func OpenStore(cfg *config.Config, command, listen string, log *slog.Logger) (*store.Store, error) {
	return store.Open(cfg.Store, store.Options{
		Timeout: StoreTimeout,
		Logger:  log,
		Owner:   store.Owner{PID: os.Getpid(), Command: command, Listen: listen, Started: time.Now()},
	})
}

// New opens the store and builds the crawler, auditor, metrics and
// runner. The caller closes it.
func New(cfg *config.Config, log *slog.Logger, opts Options) (*App, error) {
	st, err := OpenStore(cfg, opts.Command, opts.Listen, log)
	if err != nil {
		return nil, err
	}
	a, err := Wire(cfg, st, log, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// Wire builds everything around an open store.
func Wire(cfg *config.Config, st *store.Store, log *slog.Logger, opts Options) (*App, error) {
	if err := st.PutSites(cfg.Sites); err != nil {
		return nil, fmt.Errorf("save sites: %w", err)
	}
	cr, err := crawler.New(CrawlerOptions(cfg, opts.Resolve), log)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(metrics.NewOfficeHoursGauge(time.Now, cfg.Location, cfg.OfficeHours, cfg.Holidays, cfg.Workdays))
	// The store's per-site series are served from a cache rebuilt when the
	// store changes; reg holds what changes by itself (process, recorder).
	metricsHandler := metrics.CachedHandler(reg, st, govaudit.DefaultCatalog())
	rec := metrics.NewRecorder(reg)
	notifier, err := NewNotifier(cfg, reg, log)
	if err != nil {
		cr.Close()
		return nil, err
	}
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

	pr, err := newProber(cfg, st, opts.Resolve, log)
	if err != nil {
		cr.Close()
		return nil, err
	}
	auditor := checks.NewAuditor(cfg.Location, log)
	auditor.PolicyDocuments = cfg.Checks.PolicyDocuments
	auditor.MaxListPages = cfg.Checks.MaxListPages
	auditor.Holidays, auditor.Workdays = cfg.Holidays, cfg.Workdays
	auditor.InternalError = func(string, string) { rec.InternalError() }
	interval := cmp.Or(opts.RunInterval, DefaultRunInterval)
	limits := opts.Limits
	if limits == (ServerLimits{}) {
		limits = DefaultServerLimits
	}
	return &App{
		cfg: cfg, store: st, crawler: cr, reg: reg, metrics: metricsHandler, log: log, notifier: notifier,
		token: opts.Token, gate: newRequestGate(interval), limits: limits,
		runner: &runner{
			sites: cfg.Sites, store: st, crawler: cr, browser: newBrowserSettings(cfg), auditor: auditor,
			screenshots: cfg.Crawl.Screenshots, rec: rec, log: log, prober: pr,
			concurrency: cfg.Checks.SiteConcurrency, weights: cfg.Score, spread: opts.Spread, now: time.Now,
			slots:        newCrawlSlots(cfg.Checks.SiteConcurrency),
			siteDeadline: cfg.Checks.SiteDeadline, runDeadline: cfg.Checks.RunDeadline,
		},
	}, nil
}

// Close stops the crawlers and closes the store.
func (a *App) Close() error {
	a.crawler.Close()
	a.runner.prober.crawler.Close()
	return a.store.Close()
}

// CrawlerOptions are the crawler's options for cfg: its crawl settings as
// they are, and the demo's or a test's resolver.
func CrawlerOptions(cfg *config.Config, resolve func(string) string) crawler.Options {
	return crawler.Options{CrawlSettings: cfg.Crawl, Resolve: resolve}
}

// Store is the open store the App owns.
func (a *App) Store() *store.Store { return a.store }

// Config is the config the App was wired from.
func (a *App) Config() *config.Config { return a.cfg }

// Audit runs one audit of the sites ids (all when empty) now, calling
// progress after each site.
func (a *App) Audit(ctx context.Context, trigger string, ids []string, progress ProgressFunc) (store.Run, error) {
	return a.runner.run(ctx, trigger, ids, progress)
}

// ProbeBurst probes every site's home page rounds times, as the census
// availability rule needs, without waiting for the probe interval.
func (a *App) ProbeBurst(ctx context.Context, rounds int) { a.runner.probeBurst(ctx, rounds) }
