package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/store"
)

// probeTimeout is the census's limit: a probe fails when the home page has
// not opened after 15 seconds.
const probeTimeout = 15 * time.Second

// probeConcurrency bounds the home pages probed at once.
const probeConcurrency = 16

// prober fetches every site's home page on its own schedule and records
// whether it answered, for the census availability rule.
type prober struct {
	sites   []govaudit.Site
	store   *store.Store
	crawler *crawler.Crawler // its own, with the census timeout
	log     *slog.Logger
}

// newProber builds a prober with its own crawler: the census timeout, and
// a fresh page cache for every probe.
func newProber(cfg *config.Config, st *store.Store, resolve func(string) string, log *slog.Logger) (*prober, error) {
	opts := CrawlerOptions(cfg, resolve)
	opts.Timeout = probeTimeout
	cr, err := crawler.New(opts, log)
	if err != nil {
		return nil, fmt.Errorf("probe crawler: %w", err)
	}
	return &prober{sites: cfg.Sites, store: st, crawler: cr, log: log}, nil
}

// run probes every interval until ctx ends.
func (p *prober) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p.round(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// round probes every site once and saves the results together.
func (p *prober) round(ctx context.Context) {
	var (
		mu     sync.Mutex
		probes []store.Probe
		wg     sync.WaitGroup
	)
	sem := make(chan struct{}, probeConcurrency)
	for _, site := range p.sites {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			at := time.Now()
			pg := p.crawler.Site(site.ID).Fetch(ctx, site.URL, 0)
			if ctx.Err() != nil {
				return
			}
			if !pg.OK() {
				p.log.Debug("probe failed", "site", site.ID, "url", site.URL, "err", pg.Err)
			}
			mu.Lock()
			probes = append(probes, store.Probe{SiteID: site.ID, At: at, OK: probeOK(pg.Err)})
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := p.store.SaveProbes(probes, probeRetention); err != nil {
		p.log.Error("save probes", "err", err)
	}
}

// probeBurst runs rounds probe rounds back to back: the demo fills a week's
// worth of availability evidence this way before its audit, so that the
// census availability rule has more than one probe to judge.
func (r *runner) probeBurst(ctx context.Context, rounds int) {
	for i := 0; i < rounds && ctx.Err() == nil; i++ {
		r.prober.round(ctx)
	}
}
