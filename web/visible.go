package web

import (
	"fmt"
	"unicode/utf8"
)

// hidden reports whether r is a character that changes how the text
// around it reads without showing itself: a control character, or a
// bidirectional formatting character. A site name or title holding U+202E
// (right-to-left override) shows its end reversed, so "gov.cn\u202Eexe.txt"
// reads as something else; such characters are shown as visible escapes.
func hidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// visibleBytes replaces the hidden characters of a rendered page of ours
// with "[U+XXXX]". The templates hold no hidden characters, so every one
// comes from data (a site's name, a page title, evidence text); the escape
// is plain text, so it is safe in any place of the page, attributes
// included.
func visibleBytes(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if hidden(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if hidden(r) {
			out = fmt.Appendf(out, "[U+%04X]", r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
