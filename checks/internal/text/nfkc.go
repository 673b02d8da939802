package text

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFKC is the first step of Normalize and Clean, and norm's quick check alone
// costs tens of nanoseconds per CJK character. Almost every rune on a Chinese
// government page is either left alone by NFKC and never combines with its
// neighbours (CJK ideographs, ASCII, 、。《》“”), or is a width variant that
// NFKC maps to a single ASCII rune (full-width ：２０１６Ａ, U+3000). For such
// text NFKC is a rune-by-rune map that the callers apply in their own single
// pass; norm runs only when any other rune appears. The equivalence is
// checked against norm for every rune of the BMP in nfkc_test.go.

var (
	stableOnce sync.Once
	// stableBMP marks the BMP runes that NFKC leaves alone in any context:
	// normal on their own, canonical combining class 0, and never composing
	// with the rune before them. A string made only of such runes is NFKC.
	stableBMP [0x10000 / 64]uint64
)

func buildStableBMP() {
	var buf [utf8.UTFMax]byte
	for r := rune(0x80); r < 0x10000; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		p := norm.NFKC.Properties(buf[:n])
		if p.CCC() == 0 && p.BoundaryBefore() && norm.NFKC.IsNormal(buf[:n]) {
			stableBMP[r/64] |= 1 << (r % 64)
		}
	}
}

// nfkcStable reports whether NFKC leaves r alone whatever surrounds it.
func nfkcStable(r rune) bool {
	switch {
	case r < utf8.RuneSelf, 0x4E00 <= r && r <= 0x9FFF:
		return true
	case r >= 0x10000:
		return false // rare on these pages; norm handles them
	}
	stableOnce.Do(buildStableBMP)
	return stableBMP[r/64]&(1<<(r%64)) != 0
}

// simpleNFKC returns NFKC(r) when it can be computed for r alone and is a
// single rune that is itself stable; ok is false when the caller must run
// norm on the whole string.
func simpleNFKC(r rune) (m rune, ok bool) {
	switch {
	case nfkcStable(r):
		return r, true
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII ！…～
		return r - 0xFEE0, true
	case r == 0x00A0, 0x2000 <= r && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return ' ', true // no-break, typographic and ideographic spaces
	}
	return 0, false
}

// isNFKC reports whether s is in NFKC. A string of stable runes is, without
// asking norm (whose check allocates).
func isNFKC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfkcStable(r) {
			return norm.NFKC.IsNormalString(s)
		}
		i += n
	}
	return true
}
