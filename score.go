package govaudit

import "math"

// ScoreWeights are the configurable weights of the site score.
type ScoreWeights struct {
	RequirementPoints float64 // points spread evenly over the judged requirements
	CensusPoints      float64 // points spread evenly over the judged census rules
	Stale             float64 // share of a requirement's points a stale column earns
	Empty             float64 // share an empty column earns
	CensusWarning     float64 // share of a rule's points a warning earns
	// NonCompliant is the share a fresh column earns when a content duty
	// of its row is unmet (compliant "no": unlabelled documents, missing
	// contents, a budget not published).
	NonCompliant float64
}

// DefaultScoreWeights: requirements 70 points, census rules 30; a stale
// column earns half, an empty one a quarter, a fresh column whose content
// duty is unmet half, a census warning half.
var DefaultScoreWeights = ScoreWeights{RequirementPoints: 70, CensusPoints: 30, Stale: 0.5, Empty: 0.25, CensusWarning: 0.5, NonCompliant: 0.5}

// SiteScore is the site's score out of 100 with weights w, rounded to one
// decimal, and false when nothing could be judged. A requirement earns 1
// when compliant, w.NonCompliant when fresh but a content duty is unmet,
// w.Stale or w.Empty by its status, 0 when missing. Unreachable, blocked,
// unreadable, offline and errored requirements are coverage gaps and are
// left out. A site with no
// judged requirement has no score; one without census findings is scored
// on its requirements alone.
func SiteScore(results []Result, census []CensusFinding, w ScoreWeights) (float64, bool) {
	var reqSum, reqN float64
	for _, r := range results {
		switch r.Status {
		case StatusFresh:
			if r.Compliance() == CompliantNo {
				reqSum += w.NonCompliant
			} else {
				reqSum++
			}
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
