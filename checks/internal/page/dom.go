package page

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of attribute key on n. The HTML parser lower-cases
// attribute names, so key must be lower-case.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n carries attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// isBlock reports whether an element starts a new line when rendered; text
// extraction puts a space around blocks and none around inline elements, so
// that a label split over <span>s comes out in one piece.
func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br,
		atom.Center, atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Li,
		atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead,
		atom.Tr, atom.Ul, atom.Caption, atom.Option, atom.Title:
		return true
	}
	return false
}

// invisible reports whether an element's content is never shown as text:
// scripts, styles, templates, form widgets and embedded objects. <select>
// lists (the "related sites" drop-downs of every government footer) are
// skipped too: their options are not text a reader sees on the page.
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Select,
		atom.Textarea, atom.Iframe, atom.Object, atom.Svg, atom.Head:
		return true
	}
	// Hanweb's XML data islands parse as unknown elements; their text is
	// data, read separately by the datastore reader.
	return n.DataAtom == 0 && (n.Data == "datastore" || n.Data == "recordset")
}

// textWriter collects the visible text of subtrees with a byte limit.
type textWriter struct {
	b     []byte
	limit int
	full  bool // the limit was reached
}

func (w *textWriter) reset(limit int) {
	w.b = w.b[:0]
	w.limit = limit
	w.full = false
}

func (w *textWriter) space() {
	if n := len(w.b); n > 0 && n < w.limit && w.b[n-1] != ' ' {
		w.b = append(w.b, ' ')
	}
}

func (w *textWriter) text(s string) {
	if w.full || s == "" {
		return
	}
	if room := w.limit - len(w.b); len(s) > room {
		if room <= 0 {
			w.full = true
			return
		}
		for room > 0 && !utf8.RuneStart(s[room]) {
			room-- // never cut a rune in two
		}
		s = s[:room]
		w.full = true
	}
	w.b = append(w.b, s...)
}

// node appends the visible text of n and its descendants.
func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if invisible(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && isBlock(n)
	if block {
		w.space()
	}
	for c := n.FirstChild; c != nil && !w.full; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.space()
	}
}

// textOf returns the raw visible text of n, at most limit bytes.
func textOf(n *html.Node, limit int) string {
	w := textWriters.Get().(*textWriter)
	w.reset(limit)
	w.node(n)
	s := string(w.b)
	textWriters.Put(w)
	return s
}

// textWriters recycles the buffers of textOf, which is called for every
// link and many cells: its result is copied out, the buffer is not kept.
var textWriters = sync.Pool{New: func() any { return new(textWriter) }}

// classID returns the lower-cased class and id attributes of n, joined
// with a space; just the one that is set when the other is not. Callers
// look for substrings and words in it, and neither crosses the space, so
// the join only matters when both are set: most elements get by without
// an allocation.
func classID(n *html.Node) string {
	var c, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			c = a.Val
		case "id":
			id = a.Val
		}
	}
	switch {
	case c == "" && id == "":
		return ""
	case id == "":
		return strings.ToLower(c)
	case c == "":
		return strings.ToLower(id)
	}
	return strings.ToLower(c + " " + id)
}

// hasToken reports whether the class/id string s has one of the words: a
// run of letters a-z and digits, as the lower-cased strings it is given
// are split.
func hasToken(s string, words ...string) bool {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		for _, w := range words {
			if s[i:j] == w {
				return true
			}
		}
		i = j
	}
	return false
}

// isWordByte reports the bytes class and id words are made of. A byte of a
// multi-byte UTF-8 sequence is never one, so words split there as they
// split at the rune.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
}

// containsAny reports whether s contains one of the substrings.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hidden reports whether an element's inline style hides it. Hanweb pages
// keep a display:none block of column ids and paths at the top of <body>;
// it is not text a reader sees.
func hidden(n *html.Node) bool {
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}
