package checks

import (
	"testing"

	"github.com/govaudit/govaudit"
)

// TestCensusThresholds pins every census rule at its boundaries.
func TestCensusThresholds(t *testing.T) {
	th := govaudit.DefaultCensusThresholds
	// week is the census's week of probes, 20 a day; shortDay lacks one
	// probe on one day.
	week := []int{20, 20, 20, 20, 20, 20, 20}
	shortDay := []int{20, 20, 20, 19, 20, 20, 20}
	tests := []struct {
		name string
		got  govaudit.CensusFinding
		want govaudit.Verdict
	}{
		{"availability 2/140 ok", th.JudgeAvailability(140, 2, week), govaudit.VerdictOK},
		{"availability 5/140 warning", th.JudgeAvailability(140, 5, week), govaudit.VerdictWarning},
		{"availability 6/140 warning", th.JudgeAvailability(140, 6, week), govaudit.VerdictWarning},
		{"availability 7/140 veto", th.JudgeAvailability(140, 7, week), govaudit.VerdictVeto},
		{"availability 7/139 one day short warns", th.JudgeAvailability(139, 7, shortDay), govaudit.VerdictWarning},
		{"availability 1/1 first audit warns", th.JudgeAvailability(1, 1, []int{1, 0, 0, 0, 0, 0, 0}), govaudit.VerdictWarning},
		{"availability six days only warns", th.JudgeAvailability(120, 60, week[:6]), govaudit.VerdictWarning},
		{"availability no probes ok", th.JudgeAvailability(0, 0, nil), govaudit.VerdictOK},
		{"homepage 9 days ok", th.JudgeHomepage(9, true, nil), govaudit.VerdictOK},
		{"homepage 10 days warning", th.JudgeHomepage(10, true, nil), govaudit.VerdictWarning},
		{"homepage 13 days warning", th.JudgeHomepage(13, true, nil), govaudit.VerdictWarning},
		{"homepage 14 days veto", th.JudgeHomepage(14, true, nil), govaudit.VerdictVeto},
		{"homepage 15 days veto", th.JudgeHomepage(15, true, nil), govaudit.VerdictVeto},
		{"homepage undated veto", th.JudgeHomepage(0, false, nil), govaudit.VerdictVeto},
		{"columns not updated 2 ok", th.JudgeColumnsNotUpdated(2, nil), govaudit.VerdictOK},
		{"columns not updated 3 warning", th.JudgeColumnsNotUpdated(3, nil), govaudit.VerdictWarning},
		{"columns not updated 4 warning", th.JudgeColumnsNotUpdated(4, nil), govaudit.VerdictWarning},
		{"columns not updated 5 veto", th.JudgeColumnsNotUpdated(5, nil), govaudit.VerdictVeto},
		{"long unupdated 6 ok", th.JudgeLongUnupdated(6, nil), govaudit.VerdictOK},
		{"long unupdated 7 warning", th.JudgeLongUnupdated(7, nil), govaudit.VerdictWarning},
		{"long unupdated 9 warning", th.JudgeLongUnupdated(9, nil), govaudit.VerdictWarning},
		{"long unupdated 10 veto", th.JudgeLongUnupdated(10, nil), govaudit.VerdictVeto},
		{"empty 2 ok", th.JudgeEmptyColumns(2, nil), govaudit.VerdictOK},
		{"empty 3 warning", th.JudgeEmptyColumns(3, nil), govaudit.VerdictWarning},
		{"empty 4 warning", th.JudgeEmptyColumns(4, nil), govaudit.VerdictWarning},
		{"empty 5 veto", th.JudgeEmptyColumns(5, nil), govaudit.VerdictVeto},
		{"interaction 0 ok", th.JudgeInteraction(0, nil), govaudit.VerdictOK},
		{"interaction 1 veto", th.JudgeInteraction(1, nil), govaudit.VerdictVeto},
		{"tampering 0 ok", th.JudgeTampering(0, nil), govaudit.VerdictOK},
		{"tampering 1 veto", th.JudgeTampering(1, nil), govaudit.VerdictVeto},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got.Verdict != tt.want {
				t.Errorf("verdict %s (value %g), want %s", tt.got.Verdict, tt.got.Value, tt.want)
			}
		})
	}
}

func TestClassifyColumn(t *testing.T) {
	tests := []struct {
		label string
		want  columnClass
	}{
		{"工作动态", classNews},
		{"要闻", classNews},
		{"新闻发布会", classCatalogue},
		{"图片新闻", classNews},
		{"通知公告", classNotice},
		{"政策文件", classNotice},
		{"規範性文件", classNotice},
		{"人事信息", classCatalogue},
		{"规划计划", classCatalogue},
		{"机构职能", classCatalogue},
		{"首页", classNone},
		{"网站地图", classNone},
		{"English", classNone},
		{"政府信息公开", classNone},
		{"关于召开全市安全生产工作会议的通知", classNone}, // a headline, not a menu label
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := classifyColumn(normalizeAll(tt.label)[0]); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSiteScore(t *testing.T) {
	w := govaudit.DefaultScoreWeights
	res := func(st ...govaudit.Status) []govaudit.Result {
		var out []govaudit.Result
		for _, s := range st {
			out = append(out, govaudit.Result{Status: s})
		}
		return out
	}
	cen := func(v ...govaudit.Verdict) []govaudit.CensusFinding {
		var out []govaudit.CensusFinding
		for _, x := range v {
			out = append(out, govaudit.CensusFinding{Verdict: x})
		}
		return out
	}
	tests := []struct {
		name    string
		results []govaudit.Result
		census  []govaudit.CensusFinding
		want    float64
		ok      bool
	}{
		{"all fresh, all ok", res(govaudit.StatusFresh, govaudit.StatusFresh), cen(govaudit.VerdictOK), 100, true},
		{"half stale", res(govaudit.StatusFresh, govaudit.StatusStale), cen(govaudit.VerdictOK), 70*0.75 + 30, true},
		{"missing and veto", res(govaudit.StatusMissing), cen(govaudit.VerdictVeto), 0, true},
		{"warning", res(govaudit.StatusFresh), cen(govaudit.VerdictOK, govaudit.VerdictWarning), 70 + 30*0.75, true},
		{"unreachable only", res(govaudit.StatusUnreachable, govaudit.StatusBlocked), nil, 0, false},
		{"requirements only", res(govaudit.StatusFresh, govaudit.StatusEmpty), nil, 62.5, true},
		{"census only is no score", res(govaudit.StatusUnreachable), cen(govaudit.VerdictVeto, govaudit.VerdictOK), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := govaudit.SiteScore(tt.results, tt.census, w)
			if ok != tt.ok || got != tt.want {
				t.Errorf("got %v/%v, want %v/%v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
