package report

import (
	"github.com/govaudit/govaudit"
)

// statusLabels are the Chinese words for the requirement statuses, as
// evaluators write them in their own reports.
var statusLabels = map[govaudit.Status]string{
	govaudit.StatusFresh:           "正常",
	govaudit.StatusStale:           "超期未更新",
	govaudit.StatusEmpty:           "空白栏目",
	govaudit.StatusMissing:         "未找到栏目",
	govaudit.StatusUnreachable:     "无法访问",
	govaudit.StatusBlocked:         "被拦截",
	govaudit.StatusNotWebCheckable: "不可在线检查",
	govaudit.StatusUnreadable:      "无法读取",
	govaudit.StatusError:           "未判定（内部错误）",
}

// statusMarks carry a status's meaning without colour, for black-and-white
// print: √ satisfied, × a finding against the site, ？ a coverage gap
// (nothing could be said), — not judged online. All four are in GB 2312, so
// every Chinese font has them.
var statusMarks = map[govaudit.Status]string{
	govaudit.StatusFresh:           "√",
	govaudit.StatusStale:           "×",
	govaudit.StatusEmpty:           "×",
	govaudit.StatusMissing:         "×",
	govaudit.StatusUnreachable:     "？",
	govaudit.StatusBlocked:         "？",
	govaudit.StatusNotWebCheckable: "—",
	govaudit.StatusUnreadable:      "？",
	govaudit.StatusError:           "？",
}

// siteVerdictLabels translate the site verdict codes.
var siteVerdictLabels = map[govaudit.SiteVerdict]string{
	govaudit.SitePass:      "合格",
	govaudit.SiteWarning:   "预警",
	govaudit.SiteFail:      "不合格",
	govaudit.SiteNotJudged: "无法判定",
}

// censusVerdictLabels translate a census rule's verdict.
var censusVerdictLabels = map[govaudit.Verdict]string{
	govaudit.VerdictOK:      "正常",
	govaudit.VerdictWarning: "预警",
	govaudit.VerdictVeto:    "单项否决",
}

// ruleLabels name the census rules as the national tables do
// (docs/census.md).
var ruleLabels = map[string]string{
	govaudit.RuleAvailability:         "站点无法访问",
	govaudit.RuleHomepageNotUpdated:   "网站不更新",
	govaudit.RuleColumnsNotUpdated:    "栏目不更新",
	govaudit.RuleLongUnupdatedColumns: "应更新但长期未更新栏目",
	govaudit.RuleEmptyColumns:         "空白栏目",
	govaudit.RuleTampering:            "严重错误",
	govaudit.RuleInteraction:          "互动回应差",
}

// levelLabels name the administrative levels.
var levelLabels = map[govaudit.Level]string{
	govaudit.LevelProvince: "省级",
	govaudit.LevelCity:     "市级",
	govaudit.LevelCounty:   "县级",
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
func StatusLabel(s govaudit.Status) string { return labelOr(statusLabels, s) }

// StatusMark is a status's sign for black-and-white print: √ × ？ —.
func StatusMark(s govaudit.Status) string { return statusMarks[s] }

// SiteVerdictLabel is the Chinese word for a site verdict.
func SiteVerdictLabel(v govaudit.SiteVerdict) string { return labelOr(siteVerdictLabels, v) }

// CensusVerdictLabel is the Chinese word for a census rule's verdict.
func CensusVerdictLabel(v govaudit.Verdict) string { return labelOr(censusVerdictLabels, v) }

// RuleLabel names a census rule as the national tables do.
func RuleLabel(rule string) string { return labelOr(ruleLabels, rule) }

// LevelLabel names an administrative level.
func LevelLabel(l govaudit.Level) string { return labelOr(levelLabels, l) }
