package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

func TestDetailSentences(t *testing.T) {
	tests := []struct {
		name    string
		details map[string]any
		want    []string
	}{
		{"nothing", nil, nil},
		{"validity as stored", map[string]any{"documents_checked": 10.0, "validity_labelled": 4.0,
			"labels": map[string]any{"有效": 3.0, "失效": 1.0}, "unlabelled": []any{"http://a.test/1", "http://a.test/2"}},
			[]string{"检查了 10 份文件，其中 4 份标注有效性（“失效” 1 份，“有效” 3 份）。", "未标注有效性的文件 2 份：http://a.test/1、http://a.test/2。"}},
		{"validity fresh from an audit", map[string]any{"documents_checked": 10, "validity_labelled": 0, "labels": map[string]int{},
			"unlabelled": []string{"u1", "u2", "u3", "u4", "u5"}},
			[]string{"检查了 10 份文件，其中 0 份标注有效性。", "未标注有效性的文件 5 份：u1、u2、u3 等 5 份。"}},
		{"interpretation", map[string]any{"documents_checked": 10.0, "interpreted": 6.0, "interpreted_share": 0.6,
			"within_3_working_days": 5.0, "timely_share": 0.833, "documents_column": "http://a.test/zcwj/"},
			[]string{"最新 10 份政策文件中 6 份有解读（60%），其中 5 份在文件印发后 3 个工作日内解读。", "政策文件栏目：http://a.test/zcwj/。"}},
		{"fields and companions", map[string]any{"fields": map[string]any{"抽查对象": true, "抽查结果": false},
			"companions": map[string]any{"查处情况": map[string]any{"published": false}}},
			[]string{"应有要素 2 项：已载明 抽查对象；未找到 抽查结果。", "配套栏目“查处情况”未找到。"}},
		{"annual", map[string]any{"budget_year": 2026.0, "budget_published": true, "final_year": 2025.0, "final_published": false,
			"budget_item": map[string]any{"title": "2026年部门预算", "date": "2026-02-01", "url": "http://a.test/ys"}},
			[]string{"2026 年部门预算已公开：《2026年部门预算》（2026-02-01，http://a.test/ys）。", "2025 年部门决算未找到。"}},
		{"cadence", map[string]any{"items_last_year": 2.0, "min_per_year": 6.0}, []string{"近一年发布 2 条，要求至少 6 条。"}},
		{"unknown key kept", map[string]any{"note": "栏目为图片", "zz_new": []any{"a", true}}, []string{"说明：栏目为图片", "zz_new：a、是"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetailSentences(tt.details); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCompareCities(t *testing.T) {
	got := []string{"葫芦岛市", "", "大连", "未知市", "沈阳市", "鞍山市", "朝阳"}
	slices.SortStableFunc(got, CompareCities)
	want := []string{"沈阳市", "大连", "鞍山市", "朝阳", "葫芦岛市", "未知市", ""}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSelect(t *testing.T) {
	doc := fixtureDocument(t)
	tests := []struct {
		sel  Selection
		want []string
	}{
		{Selection{}, []string{"ln-fgw", "ln-czt", "ln-jyt", "dl-gov", "sy-gov"}},
		{Selection{Verdict: "fail"}, []string{"ln-fgw"}},
		{Selection{Verdict: "none"}, []string{"sy-gov"}},
		{Selection{Level: "province", Status: "fresh"}, []string{"ln-fgw", "ln-czt", "ln-jyt"}},
		{Selection{Department: PortalDepartment}, []string{"dl-gov", "sy-gov"}},
		{Selection{City: "大连市"}, []string{"dl-gov"}},
		{Selection{City: "铁岭市"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(strings.Trim(strings.Join([]string{tt.sel.City, tt.sel.Level, tt.sel.Department, tt.sel.Status, tt.sel.Verdict}, "/"), "/"), func(t *testing.T) {
			var got []string
			for _, sc := range Select(doc, tt.sel).Sites {
				got = append(got, sc.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []Selection{{Level: "town"}, {Status: "ok"}, {Verdict: "合格"}} {
		if err := bad.Check(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestSummary checks the report's summary: pass rates by level and by
// city (provincial sites first, then cities in administrative order), the
// vetoed and not-judged sites, and the most common problems.
func TestSummary(t *testing.T) {
	s := newSummary(fixtureDocument(t))
	rows := func(rs []rateRow) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Label+" "+r.Rate)
		}
		return out
	}
	if got, want := rows(s.ByLevel), []string{"省级 33.3%", "市级 —"}; !slices.Equal(got, want) {
		t.Errorf("by level: got %v, want %v", got, want)
	}
	if got, want := rows(s.ByCity), []string{"省直部门及省政府 33.3%", "沈阳市 —", "大连市 —"}; !slices.Equal(got, want) {
		t.Errorf("by city: got %v, want %v", got, want)
	}
	if s.Total.Sites != 5 || s.Total.Judged != 3 || s.Total.NJ != 2 {
		t.Errorf("total: %+v, want 5 sites, 3 judged, 2 not judged", s.Total)
	}
	if len(s.Vetoed) != 1 || s.Vetoed[0].ID != "ln-fgw" || s.Vetoed[0].Note != "网站不更新" {
		t.Errorf("vetoed: %+v, want ln-fgw for 网站不更新", s.Vetoed)
	}
	var nj []string
	for _, n := range s.NotJudged {
		nj = append(nj, n.ID)
	}
	if want := []string{"dl-gov", "sy-gov"}; !slices.Equal(nj, want) {
		t.Errorf("not judged: %v, want %v", nj, want)
	}
	if s.AuditDates != "2026-11-25" {
		t.Errorf("audit dates %q, want 2026-11-25", s.AuditDates)
	}
	if len(s.Problems) == 0 || s.Problems[0].Sites < 1 {
		t.Errorf("problems: %+v", s.Problems)
	}
}

// TestReportCoverAndCopies: the cover names the issuer and period, and a
// stored copy is linked through the configured base address.
func TestReportCoverAndCopies(t *testing.T) {
	doc := fixtureDocument(t)
	ex := Extras{Issuer: "辽宁省人民政府办公厅", Period: "2026年第四季度", EvidenceBase: "http://10.0.0.5:9464/",
		Copies: map[string][]store.EvidenceRef{"ln-fgw": {
			{Requirement: "all-05", URL: "https://fgw.ln.gov.cn/", Hash: strings.Repeat("ab", 32), FetchedAt: *doc.Sites[0].AuditedAt},
			{Requirement: CensusEvidenceKey(govaudit.RuleHomepageNotUpdated), URL: "https://fgw.ln.gov.cn/", Hash: strings.Repeat("ab", 32), FetchedAt: *doc.Sites[0].AuditedAt},
		}}}
	var buf bytes.Buffer
	if err := WriteReport(&buf, doc, ex); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`id="cover"`, "辽宁省人民政府办公厅", "2026年第四季度", "审计日期", "按地区合格率",
		`href="http://10.0.0.5:9464/evidence/` + strings.Repeat("ab", 32) + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(page, "/evidence/"+strings.Repeat("ab", 32)); n != 2 {
		t.Errorf("copy links: got %d, want 2 (the missing column and the census rule)", n)
	}
}
