package report

import "github.com/govaudit/govaudit/checks"

// statusLabels are the Chinese words for the requirement statuses, as
// evaluators write them in their own reports.
var statusLabels = map[checks.Status]string{
	checks.StatusFresh:           "正常",
	checks.StatusStale:           "超期未更新",
	checks.StatusEmpty:           "空白栏目",
	checks.StatusMissing:         "未找到栏目",
	checks.StatusUnreachable:     "无法访问",
	checks.StatusBlocked:         "被拦截",
	checks.StatusNotWebCheckable: "不可在线检查",
}

// statusMarks carry a status's meaning without colour, for black-and-white
// print: √ satisfied, × a finding against the site, ？ a coverage gap
// (nothing could be said), — not judged online. All four are in GB 2312, so
// every Chinese font has them.
var statusMarks = map[checks.Status]string{
	checks.StatusFresh:           "√",
	checks.StatusStale:           "×",
	checks.StatusEmpty:           "×",
	checks.StatusMissing:         "×",
	checks.StatusUnreachable:     "？",
	checks.StatusBlocked:         "？",
	checks.StatusNotWebCheckable: "—",
}

// siteVerdictLabels translate the site verdict; only "warning" is stored
// in English.
var siteVerdictLabels = map[checks.SiteVerdict]string{
	checks.SitePass:    "合格",
	checks.SiteWarning: "预警",
	checks.SiteFail:    "不合格",
}

// censusVerdictLabels translate a census rule's verdict.
var censusVerdictLabels = map[checks.Verdict]string{
	checks.VerdictOK:      "正常",
	checks.VerdictWarning: "预警",
	checks.VerdictVeto:    "单项否决",
}

// ruleLabels name the census rules as the national tables do
// (spec/census.md).
var ruleLabels = map[string]string{
	checks.RuleAvailability:         "站点无法访问",
	checks.RuleHomepageNotUpdated:   "网站不更新",
	checks.RuleColumnsNotUpdated:    "栏目不更新",
	checks.RuleLongUnupdatedColumns: "应更新但长期未更新栏目",
	checks.RuleEmptyColumns:         "空白栏目",
	checks.RuleTampering:            "严重错误",
	checks.RuleInteraction:          "互动回应差",
}

// levelLabels name the administrative levels.
var levelLabels = map[checks.Level]string{
	checks.LevelProvince: "省级",
	checks.LevelCity:     "市级",
	checks.LevelCounty:   "县级",
}

// labelOr returns the label of k, or k itself when it has none, so that a
// value added later still shows up.
func labelOr[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// The labels are exported through functions so that the web UI shows an
// evaluator the same word for the same thing as the files do.

// StatusLabel is the Chinese word for a requirement status.
func StatusLabel(s checks.Status) string { return labelOr(statusLabels, s) }

// StatusMark is a status's sign for black-and-white print: √ × ？ —.
func StatusMark(s checks.Status) string { return statusMarks[s] }

// SiteVerdictLabel is the Chinese word for a site verdict.
func SiteVerdictLabel(v checks.SiteVerdict) string { return labelOr(siteVerdictLabels, v) }

// CensusVerdictLabel is the Chinese word for a census rule's verdict.
func CensusVerdictLabel(v checks.Verdict) string { return labelOr(censusVerdictLabels, v) }

// RuleLabel names a census rule as the national tables do.
func RuleLabel(rule string) string { return labelOr(ruleLabels, rule) }

// LevelLabel names an administrative level.
func LevelLabel(l checks.Level) string { return labelOr(levelLabels, l) }
