package app

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"math"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/browser"
	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/store"
)

// TriggerSchedule names runs started by the cron schedule.
const TriggerSchedule = "schedule"

// ErrNoSites is returned when a run selects no site to audit.
var ErrNoSites = errors.New("no sites to audit")

// runner performs audit runs: it owns the crawler, the auditor and the
// store writes, and makes sure no site is audited twice at once whether the
// run came from the schedule, the API or the command line.
type runner struct {
	sites   []govaudit.Site
	store   *store.Store
	crawler *crawler.Crawler
	// browser is the settings of each run's Chromium (browser.go); nil
	// with crawl.browser: never.
	browser     *browserSettings
	screenshots bool
	auditor     *checks.Auditor
	rec         *metrics.Recorder
	prober      *prober
	log         *slog.Logger
	concurrency int
	weights     govaudit.ScoreWeights
	// spread staggers the start of sites over the first part of a run, by a
	// hash of the site id, so that a scheduled run does not hit every
	// server in the same second (cron has no jitter of its own).
	spread time.Duration
	now    func() time.Time
	// siteDeadline and runDeadline bound one site's audit and a whole run
	// (0: none); see deadline.go.
	siteDeadline, runDeadline time.Duration

	// slots is shared by every run: site_concurrency bounds the sites
	// crawled at once by all of them together, not by each.
	slots crawlSlots

	mu       sync.Mutex
	inflight map[string]bool
	active   sync.WaitGroup // runs in progress, for a clean shutdown

	// warm, when set, builds what readers of the store need (the pages'
	// index, the metrics' exposition); it is called when a run has saved
	// its last site and when serve starts, not when the first reader asks.
	warm atomic.Pointer[func()]
}

// wait blocks until no run is in progress or d has passed, and reports
// whether the runs finished.
func (r *runner) wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { r.active.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// ProgressFunc is told about every site as it finishes.
type ProgressFunc func(done, total int, site govaudit.Site, a govaudit.SiteAudit)

// run audits the sites with the given ids (all when ids is empty) and
// returns the finished run record.
func (r *runner) run(ctx context.Context, trigger string, ids []string, progress ProgressFunc) (store.Run, error) {
	r.active.Add(1)
	defer r.active.Done()
	if r.runDeadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.runDeadline)
		defer cancel()
	}
	sites, err := r.selectSites(ids)
	if err != nil {
		return store.Run{}, err
	}
	sites = r.claim(sites)
	defer r.release(sites)
	if len(sites) == 0 {
		return store.Run{}, fmt.Errorf("every selected site is already being audited: %w", ErrNoSites)
	}
	sortBySpread(sites)
	if r.spread <= 0 || trigger != TriggerSchedule {
		longestFirst(sites, r.store.Snapshot())
	}

	idList := make([]string, len(sites))
	for i, s := range sites {
		idList[i] = s.ID
	}
	started := time.Now()
	run, err := r.store.BeginRun(trigger, idList, started)
	if err != nil {
		r.rec.StoreError()
		return store.Run{}, fmt.Errorf("begin run: %w", err)
	}
	r.log.Info("audit run started", "run", run.ID, "trigger", trigger, "sites", len(sites))
	r.rec.RunProgress(0, len(sites), 0)

	// One browser per run, started only if a page needs it.
	br := r.browser.start(r.log)
	defer br.Close()
	jobs := make(chan govaudit.Site)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		done    int
		saveErr error
	)
	for w := 0; w < max(r.concurrency, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for site := range jobs {
				if !r.waitForSlot(ctx, started, site, trigger) || !r.slots.acquire(ctx) {
					continue
				}
				a, ok, err := r.auditAndSave(ctx, run.ID, site, br)
				r.slots.release()
				if err != nil {
					mu.Lock()
					saveErr = errors.Join(saveErr, err)
					mu.Unlock()
				}
				if !ok {
					continue
				}
				mu.Lock()
				done++
				n := done
				mu.Unlock()
				r.rec.RunProgress(n, len(sites), metrics.ETA(n, len(sites), time.Since(started)))
				if progress != nil {
					progress(n, len(sites), site, a)
				}
			}
		}()
	}
feed:
	for _, s := range sites {
		select {
		case jobs <- s:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	finished, err := r.store.FinishRun(run.ID, time.Now())
	if err != nil {
		r.rec.StoreError()
		saveErr = errors.Join(saveErr, fmt.Errorf("finish run: %w", err))
	}
	runErr := saveErr
	if runErr == nil && ctx.Err() != nil {
		runErr = fmt.Errorf("audit run cut off: %w", ctx.Err())
	}
	r.warmUp()
	r.rec.ObserveRun(time.Since(started), runErr)
	r.rec.RunProgress(done, len(sites), 0)
	r.log.Info("audit run finished", "run", run.ID, "sites", done, "of", len(sites), "duration", time.Since(started).Round(time.Millisecond), "complete", finished.Complete)
	return finished, runErr
}

// auditAndSave audits one site and saves the audit and its evidence. It
// reports false when there is nothing to count: the run was cut off (a
// cut-off audit is incomplete, and the previous result is kept) or the
// audit could not be saved (the error).
func (r *runner) auditAndSave(ctx context.Context, runID uint64, site govaudit.Site, br *browser.Browser) (govaudit.SiteAudit, bool, error) {
	f := r.crawler.Site(site.ID)
	fetcher := r.browser.wrap(br, f)
	siteCtx, cancelSite := r.siteContext(ctx)
	a := r.auditSite(siteCtx, site, f, fetcher)
	cutOff := siteCtx.Err() != nil && ctx.Err() == nil
	cancelSite()
	if ctx.Err() != nil {
		// A cut-off run is incomplete: keep the previous result.
		return a, false, nil
	}
	if cutOff {
		r.rec.SiteDeadlineExceeded()
		r.log.Warn("site audit reached its deadline; unfinished requirements recorded unreachable", "site", site.ID, "deadline", r.siteDeadline)
		markCutOff(&a, r.siteDeadline)
	} else {
		r.judgeAvailability(&a)
	}
	if score, ok := govaudit.SiteScore(a.Results, a.Census, r.weights); ok {
		a.Score = &score
	}
	var prev *govaudit.SiteAudit
	if p, ok, err := r.store.Snapshot().Audit(site.ID); err == nil && ok {
		prev = &p
	}
	a.NotJudgedAudits = govaudit.NotJudgedStreak(prev, a)
	if err := r.store.SaveAudit(runID, a); err != nil {
		r.rec.StoreError()
		r.log.Error("save audit", "site", site.ID, "err", err)
		return a, false, err
	}
	// The evidence copies come from the fetcher's cache of this run, so
	// they are saved while it is still at hand.
	r.saveEvidence(ctx, f, fetcher, &a)
	return a, true, nil
}

// busy returns the ids of the sites a run is auditing now.
func (r *runner) busy(sites []govaudit.Site) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, s := range sites {
		if r.inflight[s.ID] {
			out = append(out, s.ID)
		}
	}
	return out
}

// auditSite audits one site, turning a panic anywhere in the checks into
// error results (our failure, not the site's) rather than a dead process.
func (r *runner) auditSite(ctx context.Context, site govaudit.Site, f *crawler.SiteFetcher, fetcher govaudit.Fetcher) (a govaudit.SiteAudit) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("audit panicked", "site", site.ID, "err", p, "stack", string(debug.Stack()))
			r.rec.InternalError()
			a = govaudit.SiteAudit{SiteID: site.ID, AuditedAt: r.now(), Reachable: true}
			for _, req := range r.auditor.Catalog.Audited(site) {
				a.Results = append(a.Results, checks.InternalErrorResult(req, p))
			}
		}
		a.Duration = time.Since(start)
		a.Fetch = f.Stats()
		r.rec.ObserveSite(a.Fetch, a.Duration)
	}()
	return r.auditor.Audit(ctx, site, fetcher, r.now())
}

// availabilityWindow is the census's week of home-page probes; probes are
// kept a day longer so the window is always full.
const (
	availabilityWindow = 7 * 24 * time.Hour
	probeRetention     = 8 * 24 * time.Hour
)

// judgeAvailability records the audit's own home-page fetch as a probe and
// puts the availability finding, judged over the week's probes, first in
// the site's census block. The finding vetoes only once the probes cover
// the census's week (ProbesCoverWeek): an audit's single failed fetch says
// the site is not judged, not that it failed.
func (r *runner) judgeAvailability(a *govaudit.SiteAudit) {
	probe := store.Probe{SiteID: a.SiteID, At: a.AuditedAt, OK: probeOK(a.HomeError)}
	if err := r.store.SaveProbes([]store.Probe{probe}, probeRetention); err != nil {
		r.rec.StoreError()
		r.log.Error("save probe", "site", a.SiteID, "err", err)
	}
	total, failed, err := r.store.ProbeStats(a.SiteID, a.AuditedAt.Add(-availabilityWindow))
	if err != nil {
		r.log.Error("probe stats", "site", a.SiteID, "err", err)
		return
	}
	perDay, err := r.store.ProbesPerDay(a.SiteID, a.AuditedAt, govaudit.CensusProbeDays)
	if err != nil {
		r.log.Error("probes per day", "site", a.SiteID, "err", err)
		return
	}
	f := r.auditor.Census.JudgeAvailability(total, failed, perDay)
	a.Census = append([]govaudit.CensusFinding{f}, a.Census...)
}

// probeOK says whether a home-page fetch counts as the site being up: an
// answer, even a refusal such as an anti-bot wall or a 404, shows the server
// is there; no answer in time, a broken connection or a server error is a
// failed probe (docs/census.md: the page has not opened).
func probeOK(err *govaudit.FetchError) bool {
	if err == nil {
		return true
	}
	switch err.Kind {
	case govaudit.ErrBlocked, govaudit.ErrRobots, govaudit.ErrHTTP4xx, govaudit.ErrTooLarge, govaudit.ErrBudget,
		govaudit.ErrUnrendered: // answered, with a page that needs a browser
		return true
	}
	return false
}

// waitForSlot delays a site until its spread offset from the run start.
func (r *runner) waitForSlot(ctx context.Context, started time.Time, site govaudit.Site, trigger string) bool {
	// Only scheduled runs are spread: someone who asked for an audit
	// through the API or the command line is waiting for it.
	if r.spread <= 0 || trigger != TriggerSchedule {
		return ctx.Err() == nil
	}
	wait := time.Until(started.Add(spreadOffset(site.ID, r.spread)))
	if wait <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// spreadOffset places a site in the spread window by a hash of its id, so
// each site keeps its slot from run to run.
func spreadOffset(id string, spread time.Duration) time.Duration {
	h := fnv.New64a()
	h.Write([]byte(id))
	return time.Duration(h.Sum64() % uint64(spread))
}

// warmUp builds, in the background, what readers of the store need.
func (r *runner) warmUp() {
	if f := r.warm.Load(); f != nil {
		go (*f)()
	}
}

// longestFirst orders an unspread run by how long each site's last audit
// took, longest first, sites never audited before them all. Started last,
// a long site would run on alone after the others finished, with the
// run's other slots idle; started first, it overlaps the short ones.
func longestFirst(sites []govaudit.Site, snap *store.Snapshot) {
	took := make(map[string]time.Duration, len(sites))
	for _, s := range sites {
		if sum, ok := snap.Summary(s.ID); ok && sum.Duration > 0 {
			took[s.ID] = sum.Duration
		} else {
			took[s.ID] = math.MaxInt64
		}
	}
	sort.SliceStable(sites, func(i, j int) bool { return took[sites[i].ID] > took[sites[j].ID] })
}

func sortBySpread(sites []govaudit.Site) {
	sort.SliceStable(sites, func(i, j int) bool {
		return spreadOffset(sites[i].ID, time.Hour) < spreadOffset(sites[j].ID, time.Hour)
	})
}

// selectSites returns the configured sites with the given ids, in config
// order, or every site when ids is empty.
func (r *runner) selectSites(ids []string) ([]govaudit.Site, error) {
	if len(ids) == 0 {
		if len(r.sites) == 0 {
			return nil, ErrNoSites
		}
		return append([]govaudit.Site(nil), r.sites...), nil
	}
	byID := make(map[string]govaudit.Site, len(r.sites))
	for _, s := range r.sites {
		byID[s.ID] = s
	}
	var out []govaudit.Site
	for _, id := range ids {
		s, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("unknown site id %q", id)
		}
		out = append(out, s)
	}
	return out, nil
}

// claim marks sites as being audited and returns those that were free.
func (r *runner) claim(sites []govaudit.Site) []govaudit.Site {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inflight == nil {
		r.inflight = map[string]bool{}
	}
	var out []govaudit.Site
	for _, s := range sites {
		if r.inflight[s.ID] {
			r.log.Warn("site already being audited; skipped", "site", s.ID)
			continue
		}
		r.inflight[s.ID] = true
		out = append(out, s)
	}
	return out
}

func (r *runner) release(sites []govaudit.Site) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range sites {
		delete(r.inflight, s.ID)
	}
}
