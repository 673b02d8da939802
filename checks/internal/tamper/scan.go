package tamper

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// Finding is one piece of injected spam on a page.
type Finding struct {
	Kind     string // KindSpamText, KindHiddenLink or KindSpamLink
	Evidence string // the matched words with ~30 chars of context, or the link's href, anchor text and how it is hidden
	URL      string // for links: the target
}

// Finding kinds.
const (
	// KindSpamText is spam vocabulary in the page's text: visible text,
	// hidden text, the title, the keywords and description meta tags, or
	// text a script writes with document.write.
	KindSpamText = "spam-text"
	// KindHiddenLink is a link to another site inside an element that the
	// reader cannot see.
	KindHiddenLink = "hidden-link"
	// KindSpamLink is a visible link to another site whose anchor text is
	// spam.
	KindSpamLink = "spam-link"
)

// maxFindings bounds what Scan reports for one page: one finding is a
// veto, and a page stuffed with a thousand links needs no thousand lines
// of evidence.
const maxFindings = 64

// Scan looks for injected spam in one page: gambling, pornography and other
// spam in the text, and links to other sites hidden from the reader.
//
// Text is judged a sentence at a time with the scored lexicon of
// lexicon.go: spam words add up, advertising and contact details add to
// them, and enforcement or regulatory words in the sentence, next to it or
// in the page title (打击, 管理, 条例 …) mark the words as discussed rather
// than sold. Anchor text of links to other sites is judged the same way,
// as a spam-link.
//
// A link is hidden when an ancestor, or the link itself, has display:none,
// visibility:hidden, the hidden attribute, an off-screen position
// (position:absolute/fixed/relative with left or top ≤ -500px), text-indent
// ≤ -500px (on an ancestor), font-size:0, overflow:hidden with width or
// height ≤ 1px, or is a <marquee> at most 1px high or wide — through an
// inline style, or through a <style> rule whose selector is one class or
// one id. Hiding that the page itself undoes — a class that another rule
// reveals (:hover menus, media queries), an element whose id or class the
// page's scripts name, an element with an event handler on it, its parent
// or grandparent — is a dropdown or a tab, not tampering. Links to the
// page's own registrable domain (pageURL) and to government, education and
// research domains are never hidden-links; links to the state media and
// services of trustedDomains only when their anchor text is spam. A hidden
// link without anchor text (no text, title or image alt) is a widget, not
// a black link: black links exist to hand their anchor text to search
// engines. Each hidden link is one finding, with its target in URL.
//
// Script, style and comment content is not text, but markup and text that a
// script writes with document.write("…") literals are read in place of the
// script, as a browser would. <noscript> content is read as markup.
//
// Scan never fails: a page it cannot read yields no findings. It reports
// at most maxFindings findings, in document order.
func Scan(body []byte, pageURL string) []Finding {
	s := &scanner{css: parseStylesheets(body)}
	if host, _ := linkHost(pageURL); host != "" {
		s.site = registrable(host)
	}
	s.feed(body, 0)
	s.flush()
	s.closeLink()
	return s.resolve()
}

// rawKind is the raw-text element the tokenizer is inside.
type rawKind uint8

const (
	rawNone     rawKind = iota
	rawScript           // collected for document.write
	rawNoscript         // read as markup when it ends
	rawTitle            // judged as text, and sets the page's topic
	rawIgnore           // style, iframe, noembed, noframes
)

// maxDepth bounds the open elements tracked, and maxFeedDepth the nesting
// of markup written by scripts and <noscript>.
const (
	maxDepth     = 512
	maxFeedDepth = 3
	// maxBlock is where a block without any block-level tag is cut.
	maxBlock = 64 << 10
	// maxAnchor bounds the anchor text kept for a link.
	maxAnchor = 512
	// maxPending bounds the candidates kept for the final decision, and
	// maxHiders the hiding ancestors kept for a link (the outermost ones,
	// where injected blocks start): a page made to exhaust memory gets
	// its first few thousand candidates judged.
	maxPending = 4096
	maxHiders  = 8
)

// element is an open element. Hiding state is kept only as far as
// descendants can undo it: visibility:hidden by visibility:visible,
// font-size:0 by a font size.
type element struct {
	a    atom.Atom
	name string // the tag name when a is 0
	hide hiding
	how  string
	// keys are "#id" and ".class" of a hiding element, to tell whether the
	// page toggles it.
	keys []string
	// handler is set when the element has an event-handler attribute, and
	// handlerUp when it or its parent has one.
	handler, handlerUp bool
	// visHidden and fontZero are in effect for the element's content.
	visHidden, fontZero bool
}

// pending is a candidate finding, decided once the whole page is read: the
// title's topic and the page's scripts may come after it.
type pending struct {
	// kind is KindSpamText, or KindHiddenLink for every link, which
	// resolve turns into a hidden-link, a spam-link or nothing.
	kind     string
	evidence string
	url      string
	t        tally
	near     bool // spam-text: a context word is near
	hiders   []hider
	trusted  bool
}

// scanner is the state of one Scan.
type scanner struct {
	site  string      // registrable domain of the page, "" when unknown
	css   *stylesheet // nil when the page has no <style>
	stack []element
	// hiding counts stack elements that hide something by themselves.
	hiding int

	raw    rawKind
	rawBuf []byte
	inert  int // depth inside <template>

	block         []byte
	blockHidden   bool
	blockScripted bool

	link *linkState

	// js is the page's script text and event-handler attributes, where the
	// page names the elements it shows and hides.
	js []byte
	// titleTopic is set when the title is about the spam trades and names
	// enforcement or regulation (关于开展打击网络赌博专项整治行动的通告).
	titleTopic bool

	pending []pending
	matches []match
	tallies []tally
}

// feed reads markup at the current position of the document: the page, or
// what a script or <noscript> puts in place of itself.
func (s *scanner) feed(body []byte, depth int) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			s.endRaw(depth)
			return
		case html.TextToken:
			s.text(z.Text(), depth)
		case html.StartTagToken, html.SelfClosingTagToken:
			s.start(z, depth)
		case html.EndTagToken:
			s.end(z, depth)
		}
	}
}

// text handles a text token.
func (s *scanner) text(b []byte, depth int) {
	switch s.raw {
	case rawScript, rawNoscript, rawTitle:
		if len(s.rawBuf) < maxWritten {
			s.rawBuf = append(s.rawBuf, b...)
		}
		return
	case rawIgnore:
		return
	}
	if s.inert > 0 {
		return
	}
	if s.link != nil {
		if len(s.link.text) < maxAnchor {
			s.link.text = append(s.link.text, b...)
		}
		return
	}
	if len(s.block)+len(b) > maxBlock {
		s.flush()
	}
	s.block = append(s.block, b...)
	if s.hiding > 0 {
		s.blockHidden = true
	}
	if depth > 0 {
		s.blockScripted = true
	}
}

// endRaw finishes the raw-text element being read, at its end tag or at
// the end of the input.
func (s *scanner) endRaw(depth int) {
	kind, buf := s.raw, s.rawBuf
	s.raw, s.rawBuf = rawNone, s.rawBuf[:0]
	switch kind {
	case rawScript:
		s.js = append(s.js, buf...)
		s.js = append(s.js, '\n')
		if !bytes.Contains(buf, []byte("document.write")) || depth >= maxFeedDepth {
			return
		}
		if w := documentWrites(string(buf)); w != "" {
			s.feed([]byte(w), depth+1)
		}
	case rawNoscript:
		if depth < maxFeedDepth && len(buf) > 0 {
			s.feed(bytes.Clone(buf), depth+1)
		}
	case rawTitle:
		title := string(buf)
		s.judgeText(title, "title: ")
		norm := text.Normalize(title)
		ms := lex.scan(norm, s.matches[:0])
		s.matches = ms
		ctx, topicWord := false, hasTopic(ms)
		for _, m := range ms {
			ctx = ctx || m.t.class == context
		}
		for _, r := range topicRoots {
			topicWord = topicWord || strings.Contains(norm, r)
		}
		s.titleTopic = s.titleTopic || ctx && topicWord
	}
}

// start handles a start tag.
func (s *scanner) start(z *html.Tokenizer, depth int) {
	raw := z.Raw()
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	if s.inert > 0 {
		if a == atom.Template {
			s.inert++
		}
		return
	}
	switch a {
	case atom.Script:
		s.raw = rawScript
		return
	case atom.Noscript:
		s.raw = rawNoscript
		return
	case atom.Title:
		s.raw = rawTitle
		return
	case atom.Style, atom.Iframe, atom.Noembed, atom.Noframes:
		s.raw = rawIgnore
		return
	case atom.Template:
		s.inert++
		return
	}

	var parent element
	if n := len(s.stack); n > 0 {
		parent = s.stack[n-1]
	}
	var style, class, id, href, title, alt, metaName, content, mqHeight, mqWidth []byte
	hidden, handler, fontSize := false, false, false
	// Reading attributes costs the tokenizer a copy each; most tags have
	// none that matter. Inside visibility:hidden or font-size:0, any style
	// or class may undo the hiding.
	hasAttr = hasAttr && (parent.visHidden || parent.fontZero || s.needAttrs(a, raw))
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "style":
			style = val
		case "class":
			class = val
		case "id":
			id = val
		case "href":
			href = val
		case "title":
			title = val
		case "alt":
			alt = val
		case "hidden":
			hidden = true
		case "name":
			metaName = val
		case "content":
			content = val
		case "height":
			mqHeight = val
		case "width":
			mqWidth = val
		case "size":
			fontSize = true
		default:
			if len(key) > 2 && key[0] == 'o' && key[1] == 'n' {
				handler = true
				s.js = append(s.js, val...)
				s.js = append(s.js, '\n')
			}
		}
	}

	if a == atom.Meta {
		switch strings.ToLower(string(metaName)) {
		case "keywords":
			s.judgeText(string(content), "meta keywords: ")
		case "description":
			s.judgeText(string(content), "meta description: ")
		}
		return
	}
	if breaksBlock(a) {
		s.flush()
	}
	if a == atom.Img && s.link != nil && len(alt) > 0 && len(s.link.text) < maxAnchor {
		// An image's alt text is its link's anchor text to a search engine.
		s.link.text = append(append(s.link.text, ' '), alt...)
	}
	if a == atom.Br || a == atom.Hr || voidElement(a) {
		return
	}
	s.closeImplied(a)
	if len(s.stack) >= maxDepth {
		return
	}
	parent = element{}
	if n := len(s.stack); n > 0 {
		parent = s.stack[n-1] // closeImplied may have closed the old one
	}

	// An onload on <body> or <html> says nothing about the elements inside.
	handler = handler && a != atom.Body && a != atom.Html
	e := element{a: a, handler: handler}
	if a == 0 {
		e.name = string(name)
	}
	var hows []string
	var eff effect
	if len(style) > 0 && (a == atom.Marquee || parent.fontZero || parent.visHidden || mayHide(style)) {
		eff = parseStyle(string(style))
		e.hide |= eff.hide
		if eff.how != "" {
			hows = append(hows, eff.how)
		}
	}
	if hidden {
		e.hide |= hideDisplay
		hows = append(hows, "hidden attribute")
	}
	if a == atom.Marquee && (tinyAttr(mqHeight) || tinyAttr(mqWidth) || eff.small) {
		e.hide |= hideMarquee
		hows = append(hows, "marquee at most 1px high or wide")
	}
	if s.css != nil {
		for rest := class; len(rest) > 0; {
			var tok []byte
			tok, rest = nextField(rest)
			if r, ok := s.css.classHides[string(tok)]; ok {
				e.hide |= r.hide
				hows = append(hows, r.how)
			}
		}
		if r, ok := s.css.idHides[string(id)]; ok && len(id) > 0 {
			e.hide |= r.hide
			hows = append(hows, r.how)
		}
	}
	e.handlerUp = handler || parent.handler
	e.visHidden = e.hide&hideVisibility != 0 || parent.visHidden && !eff.showVisibility
	// A class may give the element a font size from a stylesheet this scan
	// does not see, so it ends a font-size:0 as surely as an inline size.
	e.fontZero = e.hide&hideFontZero != 0 ||
		parent.fontZero && !eff.fontReset && len(class) == 0 && !(a == atom.Font && fontSize)
	if e.hide != 0 {
		e.how = strings.Join(hows, "; ")
		if len(id) > 0 {
			e.keys = append(e.keys, "#"+string(id))
		}
		for _, tok := range bytes.Fields(class) {
			e.keys = append(e.keys, "."+string(tok))
		}
		s.hiding++
	}
	s.stack = append(s.stack, e)

	if a == atom.A {
		s.openLink(string(href), string(title))
	}
}

// end handles an end tag.
func (s *scanner) end(z *html.Tokenizer, depth int) {
	if s.raw != rawNone {
		s.endRaw(depth)
		return
	}
	name, _ := z.TagName()
	a := atom.Lookup(name)
	if s.inert > 0 {
		if a == atom.Template {
			s.inert--
		}
		return
	}
	switch a {
	case atom.Body, atom.Html:
		// Browsers keep reading after </body> and </html>, and so does
		// spam appended to the end of a file.
		return
	}
	if breaksBlock(a) {
		s.flush()
	}
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].a == a && (a != 0 || s.stack[i].name == string(name)) {
			s.popTo(i)
			return
		}
	}
}

// popTo closes the elements from the top of the stack down to index i.
func (s *scanner) popTo(i int) {
	for len(s.stack) > i {
		n := len(s.stack) - 1
		if s.link != nil && s.link.depth == n {
			s.closeLink()
		}
		if s.stack[n].hide != 0 {
			s.hiding--
		}
		s.stack = s.stack[:n]
	}
}

// resolve decides the pending findings now that the page's title and
// scripts are known.
func (s *scanner) resolve() []Finding {
	var out []Finding
	seen := map[string]bool{}
	var named map[string]bool // built on the first hidden link
	for _, p := range s.pending {
		var f Finding
		switch p.kind {
		case KindSpamText:
			if !p.t.spam(p.near || s.titleTopic) {
				continue
			}
			f = Finding{Kind: KindSpamText, Evidence: p.evidence}
		case KindHiddenLink:
			if named == nil && len(p.hiders) > 0 {
				named = scriptNames(s.js)
			}
			how := s.hiddenBy(p.hiders, named)
			spam := p.t.spam(p.t.context)
			switch {
			case how != "" && (!p.trusted || spam):
				f = Finding{Kind: KindHiddenLink, Evidence: p.evidence + " hidden by " + how, URL: p.url}
			case spam:
				f = Finding{Kind: KindSpamLink, Evidence: p.evidence, URL: p.url}
			default:
				continue
			}
		}
		key := f.Kind + "\x00" + f.URL
		if f.URL == "" {
			key += "\x00" + f.Evidence
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
		if len(out) == maxFindings {
			break
		}
	}
	return out
}

// needAttrs reports whether the attributes of a start tag, whose raw text
// is raw, can matter: those of links, meta tags, marquees and fonts, images
// inside a link to another site, and of any tag with a style, a hidden or
// event-handler attribute, or a class or id that a stylesheet hides.
func (s *scanner) needAttrs(a atom.Atom, raw []byte) bool {
	switch a {
	case atom.A, atom.Meta, atom.Marquee, atom.Font:
		return true
	case atom.Img:
		return s.link != nil
	}
	if indexFold(raw, 0, "style") >= 0 || indexFold(raw, 0, "hidden") >= 0 {
		return true
	}
	for i := 0; ; {
		k := indexFold(raw, i, "on")
		if k < 0 {
			break
		}
		if k > 0 && isHTMLSpace(raw[k-1]) {
			return true
		}
		i = k + 1
	}
	if s.css != nil {
		for _, n := range s.css.names {
			if bytes.Contains(raw, n) {
				return true
			}
		}
	}
	return false
}

// nextField splits the first space-separated field off a class attribute.
func nextField(b []byte) (field, rest []byte) {
	i := 0
	for i < len(b) && isHTMLSpace(b[i]) {
		i++
	}
	j := i
	for j < len(b) && !isHTMLSpace(b[j]) {
		j++
	}
	return b[i:j], b[j:]
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
