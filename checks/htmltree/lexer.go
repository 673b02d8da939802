package htmltree

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bailout is panicked with when the input leaves the handled subset; Parse
// recovers it and reports false.
type bailout struct{ reason string }

func bail(reason string) { panic(bailout{reason}) }

// token is one token of the input, in the form x/net/html's tokenizer gives
// it: tag names lower-cased, text and attribute values unescaped, "\r\n"
// and "\r" turned into "\n".
type token struct {
	typ  html.TokenType // TextToken, StartTagToken, EndTagToken, CommentToken, DoctypeToken or ErrorToken (end of input)
	atom atom.Atom
	data string // tag name, text or comment
	attr []html.Attribute
	// raw is the doctype's source, from "<!" to ">".
	raw string
	// start and end delimit the token's source.
	start, end int
	// selfClosing is the tokenizer's SelfClosingTagToken test: the tag ends
	// in "/>" and the '/' does not end the last attribute's value.
	selfClosing bool
}

// lexer splits the input into tokens. It reproduces x/net/html's tokenizer
// on the forms pages use and bails on the rest.
type lexer struct {
	src string
	pos int
	// rawTag is the element whose content is raw text, set after its
	// start tag ("script", "style", …), as the tokenizer sets it.
	rawTag string
	// attrs is the slab attribute slices are cut from.
	attrs []html.Attribute
}

// rawTextElement reports whether x/net/html's tokenizer reads raw text up
// to the matching end tag after a start tag a. textarea, xmp and plaintext
// are refused by the builder before their content is read.
func rawTextElement(a atom.Atom) bool {
	switch a {
	case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Script, atom.Style, atom.Title:
		return true
	}
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// next returns the next token; a TextToken is never empty.
func (l *lexer) next() token {
	start := l.pos
	t := l.scan()
	t.end = l.pos
	if t.typ != html.TextToken {
		t.start = start
	}
	return t
}

// scan reads the next token; next records where it ends.
func (l *lexer) scan() token {
	if l.rawTag != "" {
		if t, ok := l.rawText(); ok {
			return t
		}
	}
	start := l.pos
	for {
		i := strings.IndexByte(l.src[l.pos:], '<')
		if i < 0 {
			l.pos = len(l.src)
			break
		}
		at := l.pos + i
		if at+1 >= len(l.src) {
			// "<" as the last byte is text.
			l.pos = len(l.src)
			break
		}
		c := l.src[at+1]
		if !isLetter(c) && c != '/' && c != '!' && c != '?' {
			l.pos = at + 1
			continue
		}
		if at > start {
			l.pos = at
			return textToken(l.src[start:at], start)
		}
		l.pos = at + 1
		switch {
		case isLetter(c):
			return l.startTag()
		case c == '/':
			return l.endTag()
		case c == '!':
			return l.markupDeclaration()
		default: // '?': a bogus comment from the '?' to the next '>'
			return l.bogusComment(l.pos)
		}
	}
	if l.pos > start {
		return textToken(l.src[start:l.pos], start)
	}
	return token{typ: html.ErrorToken, start: l.pos}
}

// textToken decodes a run of text as the tokenizer's Text does.
func textToken(s string, start int) token {
	return token{typ: html.TextToken, data: decodeText(s), start: start}
}

func decodeText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = convertNewlines(s)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// convertNewlines turns "\r\n" and "\r" into "\n".
func convertNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// rawText reads the content of a raw text element up to its end tag, which
// is left for the next call. An unterminated element is refused, and so is
// a script whose "<!--" is followed by "<script": that opens the
// tokenizer's double-escaped state, in which "</script>" does not end the
// script. Without it, the escaped state that "<!--" opens (old templates
// wrap every script in <!-- … //-->) ends the script at the same place.
func (l *lexer) rawText() (token, bool) {
	tag := l.rawTag
	l.rawTag = ""
	start := l.pos
	for from := start; ; {
		i := strings.Index(l.src[from:], "</")
		if i < 0 {
			bail("unterminated " + tag)
		}
		at := from + i
		end := at + 2 + len(tag)
		if end < len(l.src) && asciiEqualFold(l.src[at+2:end], tag) {
			if c := l.src[end]; isSpace(c) || c == '>' || c == '/' {
				l.pos = at
				break
			}
		}
		from = at + 2
	}
	s := l.src[start:l.pos]
	if tag == "script" {
		if i := strings.Index(s, "<!--"); i >= 0 && opensScript(s[i:]) {
			bail("script with <!-- and <script")
		}
	}
	if s == "" {
		return token{}, false
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = convertNewlines(s)
	}
	if tag == "title" && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return token{typ: html.TextToken, data: s, start: start}, true
}

// opensScript reports whether s holds "<script" (in any case) followed by
// a space, '/' or '>', which in an escaped script starts the tokenizer's
// double-escaped state.
func opensScript(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if rest := s[i+1:]; len(rest) > len("script") && asciiEqualFold(rest[:len("script")], "script") {
			if c := rest[len("script")]; isSpace(c) || c == '/' || c == '>' {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// tagName reads a tag name from l.pos (its first letter included) and
// returns it lower-cased, with its atom.
func (l *lexer) tagName() (string, atom.Atom) {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if isSpace(c) || c == '/' || c == '>' {
			break
		}
		l.pos++
	}
	if l.pos >= len(l.src) {
		bail("input ends in a tag")
	}
	return lowerName(l.src[start:l.pos])
}

// asciiEqualFold compares s with the lower-case ASCII word lower, folding
// ASCII letters only, as the tokenizer does (strings.EqualFold would also
// fold the long s and the Kelvin sign).
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
}

// startTag reads a start tag; l.pos is at its first letter.
func (l *lexer) startTag() token {
	name, a := l.tagName()
	t := token{typ: html.StartTagToken, atom: a, data: name}
	t.attr, t.selfClosing = l.attributes(true)
	if rawTextElement(a) {
		l.rawTag = name
	}
	return t
}

// endTag reads an end tag; l.pos is at its '/'. Its attributes are read
// and dropped, as the tokenizer does.
func (l *lexer) endTag() token {
	l.pos++
	if l.pos >= len(l.src) || !isLetter(l.src[l.pos]) {
		bail("</ without a tag name")
	}
	name, a := l.tagName()
	l.attributes(false)
	return token{typ: html.EndTagToken, atom: a, data: name}
}

// attributes reads a tag's attributes up to and including its '>', the way
// the tokenizer's readTag does: a later duplicate of a name is dropped, a
// '/' between attributes is skipped. It also reports the tokenizer's
// self-closing test.
func (l *lexer) attributes(keep bool) ([]html.Attribute, bool) {
	first := len(l.attrs)
	lastValEnd := -1 // where the value of the last kept attribute ends
	l.skipSpace()
	for {
		if l.pos >= len(l.src) {
			bail("input ends in a tag")
		}
		if l.src[l.pos] == '>' {
			l.pos++
			break
		}
		// The key: anything up to space, '/', '>' or an '=' that is not
		// its first byte.
		ks := l.pos
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			if isSpace(c) || c == '/' || c == '>' || (c == '=' && l.pos > ks) {
				break
			}
			l.pos++
		}
		key := l.src[ks:l.pos]
		val, hasVal, valEnd := l.attrValue()
		if key != "" && keep {
			k, _ := lowerName(key)
			dup := false
			for _, at := range l.attrs[first:] {
				if at.Key == k {
					dup = true
					break
				}
			}
			if !dup {
				if hasVal {
					val = decodeAttr(val)
				}
				l.attrs = append(l.attrs, html.Attribute{Key: k, Val: val})
				lastValEnd = valEnd
			}
		}
		l.skipSpace()
	}
	slash := l.pos-2 >= 0 && l.src[l.pos-2] == '/'
	selfClosing := slash && (lastValEnd < 0 || l.pos-2 != lastValEnd-1)
	if !keep || len(l.attrs) == first {
		l.attrs = l.attrs[:first]
		return nil, selfClosing
	}
	attr := l.attrs[first:len(l.attrs):len(l.attrs)]
	// Start the next slab region after these, so that appends never
	// overwrite an element's attributes.
	if cap(l.attrs)-len(l.attrs) < 8 {
		l.attrs = make([]html.Attribute, 0, 64)
	} else {
		l.attrs = l.attrs[len(l.attrs):len(l.attrs)]
	}
	return attr, selfClosing
}

// attrValue reads what follows an attribute key: "=value" (quoted or not),
// or nothing. A '/' right after the key is consumed, as readTagAttrVal does.
// valEnd is where the tokenizer records the value's end: after the key
// when there is no value, at the closing quote, or after the last byte of
// an unquoted value.
func (l *lexer) attrValue() (val string, hasVal bool, valEnd int) {
	valEnd = l.pos
	l.skipSpace()
	if l.pos >= len(l.src) {
		bail("input ends in a tag")
	}
	c := l.src[l.pos]
	if c == '/' {
		l.pos++
		return "", false, valEnd
	}
	if c != '=' {
		return "", false, valEnd
	}
	l.pos++
	l.skipSpace()
	if l.pos >= len(l.src) {
		bail("input ends in a tag")
	}
	switch q := l.src[l.pos]; q {
	case '>':
		return "", false, valEnd
	case '"', '\'':
		i := strings.IndexByte(l.src[l.pos+1:], q)
		if i < 0 {
			bail("unterminated attribute value")
		}
		v := l.src[l.pos+1 : l.pos+1+i]
		l.pos += i + 2
		return v, true, l.pos - 1
	default:
		s := l.pos
		for l.pos < len(l.src) {
			if c := l.src[l.pos]; isSpace(c) || c == '>' {
				break
			}
			l.pos++
		}
		if l.pos >= len(l.src) {
			bail("input ends in a tag")
		}
		return l.src[s:l.pos], true, l.pos
	}
}

// lowerName lower-cases a tag name or attribute key and returns its atom,
// with the atom's string for the known names so that no memory is
// allocated for them.
func lowerName(k string) (string, atom.Atom) {
	if len(k) <= 32 {
		var buf [32]byte
		b := buf[:0]
		for i := 0; i < len(k); i++ {
			c := k[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if a := atom.Lookup(b); a != 0 {
			return a.String(), a
		}
	}
	return asciiLower(k), 0
}

// decodeAttr decodes an attribute value as the tokenizer's TagAttr does:
// newlines converted, character references replaced in attribute mode,
// where a named reference without ';' followed by '=' or an alphanumeric is
// left alone and no prefix of an unknown name is taken.
func decodeAttr(v string) string {
	if strings.IndexByte(v, '\r') >= 0 {
		v = convertNewlines(v)
	}
	amp := strings.IndexByte(v, '&')
	if amp < 0 {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	for amp >= 0 {
		b.WriteString(v[:amp])
		v = v[amp:]
		n := referenceLen(v)
		if n == 0 {
			b.WriteByte('&')
			v = v[1:]
		} else {
			b.WriteString(html.UnescapeString(v[:n]))
			v = v[n:]
		}
		amp = strings.IndexByte(v, '&')
	}
	b.WriteString(v)
	return b.String()
}

// referenceLen returns the length of the character reference at the start
// of s (which begins with '&') that attribute-mode unescaping replaces, or
// 0 when the '&' stays as it is.
func referenceLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	i := 1
	if s[1] == '#' {
		i = 2
		hex := false
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			hex = true
			i++
		}
		d := i
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || hex && (s[i] >= 'a' && s[i] <= 'f' || s[i] >= 'A' && s[i] <= 'F')) {
			i++
		}
		if i == d {
			return 0
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		return i
	}
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 1 {
		return 0
	}
	semi := i < len(s) && s[i] == ';'
	if semi {
		i++
	} else if i < len(s) && s[i] == '=' {
		return 0
	}
	// The name must be a reference in full: text-mode unescaping of it
	// alone gives one rune (two for the few two-rune references, which
	// all end in ';') when it is, and keeps part of the name when it only
	// has a known prefix.
	u := html.UnescapeString(s[:i])
	if u == s[:i] {
		return 0
	}
	n := utf8.RuneCountInString(u)
	if n == 1 || semi && n == 2 && !strings.HasSuffix(u, ";") {
		return i
	}
	return 0
}

// markupDeclaration reads what follows "<!": a comment, a doctype or a
// bogus comment.
func (l *lexer) markupDeclaration() token {
	l.pos++ // the '!'
	rest := l.src[l.pos:]
	if strings.HasPrefix(rest, "--") {
		body := rest[2:]
		if strings.HasPrefix(body, ">") || strings.HasPrefix(body, "->") {
			bail("abrupt comment")
		}
		end := strings.Index(body, "-->")
		if end < 0 {
			bail("unterminated comment")
		}
		if strings.Contains(body[:end], "--!>") {
			bail("comment closed by --!>")
		}
		l.pos += 2 + end + 3
		return token{typ: html.CommentToken, data: decodeText(body[:end])}
	}
	if len(rest) >= 7 && asciiEqualFold(rest[:7], "doctype") {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			bail("unterminated doctype")
		}
		l.pos += end + 1
		return token{typ: html.DoctypeToken, raw: l.src[l.pos-end-3 : l.pos]}
	}
	return l.bogusComment(l.pos)
}

// bogusComment reads a comment from start to the next '>' ("<?xml …?>",
// "<![CDATA[ …").
func (l *lexer) bogusComment(start int) token {
	end := strings.IndexByte(l.src[start:], '>')
	if end < 0 {
		bail("unterminated bogus comment")
	}
	l.pos = start + end + 1
	return token{typ: html.CommentToken, data: decodeText(l.src[start : start+end])}
}
