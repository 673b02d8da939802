package tamper

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// Normalizing every block of text is the costliest step of Scan, and
// almost no block of a government page can hold a topic word. mayHoldTopic
// rejects such blocks on the raw text: a topic word can only be found if
// its first two runes follow each other, once folded to simplified
// characters and lower case, with nothing but spacing or punctuation
// between them. The test errs towards yes: punctuation that Normalize keeps
// is skipped too, and any rune that NFKC might turn into a CJK character
// (radicals, compatibility ideographs, enclosed forms, supplementary
// planes) sends the block to the full check.

// cjkFirst and cjkLast bound the CJK unified ideographs that the fold table
// covers (Extension A and the basic block).
const (
	cjkFirst = 0x3400
	cjkLast  = 0x9FFF
)

var (
	prefilterOnce sync.Once
	// foldCJK[r-cjkFirst] is the simplified form of r, as text.Fold gives it.
	foldCJK []uint16
	// bigramFirst and bigramSecond mark the first and second runes of topic
	// words, and bigrams holds the pairs.
	bigramFirst, bigramSecond [0x10000 / 64]uint64
	bigrams                   map[[2]rune]bool
)

func buildPrefilter() {
	var b strings.Builder
	for r := rune(cjkFirst); r <= cjkLast; r++ {
		b.WriteRune(r)
	}
	// Fold maps rune by rune, so its output lines up with its input.
	folded := text.Fold(b.String())
	foldCJK = make([]uint16, 0, cjkLast-cjkFirst+1)
	for _, r := range folded {
		foldCJK = append(foldCJK, uint16(r))
	}
	if len(foldCJK) != cjkLast-cjkFirst+1 {
		panic("tamper: text.Fold did not map rune by rune")
	}
	bigrams = make(map[[2]rune]bool)
	for _, ts := range lex.byFirst {
		for _, t := range ts {
			if t.class != topic {
				continue
			}
			r1, n := utf8.DecodeRuneInString(t.word)
			r2, _ := utf8.DecodeRuneInString(t.word[n:])
			bigrams[[2]rune{r1, r2}] = true
			bigramFirst[r1/64] |= 1 << (r1 % 64)
			bigramSecond[r2/64] |= 1 << (r2 % 64)
		}
	}
}

// mayHoldTopic reports whether s may contain a topic word once normalised.
func mayHoldTopic(s []byte) bool {
	prefilterOnce.Do(buildPrefilter)
	var prev rune
	for i := 0; i < len(s); {
		c := s[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		i += n
		switch {
		case r < utf8.RuneSelf:
			r = asciiKey(r)
		case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
			r = asciiKey(r - 0xFEE0)
		case cjkFirst <= r && r <= cjkLast:
			r = rune(foldCJK[r-cjkFirst])
		case 0x2E80 <= r && r <= 0x2FFF, 0x3200 <= r && r <= 0x33FF, 0xF900 <= r && r <= 0xFAFF, r >= 0x10000:
			return true // NFKC may map these onto ideographs
		case r == utf8.RuneError && n == 1:
			return true
		default:
			r = 0 // spacing, punctuation, decoration: skipped
		}
		if r == 0 {
			continue
		}
		if prev != 0 && bigramFirst[prev/64]&(1<<(prev%64)) != 0 && bigramSecond[r/64]&(1<<(r%64)) != 0 && bigrams[[2]rune{prev, r}] {
			return true
		}
		prev = r
	}
	return false
}

// asciiKey lower-cases an ASCII letter, keeps a digit and returns 0 for
// anything else, which the prefilter skips.
func asciiKey(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return r
	}
	return 0
}
