package checks

import (
	"context"
	"net/url"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
)

// Pages a script builds. The HTML of a column whose list a script fills
// from a JSON API shows an empty container; a home page whose menu a
// script writes shows no columns. Read as HTML they would be judged empty
// or missing, against a site a citizen sees as full. They are shown in a
// browser when the fetcher can render (govaudit.Renderer); when it cannot,
// the column is unreadable, never empty or missing.

// unrendered is the error of a page that needed a browser and did not get
// one, or whose render failed.
func unrendered(why string, cause *govaudit.FetchError) *govaudit.FetchError {
	msg := why
	if cause != nil {
		msg += ": " + cause.Error()
	}
	return &govaudit.FetchError{Kind: govaudit.ErrUnrendered, Message: msg}
}

// render shows u in the browser and returns it parsed, or why it could
// not be.
func (s *siteRun) render(ctx context.Context, u string, depth int) (*parsedPage, *govaudit.FetchError) {
	r, ok := s.f.(govaudit.Renderer)
	if !ok {
		return nil, &govaudit.FetchError{Kind: govaudit.ErrUnrendered, Message: "no browser configured (crawl.browser: never)"}
	}
	pg := r.Render(ctx, u, depth)
	if pg.Err != nil {
		return nil, pg.Err
	}
	final := pg.FinalURL
	if final == "" {
		final = u
	}
	base, err := url.Parse(final)
	if err != nil {
		return nil, &govaudit.FetchError{Kind: govaudit.ErrOther, Message: "bad final url: " + err.Error()}
	}
	return &parsedPage{url: u, page: pg, base: base, run: s}, nil
}

// renderColumn reads a column whose list its scripts build.
func (s *siteRun) renderColumn(ctx context.Context, c *column) {
	p, fe := s.render(ctx, c.entry.URL(), c.depth)
	if fe != nil {
		c.err = unrendered("列表由脚本生成，无法渲染 (the list is built by script and could not be rendered)", fe)
		return
	}
	l := p.List()
	if len(l.Items) == 0 && !l.Empty {
		// Rendered, and the scripts showed neither items nor an empty
		// marker: nothing can be said.
		c.err = unrendered("列表由脚本生成，渲染后仍无法读取 (the list is built by script and showed no readable items)", nil)
		return
	}
	c.list = l
	c.items = append(c.items[:0], l.Items...)
	c.renderedFrom = p
}

// renderHome shows the home page in the browser when its menu is written
// by script. It returns the entry to explore, or an error when the page
// needed a browser and could not be rendered.
func (s *siteRun) renderHome(ctx context.Context, home *entryPage) (*entryPage, *govaudit.FetchError) {
	if home.err != nil || home.main == nil || !page.BuiltByScript(home.main.Doc(), len(home.Links())) {
		return home, nil
	}
	p, fe := s.render(ctx, home.URL(), 0)
	if fe != nil {
		return home, unrendered("首页链接由脚本生成，无法渲染 (the home page's links are written by script and could not be rendered)", fe)
	}
	e := &entryPage{url: home.url, via: home.via, main: p, pages: []*parsedPage{p}}
	s.markShown(e)
	return e, nil
}

// newestFirst reports whether a list is sorted newest first, judged by its
// dated, unpinned items in list order: a list is taken as sorted unless
// its dates go up at least a third as often as they go down, so that one
// misdated item does not send the audit through every page.
func newestFirst(items []page.ListItem) bool {
	var up, down int
	var prev page.ListItem
	have := false
	for _, it := range items {
		if it.Pinned || it.Date.IsZero() {
			continue
		}
		if have {
			switch {
			case it.Date.After(prev.Date):
				up++
			case it.Date.Before(prev.Date):
				down++
			}
		}
		prev, have = it, true
	}
	return up == 0 || up*3 < down
}

// followPages reads the further pages of a list that is not sorted newest
// first, up to the auditor's MaxListPages, so that its newest item is on
// hand wherever the pager put it. The pages read are recorded for the
// result's details.
func (s *siteRun) followPages(ctx context.Context, c *column, first *parsedPage) {
	if first == nil || c.list.NextPage == "" || newestFirst(c.list.Items) {
		return
	}
	limit := s.a.MaxListPages
	if limit <= 0 {
		limit = DefaultMaxListPages
	}
	read := []string{first.url}
	seen := map[string]bool{first.url: true, c.url: true}
	for next := c.list.NextPage; next != "" && !seen[next] && len(read) < limit; {
		seen[next] = true
		p := s.get(ctx, next, c.depth)
		if p.err != nil {
			break
		}
		l := p.List()
		if len(l.Items) == 0 {
			break
		}
		read = append(read, next)
		c.items = append(c.items, l.Items...)
		next = l.NextPage
	}
	c.pagesRead = read
}

// DefaultMaxListPages bounds the pages read of a list not sorted newest
// first (checks.max_list_pages).
const DefaultMaxListPages = 10

// notePagesRead puts the pages read of a result's column into its details.
func (s *siteRun) notePagesRead(c *column) {
	if len(c.pagesRead) < 2 {
		return
	}
	s.mu.Lock()
	if s.pagesRead == nil {
		s.pagesRead = map[string][]string{}
	}
	s.pagesRead[c.url] = c.pagesRead
	s.mu.Unlock()
}

// withPagesRead adds details.pages_read to a result whose column's list
// was read over several pages.
func (s *siteRun) withPagesRead(res govaudit.Result) govaudit.Result {
	if res.ColumnURL == "" {
		return res
	}
	s.mu.Lock()
	pages := s.pagesRead[res.ColumnURL]
	s.mu.Unlock()
	if len(pages) < 2 {
		return res
	}
	if res.Details == nil {
		res.Details = map[string]any{}
	}
	res.Details["pages_read"] = pages
	return res
}
