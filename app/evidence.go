package app

import (
	"context"
	"log/slog"
	"runtime/debug"
	"slices"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// saveEvidence stores copies of the pages that decided a's results (their
// Sources), once a has been saved. Evidence is a record of the audit, not
// part of it: a failure is logged and counted as a store error and never
// fails the audit.
func (r *runner) saveEvidence(ctx context.Context, f govaudit.Fetcher, a *govaudit.SiteAudit) {
	defer func() {
		if p := recover(); p != nil {
			r.rec.StoreError()
			r.log.Error("save evidence panicked", "site", a.SiteID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	pages := evidencePages(ctx, f, a, r.log)
	if r.screenshots {
		pages = withScreenshots(ctx, f, a, pages)
	}
	if len(pages) == 0 {
		return
	}
	if err := r.store.SaveEvidence(a.SiteID, a.AuditedAt, pages); err != nil {
		r.rec.StoreError()
		r.log.Error("save evidence", "site", a.SiteID, "err", err)
	}
}

// evidencePages collects the distinct source pages of a's results, in the
// order the results first name them, each with the requirements it
// decided. Pages that could not be read are left out: there is nothing to
// keep of them, and the result's evidence strings already say why.
func evidencePages(ctx context.Context, f govaudit.Fetcher, a *govaudit.SiteAudit, log *slog.Logger) []store.EvidencePage {
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

// maxScreenshots bounds the screenshots taken per site and audit: each is
// a render with images.
const maxScreenshots = 10

// withScreenshots adds a PNG of the column page of every result judged
// stale, empty or unreadable, when f can take one (a browser is
// available): evaluators quote screenshots, and a department contesting a
// finding is shown the page as a citizen saw it.
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
	for _, res := range a.Results {
		switch res.Status {
		case govaudit.StatusStale, govaudit.StatusEmpty, govaudit.StatusUnreadable:
		default:
			continue
		}
		u := res.ColumnURL
		if u == "" || taken >= maxScreenshots {
			continue
		}
		i, ok := byURL[u]
		if !ok {
			// An unreadable column decided nothing from its HTML; its copy
			// is kept with the screenshot all the same.
			p := f.Fetch(ctx, u, 0)
			if len(p.Body) == 0 {
				continue
			}
			i = len(pages)
			pages = append(pages, store.EvidencePage{URL: u, FinalURL: p.FinalURL, Status: p.Status,
				ContentType: p.ContentType, FetchedAt: p.FetchedAt, Body: p.Body})
			byURL[u] = i
		}
		if !slices.Contains(pages[i].Requirements, res.ID) {
			pages[i].Requirements = append(pages[i].Requirements, res.ID)
		}
		if pages[i].PNG == nil {
			if png := sf.Screenshot(ctx, u); png != nil {
				pages[i].PNG = png
				taken++
			}
		}
	}
	return pages
}
