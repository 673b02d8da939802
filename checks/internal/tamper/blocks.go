package tamper

import (
	"strings"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// Blocks of text: the words between two block-level tags, judged a
// sentence at a time.

// flush judges the text block read so far, and starts the next one.
func (s *scanner) flush() {
	// Most blocks are tested on their bytes, without a string copy.
	if !isBlank(s.block) && mayHoldTopic(s.block) {
		label := ""
		if s.blockScripted {
			label = "written by script: "
		}
		if s.blockHidden {
			label += "hidden text: "
		}
		s.judgeText(string(s.block), label)
	}
	s.block, s.blockHidden, s.blockScripted = s.block[:0], false, false
}

// flushSoft ends the block at a link to another site when the block is
// already long, so that a short spam line next to a link is judged on its
// own while ordinary paragraphs with links stay whole.
func (s *scanner) flushSoft() {
	if len(s.block) > 4<<10 {
		s.flush()
	}
}

// judgeText queues the spam sentences of a text for the final decision.
func (s *scanner) judgeText(raw, label string) {
	if !mayHoldTopic([]byte(raw)) {
		return
	}
	norm := text.Normalize(markParagraphs(raw))
	if norm == "" {
		return
	}
	s.matches = lex.scan(norm, s.matches[:0])
	if !hasTopic(s.matches) {
		return
	}
	s.tallies = sentences(norm, s.matches, s.tallies)
	for i, t := range s.tallies {
		if t.topic == 0 {
			continue
		}
		near := t.context ||
			i > 0 && s.tallies[i-1].context ||
			i+1 < len(s.tallies) && s.tallies[i+1].context
		if len(s.pending) >= maxPending {
			return
		}
		s.pending = append(s.pending, pending{
			kind: KindSpamText, evidence: label + describe(norm, t), t: t, near: near,
		})
	}
}

// markParagraphs puts a full stop at each blank line of raw, which
// Normalize would otherwise erase: in plain text and in text appended after
// a page's markup, a blank line ends a paragraph, and a spam line appended
// to a document is not part of the sentence above it.
func markParagraphs(raw string) string {
	if !strings.Contains(raw, "\n") {
		return raw
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\n' {
			continue
		}
		j, lines := i+1, 1
		for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r' || raw[j] == '\n') {
			if raw[j] == '\n' {
				lines++
			}
			j++
		}
		if lines < 2 {
			continue
		}
		b.WriteString(raw[last:i])
		b.WriteString("。")
		last, i = j, j-1
	}
	if last == 0 {
		return raw
	}
	b.WriteString(raw[last:])
	return b.String()
}

// isBlank reports text made only of ASCII whitespace.
func isBlank(b []byte) bool {
	for _, c := range b {
		if !isHTMLSpace(c) {
			return false
		}
	}
	return true
}
