package checks

import "math"

// Status weights of the provisional site score: the share of a site's
// judged requirements that are satisfied, where a stale column earns half
// and an empty one a quarter (it exists, which is part of the duty).
// Unreachable, blocked and offline requirements are coverage gaps, not
// findings, so they are left out of the denominator. The national census
// point values are not confirmed (spec/census.md), so this score does not
// pretend to reproduce them.
var scoreWeights = map[Status]float64{
	StatusFresh:   1,
	StatusStale:   0.5,
	StatusEmpty:   0.25,
	StatusMissing: 0,
}

// Score returns the site's score out of 100, rounded to one decimal, and
// false when no requirement could be judged.
func Score(results []Result) (float64, bool) {
	var sum, n float64
	for _, r := range results {
		w, ok := scoreWeights[r.Status]
		if !ok {
			continue
		}
		sum += w
		n++
	}
	if n == 0 {
		return 0, false
	}
	return math.Round(1000*sum/n) / 10, true
}
