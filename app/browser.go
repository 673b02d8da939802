package app

import (
	"log/slog"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/browser"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/crawler"
)

// browserSettings are what each run's browser is made from: crawl.browser
// and crawl.browser_path.
type browserSettings struct {
	mode string
	opts browser.Options
}

// newBrowserSettings returns the settings for cfg, nil for "never".
func newBrowserSettings(cfg *config.Config) *browserSettings {
	if cfg.Crawl.Browser == govaudit.BrowserNever {
		return nil
	}
	return &browserSettings{mode: cfg.Crawl.Browser, opts: browser.Options{
		Path:          cfg.Crawl.BrowserPath,
		UserAgent:     cfg.Crawl.UserAgent,
		RenderTimeout: 2 * cfg.Crawl.Timeout,
		MaxBodyBytes:  cfg.Crawl.MaxBodyBytes,
	}}
}

// start returns a run's browser, which starts Chromium only when a page
// needs it; nil for "never". Without a Chromium binary the browser is
// still returned: the pages that need it are then unreadable, not empty.
func (s *browserSettings) start(log *slog.Logger) *browser.Browser {
	if s == nil {
		return nil
	}
	opts := s.opts
	opts.Logger = log
	b := browser.New(opts)
	if !b.Available() {
		log.Warn("no Chromium found: pages built or guarded by scripts will be reported unreadable", "browser_path", opts.Path)
	}
	return b
}

// wrap is the fetcher the checks use for one site: f, with the browser
// beside it unless crawl.browser is never.
func (s *browserSettings) wrap(b *browser.Browser, f *crawler.SiteFetcher) govaudit.Fetcher {
	if s == nil || b == nil {
		return f
	}
	return b.Site(f, s.mode)
}
