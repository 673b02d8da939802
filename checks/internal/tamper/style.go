package tamper

import (
	"bytes"
	"strconv"
	"strings"
)

// hiding is a set of the ways CSS hides an element's content.
type hiding uint8

const (
	hideDisplay    hiding = 1 << iota // display:none, the hidden attribute
	hideVisibility                    // visibility:hidden or collapse
	hideOffscreen                     // positioned at left or top ≤ offscreen
	hideIndent                        // text-indent ≤ offscreen
	hideFontZero                      // font-size:0
	hideTinyBox                       // overflow:hidden on a box ≤ 1px wide or high
	hideMarquee                       // <marquee> ≤ 1px high or wide
)

// offscreen is how far left or up, in CSS pixels, an element must be put to
// be out of any window. Layouts use small negative offsets (−2px borders,
// −50% centring, −500px margins that centre a 1000px box), spam uses −999
// or −9999.
const offscreen = -500

// effect is what a style declaration block does to visibility.
type effect struct {
	hide hiding
	how  string // the hiding declarations, as evidence
	// showVisibility is visibility:visible, which lets an element show
	// inside a visibility:hidden ancestor.
	showVisibility bool
	// fontReset is a non-zero font-size, which makes text inside a
	// font-size:0 ancestor readable again.
	fontReset bool
	// reveals is set when the block undoes some kind of hiding (display:block,
	// left:0, height:auto …): a stylesheet rule like that for a hidden class
	// is how a dropdown opens.
	reveals bool
	// small is a width or height of at most 1px, which hides a <marquee>
	// whatever its overflow.
	small bool
}

// parseStyle reads a declaration block ("display:none; left:-9999px").
func parseStyle(decls string) effect {
	var (
		e                            effect
		position, overflow           string
		left, top, width, height     float64
		hasLeft, hasTop, hasW, hasH  bool
		hows                         []string
		display, visibility, indent  string
		fontSize, leftRaw, topRaw    string
		widthRaw, heightRaw, ovflRaw string
	)
	for rest := decls; rest != ""; {
		var d string
		d, rest, _ = strings.Cut(rest, ";")
		prop, val, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.TrimSpace(val))
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		switch prop {
		case "display":
			display = val
		case "visibility":
			visibility = val
		case "position":
			position = val
		case "left":
			leftRaw = val
			left, hasLeft = parseLength(val)
		case "top":
			topRaw = val
			top, hasTop = parseLength(val)
		case "text-indent":
			indent = val
		case "font-size":
			fontSize = val
		case "width":
			widthRaw = val
			width, hasW = parseLength(val)
		case "height":
			heightRaw = val
			height, hasH = parseLength(val)
		case "overflow", "overflow-x", "overflow-y":
			if overflow == "" || val == "hidden" || val == "clip" {
				overflow, ovflRaw = val, prop+":"+val
			}
		}
	}
	switch display {
	case "":
	case "none":
		e.hide |= hideDisplay
		hows = append(hows, "display:none")
	default:
		e.reveals = true
	}
	switch visibility {
	case "":
	case "hidden", "collapse":
		e.hide |= hideVisibility
		hows = append(hows, "visibility:"+visibility)
	default:
		e.showVisibility, e.reveals = true, true
	}
	if position == "absolute" || position == "fixed" || position == "relative" {
		switch {
		case hasLeft && left <= offscreen:
			e.hide |= hideOffscreen
			hows = append(hows, "position:"+position+";left:"+leftRaw)
		case hasTop && top <= offscreen:
			e.hide |= hideOffscreen
			hows = append(hows, "position:"+position+";top:"+topRaw)
		}
	}
	if e.hide&hideOffscreen == 0 && (hasLeft && left > offscreen || hasTop && top > offscreen) {
		e.reveals = true
	}
	if indent != "" {
		if px, ok := parseLength(indent); ok && px <= offscreen {
			e.hide |= hideIndent
			hows = append(hows, "text-indent:"+indent)
		} else {
			e.reveals = true
		}
	}
	if fontSize != "" {
		if px, ok := parseLength(fontSize); ok && px < 1 {
			e.hide |= hideFontZero
			hows = append(hows, "font-size:"+fontSize)
		} else {
			e.fontReset, e.reveals = true, true
		}
	}
	if overflow == "hidden" || overflow == "clip" {
		switch {
		case hasW && width <= 1:
			e.hide |= hideTinyBox
			hows = append(hows, ovflRaw+";width:"+widthRaw)
		case hasH && height <= 1:
			e.hide |= hideTinyBox
			hows = append(hows, ovflRaw+";height:"+heightRaw)
		}
	}
	e.small = hasW && width <= 1 || hasH && height <= 1
	if e.hide&hideTinyBox == 0 && (widthRaw == "auto" || heightRaw == "auto" || hasW && width > 1 || hasH && height > 1) {
		e.reveals = true
	}
	e.how = strings.Join(hows, ";")
	return e
}

// parseLength converts a CSS length to pixels; percentages, viewport units,
// calc() and keywords are not read.
func parseLength(v string) (float64, bool) {
	i := 0
	if i < len(v) && (v[i] == '-' || v[i] == '+') {
		i++
	}
	for i < len(v) && (isDigit(v[i]) || v[i] == '.') {
		i++
	}
	n, err := strconv.ParseFloat(v[:i], 64)
	if err != nil {
		return 0, false
	}
	switch strings.TrimSpace(v[i:]) {
	case "", "px":
	case "em", "rem":
		n *= 16
	case "pt":
		n = n * 4 / 3
	case "pc":
		n *= 16
	case "in":
		n *= 96
	case "cm":
		n *= 96 / 2.54
	case "mm":
		n *= 96 / 25.4
	default:
		return 0, false
	}
	return n, true
}

// stylesheet is what a page's <style> blocks say about hiding, limited to
// what can be applied without a cascade: rules whose selector is a single
// class or id (`.a1{display:none}`, `div#x{…}`) hide that class or id, and
// any rule that undoes hiding marks the classes and ids in its selector as
// revealed (`.nav li:hover .sub{display:block}`, or a media query that shows
// a menu on phones). A class that is hidden and revealed belongs to an
// interactive widget. Compound selectors (`.nav .sub{display:none}`) are not
// taken as hiding: they style menus, and are not how spam is hidden.
type stylesheet struct {
	classHides map[string]effect // class name → the hiding rule
	idHides    map[string]effect // id → the hiding rule
	reveals    map[string]bool   // ".cls" or "#id"
	// names are the hidden class names and ids, for a quick test of
	// whether a tag can carry one.
	names [][]byte
}

// parseStylesheets reads the <style> blocks of body. Rules inside @media and
// @supports only count as reveals: a print stylesheet hides page furniture
// on paper, not on screen.
func parseStylesheets(body []byte) *stylesheet {
	var ss *stylesheet
	for i := 0; ; {
		j := indexFold(body, i, "<style")
		if j < 0 {
			return ss
		}
		k := bytes.IndexByte(body[j:], '>')
		if k < 0 {
			return ss
		}
		start := j + k + 1
		end := indexFold(body, start, "</style")
		if end < 0 {
			end = len(body)
		}
		if ss == nil {
			ss = &stylesheet{classHides: map[string]effect{}, idHides: map[string]effect{}, reveals: map[string]bool{}}
		}
		ss.add(stripComments(string(body[start:end])), false)
		i = end
	}
}

// add reads the rules of css; inner is set inside an at-rule block.
func (ss *stylesheet) add(css string, inner bool) {
	for css != "" {
		j := strings.IndexAny(css, "{;}")
		if j < 0 {
			return
		}
		prelude := strings.TrimSpace(css[:j])
		if css[j] != '{' {
			css = css[j+1:]
			continue
		}
		block, rest := braceBlock(css[j+1:])
		css = rest
		if strings.HasPrefix(prelude, "@") {
			if at := strings.ToLower(prelude); strings.HasPrefix(at, "@media") || strings.HasPrefix(at, "@supports") {
				ss.add(block, true)
			}
			continue
		}
		e := parseStyle(block)
		// Class and id selectors are case-sensitive, like the attributes.
		for sel := range strings.SplitSeq(prelude, ",") {
			sel = strings.TrimSpace(sel)
			if e.hide != 0 {
				if key := simpleSelector(sel); key != "" && !inner {
					rule := e
					rule.how = sel + "{" + e.how + "}"
					if key[0] == '.' {
						ss.classHides[key[1:]] = rule
					} else {
						ss.idHides[key[1:]] = rule
					}
					ss.names = append(ss.names, []byte(key[1:]))
				}
				continue
			}
			if e.reveals {
				for _, key := range selectorKeys(sel) {
					ss.reveals[key] = true
				}
			}
		}
	}
}

// braceBlock splits s, which follows an opening brace, at its matching
// closing brace.
func braceBlock(s string) (block, rest string) {
	depth := 1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// simpleSelector returns ".cls" or "#id" for a selector that is one class
// or one id, optionally after a tag name (div.a1), or "".
func simpleSelector(sel string) string {
	i := 0
	for i < len(sel) && isWordByte(sel[i]) {
		i++
	}
	if i == len(sel) || sel[i] != '.' && sel[i] != '#' {
		return ""
	}
	name := sel[i+1:]
	if name == "" {
		return ""
	}
	for j := 0; j < len(name); j++ {
		if !isNameByte(name[j]) {
			return ""
		}
	}
	return sel[i:]
}

// selectorKeys returns every ".cls" and "#id" named in a selector.
func selectorKeys(sel string) []string {
	var keys []string
	for i := 0; i < len(sel); i++ {
		if sel[i] != '.' && sel[i] != '#' {
			continue
		}
		j := i + 1
		for j < len(sel) && isNameByte(sel[j]) {
			j++
		}
		if j > i+1 {
			keys = append(keys, sel[i:j])
		}
		i = j - 1
	}
	return keys
}

// isNameByte reports a byte of a CSS class or id name as pages write them.
func isNameByte(c byte) bool { return isWordByte(c) || c == '-' || c == '_' || c >= 0x80 }

// stripComments removes /* … */ comments from CSS.
func stripComments(css string) string {
	if !strings.Contains(css, "/*") {
		return css
	}
	var b strings.Builder
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			b.WriteString(css)
			return b.String()
		}
		b.WriteString(css[:i])
		j := strings.Index(css[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		css = css[i+2+j+2:]
	}
}

// indexFold returns the index of the ASCII string pat in b at or after
// from, ignoring ASCII case, or -1.
func indexFold(b []byte, from int, pat string) int {
	for i := from; i+len(pat) <= len(b); {
		k := bytes.IndexByte(b[i:], pat[0])
		if k < 0 {
			return -1
		}
		i += k
		if i+len(pat) > len(b) {
			return -1
		}
		if equalFold(b[i:i+len(pat)], pat) {
			return i
		}
		i++
	}
	return -1
}

// equalFold reports whether b equals the lower-case ASCII string pat,
// ignoring ASCII case.
func equalFold(b []byte, pat string) bool {
	for i := range len(pat) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != pat[i] {
			return false
		}
	}
	return true
}

// tinyAttr reports a width or height attribute of at most 1 pixel.
func tinyAttr(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	px, ok := parseLength(strings.ToLower(strings.TrimSpace(string(v))))
	return ok && px <= 1
}

// mayHide reports whether an inline style can hide anything, so that the
// common styles of article text (font-family, text-indent:2em, colours) are
// not parsed: hiding needs none, hidden, collapse or clip, a negative
// length, a zero font size or a width or height.
func mayHide(style []byte) bool {
	for _, w := range []string{"none", "hidden", "collapse", "clip", "width", "height"} {
		if indexFold(style, 0, w) >= 0 {
			return true
		}
	}
	for i := 0; i+1 < len(style); i++ {
		if style[i] != '-' {
			continue
		}
		j := i + 1
		for j < len(style) && style[j] == ' ' {
			j++
		}
		if j < len(style) && (isDigit(style[j]) || style[j] == '.') {
			return true
		}
	}
	for i := 0; ; {
		k := indexFold(style, i, "font-size")
		if k < 0 {
			return false
		}
		j := k + len("font-size")
		for j < len(style) && (style[j] == ' ' || style[j] == ':') {
			j++
		}
		if j < len(style) && (style[j] == '0' || style[j] == '.') {
			return true
		}
		i = k + 1
	}
}
