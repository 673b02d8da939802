package app

import (
	"context"
	"log/slog"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// saveEvidence stores copies of the pages that decided a's results (their
// Sources), once a has been saved. Evidence is a record of the audit, not
// part of it: a failure is logged and counted as a store error and never
// fails the audit.
func (r *runner) saveEvidence(ctx context.Context, f *crawler.SiteFetcher, a *govaudit.SiteAudit) {
	defer func() {
		if p := recover(); p != nil {
			r.rec.StoreError()
			r.log.Error("save evidence panicked", "site", a.SiteID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	home := ""
	if site, ok := r.store.Snapshot().Site(a.SiteID); ok {
		home = site.URL
	}
	pages := withinBudget(EvidencePages(ctx, f, a, home, r.log), evidenceBudget, a.SiteID, r.log)
	if len(pages) == 0 {
		return
	}
	if err := r.store.SaveEvidence(a.SiteID, a.AuditedAt, pages); err != nil {
		r.rec.StoreError()
		r.log.Error("save evidence", "site", a.SiteID, "err", err)
	}
}

// EvidencePages are the pages to keep as the evidence of a, the audit of
// the site whose home page is at home: the sources of its results, then
// the pages its findings without sources rest on (findingPages). All come
// from f's cache of the audit's run.
func EvidencePages(ctx context.Context, f *crawler.SiteFetcher, a *govaudit.SiteAudit, home string, log *slog.Logger) []store.EvidencePage {
	return findingPages(f, a, home, evidencePages(ctx, f, a, log))
}

// evidencePages collects the distinct source pages of a's results, in the
// order the results first name them, each with the requirements it
// decided. Pages that could not be read are left out: there is nothing to
// keep of them, and the result's evidence strings already say why.
func evidencePages(ctx context.Context, f *crawler.SiteFetcher, a *govaudit.SiteAudit, log *slog.Logger) []store.EvidencePage {
	var pages []store.EvidencePage
	byURL := map[string]int{} // index in pages, -1 for a page left out
	for _, res := range a.Results {
		for _, u := range res.Sources {
			i, seen := byURL[u]
			if !seen {
				i = len(pages)
				// A cache hit, not a request: sources are pages the audit
				// read through f, and a SiteFetcher keeps every page it
				// fetched during the run. The pages it does not keep (a
				// fetch cut off by its caller's context, a refusal for the
				// spent budget) were never read, so are no one's source.
				p := f.Fetch(ctx, u, 0)
				if p.Err != nil {
					log.Debug("evidence page left out", "site", a.SiteID, "req", res.ID, "url", u, "err", p.Err.Error())
					i = -1
				} else {
					pages = append(pages, store.EvidencePage{
						URL: u, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType,
						FetchedAt: p.FetchedAt, Body: p.Body,
					})
				}
				byURL[u] = i
			}
			if i < 0 {
				continue
			}
			if reqs := pages[i].Requirements; !slices.Contains(reqs, res.ID) {
				pages[i].Requirements = append(reqs, res.ID)
			}
		}
	}
	return pages
}

// evidenceURL finds the page addresses an evidence line quotes.
var evidenceURL = regexp.MustCompile(`https?://[^\s"'()<>（）“”，、；]+`)

// findingPages adds to pages the ones findings without sources rest on, as
// far as the audit read them (the fetcher's cache: nothing is fetched
// for evidence): the home page, kept under report.HomeEvidenceKey and
// under every missing requirement (its column was looked for there), and
// the pages each census finding's evidence quotes (the home page for
// 网站不更新), under report.CensusEvidenceKey(rule).
func findingPages(f *crawler.SiteFetcher, a *govaudit.SiteAudit, home string, pages []store.EvidencePage) []store.EvidencePage {
	byURL := map[string]int{}
	for i, p := range pages {
		byURL[p.URL] = i
	}
	add := func(u, req string) {
		i, ok := byURL[u]
		if !ok {
			p, cached := f.Cached(u)
			if !cached || p.Err != nil {
				return
			}
			i = len(pages)
			pages = append(pages, store.EvidencePage{URL: u, FinalURL: p.FinalURL, Status: p.Status,
				ContentType: p.ContentType, FetchedAt: p.FetchedAt, Body: p.Body})
			byURL[u] = i
		}
		if !slices.Contains(pages[i].Requirements, req) {
			pages[i].Requirements = append(pages[i].Requirements, req)
		}
	}
	if home != "" {
		add(home, report.HomeEvidenceKey)
		for _, res := range a.Results {
			if res.Status == govaudit.StatusMissing && len(res.Sources) == 0 {
				add(home, res.ID)
			}
		}
	}
	for _, c := range a.Census {
		key := report.CensusEvidenceKey(c.Rule)
		if c.Rule == govaudit.RuleHomepageNotUpdated && home != "" {
			add(home, key)
		}
		for _, line := range c.Evidence {
			for _, u := range evidenceURL.FindAllString(line, -1) {
				add(strings.TrimRight(u, ".,;:"), key)
			}
		}
	}
	return pages
}
