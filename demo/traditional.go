package demo

import "strings"

// toTraditional writes simplified text in traditional characters, one
// character at a time, as the 繁體 versions of government sites do. The
// table covers the characters the demo's pages use; a character it lacks
// stays as it is, which real converted sites also show.
func toTraditional(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := simplifiedToTraditional[r]; ok {
			return t
		}
		return r
	}, s)
}
