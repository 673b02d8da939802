package config

import (
	"strconv"
	"strings"
)

// maxSuggestDistance is how many edits a misspelt name may be away from a
// known one for "did you mean" to name it.
const maxSuggestDistance = 2

// suggest returns the candidates closest to name, at most two edits away,
// in the candidates' order. It compares case-insensitively, so "URL" finds
// "url". A candidate is not offered when every rune would have to change:
// any two-letter name is two edits from "id", which suggests nothing.
func suggest(name string, candidates []string) []string {
	best := maxSuggestDistance + 1
	var out []string
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(lower, strings.ToLower(c))
		if d > maxSuggestDistance || d >= max(len([]rune(name)), len([]rune(c))) {
			continue
		}
		switch {
		case d < best:
			best, out = d, []string{c}
		case d == best:
			out = append(out, c)
		}
	}
	return out
}

// didYouMean formats suggestions as " (did you mean "a" or "b"?)", or ""
// when there are none.
func didYouMean(name string, candidates []string) string {
	s := suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	return " (did you mean " + orList(quoteAll(s)) + "?)"
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return q
}

// orList joins "a", "a or b", "a, b or c".
func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent runes
// each cost one, so "max_detph" is one edit from "max_depth".
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows suffice: a transposition looks two rows back.
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
