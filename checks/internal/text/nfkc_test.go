package text

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// simpleNFKC must agree with norm for every BMP rune it claims to handle, and
// what it returns must be stable, or the single-pass callers would produce
// text that is not NFKC.
func TestSimpleNFKCAgreesWithNorm(t *testing.T) {
	handled := 0
	for r := rune(0); r < 0x10000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		m, ok := simpleNFKC(r)
		if !ok {
			continue
		}
		handled++
		if got, want := string(m), norm.NFKC.String(string(r)); got != want {
			t.Errorf("simpleNFKC(%U) = %q, norm gives %q", r, got, want)
		}
		p := norm.NFKC.PropertiesString(string(m))
		if p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("simpleNFKC(%U) = %U, which may interact with its neighbours", r, m)
		}
	}
	// Sanity: the CJK ideographs alone are 20992 runes.
	if handled < 50000 {
		t.Errorf("simpleNFKC handles %d BMP runes, want most of them", handled)
	}
}

func TestNFKCFastPath(t *testing.T) {
	tests := []struct {
		in     string
		stable bool
	}{
		{"政府信息公开", true},
		{"“双随机、一公开”《通知》〔2019〕", true},
		{"ＰＰＰ", false},
		{"e\u0301", false},
		{"…", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			stable := true
			for _, r := range tt.in {
				stable = stable && nfkcStable(r)
			}
			if stable != tt.stable {
				t.Errorf("all runes stable = %v, want %v", stable, tt.stable)
			}
			if got, want := isNFKC(tt.in), norm.NFKC.IsNormalString(tt.in); got != want {
				t.Errorf("isNFKC(%q) = %v, norm says %v", tt.in, got, want)
			}
		})
	}
}
