package govaudit

import (
	"encoding/json"
	"fmt"
)

// Verdict is a census rule's outcome on a site (docs/census.md).
type Verdict string

const (
	VerdictOK      Verdict = "ok"
	VerdictWarning Verdict = "warning"
	VerdictVeto    Verdict = "veto"
)

// Code is the value exported in metrics: 0 ok, 1 warning, 2 veto.
func (v Verdict) Code() int {
	switch v {
	case VerdictWarning:
		return 1
	case VerdictVeto:
		return 2
	}
	return 0
}

// Census rule ids, as docs/export.md names them.
const (
	RuleAvailability         = "availability"
	RuleHomepageNotUpdated   = "homepage-not-updated"
	RuleColumnsNotUpdated    = "columns-not-updated"
	RuleLongUnupdatedColumns = "long-unupdated-columns"
	RuleEmptyColumns         = "empty-columns"
	RuleTampering            = "tampering"
	RuleInteraction          = "interaction"
)

// CensusRules lists the rule ids in the order scorecards show them.
var CensusRules = []string{
	RuleAvailability, RuleHomepageNotUpdated, RuleColumnsNotUpdated,
	RuleLongUnupdatedColumns, RuleEmptyColumns, RuleTampering, RuleInteraction,
}

// CensusFinding is one national-census rule judged on a site.
type CensusFinding struct {
	Rule      string   `json:"rule"`
	Verdict   Verdict  `json:"verdict"`
	Value     float64  `json:"value"`
	Threshold float64  `json:"threshold"`
	Evidence  []string `json:"evidence,omitempty"`
	// Sources are the pages the finding rests on (the home page, the
	// columns counted, the pages where tampering was seen), whose stored
	// copies back it. Audits made before they were kept have none.
	Sources []string `json:"sources,omitempty"`
}

// SiteVerdict is a site's overall standing. The values are stable English
// codes (the export contract); every human format shows the Chinese label
// (合格, 预警, 不合格, 无法判定).
type SiteVerdict string

const (
	// SitePass: judged, no census warning or veto (合格).
	SitePass SiteVerdict = "pass"
	// SiteWarning: a census rule warns, none vetoes (预警).
	SiteWarning SiteVerdict = "warning"
	// SiteFail: a census veto (不合格) whatever the score.
	SiteFail SiteVerdict = "fail"
	// SiteNotJudged: the home page could not be fetched or read, or every
	// applicable requirement is unknown (无法判定). Never shown as 合格.
	SiteNotJudged SiteVerdict = "not_judged"
)

// SiteVerdicts lists the site verdicts in the order summaries show them.
var SiteVerdicts = []SiteVerdict{SitePass, SiteWarning, SiteFail, SiteNotJudged}

// Code is the value exported in metrics: 0 pass, 1 warning, 2 fail,
// 3 not_judged.
func (v SiteVerdict) Code() int {
	switch v {
	case SiteWarning:
		return 1
	case SiteFail:
		return 2
	case SiteNotJudged:
		return 3
	}
	return 0
}

// legacySiteVerdicts are the values stored before the verdict became a
// code: exports and stores written then still read.
var legacySiteVerdicts = map[string]SiteVerdict{"合格": SitePass, "预警": SiteWarning, "不合格": SiteFail, "无法判定": SiteNotJudged}

// UnmarshalJSON reads a verdict code, and the Chinese words older versions
// wrote in its place.
func (v *SiteVerdict) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("site verdict: %w", err)
	}
	if old, ok := legacySiteVerdicts[s]; ok {
		*v = old
		return nil
	}
	*v = SiteVerdict(s)
	return nil
}

// VerdictOf derives a standing from census findings alone: any veto fails,
// any warning warns. SiteVerdictOf is the site's verdict, which also asks
// whether the site could be judged at all.
func VerdictOf(findings []CensusFinding) SiteVerdict {
	out := SitePass
	for _, f := range findings {
		switch f.Verdict {
		case VerdictVeto:
			return SiteFail
		case VerdictWarning:
			out = SiteWarning
		}
	}
	return out
}

// SiteVerdictOf is the verdict on an audited site:
//   - an availability veto fails the site even when it is down now: it rests
//     on a full week of probes, which JudgeAvailability only vetoes on;
//   - a home page that could not be fetched or read, or requirements that
//     are all unknown, leave the site not judged: a census finding drawn
//     from pages that could not be read is not a finding;
//   - otherwise any census veto fails, any warning warns.
func SiteVerdictOf(a SiteAudit) SiteVerdict {
	for _, f := range a.Census {
		if f.Rule == RuleAvailability && f.Verdict == VerdictVeto {
			return SiteFail
		}
	}
	if a.HomeError != nil || !a.Reachable || allUnknown(a.Results) {
		return SiteNotJudged
	}
	return VerdictOf(a.Census)
}

// allUnknown reports whether no requirement could be judged: every one is
// a coverage gap (or there is none at all).
func allUnknown(results []Result) bool {
	for _, r := range results {
		if r.Compliance() != CompliantUnknown {
			return false
		}
	}
	return true
}

// NotJudgedStreak counts the audits in a row, a included, that left the
// site not judged, given the site's previous audit (nil when there is none).
// A previous audit saved before the count was kept counts as one.
func NotJudgedStreak(prev *SiteAudit, a SiteAudit) int {
	if SiteVerdictOf(a) != SiteNotJudged {
		return 0
	}
	if prev == nil || SiteVerdictOf(*prev) != SiteNotJudged {
		return 1
	}
	return max(prev.NotJudgedAudits, 1) + 1
}
