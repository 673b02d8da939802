package report

import (
	"slices"

	"github.com/govaudit/govaudit/checks"
)

// standing is one line of the province summary: a site, its place by
// score and how many of its requirements are in each status.
type standing struct {
	// Rank is 1 for the best score; sites with equal scores share a rank
	// and the next rank is skipped (1, 2, 2, 4). Zero for a site without a
	// score, which is listed last.
	Rank   int
	Site   *Scorecard
	Counts map[checks.Status]int
	// Vetoes counts the census rules the site fails.
	Vetoes int
}

// Count is the number of the site's requirements with status s.
func (s standing) Count(st checks.Status) int { return s.Counts[st] }

// standings ranks the document's sites by score, best first; ties and
// unscored sites keep document order.
func standings(doc Document) []standing {
	out := make([]standing, len(doc.Sites))
	for i := range doc.Sites {
		sc := &doc.Sites[i]
		s := standing{Site: sc, Counts: map[checks.Status]int{}}
		for _, r := range sc.Requirements {
			s.Counts[r.Status]++
		}
		for _, f := range sc.Census {
			if f.Verdict == checks.VerdictVeto {
				s.Vetoes++
			}
		}
		out[i] = s
	}
	slices.SortStableFunc(out, func(a, b standing) int {
		switch {
		case a.Site.Score == nil && b.Site.Score == nil:
			return 0
		case a.Site.Score == nil:
			return 1
		case b.Site.Score == nil:
			return -1
		case *a.Site.Score > *b.Site.Score:
			return -1
		case *a.Site.Score < *b.Site.Score:
			return 1
		}
		return 0
	})
	for i := range out {
		switch {
		case out[i].Site.Score == nil:
		case i > 0 && out[i-1].Site.Score != nil && *out[i-1].Site.Score == *out[i].Site.Score:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}

// summaryStatuses are the statuses counted in the summaries; offline
// requirements are not counted, they say nothing about the site.
var summaryStatuses = []checks.Status{
	checks.StatusFresh, checks.StatusStale, checks.StatusEmpty, checks.StatusMissing,
	checks.StatusUnreachable, checks.StatusBlocked,
}
