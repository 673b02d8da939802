package demo

import (
	"net/url"
	"slices"
	"sync/atomic"
	"time"

	"github.com/govaudit/govaudit"
)

// annualKind says what report a 预决算 item is. The truth of czt-1 is read
// from this, not from the title, so that a title written as a trap (a budget
// preparation notice naming next year) cannot leak into the ground truth.
type annualKind int

const (
	notAnnual annualKind = iota // any other item
	budgetReport
	finalReport
)

// item is one entry of a column: a document, a notice, a report.
type item struct {
	title    string
	date     time.Time // publication time; zero when the item is dated nowhere
	pinned   bool      // 置顶: listed first whatever its date
	validity string    // 有效性 value; "" when the document carries no label
	kind     annualKind
	year     int // the year a budget or final-accounts report covers

	// status is a message's reply status as its list row shows it
	// (已回复, 未回复); "" for anything but a message.
	status string

	docNo  string   // 发文字号, "" for none
	issuer string   // 发布机构
	body   []string // paragraphs of the detail page
	table  [][]string
	id     int    // the CMS's document number
	path   string // the detail page's key on its host (path, and query if any)
}

// column is one list of items on a site.
type column struct {
	req   string // the requirement id this column answers; "" for the others
	label string // the link text menus use
	name  string // the heading on the list page
	group string // the menu group it sits in (政务公开, 新闻中心 …)
	slug  string // the directory name the CMS gives it
	code  int    // the CMS's column number
	// dir is the directory of the list pages; paths are its list pages, the
	// first of which is the column's address.
	dir   string
	paths []string
	items []*item // in display order: pinned first, then newest first
	// perPage is how many items one list page shows; stubPages are pager
	// pages past the last item that exist but list nothing.
	perPage   int
	stubPages int
	// validityInList shows 有效性 as a column of the list table.
	validityInList bool
	// yearless lists dates as [MM-DD]; the detail page has the full date.
	yearless bool
	// chineseDates lists dates as 2026年11月20日.
	chineseDates bool
	// scripted leaves the list out of the page's HTML: a script fills it
	// from a JSON API after load, so only a browser can read it.
	scripted bool
	// ascending lists the items oldest first, over as many pages as it
	// takes: the newest item is on the last page.
	ascending bool
}

// arrange puts items in the order a CMS shows them: pinned items first, in
// the order given, then dated items newest first, then undated ones.
func arrange(items []*item) []*item {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b *item) int {
		switch {
		case a.pinned != b.pinned:
			if a.pinned {
				return -1
			}
			return 1
		case a.pinned:
			return 0
		case a.date.IsZero() != b.date.IsZero():
			if a.date.IsZero() {
				return 1
			}
			return -1
		}
		return b.date.Compare(a.date)
	})
	return out
}

// pageItems returns the items list page n (0-based) shows.
func (c *column) pageItems(n int) []*item {
	lo := n * c.perPage
	if lo >= len(c.items) {
		return nil
	}
	return c.items[lo:min(lo+c.perPage, len(c.items))]
}

// firstPage is what a reader of the column's address sees: the first list
// page, or every record for a CMS that embeds them all in that page.
func (c *column) firstPage(s *site) []*item {
	if _, ok := s.cms.(hanweb); ok {
		return c.items
	}
	if c.ascending {
		// A list sorted oldest first is read to its last page.
		return c.items
	}
	return c.pageItems(0)
}

// pageCount is how many list pages the column's pager announces.
func (c *column) pageCount() int {
	n := (len(c.items) + c.perPage - 1) / c.perPage
	return max(n, 1) + c.stubPages
}

// newest returns the latest publication date of the column, zero when no
// item is dated.
func (c *column) newest() time.Time {
	var t time.Time
	for _, it := range c.items {
		if it.date.After(t) {
			t = it.date
		}
	}
	return t
}

// byDate returns the items newest first, undated last.
func (c *column) byDate() []*item {
	out := slices.Clone(c.items)
	slices.SortStableFunc(out, func(a, b *item) int {
		if a.date.IsZero() != b.date.IsZero() {
			if a.date.IsZero() {
				return 1
			}
			return -1
		}
		return b.date.Compare(a.date)
	})
	return out
}

// validityCount returns how many of the newest n documents the auditor
// inspects and how many of those carry a 有效性 label.
func (c *column) validityCount(n int) (checked, labelled int) {
	newest := c.byDate()
	checked = min(n, len(newest))
	for _, it := range newest[:checked] {
		if it.validity != "" {
			labelled++
		}
	}
	return checked, labelled
}

// hasAnnual reports whether the column holds the report of kind for year.
func (c *column) hasAnnual(kind annualKind, year int) bool {
	for _, it := range c.items {
		if it.kind == kind && it.year == year {
			return true
		}
	}
	return false
}

// siteMode says how a site answers before any page is read.
type siteMode int

const (
	modeNormal      siteMode = iota
	modeRefused              // nothing listens: connections are refused
	modeServerError          // every page answers 502 Bad Gateway
	modeBlocked              // a WAF answers 412 with a cookie challenge
	// modeChallenge: a WAF answers 521 with a script that sets a cookie
	// and reloads, and lets through every request that carries it, as a
	// citizen's browser does.
	modeChallenge
)

// site is one website of the province, its model and its rendered pages.
type site struct {
	govaudit.Site
	short   string   // the short name menus use (辽宁, 沈阳 …)
	cms     cms      // how lists and documents are laid out
	host    string   // the host that serves pages
	aliases []string // hosts that redirect to host (a bare domain without www)
	mode    siteMode
	gbk     bool // pages are GBK-encoded, declared only in <meta>
	// traditional renders every page in traditional characters.
	traditional bool
	columns     []*column
	robots      string
	// zwgkHref is where the 政务公开 menu entry points, zwgkLabel what it
	// says when not 政务公开.
	zwgkHref, zwgkLabel string

	// menus are the menu links of the home page (depth 1) and of the
	// disclosure portal (depth 2) in document order, as the pages were
	// built; the main menu of navLinks comes before them on every page.
	menus []menuLink
	// homeItems are the items the home page's own lists show.
	homeItems []*item
	// flakyAt is the request for the home page that answers 503 Service
	// Unavailable (1-based; 0 for none), and homeHits counts those requests.
	flakyAt  int64
	homeHits atomic.Int64
	// spam is what was injected into the home page; nil on a clean site.
	spam *injection

	pages map[string]*page // by key: path, plus "?" and the sorted query if any
	// sharedParts are the encoded parts every page repeats, by marker.
	sharedParts map[string][]byte
	order       []string // page keys in the order they were added
	proxies     map[string]*column
}

// base is the scheme and host of the site's pages.
func (s *site) base() string { return "http://" + s.host }

// homePath is the path of the page the site's configured address names.
func (s *site) homePath() string {
	if u, err := url.Parse(s.URL); err == nil && u.Path != "" {
		return u.Path
	}
	return "/"
}

// columnAt returns the column whose address is href, or nil.
func (s *site) columnAt(href string) *column {
	for _, c := range s.columns {
		if len(c.paths) > 0 && c.paths[0] == href {
			return c
		}
	}
	return nil
}

// column returns the column that answers requirement id, or nil.
func (s *site) column(id string) *column {
	for _, c := range s.columns {
		if c.req == id {
			return c
		}
	}
	return nil
}
