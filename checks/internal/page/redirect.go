package page

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page is a redirect stub when it shows at most this much text and this
// many links: enough for "页面跳转中，请点击这里".
const (
	stubMaxRunes = 200
	stubMaxLinks = 5
)

// Redirect returns where a redirect stub sends the browser: a
// <meta http-equiv="refresh" content="0;url=…"> (any case, quoted or not,
// ';' or ','), or a script that assigns a literal URL to window.location,
// location.href, top/self/parent/document.location or calls
// location.replace/assign. A refresh meta counts on any page; a script only
// on a page that is essentially a stub (little visible text, few links), so
// that a normal page with a location assignment in a click handler is not
// taken for a redirect. The target is absolute; a target equal to the page
// itself is no redirect.
func Redirect(doc *goquery.Document, base *url.URL) (target string, ok bool) {
	top := root(doc)
	if top == nil {
		return "", false
	}
	b := documentBase(top, base)
	self := ""
	if base != nil {
		u := *base
		u.Fragment, u.RawFragment = "", ""
		self = u.String()
	}
	s := stubScan{}
	s.text.reset(stubMaxRunes * 4)
	s.walk(top, true)
	accept := func(ref string) (string, bool) {
		t, ok := resolve(b, ref)
		if !ok || t == self {
			return "", false
		}
		return t, true
	}
	if s.refresh != "" {
		if t, ok := accept(s.refresh); ok {
			return t, true
		}
	}
	if s.links > stubMaxLinks || utf8.RuneCountInString(strings.TrimSpace(string(s.text.b))) > stubMaxRunes {
		return "", false
	}
	for _, src := range s.scripts {
		if ref, ok := jsLocation(src); ok {
			if t, ok := accept(ref); ok {
				return t, true
			}
		}
	}
	return "", false
}

// stubScan collects what Redirect needs in one walk.
type stubScan struct {
	refresh string     // the first refresh meta's URL
	scripts []string   // inline scripts and the body's onload
	text    textWriter // visible text, bounded
	links   int
}

// walk visits n's children; text counts only outside <head>.
//
// Past stubMaxLinks links the page is no stub, and Redirect only looks at
// the first refresh meta: text and scripts are no longer collected, and once
// that meta is found too the walk ends.
func (s *stubScan) walk(n *html.Node, countText bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		notStub := s.links > stubMaxLinks
		if notStub && s.refresh != "" {
			return
		}
		switch c.Type {
		case html.TextNode:
			if countText && !s.text.full && !notStub {
				s.text.text(collapseASCII(c.Data))
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch c.DataAtom {
		case atom.Meta:
			if s.refresh == "" && strings.EqualFold(strings.TrimSpace(attr(c, "http-equiv")), "refresh") {
				s.refresh, _ = refreshURL(attr(c, "content"))
			}
		case atom.Script:
			if !notStub && !hasAttr(c, "src") && c.FirstChild != nil {
				s.scripts = append(s.scripts, c.FirstChild.Data)
			}
			continue
		case atom.Body:
			if on := attr(c, "onload"); on != "" && !notStub {
				s.scripts = append(s.scripts, on)
			}
		case atom.A:
			s.links++
		case atom.Head:
			s.walk(c, false) // metas and scripts; the <title> is not page text
			continue
		}
		if invisible(c) {
			continue
		}
		s.walk(c, countText)
	}
}

// collapseASCII drops ASCII whitespace so that indentation does not count
// as visible text.
func collapseASCII(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }) < 0 {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// refreshURL extracts the URL of a refresh meta's content: "0;url=x",
// "0; URL='x'", "0,url=x", "0;x". A bare delay is a reload, not a redirect.
func refreshURL(content string) (string, bool) {
	content = strings.TrimSpace(content)
	rest := content
	if i := strings.IndexAny(content, ";,"); i >= 0 {
		rest = content[i+1:]
	} else if !hasPrefixFold(content, "url") {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if hasPrefixFold(rest, "url") {
		if r := strings.TrimSpace(rest[3:]); strings.HasPrefix(r, "=") {
			rest = r[1:]
		}
	}
	rest = strings.Trim(strings.TrimSpace(rest), `"'`)
	return rest, rest != ""
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// jsLocation finds the first literal URL a script sends the browser to:
//
//	window.location = "…"; location.href='…'; top.location.href = "…";
//	self.location=…; document.location.href="…"; location.replace("…");
//	window.location.assign('…')
//
// Only string literals count; "…" + variable is not a fixed target.
func jsLocation(src string) (string, bool) {
	const word = "location"
	for off := 0; ; {
		i := strings.Index(src[off:], word)
		if i < 0 {
			return "", false
		}
		i += off
		off = i + len(word)
		if !locationObject(src, i) {
			continue
		}
		j := off
		if strings.HasPrefix(src[j:], ".href") {
			j += len(".href")
		} else if k := callArg(src, j); k >= 0 {
			if lit, ok := jsString(src, k); ok {
				return lit, true
			}
			continue
		}
		j = skipSpaces(src, j)
		if j >= len(src) || src[j] != '=' || j+1 < len(src) && src[j+1] == '=' {
			continue
		}
		if lit, ok := jsString(src, skipSpaces(src, j+1)); ok {
			return lit, true
		}
	}
}

// locationObject reports whether "location" at i is the browser's location
// object: bare, or a property of window, top, self, parent or document.
func locationObject(src string, i int) bool {
	if i > 0 && isIdent(src[i-1]) {
		return false // myLocation, newlocation
	}
	if end := i + len("location"); end < len(src) && isIdent(src[end]) {
		return false // locationbar
	}
	if i == 0 || src[i-1] != '.' {
		return true
	}
	k := i - 1
	start := k
	for start > 0 && isIdent(src[start-1]) {
		start--
	}
	switch src[start:k] {
	case "window", "top", "self", "parent", "document":
		// "window.top.location": the object before top must be window too,
		// which needs no check: anything.top is a window.
		return true
	}
	return false
}

// callArg returns the index of the first argument of .replace( or
// .assign( at src[j:], or -1.
func callArg(src string, j int) int {
	for _, m := range []string{".replace", ".assign"} {
		if strings.HasPrefix(src[j:], m) {
			k := skipSpaces(src, j+len(m))
			if k < len(src) && src[k] == '(' {
				return skipSpaces(src, k+1)
			}
		}
	}
	return -1
}

// jsString reads a JavaScript string literal at src[i:] that is not
// followed by a concatenation.
func jsString(src string, i int) (string, bool) {
	if i >= len(src) {
		return "", false
	}
	q := src[i]
	if q != '"' && q != '\'' && q != '`' {
		return "", false
	}
	var b strings.Builder
	for k := i + 1; k < len(src); k++ {
		c := src[k]
		switch {
		case c == '\\' && k+1 < len(src):
			k++
			b.WriteByte(src[k])
		case c == q:
			if after := skipSpaces(src, k+1); after < len(src) && src[after] == '+' {
				return "", false
			}
			s := strings.TrimSpace(b.String())
			if q == '`' && strings.Contains(s, "${") {
				return "", false
			}
			return s, s != ""
		case c == '\n':
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

func isIdent(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$'
}

// Frames returns the absolute src of the page's <frame> and <iframe>
// elements in document order, without duplicates. about:blank, empty and
// javascript: sources are skipped, and so are iframes nobody sees
// (display:none, zero width or height: visit counters, tracking). Other
// third-party widgets are not filtered: no reliable marker tells them apart
// from a site's own content frames.
func Frames(doc *goquery.Document, base *url.URL) []string {
	top := root(doc)
	if top == nil {
		return nil
	}
	b := documentBase(top, base)
	var out []string
	seen := make(map[string]bool)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Frame, atom.Iframe:
				if c.DataAtom == atom.Iframe && invisibleFrame(c) {
					continue
				}
				if u, ok := resolve(b, attr(c, "src")); ok && !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
				continue
			case atom.Script, atom.Style:
				continue
			}
			walk(c)
		}
	}
	walk(top)
	return out
}

// invisibleFrame reports whether an iframe is hidden or has no size.
func invisibleFrame(n *html.Node) bool {
	return hidden(n) || strings.TrimSpace(attr(n, "width")) == "0" || strings.TrimSpace(attr(n, "height")) == "0"
}
