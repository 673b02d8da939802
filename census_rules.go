package govaudit

import (
	"fmt"
	"math"
)

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

// JudgeAvailability judges home-page probes over the window: the share of
// probes that failed (no response within the timeout, a connection error
// or a server error).
func (t CensusThresholds) JudgeAvailability(total, failed int) CensusFinding {
	f := CensusFinding{Rule: RuleAvailability, Verdict: VerdictOK, Threshold: t.AvailabilityVetoPct}
	if total == 0 {
		f.Evidence = []string{"no home-page probes recorded yet"}
		return f
	}
	pct := 100 * float64(failed) / float64(total)
	f.Value = math.Round(pct*100) / 100
	switch {
	case pct >= t.AvailabilityVetoPct:
		f.Verdict = VerdictVeto
	case pct >= t.AvailabilityWarnPct:
		f.Verdict = VerdictWarning
	}
	f.Evidence = []string{fmt.Sprintf("%d of %d home-page probes in the last 7 days failed (%.2f%%)", failed, total, pct)}
	if total < 20*7 {
		f.Evidence = append(f.Evidence, fmt.Sprintf("only %d probes so far; the census asks for at least 20 a day over a week", total))
	}
	return f
}

// JudgeHomepage judges the age of the newest dated item reachable from the
// home page. No dated item at all counts as not updated.
func (t CensusThresholds) JudgeHomepage(ageDays int, found bool, evidence []string) CensusFinding {
	f := CensusFinding{Rule: RuleHomepageNotUpdated, Verdict: VerdictOK, Threshold: float64(t.HomepageVetoDays), Evidence: evidence}
	if !found {
		f.Verdict = VerdictVeto
		f.Value = -1
		f.Evidence = append(f.Evidence, "no dated item found on the home page: an undated page counts as not updated")
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
