package report

import (
	"testing"
	"time"
	_ "time/tzdata" // the fixture is in Asia/Shanghai on any machine

	"github.com/govaudit/govaudit"
)

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// fixtureDocument is a hand-built export covering every kind of row the
// writers must handle: a failing site with a veto, two sites tied on
// score, an unreachable site without a score, a site never audited, every
// status, details, several evidence lines, and titles that need escaping
// in HTML and defusing in CSV.
func fixtureDocument(t testing.TB) Document {
	loc := shanghai(t)
	at := func(day, hh, mm, ss int) *time.Time {
		v := time.Date(2026, time.November, day, hh, mm, ss, 0, loc)
		return &v
	}
	date := func(m time.Month, d int) govaudit.Date {
		return govaudit.Date{Time: time.Date(2026, m, d, 0, 0, 0, 0, loc)}
	}
	score := func(v float64) *float64 { return &v }
	days := func(v int) *int { return &v }
	return Document{
		GeneratedAt: time.Date(2026, time.November, 25, 10, 0, 0, 0, loc),
		Sites: []Scorecard{
			{
				ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.gov.cn/",
				Level: govaudit.LevelProvince, Department: "fgw",
				AuditedAt: at(25, 2, 0, 41), Reachable: true, Score: score(45.6), Verdict: govaudit.SiteFail,
				Requirements: []govaudit.Result{
					{ID: "fgw-3", Status: govaudit.StatusFresh, ColumnURL: "https://fgw.ln.gov.cn/ppp/",
						NewestItem: &govaudit.Item{Title: "关于2026年PPP项目库入库项目的公示", URL: "https://fgw.ln.gov.cn/ppp/202611/t20261118_1.html", Date: date(time.November, 18)},
						AgeDays:    days(7), MaxAgeDays: 365,
						Evidence: []string{`column "PPP项目" found on https://fgw.ln.gov.cn/`, "newest item 2026-11-18, 7 days old; 12 items listed"},
						Details:  map[string]any{"fields_present": []any{"项目名称", "实施机构"}, "fields_absent": []any{}}},
					{ID: "all-10", Status: govaudit.StatusStale, ColumnURL: "https://fgw.ln.gov.cn/zfxxgk/zc/",
						NewestItem: &govaudit.Item{Title: `<script>alert("x")</script> 关于印发"十五五"规划的通知, 附件`, URL: "https://fgw.ln.gov.cn/zfxxgk/zc/202601/t1.html", Date: date(time.January, 5)},
						AgeDays:    days(324), MaxAgeDays: 180,
						Evidence: []string{"newest item 2026-01-05, 324 days old", "有效性 labelled on 3 of the 5 newest documents"},
						Details:  map[string]any{"documents_checked": 5.0, "validity_labelled": 3.0}},
					{ID: "all-05", Status: govaudit.StatusMissing, MaxAgeDays: 365,
						Evidence: []string{"no column matching 双随机 found in 3 levels, 212 pages"}},
					{ID: "fgw-2", Status: govaudit.StatusEmpty, ColumnURL: "https://fgw.ln.gov.cn/zdxm/", MaxAgeDays: 365,
						Evidence: []string{"the column lists no items"}},
					{ID: "all-08", Status: govaudit.StatusNotWebCheckable, Evidence: []string{"offline requirement: not auditable online"}},
				},
				Census: []govaudit.CensusFinding{
					{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictOK, Value: 0, Threshold: 5},
					{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.VerdictVeto, Value: 20, Threshold: 14,
						Evidence: []string{"newest home-page item 2026-11-05, 20 days old"}},
				},
			},
			{
				ID: "ln-czt", Name: "辽宁省财政厅", URL: "https://czt.ln.gov.cn/",
				Level: govaudit.LevelProvince, Department: "czt",
				AuditedAt: at(25, 2, 3, 5), Reachable: true, Score: score(85), Verdict: govaudit.SiteWarning,
				Requirements: []govaudit.Result{
					{ID: "czt-1", Status: govaudit.StatusFresh, ColumnURL: "https://czt.ln.gov.cn/yjs/",
						NewestItem: &govaudit.Item{Title: "=HYPERLINK(\"http://evil.example/\",\"2026年省级预算\")", URL: "https://czt.ln.gov.cn/yjs/t2.html", Date: date(time.November, 20)},
						AgeDays:    days(5), MaxAgeDays: 365,
						Evidence: []string{"this year's and last year's reports found"}},
				},
				Census: []govaudit.CensusFinding{
					{Rule: govaudit.RuleEmptyColumns, Verdict: govaudit.VerdictWarning, Value: 3, Threshold: 5,
						Evidence: []string{"3 empty columns: 人事信息, 规划计划, 统计数据"}},
				},
			},
			{
				ID: "ln-jyt", Name: "辽宁省教育厅", URL: "https://jyt.ln.gov.cn/",
				Level: govaudit.LevelProvince, Department: "jyt",
				AuditedAt: at(25, 2, 4, 0), Reachable: true, Score: score(100), Verdict: govaudit.SitePass,
				Requirements: []govaudit.Result{
					{ID: "all-10", Status: govaudit.StatusFresh, ColumnURL: "https://jyt.ln.gov.cn/zc/",
						NewestItem: &govaudit.Item{Title: "辽宁省教育厅关于做好2027年普通高校招生工作的通知", URL: "https://jyt.ln.gov.cn/zc/t3.html", Date: date(time.November, 24)},
						AgeDays:    days(1), MaxAgeDays: 180},
					{ID: "all-05", Status: govaudit.StatusBlocked, Evidence: []string{"column page https://jyt.ln.gov.cn/sjs/: blocked: HTTP 412"}},
				},
				Census: []govaudit.CensusFinding{},
			},
			{
				ID: "dl-gov", Name: "大连市人民政府", URL: "https://www.dl.gov.cn/",
				Level: govaudit.LevelCity, City: "大连市",
				AuditedAt: at(25, 2, 5, 30), Reachable: false,
				HomeError: &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "no answer within 20s"},
				Verdict:   govaudit.SiteNotJudged,
				Requirements: []govaudit.Result{
					{ID: "all-10", Status: govaudit.StatusUnreachable, Evidence: []string{"home page https://www.dl.gov.cn/: timeout: no answer within 20s"}},
					{ID: "all-05", Status: govaudit.StatusUnreachable, Evidence: []string{"home page https://www.dl.gov.cn/: timeout: no answer within 20s"}},
				},
				Census: []govaudit.CensusFinding{},
			},
			{
				ID: "sy-gov", Name: "沈阳市人民政府", URL: "https://www.shenyang.gov.cn/",
				Level: govaudit.LevelCity, City: "沈阳市",
				Requirements: []govaudit.Result{}, Census: []govaudit.CensusFinding{},
			},
		},
	}
}
