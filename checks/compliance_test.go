package checks

import (
	"reflect"
	"testing"

	"github.com/govaudit/govaudit"
)

func TestComply(t *testing.T) {
	cat := govaudit.DefaultCatalog()
	req := func(id string) govaudit.Requirement {
		r, ok := cat.Lookup(id)
		if !ok {
			t.Fatalf("no requirement %s", id)
		}
		return r
	}
	age := func(n int) *int { return &n }
	const col = "http://a.test/col/"
	tests := []struct {
		name  string
		req   govaudit.Requirement
		res   govaudit.Result
		want  govaudit.Compliance
		short []govaudit.Shortfall
	}{
		{"fresh plain column", req("all-03"), govaudit.Result{Status: govaudit.StatusFresh, AgeDays: age(3), MaxAgeDays: 365},
			govaudit.CompliantYes, nil},
		{"stale plain column", req("all-03"),
			govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, AgeDays: age(400), MaxAgeDays: 365, NewestItem: &govaudit.Item{URL: col + "1.html"}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "column-stale", Text: "最新信息已 400 天未更新，超过规定的 365 天", URLs: []string{col, col + "1.html"}}}},
		{"stale undated column", req("all-03"), govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, MaxAgeDays: 365},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "column-stale", Text: "栏目中的信息均未注明发布日期，视为未更新", URLs: []string{col}}}},
		{"empty column", req("all-03"), govaudit.Result{Status: govaudit.StatusEmpty, ColumnURL: col},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "column-empty", Text: "栏目存在但没有任何信息（空白栏目）", URLs: []string{col}}}},
		{"missing link", govaudit.Requirement{ID: "x", Kind: govaudit.KindLink, Keywords: []string{"信用辽宁"}},
			govaudit.Result{Status: govaudit.StatusMissing},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "column-missing", Text: "首页和政府信息公开专栏均未找到名称如“信用辽宁”的链接"}}},
		{"too few items, fresh by age", govaudit.Requirement{ID: "x", Kind: govaudit.KindColumn, MinPerYear: 5},
			govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, AgeDays: age(10), MaxAgeDays: 365,
				Details: map[string]any{"items_last_year": 2, "min_per_year": 5}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "items-too-few", Text: "近一年发布 2 条，少于规定的每年 5 条", URLs: []string{col}}}},
		{"all-10 fresh, every document labelled", req("all-10"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(5), MaxAgeDays: 180,
				Details: map[string]any{"documents_checked": 10, "validity_labelled": 10}},
			govaudit.CompliantYes, nil},
		{"all-10 fresh, 6 of 10 unlabelled", req("all-10"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(5), MaxAgeDays: 180,
				Details: map[string]any{"documents_checked": 10, "validity_labelled": 4,
					"unlabelled": []any{"u1", "u2", "u3", "u4", "u5", "u6"}}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "validity-unlabelled", Text: "10 份文件中 6 份未标注有效性",
				URLs: []string{"u1", "u2", "u3", "u4", "u5", "u6"}}}},
		{"all-10 stale and unlabelled: both said", req("all-10"),
			govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, AgeDays: age(200), MaxAgeDays: 180,
				Details: map[string]any{"documents_checked": 2, "validity_labelled": 1, "unlabelled": []any{"u1"}}},
			govaudit.CompliantNo, []govaudit.Shortfall{
				{Code: "column-stale", Text: "最新信息已 200 天未更新，超过规定的 180 天", URLs: []string{col}},
				{Code: "validity-unlabelled", Text: "2 份文件中 1 份未标注有效性", URLs: []string{"u1"}}}},
		{"all-05 contents and companion missing", req("all-05"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(5), MaxAgeDays: 365,
				Details: map[string]any{
					"fields":     map[string]any{"依据": true, "主体": false, "内容": true, "方式": false},
					"companions": map[string]any{"抽查结果": map[string]any{"published": true}, "查处情况": map[string]any{"published": false}},
				}},
			govaudit.CompliantNo, []govaudit.Shortfall{
				{Code: "fields-missing", Text: "栏目中未找到规定公开的内容：主体、方式", URLs: []string{col}},
				{Code: "companion-missing", Text: "未找到配套公开的栏目或信息：查处情况", URLs: []string{col}}}},
		{"all-05 everything present", req("all-05"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(5), MaxAgeDays: 365,
				Details: map[string]any{
					"fields":     map[string]any{"依据": true, "主体": true, "内容": true, "方式": true},
					"companions": map[string]any{"抽查结果": map[string]any{"published": true}, "查处情况": map[string]any{"published": true}},
				}},
			govaudit.CompliantYes, nil},
		{"empty all-05: the column is the shortfall", req("all-05"),
			govaudit.Result{Status: govaudit.StatusEmpty, ColumnURL: col, Details: map[string]any{"fields": map[string]any{"依据": false}}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "column-empty", Text: "栏目存在但没有任何信息（空白栏目）", URLs: []string{col}}}},
		{"czt-1 budget missing", req("czt-1"),
			govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, AgeDays: age(30), MaxAgeDays: 365,
				Details: map[string]any{"budget_year": 2026, "budget_published": false, "final_year": 2025, "final_published": true}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "budget-missing", Text: "未找到应已公开的 2026 年部门预算", URLs: []string{col}}}},
		{"czt-1 final missing", req("czt-1"),
			govaudit.Result{Status: govaudit.StatusStale, ColumnURL: col, AgeDays: age(30), MaxAgeDays: 365,
				Details: map[string]any{"budget_year": 2026, "budget_published": true, "final_year": 2025, "final_published": false}},
			govaudit.CompliantNo, []govaudit.Shortfall{{Code: "final-missing", Text: "未找到应已公开的 2025 年部门决算", URLs: []string{col}}}},
		{"czt-1 both published", req("czt-1"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(30), MaxAgeDays: 365,
				Details: map[string]any{"budget_year": 2026, "budget_published": true, "final_year": 2025, "final_published": true}},
			govaudit.CompliantYes, nil},
		{"all-06 missing and late", req("all-06"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(3), MaxAgeDays: 180,
				Details: map[string]any{"documents_checked": 10, "interpreted": 8, "unpaired": []any{"d1", "d2"}, "late": []any{"d3"}}},
			govaudit.CompliantNo, []govaudit.Shortfall{
				{Code: "interpretation-missing", Text: "10 份政策文件中 2 份未找到政策解读", URLs: []string{"d1", "d2"}},
				{Code: "interpretation-late", Text: "8 份解读中 1 份晚于文件 3 个工作日以上发布", URLs: []string{"d3"}}}},
		{"all-06 every document interpreted in time", req("all-06"),
			govaudit.Result{Status: govaudit.StatusFresh, ColumnURL: col, AgeDays: age(3), MaxAgeDays: 180,
				Details: map[string]any{"documents_checked": 10, "interpreted": 10}},
			govaudit.CompliantYes, nil},
		{"unreachable", req("all-10"), govaudit.Result{Status: govaudit.StatusUnreachable}, govaudit.CompliantUnknown, nil},
		{"blocked", req("all-10"), govaudit.Result{Status: govaudit.StatusBlocked}, govaudit.CompliantUnknown, nil},
		{"unreadable", req("all-10"), govaudit.Result{Status: govaudit.StatusUnreadable}, govaudit.CompliantUnknown, nil},
		{"offline", req("all-08"), govaudit.Result{Status: govaudit.StatusNotWebCheckable}, govaudit.CompliantUnknown, nil},
		{"internal error", req("all-10"), govaudit.Result{Status: govaudit.StatusError}, govaudit.CompliantUnknown, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.res
			comply(tt.req, &res)
			if res.Compliant != tt.want {
				t.Errorf("compliant: got %s, want %s", res.Compliant, tt.want)
			}
			if !reflect.DeepEqual(res.Shortfalls, tt.short) {
				t.Errorf("shortfalls:\n got %+v\nwant %+v", res.Shortfalls, tt.short)
			}
			for _, s := range res.Shortfalls {
				if _, ok := govaudit.ShortfallTitles[s.Code]; !ok {
					t.Errorf("shortfall code %q has no title", s.Code)
				}
			}
		})
	}
}
