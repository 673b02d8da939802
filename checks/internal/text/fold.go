package text

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// tsCharacters is OpenCC's character-level traditional → simplified table
// (Apache-2.0, licence in opencc/LICENSE). The data is embedded rather than
// imported through a Go OpenCC wrapper because those wrappers pull in
// GPL-licensed code.
//
//go:embed opencc/TSCharacters.txt
var tsCharacters string

// foldTable maps a traditional character to its first simplified candidate.
// foldBMP is a presence bitmap over the Basic Multilingual Plane: most runes
// in simplified text are not traditional, and a bit test rejects them without
// hashing.
type foldTable struct {
	m   map[rune]rune
	bmp [0x10000 / 64]uint64
}

var (
	foldOnce sync.Once
	folds    *foldTable
)

// minFoldKey is below the smallest key in TSCharacters.txt (U+346E); runes
// under it — ASCII, punctuation, kana — never need a lookup.
const minFoldKey = 0x3400

func loadFoldTable() {
	t := &foldTable{m: make(map[rune]rune, 4200)}
	for line := range strings.Lines(tsCharacters) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		key, values, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		k, n := utf8.DecodeRuneInString(key)
		if k == utf8.RuneError || n != len(key) || k < minFoldKey {
			continue // phrases are out of scope: Fold works rune by rune
		}
		first, _, _ := strings.Cut(values, " ")
		v, n := utf8.DecodeRuneInString(first)
		if v == utf8.RuneError || n != len(first) || v == k {
			continue
		}
		t.m[k] = v
		if k < 0x10000 {
			t.bmp[k/64] |= 1 << (k % 64)
		}
	}
	folds = t
}

// foldRune returns the simplified form of r, or r itself.
func foldRune(r rune) rune {
	if r < minFoldKey {
		return r
	}
	foldOnce.Do(loadFoldTable)
	if r < 0x10000 && folds.bmp[r/64]&(1<<(r%64)) == 0 {
		return r
	}
	if v, ok := folds.m[r]; ok {
		return v
	}
	return r
}

// Fold converts traditional Chinese characters to simplified ones, rune by
// rune, with OpenCC's character table, taking the first candidate where
// OpenCC lists several. Phrase-level conversion (where the right simplified
// character depends on the neighbours) is out of scope: column labels and
// keywords are short, and the first candidate is the common one.
//
// Fold returns s itself, without allocating, when nothing changes; bytes
// that are not valid UTF-8 are kept as they are.
func Fold(s string) string {
	for i, r := range s {
		if foldRune(r) == r {
			continue
		}
		var b strings.Builder
		b.Grow(len(s))
		b.WriteString(s[:i])
		for j := i; j < len(s); {
			r, n := utf8.DecodeRuneInString(s[j:])
			if f := foldRune(r); f != r {
				b.WriteRune(f)
			} else {
				b.WriteString(s[j : j+n]) // also keeps invalid bytes as they are
			}
			j += n
		}
		return b.String()
	}
	return s
}
