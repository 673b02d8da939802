package tamper

import (
	"strings"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// The links of a page: which lead to another site, what hides them, and
// whether the page itself opens what hides them.

// hider is an element that hides a link, as the link's evidence.
type hider struct {
	how         string
	keys        []string
	handlerNear bool
}

// linkState is the link whose anchor text is being read.
type linkState struct {
	url     string
	trusted bool
	title   string
	text    []byte
	hiders  []hider
	depth   int // its index on the stack
}

// openLink starts reading the anchor text of a link to another site. Links
// to the page's own site, to government and other institutional domains,
// and relative links are the page's own text.
func (s *scanner) openLink(href, title string) {
	s.closeLink()
	host, abs := linkHost(href)
	if host == "" || institutional(host) {
		return
	}
	domain := registrable(host)
	if domain == s.site {
		return
	}
	s.flushSoft()
	s.link = &linkState{
		url:     abs,
		trusted: trustedDomains[domain],
		title:   title,
		hiders:  s.hiders(),
		depth:   len(s.stack) - 1,
	}
}

// hiders lists the elements that hide the link on top of the stack.
func (s *scanner) hiders() []hider {
	if s.hiding == 0 {
		return nil
	}
	top := s.stack[len(s.stack)-1]
	var out []hider
	for i, e := range s.stack {
		bits := e.hide
		if !top.visHidden {
			bits &^= hideVisibility
		}
		if !top.fontZero {
			bits &^= hideFontZero
		}
		if i == len(s.stack)-1 {
			// text-indent moves the link's own text, not its box, which
			// stays visible and clickable (an image-replaced banner).
			bits &^= hideIndent
		}
		if bits == 0 {
			continue
		}
		near := e.handler || i > 0 && s.stack[i-1].handlerUp
		out = append(out, hider{how: e.how, keys: e.keys, handlerNear: near})
		if len(out) == maxHiders {
			break
		}
	}
	return out
}

// closeLink judges the anchor text of the link being read and queues it.
func (s *scanner) closeLink() {
	l := s.link
	if l == nil {
		return
	}
	s.link = nil
	anchor := text.Clean(string(l.text))
	if anchor == "" && strings.TrimSpace(l.title) == "" {
		// A black link exists to hand its anchor text to search engines; a
		// link without any (a hidden badge or widget icon) is not one.
		return
	}
	t := s.judgeAnchor(anchor + " " + l.title)
	if len(l.hiders) == 0 && !t.spam(t.context) {
		return
	}
	ev := l.url + ` anchor "` + clip(anchor, 40) + `"`
	if t.topic > 0 {
		ev += " (" + strings.Join(t.words, ", ") + ")"
	}
	if len(s.pending) >= maxPending {
		return
	}
	s.pending = append(s.pending, pending{
		kind: KindHiddenLink, evidence: ev, url: l.url, t: t, hiders: l.hiders, trusted: l.trusted,
	})
}

// judgeAnchor tallies the anchor text of a link to another site. Leading
// the reader off the site is itself one point of advertising. Context words
// in the anchor itself (警方捣毁百家乐赌博窝点) count as for a sentence.
func (s *scanner) judgeAnchor(anchor string) tally {
	if !mayHoldTopic([]byte(anchor)) {
		t := newTally(0)
		t.promo++
		return t
	}
	norm := text.Normalize(anchor)
	s.matches = lex.scan(norm, s.matches[:0])
	t := newTally(0)
	for _, m := range s.matches {
		if m.t != sentenceEnd {
			t.add(m, norm)
		}
	}
	t.end = len(norm)
	t.promo++
	return t
}

// hiddenBy returns how the first of hs that the page does not toggle hides
// its content, or "" when every one is a widget the page opens.
func (s *scanner) hiddenBy(hs []hider, named map[string]bool) string {
	for _, h := range hs {
		if !s.toggled(h, named) {
			return h.how
		}
	}
	return ""
}

// toggled reports whether the page shows a hiding element on its own: an
// event handler on it or right above it, a stylesheet rule that reveals its
// class or id, or a script that names its id or class.
func (s *scanner) toggled(h hider, named map[string]bool) bool {
	if h.handlerNear {
		return true
	}
	for _, k := range h.keys {
		if s.css != nil && s.css.reveals[k] || named[k] || named[k[1:]] {
			return true
		}
	}
	return false
}

// scriptNames indexes the names that script text gives to elements: a run
// of name characters right after a quote (getElementById("menu"),
// addClass('on')) is indexed bare, and one after # or . ('#menu',
// ".tab-on") with its sigil, so that "#menu" and ".menu" are told apart.
func scriptNames(js []byte) map[string]bool {
	names := map[string]bool{}
	for i := 0; i < len(js); i++ {
		c := js[i]
		if c != '\'' && c != '"' && c != '#' && c != '.' {
			continue
		}
		j := i + 1
		for j < len(js) && isNameByte(js[j]) {
			j++
		}
		if j == i+1 {
			continue
		}
		if c == '#' || c == '.' {
			names[string(js[i:j])] = true
		} else {
			names[string(js[i+1:j])] = true
		}
		i = j - 1
	}
	return names
}

// clip shortens s to n runes, marking the cut with ….
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}
