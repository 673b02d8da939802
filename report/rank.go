package report

import (
	"slices"

	"github.com/govaudit/govaudit"
)

// standing is one line of the province summary: a site, its place by
// score and how many of its requirements are in each status.
type standing struct {
	// Rank is 1 for the best score; sites with equal scores share a rank
	// and the next rank is skipped (1, 2, 2, 4). Zero for a site without a
	// score, which is listed last.
	Rank   int
	Site   *Scorecard
	Counts map[govaudit.Status]int
	// Vetoes counts the census rules the site fails.
	Vetoes int
}

// Count is the number of the site's requirements with status s.
func (s standing) Count(st govaudit.Status) int { return s.Counts[st] }

// standings ranks the document's sites as Ranks does, best first; ties
// keep document order, and unranked sites come last in document order.
func standings(doc Document) []standing {
	out := make([]standing, len(doc.Sites))
	for i := range doc.Sites {
		out[i] = standingOf(&doc.Sites[i])
	}
	rankStandings(out)
	return out
}

// standingOf counts a site's statuses and vetoes; Rank is left to
// rankStandings.
func standingOf(sc *Scorecard) standing {
	s := standing{Site: sc, Counts: map[govaudit.Status]int{}}
	for _, r := range sc.Requirements {
		s.Counts[r.Status]++
	}
	for _, f := range sc.Census {
		if f.Verdict == govaudit.VerdictVeto {
			s.Vetoes++
		}
	}
	return s
}

// rankStandings ranks the standings by their sites' scores and sorts them
// best first; ties and unscored sites keep their order.
func rankStandings(out []standing) {
	doc := Document{Sites: make([]Scorecard, len(out))}
	for i, s := range out {
		doc.Sites[i] = *s.Site
	}
	for i, rk := range Ranks(doc) {
		out[i].Rank = rk
	}
	// Best first; unscored sites last, in document order.
	slices.SortStableFunc(out, func(a, b standing) int {
		switch {
		case a.Rank == b.Rank:
			return 0
		case a.Rank == 0:
			return 1
		case b.Rank == 0:
			return -1
		}
		return a.Rank - b.Rank
	})
}

// Ranks places every site of doc, best first: sites judged 合格 or 预警
// by score, then the 不合格 sites by score (a veto fails a site whatever
// its score, so it never ranks above one that passed), then the sites that
// could not be judged. Equal places share a rank and the next rank is
// skipped (1, 2, 2, 4); a site without a score, not judged, or not audited
// has rank 0. The result is indexed like doc.Sites.
func Ranks(doc Document) []int {
	order := make([]int, len(doc.Sites))
	for i := range order {
		order[i] = i
	}
	score := func(i int) *float64 { return doc.Sites[i].Score }
	ranked := func(i int) bool { return score(i) != nil && verdictTier(doc.Sites[i]) < tierUnranked }
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := verdictTier(doc.Sites[a]), verdictTier(doc.Sites[b])
		sa, sb := score(a), score(b)
		switch {
		case ta != tb:
			return ta - tb
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
		case !ranked(i):
		case pos > 0 && ranked(order[pos-1]) && verdictTier(doc.Sites[order[pos-1]]) == verdictTier(doc.Sites[i]) &&
			*score(order[pos-1]) == *score(i):
			out[i] = out[order[pos-1]]
		default:
			out[i] = pos + 1
		}
	}
	return out
}

// Ranking tiers: pass and warning, then fail, then the rest.
const (
	tierJudged = iota
	tierFailed
	tierUnranked
)

func verdictTier(sc Scorecard) int {
	switch {
	case !sc.Audited() || sc.Verdict == govaudit.SiteNotJudged:
		return tierUnranked
	case sc.Verdict == govaudit.SiteFail:
		return tierFailed
	}
	return tierJudged
}

// summaryStatuses are the statuses counted in the summaries; offline
// requirements are not counted, they say nothing about the site.
var summaryStatuses = []govaudit.Status{
	govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty, govaudit.StatusMissing,
	govaudit.StatusUnreachable, govaudit.StatusBlocked,
}
