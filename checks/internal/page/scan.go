package page

import (
	"net/url"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scan is what one walk over a document collects for Links and ReadList.
type scan struct {
	base *url.URL
	res  *resolver // resolves against base
	// regions remembers classRegion for the latest class/id strings.
	regions    [16]regionMemo
	nextRegion int
	anchors    []*anchor
	// For ReadList only (content is false for Links):
	content bool
	scripts []string     // inline script sources
	text    textWriter   // visible text outside menus, headers and footers
	empty   bool         // a no-content marker was seen in that text
	lists   []*html.Node // list containers (class/id with "list") that hold nothing
}

// maxScanText bounds the page text kept for pager and empty-marker checks.
const maxScanText = 64 << 10

func newScan(top *html.Node, base *url.URL, content bool) *scan {
	s := &scan{base: documentBase(top, base), content: content}
	s.res = newResolver(s.base)
	if content {
		s.text.reset(maxScanText)
	}
	s.walk(top, 0)
	return s
}

func (s *scan) walk(n *html.Node, r region) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if s.content && r&notList == 0 {
				s.text.text(c.Data)
				if !s.empty && isEmptyMarker(c.Data) {
					s.empty = true
				}
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		if c.DataAtom == atom.Script {
			s.script(c)
			continue
		}
		if c.DataAtom == atom.Head {
			// Only scripts matter in <head>: pager variables are sometimes
			// declared there.
			for h := c.FirstChild; h != nil; h = h.NextSibling {
				if h.Type == html.ElementNode && h.DataAtom == atom.Script {
					s.script(h)
				}
			}
			continue
		}
		if invisible(c) {
			continue
		}
		ci := classID(c)
		cr := r | tagRegion(c) | s.classRegion(ci)
		if (c.DataAtom == atom.A || c.DataAtom == atom.Area) && hasAttr(c, "href") {
			if a := newAnchor(c, s.res, cr); a != nil {
				s.anchors = append(s.anchors, a)
			}
		}
		if s.content && cr&notList == 0 && isEmptyList(c, ci) {
			s.lists = append(s.lists, c)
		}
		block := s.content && isBlock(c)
		if block {
			s.text.space()
		}
		s.walk(c, cr)
		if block {
			s.text.space()
		}
	}
}

// classRegion is classRegion(ci), remembered for the page: templates
// repeat the same few class names on hundreds of elements. The memory is
// a small array searched in order, cheaper than a map for so few keys.
func (s *scan) classRegion(ci string) region {
	if ci == "" {
		return 0
	}
	for i := range s.regions {
		if e := &s.regions[i]; e.ci == ci {
			return e.r
		}
	}
	r := classRegion(ci)
	s.regions[s.nextRegion] = regionMemo{ci, r}
	s.nextRegion = (s.nextRegion + 1) % len(s.regions)
	return r
}

// regionMemo is one remembered classRegion.
type regionMemo struct {
	ci string
	r  region
}

// script keeps the source of an inline script.
func (s *scan) script(n *html.Node) {
	if s.content && !hasAttr(n, "src") && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
		s.scripts = append(s.scripts, n.FirstChild.Data)
	}
}

// isEmptyList reports whether n, whose classID is ci, is a list container
// (its class or id says "list") with no element content and no text: a
// column whose list the CMS rendered empty.
func isEmptyList(n *html.Node, ci string) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Table, atom.Tbody:
	default:
		return false
	}
	if ci == "" || !containsAny(ci, "list") || containsAny(ci, "nav", "menu") {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			return false
		case html.TextNode:
			for i := 0; i < len(c.Data); i++ {
				if b := c.Data[i]; b != ' ' && b != '\n' && b != '\t' && b != '\r' {
					return false
				}
			}
		}
	}
	return true
}
