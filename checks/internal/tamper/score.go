package tamper

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// tally is what one sentence, or one anchor text, contains.
type tally struct {
	topic, promo, contact int
	// context is set when a context word is in the sentence.
	context bool
	// service is set while every topic word is a service word, which
	// advertising words do not add to.
	service bool
	// words are the distinct topic, advertising and contact words found,
	// in order, for the evidence.
	words []string
	// at and atEnd bound the first topic word; -1 when there is none.
	at, atEnd int
	// start and end bound the sentence in the normalised text.
	start, end int
}

func newTally(start int) tally { return tally{at: -1, atEnd: -1, start: start} }

// add counts one match of s. A word counts once however often it occurs:
// repetition is not more evidence.
func (t *tally) add(m match, s string) {
	cls, weight, w := m.t.class, m.t.weight, m.t.word
	switch {
	case cls == context:
		t.context = true
		return
	case cls == neutral:
		return
	case m.t == mobileNumber:
		w = s[m.start:m.end]
	case w == "qq" && qqNumberAfter(s[m.end:]):
		cls, weight, w = contact, 2, "qq号"
	}
	if slices.Contains(t.words, w) {
		return
	}
	t.words = append(t.words, w)
	switch cls {
	case topic:
		t.service = m.t.service && (t.topic == 0 || t.service)
		t.topic += weight
		if t.at < 0 {
			t.at, t.atEnd = m.start, m.end
		}
	case promo:
		t.promo += weight
	case contact:
		t.contact += weight
	}
}

// score adds the topic weight to at most three points of advertising and
// three of contact details: a long advertisement is not needed, and an
// honest page that happens to list many phone numbers should not pile up
// points next to a weak word.
func (t *tally) score() int {
	promo := min(t.promo, 3)
	if t.service {
		promo = 0
	}
	return t.topic + promo + min(t.contact, 3)
}

// spam reports whether the tally is spam. near says whether a context word
// is in the sentence, its neighbours or the page's title: the words of the
// trade are then being discussed — a police notice lists 六合彩 and 百家乐,
// an anti-fraud warning quotes "注册送彩金" —, and only an advertisement
// that also hands out a QQ number or WeChat id is still spam.
func (t *tally) spam(near bool) bool {
	if t.topic == 0 {
		return false
	}
	if near {
		return t.topic >= spamThreshold && t.contact >= 2 && t.promo >= 1
	}
	return t.score() >= spamThreshold
}

// qqNumberAfter reports whether s, the text after "qq", starts with a QQ
// number: at least five digits, after an optional 号 or colon.
func qqNumberAfter(s string) bool {
	s = strings.TrimPrefix(s, "号")
	s = strings.TrimLeft(s, ":")
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n >= 5
}

// sentences splits the matches of a normalised text into one tally per
// sentence. The tallies reuse buf.
func sentences(s string, ms []match, buf []tally) []tally {
	out := buf[:0]
	cur := newTally(0)
	for _, m := range ms {
		if m.t == sentenceEnd {
			cur.end = m.start
			out = append(out, cur)
			cur = newTally(m.end)
			continue
		}
		cur.add(m, s)
	}
	cur.end = len(s)
	return append(out, cur)
}

// hasTopic reports whether any match is a topic word.
func hasTopic(ms []match) bool {
	for _, m := range ms {
		if m.t.class == topic {
			return true
		}
	}
	return false
}

// snippetRunes is how much context the evidence shows on each side of the
// first topic word.
const snippetRunes = 30

// snippet returns the first topic word of t with up to snippetRunes runes
// on each side, within its sentence, marked with … where it was cut.
func snippet(s string, t tally) string {
	from, to := t.at, t.atEnd
	for n := 0; n < snippetRunes && from > t.start; n++ {
		_, size := utf8.DecodeLastRuneInString(s[t.start:from])
		from -= size
	}
	for n := 0; n < snippetRunes && to < t.end; n++ {
		_, size := utf8.DecodeRuneInString(s[to:t.end])
		to += size
	}
	var b strings.Builder
	if from > t.start {
		b.WriteString("…")
	}
	b.WriteString(s[from:to])
	if to < t.end {
		b.WriteString("…")
	}
	return b.String()
}

// describe formats the evidence of a spam tally: its words and a snippet.
func describe(s string, t tally) string {
	return strings.Join(t.words, ", ") + ` in "` + snippet(s, t) + `"`
}
