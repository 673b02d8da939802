package page

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"
)

// Link is one link a page offers.
type Link struct {
	URL   string // absolute, fragment removed; only http(s)
	Label string // visible label: the link's text with inline children joined, else its title, else an image's alt/title
	Norm  string // text.Normalize(Label)
	// Nav: the link is navigation or menu-like: inside <nav>/<header>/a
	// footer or breadcrumb, a menu/nav/top/column/lanmu class or id, or in a
	// list of short labels without dates. A link in a dated row is never Nav.
	Nav bool
	// Dated: the link is the main link of a list row that carries a date
	// in its visible text: a news item, not a column.
	Dated bool
}

// menuLabel is the longest label, in runes, of a typical menu entry.
const menuLabel = 10

// Links returns the links of a page in document order, deduplicated by URL
// and label. It skips javascript:, mailto:, tel: and fragment-only links
// and includes <area href> (image maps).
func Links(doc *goquery.Document, base *url.URL) []Link {
	top := root(doc)
	if top == nil {
		return nil
	}
	s := newScan(top, base, false)
	menus := make(map[*group]bool)
	for _, g := range groupRows(s.anchors) {
		menus[g] = isMenu(g)
	}
	type urlLabel struct{ url, label string }
	seen := make(map[urlLabel]struct{}, len(s.anchors))
	out := make([]Link, 0, len(s.anchors))
	for _, a := range s.anchors {
		key := urlLabel{a.url, a.label}
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		var dated, menu bool
		if r := a.row; r != nil {
			r.evaluate()
			dated = r.dated && r.main == a
			menu = menus[r.group]
		}
		out = append(out, Link{
			URL:   a.url,
			Label: a.label,
			Norm:  a.normLabel(),
			Nav:   !dated && (a.region&navLike != 0 || menu),
			Dated: dated,
		})
	}
	return out
}

// isMenu reports whether a group looks like a menu: several rows, none
// dated, mostly short labels.
func isMenu(g *group) bool {
	if len(g.rows) < 2 {
		return false
	}
	short := 0
	for _, r := range g.rows {
		r.evaluate()
		if r.dated {
			return false
		}
		if r.main != nil && r.main.runes <= menuLabel {
			short++
		}
	}
	return short*3 >= len(g.rows)*2
}
