package checks

import (
	"context"
	"fmt"
	"github.com/govaudit/govaudit"
	"log/slog"
	"sync"
	"time"
)

// Auditor judges sites against the catalog. It is safe for concurrent use:
// every call to Audit keeps its own state.
type Auditor struct {
	Catalog govaudit.Catalog
	// PolicyDocuments is how many of the newest 政策文件 documents all-10
	// inspects for a 有效性 label.
	PolicyDocuments int
	// Location is the configured timezone: "today" and item dates are days
	// in this zone.
	Location *time.Location
	// Census holds the national rules' lines.
	Census govaudit.CensusThresholds
	// Holidays are the public holidays that are not working days, in
	// addition to weekends (all-06: an interpretation is due within three
	// working days of its document). Adjusted working weekends (调休) are
	// listed in Workdays.
	Holidays, Workdays []govaudit.Date
	Logger             *slog.Logger
}

// NewAuditor returns an auditor over the default catalog.
func NewAuditor(loc *time.Location, logger *slog.Logger) *Auditor {
	if loc == nil {
		loc = time.UTC
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Auditor{Catalog: govaudit.DefaultCatalog(), PolicyDocuments: govaudit.DefaultPolicyDocuments, Location: loc,
		Census: govaudit.DefaultCensusThresholds, Logger: logger}
}

// Audit judges every requirement that applies to site, fetching pages
// through f. now is the moment of the audit; no check reads the clock.
// A site that cannot be reached is a result, never an error.
func (a *Auditor) Audit(ctx context.Context, site govaudit.Site, f govaudit.Fetcher, now time.Time) govaudit.SiteAudit {
	now = now.In(a.Location)
	reqs := a.Catalog.Audited(site)
	run := newSiteRun(a, site, f, now)
	audit := govaudit.SiteAudit{SiteID: site.ID, AuditedAt: now}

	home := run.entry(ctx, site.URL, 0)
	if home.err != nil {
		audit.HomeError = home.err
		for _, r := range reqs {
			audit.Results = append(audit.Results, unreachableResult(r, site.URL, home.err))
		}
		return audit
	}
	audit.Reachable = true
	pool := run.discover(ctx, home)

	audit.Results = make([]govaudit.Result, len(reqs))
	var wg sync.WaitGroup
	for i, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			audit.Results[i] = run.judgeSafely(ctx, r, pool)
		}()
	}
	var census []govaudit.CensusFinding
	wg.Add(1)
	go func() {
		defer wg.Done()
		census = run.censusSafely(ctx, home, pool)
	}()
	wg.Wait()
	// Tampering is judged last, over every page shown during the audit.
	if census != nil {
		census = append(census, run.tamperingCensus())
	}
	audit.Census = census
	return audit
}

// censusSafely runs the site-level census checks that read pages (all but
// availability, which the caller judges from its probe history), turning a
// panic into a logged absence of findings.
func (s *siteRun) censusSafely(ctx context.Context, home *entryPage, pool *linkPool) (out []govaudit.CensusFinding) {
	defer func() {
		if p := recover(); p != nil {
			s.a.Logger.Error("census check panicked", "site", s.site.ID, "panic", p)
			out = nil
		}
	}()
	cols := s.censusColumns(pool)
	s.readCensusColumns(ctx, cols)
	out = append(out, s.homepageCensus(home, cols))
	out = append(out, s.columnCensus(cols)...)
	out = append(out, s.interactionCensus(ctx, pool))
	return out
}

// judgeSafely turns a panic in one check into an "unreachable" result with
// the panic as evidence, so that one bad page cannot stop a site's audit.
func (s *siteRun) judgeSafely(ctx context.Context, r govaudit.Requirement, pool *linkPool) (res govaudit.Result) {
	defer func() {
		if p := recover(); p != nil {
			s.a.Logger.Error("check panicked", "site", s.site.ID, "req", r.ID, "panic", p)
			res = govaudit.Result{ID: r.ID, Status: govaudit.StatusUnreachable, MaxAgeDays: r.MaxAgeDays,
				Evidence: []string{fmt.Sprintf("internal error while judging: %v", p)}}
		}
	}()
	return s.judge(ctx, r, pool)
}

func (s *siteRun) judge(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	if !r.Checked() {
		return govaudit.Result{ID: r.ID, Status: govaudit.StatusNotWebCheckable, Evidence: []string{"offline requirement: not auditable online"}}
	}
	switch r.Kind {
	case govaudit.KindValidity:
		return s.judgeValidity(ctx, r, pool)
	case govaudit.KindFields:
		return s.judgeFields(ctx, r, pool)
	case govaudit.KindAnnual:
		return s.judgeAnnual(ctx, r, pool)
	case govaudit.KindLink:
		return s.judgeLink(r, pool)
	case govaudit.KindInterpretation:
		return s.judgeInterpretation(ctx, r, pool)
	default:
		return s.judgeColumn(ctx, r, pool)
	}
}

// unreachableResult is the verdict on every requirement of a site whose
// home page could not be read.
func unreachableResult(r govaudit.Requirement, url string, err *govaudit.FetchError) govaudit.Result {
	status := govaudit.StatusUnreachable
	if err.Kind == govaudit.ErrBlocked || err.Kind == govaudit.ErrRobots {
		status = govaudit.StatusBlocked
	}
	if !r.Checked() {
		status = govaudit.StatusNotWebCheckable
	}
	return govaudit.Result{ID: r.ID, Status: status, MaxAgeDays: r.MaxAgeDays,
		Evidence: []string{fmt.Sprintf("home page %s: %s", url, err.Error())}}
}
