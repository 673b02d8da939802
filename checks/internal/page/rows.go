package page

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govaudit/govaudit/checks/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// anchor is one <a href> or <area href> of a page.
type anchor struct {
	n      *html.Node
	url    string // absolute http(s), no fragment
	label  string // text.Clean'ed visible label
	norm   string // text.Normalize(label), once asked for (see normLabel)
	normed bool
	// article caches articleURL(url): 0 not asked yet, 1 no, 2 yes.
	article uint8
	runes   int // length of label in runes
	region  region
	row     *row
}

// normLabel returns text.Normalize(a.label), computed once: the list
// reader asks for it of every row's main link more than once.
func (a *anchor) normLabel() string {
	if !a.normed {
		a.norm, a.normed = text.Normalize(a.label), true
	}
	return a.norm
}

// isArticle returns articleURL(a.url), computed once.
func (a *anchor) isArticle() bool {
	if a.article == 0 {
		a.article = 1
		if articleURL(a.url) {
			a.article = 2
		}
	}
	return a.article == 2
}

// row is one entry of a repeated structure: a <li>, <tr> or <dd>, or an
// element repeated among its siblings, holding at most a few links.
type row struct {
	n       *html.Node
	self    bool // the row is the anchor itself: its text runs on over the following inline siblings
	anchors []*anchor
	group   *group

	// Filled by evaluate.
	evaluated bool
	main      *anchor    // the article link: the longest label
	rawText   string     // visible text of the row, not yet cleaned: only items need it clean
	date      text.Match // the row's date from its visible text
	dated     bool
	pinned    bool
	inLabel   bool   // the date is part of the main link's label
	validity  string // a 有效性 value shown in the row, canonical
	long      bool   // more text than a list row has: a paragraph, not an item
}

// group is a set of sibling rows: the candidate lists of a page.
type group struct {
	rows   []*row
	tag    string // the rows' element name
	source string // "ul", "table", "div" or "datastore"
	order  int    // document order of the first row
}

// maxRowText bounds the text read from one row. List rows are short; a
// "row" with more text is a paragraph that happens to hold a link.
const maxRowText = 3000

// maxRowAnchors is the most links a <li>/<tr>/<dd> may hold and still be
// one item (an article link plus, say, a category link and an attachment).
const maxRowAnchors = 3

// newAnchor builds the anchor for element n (an <a> or <area>) or returns
// nil when its href is not a usable http(s) link.
func newAnchor(n *html.Node, res *resolver, r region) *anchor {
	u, ok := res.resolve(attr(n, "href"))
	if !ok {
		return nil
	}
	label := linkLabel(n)
	return &anchor{n: n, url: u, label: label, runes: utf8.RuneCountInString(label), region: r}
}

// linkLabel returns the visible label of a link: its text with inline
// children joined, else its title attribute, else the alt or title of an
// image inside it (image links), for <area> its alt or title.
func linkLabel(n *html.Node) string {
	if n.DataAtom == atom.Area {
		if s := text.Clean(attr(n, "alt")); s != "" {
			return s
		}
		return text.Clean(attr(n, "title"))
	}
	if s := text.Clean(textOf(n, 600)); s != "" {
		return s
	}
	if s := text.Clean(attr(n, "title")); s != "" {
		return s
	}
	if img := findFirst(n, atom.Img, 4); img != nil {
		if s := text.Clean(attr(img, "alt")); s != "" {
			return s
		}
		return text.Clean(attr(img, "title"))
	}
	return ""
}

// countAnchors counts the <a href> elements in n's subtree, stopping once
// the count exceeds limit.
func countAnchors(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= limit; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A && hasAttr(c, "href") {
				count++
				continue
			}
			walk(c)
		}
	}
	if n.DataAtom == atom.A {
		return 1
	}
	walk(n)
	return count
}

// rowOf finds the row that anchor element a belongs to, or nil when the
// link stands alone (a logo, a link inside a paragraph of prose).
//
// The nearest <li>, <tr> or <dd> is the row unless it holds more than
// maxRowAnchors links (a layout cell, a whole menu). Otherwise the row is
// the nearest of a and its ancestors that repeats among its siblings: the
// <div class="item"> of an Epoint list, the <p> of a paragraph list, or the
// <a> itself when links follow each other directly.
func rowOf(a *html.Node) (n *html.Node, self bool) {
	depth := 0
climb:
	for p := a.Parent; p != nil && p.Type == html.ElementNode && depth < 6; p = p.Parent {
		depth++
		switch p.DataAtom {
		case atom.Li, atom.Tr, atom.Dd:
			if countAnchors(p, maxRowAnchors) <= maxRowAnchors {
				return p, false
			}
			break climb
		case atom.Ul, atom.Ol, atom.Table, atom.Tbody, atom.Thead, atom.Dl, atom.Body, atom.Html:
			break climb
		}
	}
	n = a
	for depth := 0; depth < 4; depth++ {
		p := n.Parent
		if p == nil || p.Type != html.ElementNode || p.DataAtom == atom.Body || p.DataAtom == atom.Html {
			return nil, false
		}
		if depth > 0 && countAnchors(n, maxRowAnchors) > maxRowAnchors {
			return nil, false
		}
		if repeated(n) {
			return n, n == a
		}
		n = p
	}
	return nil, false
}

// repeated reports whether an element sibling near n has n's tag.
func repeated(n *html.Node) bool {
	seen := 0
	for s := n.PrevSibling; s != nil && seen < 8; s = s.PrevSibling {
		if s.Type == html.ElementNode {
			if s.Data == n.Data {
				return true
			}
			seen++
		}
	}
	seen = 0
	for s := n.NextSibling; s != nil && seen < 8; s = s.NextSibling {
		if s.Type == html.ElementNode {
			if s.Data == n.Data {
				return true
			}
			seen++
		}
	}
	return false
}

// groupKey identifies the group of a row: the rows' parent and tag.
// Sibling containers with the same tag and class (a TRS list split into
// several <ul class="list"> of five items) share one group.
type groupKey struct {
	parent *html.Node
	grand  *html.Node
	ptag   string
	pclass string
	tag    string
}

func keyOf(r *html.Node) groupKey {
	p := r.Parent
	if p == nil {
		return groupKey{tag: r.Data}
	}
	switch p.DataAtom {
	case atom.Ul, atom.Ol, atom.Div:
		if c := attr(p, "class"); c != "" && p.Parent != nil {
			return groupKey{grand: p.Parent, ptag: p.Data, pclass: c, tag: r.Data}
		}
	}
	return groupKey{parent: p, tag: r.Data}
}

// sourceOf names where a group's items come from.
func sourceOf(tag string) string {
	switch tag {
	case "li":
		return "ul"
	case "tr":
		return "table"
	}
	return "div"
}

// groupRows assigns each anchor its row and each row its group, in
// document order.
func groupRows(anchors []*anchor) []*group {
	rows := make(map[*html.Node]*row, len(anchors))
	groups := make(map[groupKey]*group)
	var out []*group
	for _, a := range anchors {
		rn, self := rowOf(a.n)
		if rn == nil {
			continue
		}
		r := rows[rn]
		if r == nil {
			r = &row{n: rn, self: self}
			rows[rn] = r
			k := keyOf(rn)
			g := groups[k]
			if g == nil {
				g = &group{tag: rn.Data, source: sourceOf(rn.Data), order: len(out)}
				groups[k] = g
				out = append(out, g)
			}
			r.group = g
			g.rows = append(g.rows, r)
		}
		r.anchors = append(r.anchors, a)
		a.row = r
	}
	return out
}

// evaluate reads a row's text once: its main link, its date, and the
// pinned and validity markers.
func (r *row) evaluate() {
	if r.evaluated {
		return
	}
	r.evaluated = true
	for _, a := range r.anchors {
		if r.main == nil || a.runes > r.main.runes {
			r.main = a
		}
	}
	var mainNode *html.Node
	if r.main != nil {
		mainNode = r.main.n
	}
	w := rowWalkers.Get().(*rowWalker)
	defer rowWalkers.Put(w)
	*w = rowWalker{main: mainNode, full: w.full, rest: w.rest}
	w.full.reset(maxRowText)
	w.rest.reset(maxRowText)
	w.node(r.n, false)
	if r.self {
		// <a>title</a><span>date</span><br><a>…: the row runs on to the
		// next link or line break.
		for s := r.n.NextSibling; s != nil && !w.full.full; s = s.NextSibling {
			if s.Type == html.ElementNode && (s.Data == r.n.Data || isBlock(s) || countAnchors(s, 0) > 0) {
				break
			}
			w.node(s, false)
		}
	}
	r.long = w.full.full
	r.rawText = string(w.full.b)
	r.pinned = w.pinned
	r.validity = w.validity
	if r.long {
		return
	}
	if ms := text.FindDates(string(w.rest.b)); len(ms) > 0 {
		r.date, r.dated = ms[len(ms)-1], true
		return
	}
	// The date may sit inside the link, after or before the title:
	// <a><span>标题</span><span>2020-01-01</span></a>. A date inside the
	// title itself ("关于2021年1月1日起…的通知") is not the item's date.
	if r.main != nil {
		label := r.main.label
		if ms := text.FindDates(label); len(ms) > 0 {
			if m := ms[len(ms)-1]; m.End >= len(label)-3 {
				r.date, r.dated, r.inLabel = m, true, true
			} else if m := ms[0]; m.Start <= 3 {
				r.date, r.dated, r.inLabel = m, true, true
			}
		}
	}
}

// rowWalkers recycles the text buffers of evaluate: a row keeps copies of
// what it needs, never the buffers.
var rowWalkers = sync.Pool{New: func() any { return new(rowWalker) }}

// rowWalker collects a row's text, and separately the text outside its
// main link, noting pinned and validity markers on the way.
type rowWalker struct {
	main     *html.Node
	full     textWriter
	rest     textWriter
	pinned   bool
	validity string
}

func (w *rowWalker) node(n *html.Node, inMain bool) {
	switch n.Type {
	case html.TextNode:
		w.full.text(n.Data)
		if !inMain {
			w.rest.text(n.Data)
			if w.validity == "" && containsAny(n.Data, "效", "废", "修改") {
				if v, ok := validityValue(text.Normalize(n.Data)); ok {
					w.validity = v
				}
			}
		}
		if !w.pinned && containsAny(n.Data, "置顶", "置頂") {
			w.pinned = true
		}
		return
	case html.ElementNode:
		if invisible(n) {
			return
		}
	default:
		return
	}
	if !w.pinned && pinMark(n) {
		w.pinned = true
	}
	if n == w.main {
		inMain = true
	}
	block := isBlock(n)
	if block {
		w.full.space()
		w.rest.space()
	}
	for c := n.FirstChild; c != nil && !w.full.full; c = c.NextSibling {
		w.node(c, inMain)
	}
	if block {
		w.full.space()
		w.rest.space()
	}
}

// pinMark reports whether an element marks its row as pinned (置顶): a
// class or id "top"/"zhiding", or an image whose alt, title or file name
// says so.
func pinMark(n *html.Node) bool {
	if ci := classID(n); ci != "" && (hasToken(ci, "top", "istop", "settop") || strings.Contains(ci, "zhiding")) {
		return true
	}
	if n.DataAtom != atom.Img {
		return false
	}
	if containsAny(attr(n, "alt")+attr(n, "title"), "置顶", "置頂") {
		return true
	}
	src := strings.ToLower(attr(n, "src"))
	if i := strings.LastIndexByte(src, '/'); i >= 0 {
		src = src[i+1:]
	}
	return hasToken(src, "top", "zhiding", "zd")
}
