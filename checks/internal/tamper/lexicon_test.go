package tamper

import (
	"testing"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// TestLexiconEntries checks that every word is written as Normalize writes
// text (simplified, lower case, no spaces) — a traditional or upper-case
// entry would never match — and appears once.
func TestLexiconEntries(t *testing.T) {
	seen := map[string]bool{}
	n := 0
	for _, ts := range lex.byFirst {
		for _, e := range ts {
			n++
			if got := text.Normalize(e.word); got != e.word {
				t.Errorf("%q: got Normalize %q, want the word unchanged", e.word, got)
			}
			if seen[e.word] {
				t.Errorf("%q: listed twice", e.word)
			}
			seen[e.word] = true
			if e.class == topic && e.weight < 1 {
				t.Errorf("%q: topic word with weight %d", e.word, e.weight)
			}
		}
	}
	if n < 150 {
		t.Errorf("got %d words, want the whole lexicon", n)
	}
}

func TestLexiconScan(t *testing.T) {
	tests := []struct {
		text string
		want []string // matched words, sentence ends as 。
	}{
		{"北单足彩", []string{"北单足彩"}},
		{"投注站", []string{"投注站"}},
		{"传承红色情怀", []string{"红色情"}},
		{"色情网站", []string{"色情"}},
		{"av", []string{"av"}},
		{"nav available", nil},
		{"成人av在线观看", []string{"成人av", "在线观看"}},
		{"a。b", []string{"。"}},
		{"电话13800138000", []string{"手机号"}},
		{"123138001380001", nil},
		{"qq:12345678", []string{"qq"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, m := range lex.scan(text.Normalize(tt.text), nil) {
				got = append(got, m.t.word)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}
