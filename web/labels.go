package web

import (
	"github.com/govaudit/govaudit"
)

// The Chinese words of statuses, verdicts, rules and levels are the
// exports' (report.StatusLabel and the like): evaluators see the same word
// for the same thing on a page and in a file. The ones below are the UI's
// own.

// countedStatuses are the statuses the overview counts per site; offline
// requirements say nothing about a site and are not counted.
var countedStatuses = []govaudit.Status{
	govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty, govaudit.StatusMissing,
	govaudit.StatusUnreachable, govaudit.StatusBlocked,
}

// verdictKeys name the site verdicts in URLs (?verdict=): the stored codes.
var verdictKeys = map[govaudit.SiteVerdict]string{
	govaudit.SitePass:      "pass",
	govaudit.SiteWarning:   "warning",
	govaudit.SiteFail:      "fail",
	govaudit.SiteNotJudged: "not_judged",
}

// notAudited is the verdict key of a site without an audit.
const notAudited = "none"

var siteVerdictMarks = map[govaudit.SiteVerdict]string{
	govaudit.SitePass:      "√",
	govaudit.SiteWarning:   "△",
	govaudit.SiteFail:      "×",
	govaudit.SiteNotJudged: "？",
}

var censusVerdictMarks = map[govaudit.Verdict]string{
	govaudit.VerdictOK:      "√",
	govaudit.VerdictWarning: "△",
	govaudit.VerdictVeto:    "×",
}

// levels are the administrative levels in the order filters offer them.
var levels = []govaudit.Level{govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty}

var kindLabels = map[govaudit.Kind]string{
	govaudit.KindColumn:   "栏目更新 (column freshness)",
	govaudit.KindValidity: "栏目更新及有效性标注 (column + 有效性 labels)",
	govaudit.KindFields:   "栏目更新及要素 (column + required contents)",
	govaudit.KindAnnual:   "年度报告 (this and last year's reports)",
	govaudit.KindLink:     "链接 (link to a platform)",
	govaudit.KindOffline:  "不可在线检查 (offline)",
}

var webLabels = map[govaudit.Web]string{
	govaudit.WebYes:    "可在线检查",
	govaudit.WebPartly: "部分可在线检查",
	govaudit.WebNo:     "不可在线检查",
}

// labelOr returns the label of k, or k itself when it has none, so that a
// value added later still shows up.
func labelOr[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// departmentLabel is a department code with its name at the site's level
// (a city's 生态环境局, not the province's 生态环境厅), or 政府门户网站 for
// a portal.
func departmentLabel(code string, level govaudit.Level) string {
	if code == "" {
		return "政府门户网站"
	}
	if name := govaudit.DepartmentNameAt(code, level); name != "" {
		return code + "（" + name + "）"
	}
	return code
}

// departmentOption labels a department code across levels, for filters
// that select the sites of every level at once.
func departmentOption(code string) string {
	if code == "" {
		return departmentLabel(code, "")
	}
	prov, city := govaudit.DepartmentNameAt(code, govaudit.LevelProvince), govaudit.DepartmentNameAt(code, govaudit.LevelCity)
	if prov == "" || city == "" {
		return code
	}
	return code + "（" + prov + " / " + city + "）"
}
