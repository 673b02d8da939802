package govaudit

import "math"

// CensusThresholds are the lines of docs/census.md: the veto lines of the
// national rules and the early-warning levels below them. The census gives
// no warning level for columns-not-updated; govaudit warns at 3 such
// columns, the level it uses for empty columns.
type CensusThresholds struct {
	AvailabilityVetoPct    float64 // failed probes, percent
	AvailabilityWarnPct    float64
	HomepageVetoDays       int // days since the home page's newest item
	HomepageWarnDays       int
	ColumnsNotUpdatedVeto  int // 动态/要闻 > 14 days plus 通知公告/政策文件 > 180 days
	ColumnsNotUpdatedWarn  int
	LongUnupdatedVeto      int // other catalogue columns > 1 year
	LongUnupdatedWarn      int
	EmptyColumnsVeto       int
	EmptyColumnsWarn       int
	InteractionUnansweredD int // a message unanswered longer than this many days is a veto
	InteractionWindowDays  int // only messages of the last year count
}

// DefaultCensusThresholds are the national lines.
var DefaultCensusThresholds = CensusThresholds{
	AvailabilityVetoPct:    5,
	AvailabilityWarnPct:    3,
	HomepageVetoDays:       14,
	HomepageWarnDays:       10,
	ColumnsNotUpdatedVeto:  5,
	ColumnsNotUpdatedWarn:  3,
	LongUnupdatedVeto:      10,
	LongUnupdatedWarn:      7, // "more than 6"
	EmptyColumnsVeto:       5,
	EmptyColumnsWarn:       3, // "more than 2"
	InteractionUnansweredD: 90,
	InteractionWindowDays:  365,
}

// The census measures availability over a week of probes, at least 20 a
// day; with less, a failure rate is not the census's figure.
const (
	CensusProbeDays    = 7
	CensusProbesPerDay = 20
)

// ProbesCoverWeek reports whether per-day probe counts (one per 24-hour
// slice back from the audit) cover the census's week: CensusProbeDays
// slices of at least CensusProbesPerDay probes each.
func ProbesCoverWeek(perDay []int) bool {
	if len(perDay) < CensusProbeDays {
		return false
	}
	for _, n := range perDay[:CensusProbeDays] {
		if n < CensusProbesPerDay {
			return false
		}
	}
	return true
}

// JudgeAvailability judges home-page probes over the window: the share of
// probes that failed (no response within the timeout, a connection error
// or a server error). perDay are the probes of each day of the window;
// until they cover the census's week a failure rate over the veto line
// only warns.
func (t CensusThresholds) JudgeAvailability(total, failed int, perDay []int) CensusFinding {
	f := CensusFinding{Rule: RuleAvailability, Verdict: VerdictOK, Threshold: t.AvailabilityVetoPct}
	if total == 0 {
		f.Evidence = []string{MsgNoProbes()}
		return f
	}
	pct := 100 * float64(failed) / float64(total)
	f.Value = math.Round(pct*100) / 100
	covered := ProbesCoverWeek(perDay)
	switch {
	case pct >= t.AvailabilityVetoPct && covered:
		f.Verdict = VerdictVeto
	case pct >= t.AvailabilityWarnPct:
		f.Verdict = VerdictWarning
	}
	f.Evidence = []string{MsgProbesFailed(failed, total, pct)}
	if !covered {
		f.Evidence = append(f.Evidence, MsgProbesTooFew(total, fullDays(perDay)))
	}
	return f
}

// fullDays counts the days with the census's number of probes.
func fullDays(perDay []int) int {
	n := 0
	for _, c := range perDay {
		if c >= CensusProbesPerDay {
			n++
		}
	}
	return n
}

// JudgeHomepage judges the age of the newest dated item reachable from the
// home page. No dated item at all counts as not updated.
func (t CensusThresholds) JudgeHomepage(ageDays int, found bool, evidence []string) CensusFinding {
	f := CensusFinding{Rule: RuleHomepageNotUpdated, Verdict: VerdictOK, Threshold: float64(t.HomepageVetoDays), Evidence: evidence}
	if !found {
		f.Verdict = VerdictVeto
		f.Value = -1
		f.Evidence = append(f.Evidence, MsgHomepageUndated())
		return f
	}
	f.Value = float64(ageDays)
	switch {
	case ageDays >= t.HomepageVetoDays:
		f.Verdict = VerdictVeto
	case ageDays >= t.HomepageWarnDays:
		f.Verdict = VerdictWarning
	}
	return f
}

// judgeCount judges a count of offending columns against its lines.
func judgeCount(rule string, count, warn, veto int, evidence []string) CensusFinding {
	f := CensusFinding{Rule: rule, Verdict: VerdictOK, Value: float64(count), Threshold: float64(veto), Evidence: evidence}
	switch {
	case count >= veto:
		f.Verdict = VerdictVeto
	case count >= warn:
		f.Verdict = VerdictWarning
	}
	return f
}

// JudgeColumnsNotUpdated counts 动态/要闻 columns older than 14 days and
// 通知公告/政策文件 columns older than 180 days.
func (t CensusThresholds) JudgeColumnsNotUpdated(count int, evidence []string) CensusFinding {
	return judgeCount(RuleColumnsNotUpdated, count, t.ColumnsNotUpdatedWarn, t.ColumnsNotUpdatedVeto, evidence)
}

// JudgeLongUnupdated counts other catalogue columns older than a year.
func (t CensusThresholds) JudgeLongUnupdated(count int, evidence []string) CensusFinding {
	return judgeCount(RuleLongUnupdatedColumns, count, t.LongUnupdatedWarn, t.LongUnupdatedVeto, evidence)
}

// JudgeEmptyColumns counts columns that exist and hold nothing.
func (t CensusThresholds) JudgeEmptyColumns(count int, evidence []string) CensusFinding {
	return judgeCount(RuleEmptyColumns, count, t.EmptyColumnsWarn, t.EmptyColumnsVeto, evidence)
}

// JudgeInteraction: any message left unanswered beyond the limit is a veto.
func (t CensusThresholds) JudgeInteraction(unanswered int, evidence []string) CensusFinding {
	return judgeCount(RuleInteraction, unanswered, 1, 1, evidence)
}

// JudgeTampering: any injected spam or hidden foreign link is a veto.
func (t CensusThresholds) JudgeTampering(findings int, evidence []string) CensusFinding {
	return judgeCount(RuleTampering, findings, 1, 1, evidence)
}
