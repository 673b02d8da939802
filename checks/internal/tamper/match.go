package tamper

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// lexicon indexes the terms of lexicon.go by their first rune. Almost no
// rune of a page starts a term, so a bit test rejects it before any map
// lookup; the scan costs little more than decoding the text.
type lexicon struct {
	first   [0x10000 / 64]uint64
	byFirst map[rune][]*term // longest word first
}

// match is one term found in normalised text, at s[start:end].
type match struct {
	t          *term
	start, end int
}

var (
	// sentenceEnd marks the end of a sentence in a match list.
	sentenceEnd = &term{word: "。", class: neutral}
	// mobileNumber stands for an 11-digit mainland mobile number.
	mobileNumber = &term{word: "手机号", class: contact, weight: 1}
)

// lex is the lexicon of lexicon.go, built once.
var lex = buildLexicon()

func buildLexicon() *lexicon {
	lx := &lexicon{byFirst: make(map[rune][]*term)}
	add := func(w string, c class, weight int, ascii bool) *term {
		r, _ := utf8.DecodeRuneInString(w)
		t := &term{word: w, class: c, weight: weight, ascii: ascii}
		lx.byFirst[r] = append(lx.byFirst[r], t)
		if r < 0x10000 {
			lx.first[r/64] |= 1 << (r % 64)
		}
		return t
	}
	for _, g := range topicWords {
		for _, w := range g.words {
			add(w, topic, g.weight, false)
		}
	}
	for _, w := range serviceWords {
		add(w, topic, 1, false).service = true
	}
	for _, g := range asciiTopicWords {
		for _, w := range g.words {
			add(w, topic, g.weight, true)
		}
	}
	for _, w := range promoWords {
		add(w, promo, 1, false)
	}
	for _, w := range asciiPromoWords {
		add(w, promo, 1, true)
	}
	for _, w := range contactWords {
		add(w, contact, 2, false)
	}
	for _, w := range asciiContactWords {
		add(w, contact, 2, true)
	}
	for _, w := range contextWords {
		add(w, context, 0, false)
	}
	for _, w := range neutralWords {
		add(w, neutral, 0, false)
	}
	for _, ts := range lx.byFirst {
		slices.SortStableFunc(ts, func(a, b *term) int { return len(b.word) - len(a.word) })
	}
	return lx
}

// scan appends to out the terms found in s, a text.Normalize'd string, in
// order, longest first and without overlap, with a sentenceEnd match at
// each sentence-ending punctuation mark and a mobileNumber match for each
// standalone 11-digit number starting 13…19.
func (lx *lexicon) scan(s string, out []match) []match {
	for i := 0; i < len(s); {
		c := s[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch r {
		case '。', '！', '？', '；', '!', '?', ';':
			out = append(out, match{sentenceEnd, i, i + n})
			i += n
			continue
		}
		if isDigit(c) && (i == 0 || !isWordByte(s[i-1])) {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j-i == 11 && c == '1' && '3' <= s[i+1] && s[i+1] <= '9' && (j == len(s) || !isWordByte(s[j])) {
				out = append(out, match{mobileNumber, i, j})
			}
			i = j
			continue
		}
		if r < 0x10000 && lx.first[r/64]&(1<<(r%64)) != 0 {
			if t := lx.longest(s, i, r); t != nil {
				out = append(out, match{t, i, i + len(t.word)})
				i += len(t.word)
				continue
			}
		}
		i += n
	}
	return out
}

// longest returns the longest term that starts at s[i], whose first rune is
// r, or nil.
func (lx *lexicon) longest(s string, i int, r rune) *term {
	for _, t := range lx.byFirst[r] {
		if !strings.HasPrefix(s[i:], t.word) {
			continue
		}
		if t.ascii && (i > 0 && isWordByte(s[i-1]) || i+len(t.word) < len(s) && isWordByte(s[i+len(t.word)])) {
			continue
		}
		return t
	}
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte reports an ASCII letter or digit: what may not border an ASCII
// word. Normalize has already lower-cased the text.
func isWordByte(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
