package govaudit

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
}

// SiteVerdict is a site's overall standing: any veto makes it 不合格
// (fail) whatever its score; a warning without veto is a warning.
type SiteVerdict string

const (
	SitePass    SiteVerdict = "合格"
	SiteWarning SiteVerdict = "warning"
	SiteFail    SiteVerdict = "不合格"
)

// Code is the value exported in metrics: 0 合格, 1 warning, 2 不合格.
func (v SiteVerdict) Code() int {
	switch v {
	case SiteWarning:
		return 1
	case SiteFail:
		return 2
	}
	return 0
}

// VerdictOf derives the site verdict from its census findings.
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
