package web

import (
	"slices"

	"github.com/govaudit/govaudit/report"
)

// ranks places every site of doc by score, best first, as the province
// summary of the exports does: equal scores share a rank and the next rank
// is skipped (1, 2, 2, 4); a site without a score has rank 0. The result is
// indexed like doc.Sites.
func ranks(doc report.Document) []int {
	order := make([]int, len(doc.Sites))
	for i := range order {
		order[i] = i
	}
	score := func(i int) *float64 { return doc.Sites[i].Score }
	slices.SortStableFunc(order, func(a, b int) int {
		sa, sb := score(a), score(b)
		switch {
		case sa == nil && sb == nil:
			return 0
		case sa == nil:
			return 1
		case sb == nil:
			return -1
		case *sa > *sb:
			return -1
		case *sa < *sb:
			return 1
		}
		return 0
	})
	out := make([]int, len(doc.Sites))
	for pos, i := range order {
		switch {
		case score(i) == nil:
		case pos > 0 && score(order[pos-1]) != nil && *score(order[pos-1]) == *score(i):
			out[i] = out[order[pos-1]]
		default:
			out[i] = pos + 1
		}
	}
	return out
}
