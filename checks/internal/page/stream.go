package page

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// The readers in this file tokenize a body without building a DOM. Most
// pages an audit fetches are detail pages from which a check needs one label
// or the words of the text; building a tree for them is the costliest step
// of an audit, so these readers answer such questions at tokenizer speed.

// validityLabels are the field names a 有效性 value is written under.
var validityLabels = []string{"有效性", "效力状态", "时效性", "效力"}

// ScanValidity returns the 有效性 label of a detail page (有效, 失效, 废止,
// 已修改, 部分失效, 部分有效, 现行有效), or "" when the page carries none.
// It reads the visible text in order and takes the value written after the
// field name, in the same text run ("有效性：有效") or in the next one (a
// label cell followed by a value cell). Script, style and comments are not
// text.
func ScanValidity(body []byte) string {
	// Every field name contains 效, also when written with spaces between
	// its characters ("有　效　性"): a page without it has no label.
	if !bytes.Contains(body, []byte("效")) {
		return ""
	}
	pending := false
	result := ""
	streamText(body, func(t []byte) bool {
		norm := text.Normalize(string(t))
		if norm == "" {
			return true
		}
		if pending {
			if v, ok := leadingValidity(norm); ok {
				result = v
				return false
			}
			if strings.Trim(norm, ":：") == "" {
				return true
			}
			pending = false
		}
		for _, l := range validityLabels {
			i := strings.Index(norm, l)
			if i < 0 {
				continue
			}
			rest := strings.TrimLeft(norm[i+len(l):], ":：")
			if rest == "" {
				pending = true
				return true
			}
			if v, ok := leadingValidity(rest); ok {
				result = v
				return false
			}
		}
		return true
	})
	return result
}

// leadingValidity reports the validity label a normalised value starts with.
func leadingValidity(norm string) (string, bool) {
	for _, v := range validities {
		if strings.HasPrefix(norm, v) {
			if v == "已废止" {
				v = "废止"
			}
			return v, true
		}
	}
	return "", false
}

// VisibleText returns a page's visible text (Clean), at most limit bytes,
// without building a DOM: script, style and comments are left out and
// elements become word breaks.
func VisibleText(body []byte, limit int) string {
	var b strings.Builder
	streamText(body, func(t []byte) bool {
		t = bytes.TrimSpace(t)
		if len(t) == 0 {
			return true
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(t)
		return b.Len() < limit
	})
	s := text.Clean(b.String())
	if len(s) > limit {
		s = s[:limit]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// streamText calls fn with each visible text run of body in document order
// until fn returns false. Text inside script, style, template, noscript,
// head metadata and elements hidden with an inline display:none is skipped.
// The run passed to fn is only valid until fn returns.
func streamText(body []byte, fn func([]byte) bool) {
	z := html.NewTokenizer(bytes.NewReader(body))
	skip := 0 // depth inside raw-text or hidden elements
	var hiddenAt []atom.Atom
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip > 0 || len(hiddenAt) > 0 {
				continue
			}
			if !fn(z.Text()) {
				return
			}
		case html.StartTagToken:
			a := tagAtom(z)
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Title:
				skip++
				continue
			}
			if !voidElement(a) && inlineHidden(z) {
				hiddenAt = append(hiddenAt, a)
			} else if len(hiddenAt) > 0 && a == hiddenAt[len(hiddenAt)-1] && !voidElement(a) {
				// A nested element of the same name inside a hidden one:
				// count it so that its end tag does not end the hiding.
				hiddenAt = append(hiddenAt, a)
			}
		case html.EndTagToken:
			a := tagAtom(z)
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Title:
				if skip > 0 {
					skip--
				}
				continue
			}
			if n := len(hiddenAt); n > 0 && hiddenAt[n-1] == a {
				hiddenAt = hiddenAt[:n-1]
			}
		}
	}
}

// tagAtom returns the atom of the start or end tag just read: what
// atom.Lookup of z.TagName() returns, read from the raw bytes of the tag so
// that nothing is allocated (TagName copies the name). The name runs from
// after "<" or "</" to the first space, "/" or ">", as the tokenizer reads
// it, and is lower-cased the same way.
func tagAtom(z *html.Tokenizer) atom.Atom {
	raw := z.Raw()
	switch {
	case len(raw) >= 2 && raw[0] == '<' && raw[1] == '/':
		raw = raw[2:]
	case len(raw) >= 1 && raw[0] == '<':
		raw = raw[1:]
	default:
		name, _ := z.TagName()
		return atom.Lookup(name)
	}
	var buf [32]byte
	n := 0
	for _, c := range raw {
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if n == len(buf) {
			return 0 // longer than any atom
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return atom.Lookup(buf[:n])
}

// inlineHidden reports whether the start tag being read has an inline style
// that hides it, or the hidden attribute. It consumes the tag's attributes.
// A tag whose raw text does not even mention "style" or "hidden" (attribute
// names are matched without regard to case) has neither, and its
// attributes are not copied out.
func inlineHidden(z *html.Tokenizer) bool {
	raw := z.Raw()
	if !containsFoldASCII(raw, "style") && !containsFoldASCII(raw, "hidden") {
		return false
	}
	return hiddenAttr(z)
}

// hiddenAttr reads the attributes of the tag being read for the hidden
// attribute or a hiding inline style.
func hiddenAttr(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "hidden":
			return true
		case "style":
			v := strings.ReplaceAll(strings.ToLower(string(val)), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
		if !more {
			return false
		}
	}
}

// containsFoldASCII reports whether b contains needle, a lower-case ASCII
// word, in any mix of case.
func containsFoldASCII(b []byte, needle string) bool {
	for i := 0; i+len(needle) <= len(b); i++ {
		j := 0
		for j < len(needle) && b[i+j]|0x20 == needle[j] {
			j++
		}
		if j == len(needle) {
			return true
		}
	}
	return false
}

// voidElement reports elements that never have an end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
