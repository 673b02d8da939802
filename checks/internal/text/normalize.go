package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize prepares a column label or link text for matching against
// another normalised label. It applies NFKC (full-width letters and digits
// become ASCII), removes every kind of whitespace — including the ideographic
// space U+3000, no-break space and zero-width characters that templates put
// between the characters of a label —, drops decorative punctuation
// (·•>»|【】[]「」『』 and bullet shapes), folds traditional characters to
// simplified ones, lower-cases ASCII letters, and trims leading and trailing
// colons. CJK characters, letters, digits and other punctuation are kept.
//
// Invalid UTF-8 becomes U+FFFD.
// It makes one pass (plus norm's, for the rare runes that need it) and
// returns its input without allocating when the label is already normal,
// the common case on simplified-Chinese sites.
func Normalize(s string) string {
	out, rebuilt := normalizeOnce(s)
	// Removing a space between a letter and a combining mark can leave text
	// that NFKC would compose; one more round makes Normalize idempotent.
	if rebuilt && !isNFKC(out) {
		out, _ = normalizeOnce(out)
	}
	return out
}

// normalizeOnce does the work of Normalize and reports whether it had to
// build a new string.
func normalizeOnce(s string) (string, bool) {
	// Find the first rune that needs a change; s[:i] can be reused as is.
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] != asciiKeep {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 || !nfkcStable(r) || isSpace(r) || isDecoration(r) || foldRune(r) != r {
			break // n == 1: invalid UTF-8, which the rebuild turns into U+FFFD
		}
		i += n
	}
	if i == len(s) {
		return strings.Trim(s, ":"), false
	}
	if !allSimpleNFKC(s[i:]) {
		// A rune may compose with the one before it, so normalise the whole
		// string, not just the tail.
		s, i = norm.NFKC.String(s), 0
	}

	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if m, ok := simpleNFKC(r); ok {
			r = m
		}
		if r < utf8.RuneSelf {
			switch asciiClass[r] {
			case asciiKeep:
				b.WriteByte(byte(r))
			case asciiUpper:
				b.WriteByte(byte(r) + 'a' - 'A')
			}
			continue
		}
		if isSpace(r) || isDecoration(r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return strings.Trim(b.String(), ":"), true
}

// allSimpleNFKC reports whether simpleNFKC can map every rune of s.
func allSimpleNFKC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := simpleNFKC(r); !ok {
			return false
		}
		i += n
	}
	return true
}

// asciiClass tells Normalize what to do with each ASCII byte.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = asciiUpper
	}
	for _, c := range " \t\n\v\f\r" {
		t[c] = asciiDrop
	}
	for _, c := range ">|[]" {
		t[c] = asciiDrop
	}
	return t
}()

const (
	asciiKeep = iota
	asciiUpper
	asciiDrop
)

// isSpace reports whether r is whitespace or an invisible separator that
// templates use for spacing (zero-width space, joiners, BOM).
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x180E, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF:
		return true
	}
	return 0x2000 <= r && r <= 0x200D // en quad … hair space, zero-width space and joiners
}

// isInvisible reports whether r takes no room at all when rendered; Clean
// removes these rather than turning them into spaces.
func isInvisible(r rune) bool {
	return 0x200B <= r && r <= 0x200D || r == 0x2060 || r == 0xFEFF || r == 0x180E
}

// isDecoration reports whether a non-ASCII rune is decoration around a label:
// middle dots, guillemets, corner and lenticular brackets, and bullet shapes.
func isDecoration(r rune) bool {
	switch r {
	case '·', '•', '»', '«', '›', '‹', '‧', '・',
		'【', '】', '「', '」', '『', '』',
		'●', '○', '◆', '◇', '■', '□', '▪', '►', '▶', '★', '☆':
		return true
	}
	return false
}

// Clean prepares visible text for date extraction and display: NFKC turns
// full-width digits, letters and colons into ASCII; every run of whitespace
// (ideographic space, no-break space, tabs, newlines) becomes one ASCII space;
// zero-width characters are removed; the result is trimmed.
//
// Invalid UTF-8 becomes U+FFFD. Clean returns its input without allocating
// when the text is already clean.
func Clean(s string) string {
	simple, clean := scanClean(s)
	switch {
	case clean:
		return s
	case simple:
		return collapseSpaces(s)
	}
	out := collapseSpaces(norm.NFKC.String(s))
	// Dropping a zero-width character between a letter and a combining mark
	// can leave text that NFKC would compose; one more round makes Clean
	// idempotent, so offsets into Clean(s) are offsets into Clean(Clean(s)).
	if !isNFKC(out) {
		out = collapseSpaces(norm.NFKC.String(out))
	}
	return out
}

// scanClean reports whether simpleNFKC maps every rune of s, and whether
// Clean would return s unchanged.
func scanClean(s string) (simple, clean bool) {
	clean = true
	prevSpace := true // a space at the start must go
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			m, ok := simpleNFKC(r)
			if !ok {
				return false, false
			}
			if m != r || n == 1 { // n == 1: invalid UTF-8, rebuilt as U+FFFD
				clean = false
			}
			r = m
		}
		i += n
		switch {
		case r == ' ':
			if prevSpace {
				clean = false
			}
			prevSpace = true
		case isSpace(r):
			clean = false
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	if prevSpace && len(s) > 0 {
		clean = false // trailing space
	}
	return true, clean
}

// collapseSpaces maps width variants to ASCII, turns runs of whitespace
// into one space, drops invisible characters and trims.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if m, ok := simpleNFKC(r); ok {
				r = m
			}
		}
		i += n
		switch {
		case isInvisible(r):
		case isSpace(r):
			pending = b.Len() > 0
		default:
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
