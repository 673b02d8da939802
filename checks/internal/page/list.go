package page

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// ListItem is one entry of a column's list.
type ListItem struct {
	Title     string    // cleaned link text; the title attribute when the text is cut short with "..."
	URL       string    // absolute
	Date      time.Time // zero when undated; midnight in now's location
	YearKnown bool      // false when the date had no year (the year is text.InferYear's guess) or there is no date
	Pinned    bool      // marked 置顶 (text, class/id "top"/"zhiding", or a pin image)
	Validity  string    // the row's 有效性 (有效, 失效, 废止, 已修改, 部分失效, 部分有效, 现行有效, or the site's own word)
	Text      string    // the row's visible text, cleaned
}

// List is the main item list of a column page.
type List struct {
	Items []ListItem
	// Empty: no items, and the page says so (暂无信息, 暂无数据 … in the
	// content area) or shows a list container with nothing in it.
	Empty  bool
	Source string // "ul", "table", "datastore", "div": where the items came from; "" without items
	Pages  int    // total pages when a pager says so, else 0
	// NextPage is the absolute URL of the page after this one (page 2 on
	// a column's first page) when the pager makes it known: TRS index_1.html,
	// a rendered "下一页" link, or Hanweb's dataproxy.jsp for the records
	// after those embedded in the page.
	NextPage string
	// Scripted: no items, and the page's scripts fetch content after load
	// (XHR, fetch, $.ajax …): the list is built in the browser, so the
	// HTML alone says nothing about whether the column is empty.
	Scripted bool `json:",omitempty"`
}

// ReadList finds the main item list of a column page and reads its items,
// ignoring menus, breadcrumbs, footers and related-link boxes. body is the
// page body the document was parsed from; Hanweb lists live in XML data
// islands that the HTML parser does not keep. now dates year-less items and
// gives the location of item dates.
//
// Candidate lists are groups of sibling rows (li, tr, dd, or a repeated
// div/p/a) holding an article link, plus each Hanweb datastore. The list is
// the group with the most rows carrying a date in their visible text, then
// the most rows; groups in menus, headers, footers, breadcrumbs and related
// boxes lose to any other. A group without dates is taken only when no
// group has dates and its links look like articles.
func ReadList(doc *goquery.Document, body []byte, base *url.URL, now time.Time) List {
	top := root(doc)
	if top == nil {
		return List{}
	}
	s := newScan(top, base, true)
	groups := groupRows(s.anchors)
	stores := findDatastores(body)
	if body == nil {
		for _, src := range s.scripts {
			if strings.Contains(src, "<datastore") {
				stores = append(stores, findDatastores([]byte(src))...)
			}
		}
	}
	storeOf := make(map[*group]datastore, len(stores))
	for _, ds := range stores {
		g := datastoreGroup(ds, s.base)
		g.order = -1 // a data island is the page's list by construction
		storeOf[g] = ds
		groups = append(groups, g)
	}

	var l List
	best := pickList(groups)
	if best != nil {
		l.Source = best.source
		l.Items = readItems(best, now)
	}

	p := trsPager(s.scripts)
	ds, isStore := storeOf[best]
	switch {
	case p.trs:
		l.Pages = p.pages
		if p.pages > p.current+1 {
			l.NextPage = trsNext(s.base, p.name, p.ext, p.current)
		}
	case isStore:
		l.Pages = ds.totalPage
		if l.Pages == 0 && ds.totalRecord > 0 && ds.perPage > 0 {
			l.Pages = (ds.totalRecord + ds.perPage - 1) / ds.perPage
		}
		l.NextPage = ds.nextRecords(s.base)
	default:
		l.Pages = p.pages
		if l.Pages == 0 && bytes.Contains(s.text.b, []byte("页")) {
			l.Pages = textPages(text.Clean(string(s.text.b)))
		}
		l.NextPage = nextLink(s.anchors, base)
		if l.NextPage == "" && p.pages > p.current+1 {
			// TRS pager variables without a createPageHTML call (Handan):
			// the pages are named after this one, index_N.html.
			name, ext := stemOf(base)
			l.NextPage = trsNext(s.base, name, ext, p.current)
		}
	}

	if len(l.Items) == 0 {
		// A data island (Hanweb's datastore) is the list itself, even when
		// a pager script fetches further records: its emptiness is read.
		// Only a page that shows where the list would be (an empty
		// container, a placeholder) counts: a page without one, such as
		// an introduction with a visit counter's $.ajax, is read as it is.
		l.Scripted = len(stores) == 0 && (len(s.lists) > 0 || s.empty) && loadsByScript(s.scripts)
		l.Empty = s.empty || len(s.lists) > 0 && !l.Scripted
		for _, ds := range stores {
			if len(ds.rows) == 0 {
				l.Empty = true
			}
		}
	}
	return l
}

// groupStats summarises a candidate list.
type groupStats struct {
	items, dated, articles int
	demoted                bool // in a menu, header, footer, breadcrumb or related box
}

func statsOf(g *group) groupStats {
	var st groupStats
	demoted := 0
	for _, r := range g.rows {
		r.evaluate()
		if !isItem(r) {
			continue
		}
		st.items++
		if r.dated {
			st.dated++
		}
		if r.main.runes >= 10 || r.main.isArticle() {
			st.articles++
		}
		if r.main.region&notList != 0 {
			demoted++
		}
	}
	st.demoted = demoted*2 > st.items
	return st
}

// isItem reports whether a row can be a list item: it has a link with a
// label and is short enough to be a row.
func isItem(r *row) bool {
	return r.main != nil && !r.long && r.main.runes >= 2 && !moreLink(r.main.normLabel())
}

// moreLink reports whether a normalised label is a "more" link, not an
// item.
func moreLink(norm string) bool {
	switch norm {
	case "更多", "more", "更多>>", "详细", "详情", "查看更多", "更多信息", "下一页", "上一页", "首页", "尾页", "末页":
		return true
	}
	return false
}

// pickList chooses the main list among the candidate groups, or nil.
func pickList(groups []*group) *group {
	var best *group
	var bst groupStats
	stats := make([]groupStats, len(groups))
	for i, g := range groups {
		stats[i] = statsOf(g)
		st := stats[i]
		if st.items == 0 || st.dated == 0 {
			continue
		}
		if best == nil || betterDated(g, st, best, bst) {
			best, bst = g, st
		}
	}
	if best != nil {
		return best
	}
	// No dated list anywhere: an undated group is a list only when it is
	// not navigation and its links look like articles.
	for i, g := range groups {
		st := stats[i]
		if st.items == 0 || st.demoted || st.articles*2 < st.items {
			continue
		}
		if best == nil || st.items > bst.items {
			best, bst = g, st
		}
	}
	return best
}

func betterDated(g *group, st groupStats, best *group, bst groupStats) bool {
	if st.demoted != bst.demoted {
		return !st.demoted
	}
	if st.dated != bst.dated {
		return st.dated > bst.dated
	}
	if st.items != bst.items {
		return st.items > bst.items
	}
	return g.order < best.order
}

// articleURL reports whether a URL looks like a document rather than a
// column: a date in the path (t20161120_, /art/2016/11/20/), a CMS article
// marker, or a long numeric id.
func articleURL(u string) bool {
	if _, ok := text.DateFromURL(u); ok {
		return true
	}
	l := strings.ToLower(u)
	if containsAny(l, "/art/", "art_", "content_", "detail", "/t20", "article", "infoid=", "newsid=", "articleid=") {
		return true
	}
	run := 0
	for i := 0; i < len(l); i++ {
		if '0' <= l[i] && l[i] <= '9' {
			run++
			if run >= 7 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// readItems turns the rows of the chosen group into items.
func readItems(g *group, now time.Time) []ListItem {
	loc := now.Location()
	cols, table := columns{-1, -1, -1}, false
	if g.source == "table" {
		cols, table = tableColumns(g)
	}
	items := make([]ListItem, 0, len(g.rows))
	for _, r := range g.rows {
		if !isItem(r) {
			continue
		}
		main := r.main
		m, dated := r.date, r.dated
		validity := r.validity
		if table {
			if cell := cellAt(r.n, cols.title); cell != nil {
				for _, a := range r.anchors {
					if within(a.n, cell, 8) {
						main = a
						break
					}
				}
			}
			if cell := cellAt(r.n, cols.date); cell != nil {
				if ms := text.FindDates(textOf(cell, 300)); len(ms) > 0 {
					m, dated = ms[len(ms)-1], true
				}
			}
			if cell := cellAt(r.n, cols.validity); cell != nil {
				if v := text.Normalize(textOf(cell, 200)); v != "" {
					validity = canonValidity(v)
				}
			}
		}
		title := itemTitle(main, r.pinned)
		if r.inLabel && main == r.main && title == main.label {
			// <a><span>标题</span><span>2026-11-20</span></a>: the date
			// is not part of the title.
			title = strings.Trim(title[:r.date.Start]+title[r.date.End:], " []()【】")
		}
		it := ListItem{
			Title:    title,
			URL:      main.url,
			Pinned:   r.pinned,
			Validity: validity,
			Text:     text.Clean(r.rawText),
		}
		it.Date, it.YearKnown = itemDate(m, dated, main.url, now, loc)
		items = append(items, it)
	}
	return items
}

// itemTitle returns the title of an item's link: its text, or its title
// attribute when the text is cut short ("…" / "...") or empty, without a
// 置顶 marker.
func itemTitle(a *anchor, pinned bool) string {
	t := a.label
	if t == "" || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		if full := text.Clean(attr(a.n, "title")); full != "" {
			t = full
		}
	}
	if pinned {
		for _, p := range []string{"[置顶]", "【置顶】", "(置顶)", "置顶"} {
			t = strings.TrimSpace(strings.TrimPrefix(t, p))
		}
	}
	return t
}

// itemDate dates an item from its row's visible date, else from its URL.
// A year-less date takes the year of a URL date with the same month and day
// when there is one, else text.InferYear's guess (YearKnown false).
func itemDate(m text.Match, ok bool, u string, now time.Time, loc *time.Location) (time.Time, bool) {
	um, uok := text.DateFromURL(u)
	uok = uok && um.YearKnown
	switch {
	case ok && m.YearKnown:
		return m.Time(loc), true
	case ok:
		if uok && um.Month == m.Month && um.Day == m.Day {
			return um.Time(loc), true
		}
		return text.InferYear(m.Month, m.Day, now), false
	case uok:
		return um.Time(loc), true
	}
	return time.Time{}, false
}

// nextLink returns the target of a rendered "下一页" link, if any.
func nextLink(anchors []*anchor, base *url.URL) string {
	self := ""
	if base != nil {
		self = base.String()
	}
	for _, a := range anchors {
		switch a.normLabel() {
		case "下一页", "下页", "next", "nextpage", "后页":
			if a.url != self {
				return a.url
			}
		}
	}
	return ""
}

// loadsByScript reports whether inline scripts fetch content after load,
// in which case an empty list container says nothing about the column.
func loadsByScript(scripts []string) bool {
	for _, s := range scripts {
		if containsAny(s, "ajax", "$.get", "$.post", "getJSON", "fetch(", "XMLHttpRequest", ".load(") {
			return true
		}
	}
	return false
}
