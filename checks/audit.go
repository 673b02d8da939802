package checks

import (
	"context"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/govaudit/govaudit"
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
	// InternalError, when set, is called each time judging panicked
	// (govaudit_internal_errors_total); req is "census" for the census.
	InternalError func(site, req string)
}

func (a *Auditor) internalError(site, req string) {
	if a.InternalError != nil {
		a.InternalError(site, req)
	}
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
			res := unreachableResult(r, site.URL, home.err)
			comply(r, &res)
			audit.Results = append(audit.Results, res)
		}
		return audit
	}
	audit.Reachable = true
	if len(home.Links()) == 0 {
		// The page opened but shows no link at all: a script builds it and
		// it could not be rendered. Nothing on it can be judged, and
		// "missing" for every column would be a finding it does not show.
		for _, r := range reqs {
			res := unreadableHomeResult(r, home.URL())
			comply(r, &res)
			audit.Results = append(audit.Results, res)
		}
		return audit
	}
	pool := run.discover(ctx, home)

	audit.Results = make([]govaudit.Result, len(reqs))
	var wg sync.WaitGroup
	for i, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := run.judgeSafely(ctx, r, pool)
			comply(r, &res)
			audit.Results[i] = res
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
			s.a.Logger.Error("census check panicked", "site", s.site.ID, "err", p, "stack", string(debug.Stack()))
			s.a.internalError(s.site.ID, "census")
			out = nil
		}
	}()
	cols := s.censusColumns(pool)
	s.readCensusColumns(ctx, cols)
	out = append(out, s.homepageCensus(ctx, home))
	out = append(out, s.columnCensus(cols)...)
	out = append(out, s.interactionCensus(ctx, pool))
	return out
}

// judgeSafely turns a panic in one check into an error result: our own
// failure, never a finding against the site. The stack goes to the log and
// the Auditor's InternalError hook counts it.
func (s *siteRun) judgeSafely(ctx context.Context, r govaudit.Requirement, pool *linkPool) (res govaudit.Result) {
	defer func() {
		if p := recover(); p != nil {
			s.a.Logger.Error("check panicked", "site", s.site.ID, "req", r.ID, "err", p, "stack", string(debug.Stack()))
			s.a.internalError(s.site.ID, r.ID)
			res = InternalErrorResult(r, p)
		}
	}()
	return s.judge(ctx, r, pool)
}

// InternalErrorResult is the result of a requirement whose judging failed
// inside govaudit.
func InternalErrorResult(r govaudit.Requirement, cause any) govaudit.Result {
	return govaudit.Result{ID: r.ID, Status: govaudit.StatusError, Compliant: govaudit.CompliantUnknown, MaxAgeDays: r.MaxAgeDays,
		Evidence: []string{msgInternalError(cause)}}
}

// judgeFunc judges one requirement of one kind.
type judgeFunc func(s *siteRun, ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result

// judges maps each check kind to its judge, one file per kind; a kind
// without an entry is judged as a plain column.
var judges = map[govaudit.Kind]judgeFunc{
	govaudit.KindColumn:         (*siteRun).judgeColumn,
	govaudit.KindValidity:       (*siteRun).judgeValidity,
	govaudit.KindFields:         (*siteRun).judgeFields,
	govaudit.KindAnnual:         (*siteRun).judgeAnnual,
	govaudit.KindInterpretation: (*siteRun).judgeInterpretation,
	govaudit.KindLink: func(s *siteRun, _ context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
		return s.judgeLink(r, pool)
	},
}

func (s *siteRun) judge(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	if !r.Checked() {
		return govaudit.Result{ID: r.ID, Status: govaudit.StatusNotWebCheckable, Evidence: []string{msgOffline()}}
	}
	if j, ok := judges[r.Kind]; ok {
		return j(s, ctx, r, pool)
	}
	return s.judgeColumn(ctx, r, pool)
}

// unreadableHomeResult is the verdict on every requirement of a site whose
// home page opened but could not be read.
func unreadableHomeResult(r govaudit.Requirement, url string) govaudit.Result {
	status := govaudit.StatusUnreadable
	if !r.Checked() {
		status = govaudit.StatusNotWebCheckable
	}
	return govaudit.Result{ID: r.ID, Status: status, MaxAgeDays: r.MaxAgeDays, Evidence: []string{msgHomeNoLinks(url)}}
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
		Evidence: []string{msgHomeUnreadable(url, err)}}
}
