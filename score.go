package govaudit

import "math"

// ScoreWeights are the configurable weights of the site score.
type ScoreWeights struct {
	RequirementPoints float64 // points spread evenly over the judged requirements
	CensusPoints      float64 // points spread evenly over the judged census rules
	Stale             float64 // share of a requirement's points a stale column earns
	Empty             float64 // share an empty column earns
	CensusWarning     float64 // share of a rule's points a warning earns
}

// DefaultScoreWeights: requirements 70 points, census rules 30; a stale
// column earns half, an empty one a quarter, a census warning half.
var DefaultScoreWeights = ScoreWeights{RequirementPoints: 70, CensusPoints: 30, Stale: 0.5, Empty: 0.25, CensusWarning: 0.5}

// SiteScore is the site's score out of 100 with weights w, rounded to one
// decimal, and false when nothing could be judged. Unreachable, blocked and
// offline requirements are coverage gaps and are left out. A site with no
// judged requirement has no score; one without census findings is scored
// on its requirements alone.
func SiteScore(results []Result, census []CensusFinding, w ScoreWeights) (float64, bool) {
	var reqSum, reqN float64
	for _, r := range results {
		switch r.Status {
		case StatusFresh:
			reqSum++
		case StatusStale:
			reqSum += w.Stale
		case StatusEmpty:
			reqSum += w.Empty
		case StatusMissing:
		default:
			continue
		}
		reqN++
	}
	var cenSum, cenN float64
	for _, c := range census {
		switch c.Verdict {
		case VerdictOK:
			cenSum++
		case VerdictWarning:
			cenSum += w.CensusWarning
		}
		cenN++
	}
	switch {
	case reqN == 0:
		// Nothing of the site could be read: a score from the census
		// alone would rate an unreachable or blocked site.
		return 0, false
	case cenN == 0:
		return math.Round(1000*reqSum/reqN) / 10, true
	}
	total := w.RequirementPoints*reqSum/reqN + w.CensusPoints*cenSum/cenN
	return math.Round(total*10*100/(w.RequirementPoints+w.CensusPoints)) / 10, true
}
