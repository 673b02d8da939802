package checks

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
)

const (
	// maxDateConfirmations bounds the detail pages read to confirm guessed
	// years of year-less list dates, per column.
	maxDateConfirmations = 5
	// maxUndatedLookups bounds the detail pages read to date a column whose
	// list shows no dates at all.
	maxUndatedLookups = 3
	// maxSubColumns bounds the sub-columns read when a column page is only
	// a menu of further columns.
	maxSubColumns = 3
)

// foundOnConfig is a column's foundOn when the config gave its address.
const foundOnConfig = "config"

// column is what was learned about one column: where it is and what it lists.
type column struct {
	found   bool
	url     string // the column's address, as linked
	label   string // the label it was found under ("hint" for a configured hint)
	foundOn string // the page the link was on
	depth   int    // depth of the column page
	err     *govaudit.FetchError
	entry   *entryPage
	list    page.List
	items   []page.ListItem // newest first; undated last
}

// newest returns the newest dated item, if any.
func (c *column) newest() (page.ListItem, bool) {
	if len(c.items) == 0 || c.items[0].Date.IsZero() {
		return page.ListItem{}, false
	}
	return c.items[0], true
}

// locate finds the column of r: the configured hint, else the best link.
func (s *siteRun) locate(r govaudit.Requirement, pool *linkPool) (column, bool) {
	if hint, ok := s.site.Hints[r.ID]; ok {
		return column{found: true, url: hint, label: "hint", foundOn: foundOnConfig, depth: 1}, true
	}
	m, ok := matchColumn(r.Keywords, r.Decoys, pool.links, pool.seen)
	if !ok {
		return column{}, false
	}
	return column{found: true, url: m.link.URL, label: m.link.Label, foundOn: m.link.from, depth: m.link.depth + 1}, true
}

// read fetches the column page and reads its list. subKeywords name the
// sub-columns to follow when the page is a menu of columns rather than a list.
func (s *siteRun) read(ctx context.Context, c *column, subKeywords []string) {
	c.entry = s.entry(ctx, c.url, c.depth)
	if c.entry.err != nil {
		c.err = c.entry.err
		return
	}
	for _, p := range c.entry.pages {
		l := p.List()
		if len(l.Items) > 0 || l.Empty {
			c.list = l
			break
		}
	}
	c.items = append(c.items, c.list.Items...)
	if len(c.items) == 0 && !c.list.Empty && len(subKeywords) > 0 {
		s.readSubColumns(ctx, c, subKeywords)
	}
	s.confirmDates(ctx, c)
}

// readSubColumns merges the lists of the sub-columns a menu-like column
// page links to (预决算 → 部门预算, 部门决算).
func (s *siteRun) readSubColumns(ctx context.Context, c *column, keywords []string) {
	var links []poolLink
	for _, p := range c.entry.pages {
		for _, l := range p.Links() {
			links = append(links, poolLink{Link: l, depth: c.depth, from: p.url})
		}
	}
	exclude := map[string]bool{c.url: true, c.entry.URL(): true}
	for i := 0; i < maxSubColumns; i++ {
		m, ok := matchColumn(keywords, nil, links, exclude)
		if !ok {
			return
		}
		exclude[m.link.URL] = true
		sub := s.entry(ctx, m.link.URL, c.depth+1)
		if sub.err != nil {
			continue
		}
		l := sub.main.List()
		c.items = append(c.items, l.Items...)
	}
}

// confirmDates sorts items newest first and reads detail pages where the
// list's dates cannot be trusted: a year-less date whose guessed year would
// decide freshness, or a list with no dates at all.
func (s *siteRun) confirmDates(ctx context.Context, c *column) {
	s.confirmTop(ctx, c, 1)
	if len(c.items) > 0 && c.items[0].Date.IsZero() {
		idx := make([]int, 0, maxUndatedLookups)
		for i := 0; i < len(c.items) && i < maxUndatedLookups; i++ {
			idx = append(idx, i)
		}
		s.redate(ctx, c, idx)
		sortItems(c.items)
	}
}

// confirmTop makes sure the n newest items carry confirmed years. A guessed
// year (InferYear) is the latest the date can be, so a confirmation can only
// move an item down; rounds repeat until the top n are all confirmed.
func (s *siteRun) confirmTop(ctx context.Context, c *column, n int) {
	sortItems(c.items)
	budget := maxDateConfirmations * max(n, 1)
	for budget > 0 {
		var idx []int
		for i := 0; i < len(c.items) && i < n; i++ {
			if !c.items[i].Date.IsZero() && !c.items[i].YearKnown {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return
		}
		if len(idx) > budget {
			idx = idx[:budget]
		}
		budget -= len(idx)
		s.redate(ctx, c, idx)
		for _, i := range idx {
			// Whether or not the detail page settled it, the guess is now
			// the best evidence there is; do not ask again.
			c.items[i].YearKnown = true
		}
		sortItems(c.items)
	}
}

// redate reads the detail pages of the items at idx, concurrently, and takes
// their publication dates where the pages give one.
func (s *siteRun) redate(ctx context.Context, c *column, idx []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailConcurrency)
	for _, i := range idx {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if d, ok := s.detailDate(ctx, c.items[i].URL, c.depth+1); ok {
				c.items[i].Date, c.items[i].YearKnown = d, true
			}
		}()
	}
	wg.Wait()
}

// detailDate reads an item's publication date from its detail page.
func (s *siteRun) detailDate(ctx context.Context, u string, depth int) (time.Time, bool) {
	d, ok := s.detail(ctx, u, depth)
	if !ok || d.Published.IsZero() || !d.YearKnown {
		return time.Time{}, false
	}
	return d.Published, true
}

// detail fetches and reads an item's detail page.
func (s *siteRun) detail(ctx context.Context, u string, depth int) (page.Detail, bool) {
	if u == "" {
		return page.Detail{}, false
	}
	p := s.get(ctx, u, depth)
	if p.err != nil {
		return page.Detail{}, false
	}
	return page.ReadDetail(p.Doc(), p.url, s.a.Location), true
}

// sortItems orders items newest first, undated last, keeping list order
// among equals (stable), so that pinned items do not decide freshness.
func sortItems(items []page.ListItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Date, items[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.After(b)
	})
}

// daysBetween counts calendar days from day a to day b in loc.
func daysBetween(a, b time.Time, loc *time.Location) int {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// columnVerdict is the common part of every column-based result: status
// from existence, emptiness and the newest item's age, with evidence.
func (s *siteRun) columnVerdict(r govaudit.Requirement, c *column) govaudit.Result {
	res := govaudit.Result{ID: r.ID, MaxAgeDays: r.MaxAgeDays}
	if !c.found {
		res.Status = govaudit.StatusMissing
		res.Evidence = []string{msgColumnMissing(r.Keywords)}
		return res
	}
	res.ColumnURL = c.url
	res.Evidence = append(res.Evidence, msgColumnFound(c))
	if c.err != nil {
		res.Status = govaudit.StatusUnreachable
		if c.err.Kind == govaudit.ErrBlocked || c.err.Kind == govaudit.ErrRobots {
			res.Status = govaudit.StatusBlocked
		}
		res.Evidence = append(res.Evidence, msgColumnPageUnreadable(c.url, c.err))
		return res
	}
	if len(c.items) == 0 {
		res.Sources = s.sources(c)
		res.Status = govaudit.StatusEmpty
		res.Evidence = append(res.Evidence, msgColumnNoItems())
		return res
	}
	res.Sources = s.sources(c)
	newest, ok := c.newest()
	if !ok {
		res.Status = govaudit.StatusStale
		res.Evidence = append(res.Evidence, msgUndatedItems(len(c.items)))
		return res
	}
	age := daysBetween(newest.Date, s.now, s.a.Location)
	res.AgeDays = &age
	res.NewestItem = &govaudit.Item{Title: newest.Title, URL: newest.URL, Date: govaudit.DateOf(newest.Date.In(s.a.Location))}
	res.Evidence = append(res.Evidence, msgNewestItem(res.NewestItem.Date, newest.Title, newest.URL, age, len(c.items)))
	if r.MaxAgeDays > 0 && age > r.MaxAgeDays {
		res.Status = govaudit.StatusStale
	} else {
		res.Status = govaudit.StatusFresh
	}
	return res
}

// sources lists the pages that decided a column's verdict: the pages of
// the column as shown, and the newest item's detail page if it was read.
func (s *siteRun) sources(c *column) []string {
	var out []string
	if c.entry != nil {
		for _, p := range c.entry.pages {
			out = append(out, p.url)
		}
	}
	if it, ok := c.newest(); ok && it.URL != "" {
		s.mu.Lock()
		p, read := s.parsed[it.URL]
		s.mu.Unlock()
		if read && p.err == nil {
			out = append(out, it.URL)
		}
	}
	return out
}

// judgeColumn is KindColumn: the column exists and is fresh, and where the
// requirement sets a yearly minimum, enough items appeared in the last year.
func (s *siteRun) judgeColumn(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	c, ok := s.locate(r, pool)
	if ok {
		s.read(ctx, &c, nil)
	}
	res := s.columnVerdict(r, &c)
	if r.MinPerYear > 0 && (res.Status == govaudit.StatusFresh || res.Status == govaudit.StatusStale) {
		n := 0
		for _, it := range c.items {
			if !it.Date.IsZero() && daysBetween(it.Date, s.now, s.a.Location) <= 365 {
				n++
			}
		}
		res.Details = map[string]any{"items_last_year": n, "min_per_year": r.MinPerYear}
		res.Evidence = append(res.Evidence, msgItemsLastYear(n, r.MinPerYear))
		if n < r.MinPerYear {
			res.Status = govaudit.StatusStale
		}
	}
	return res
}
