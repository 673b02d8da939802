package app

import (
	"context"
	"log/slog"
	"runtime/debug"
	"slices"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// saveEvidence stores copies of the pages that decided a's results (their
// Sources), once a has been saved. Evidence is a record of the audit, not
// part of it: a failure is logged and counted as a store error and never
// fails the audit.
func (r *runner) saveEvidence(ctx context.Context, f *crawler.SiteFetcher, fetcher govaudit.Fetcher, a *govaudit.SiteAudit) {
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
	pages := EvidencePages(ctx, f, a, home, r.log)
	if r.screenshots {
		// Screenshots come through the browser, when the run has one.
		pages = withScreenshots(ctx, fetcher, a, pages)
	}
	pages = withinBudget(pages, evidenceBudget, a.SiteID, r.log)
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
					ep := store.EvidencePage{
						URL: u, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType,
						FetchedAt: p.FetchedAt, Body: p.Body,
					}
					// The bytes as fetched, so that the copy's hash can be
					// checked against the site's; the text is decoded
					// again for display.
					if p.Raw != nil {
						ep.Body, ep.AsFetched, ep.Charset = p.Raw, true, p.Charset
					}
					pages = append(pages, ep)
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

// findingPages adds to pages the ones findings without sources rest on, as
// far as the audit read them (the fetcher's cache: nothing is fetched
// for evidence): the home page, kept under report.HomeEvidenceKey and
// under every missing requirement (its column was looked for there), and
// each census finding's sources under report.CensusEvidenceKey(rule).
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
			pages = append(pages, evidenceCopy(u, p))
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
		for _, u := range c.Sources {
			add(u, key)
		}
	}
	return pages
}

// maxScreenshots bounds the screenshots taken per site and audit: each is
// a render with images.
const maxScreenshots = 10

// withScreenshots adds a PNG of the column page of every result judged
// stale, empty or unreadable, and of the first page each census veto rests
// on, when f can take one (a browser is available): evaluators quote
// screenshots, and a department contesting a finding is shown the page as
// a citizen saw it.
func withScreenshots(ctx context.Context, f govaudit.Fetcher, a *govaudit.SiteAudit, pages []store.EvidencePage) []store.EvidencePage {
	sf, ok := f.(govaudit.Screenshotter)
	if !ok {
		return pages
	}
	byURL := map[string]int{}
	for i, p := range pages {
		byURL[p.URL] = i
	}
	taken := 0
	// shoot keeps a screenshot of u under key: a requirement, or a census
	// rule's evidence key.
	shoot := func(u, key string) {
		if u == "" || taken >= maxScreenshots {
			return
		}
		i, ok := byURL[u]
		if !ok {
			// An unreadable column decided nothing from its HTML; its copy
			// is kept with the screenshot all the same.
			p := f.Fetch(ctx, u, 0)
			if len(p.Body) == 0 {
				return
			}
			i = len(pages)
			pages = append(pages, evidenceCopy(u, p))
			byURL[u] = i
		}
		if !slices.Contains(pages[i].Requirements, key) {
			pages[i].Requirements = append(pages[i].Requirements, key)
		}
		if pages[i].PNG == nil {
			if png := sf.Screenshot(ctx, u); png != nil {
				pages[i].PNG = png
				taken++
			}
		}
	}
	for _, res := range a.Results {
		if res.Status.Screenshotted() {
			shoot(res.ColumnURL, res.ID)
		}
	}
	// A census veto fails the site whatever its score: the first page it
	// rests on is shown as a citizen saw it too.
	for _, c := range a.Census {
		if c.Verdict == govaudit.VerdictVeto && len(c.Sources) > 0 {
			shoot(c.Sources[0], report.CensusEvidenceKey(c.Rule))
		}
	}
	return pages
}

// evidenceCopy is the stored copy of p fetched for u: the bytes as the site
// sent them when the crawler kept them (so that the copy's hash can be
// checked against the site's), else the decoded text.
func evidenceCopy(u string, p *govaudit.Page) store.EvidencePage {
	ep := store.EvidencePage{URL: u, FinalURL: p.FinalURL, Status: p.Status,
		ContentType: p.ContentType, FetchedAt: p.FetchedAt, Body: p.Body}
	if p.Raw != nil {
		ep.Body, ep.AsFetched, ep.Charset = p.Raw, true, p.Charset
	}
	return ep
}
