package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

// wantCSVHeader is the header documented on WriteCSV, in Chinese, with
// the requirement's title beside its id; changing it breaks evaluators'
// scripts.
var wantCSVHeader = []string{
	"站点编号", "网站名称", "网址", "级别", "部门", "城市", "审计时间",
	"可访问", "得分", "网站结论", "类别", "要求编号", "要求名称", "状态", "栏目网址", "最新信息标题",
	"最新信息网址", "最新发布日期", "已过天数", "更新周期(天)", "数值", "否决线",
	"详情(JSON)", "依据",
}

// wantCSVNames are the JSON fields the CSV columns mirror, in order.
var wantCSVNames = []string{
	"site_id", "site_name", "site_url", "level", "department", "city", "audited_at",
	"reachable", "score", "verdict", "kind", "id", "title", "status", "column_url", "newest_title",
	"newest_url", "newest_date", "age_days", "max_age_days", "value", "threshold",
	"details", "evidence",
}

func TestWriteCSV(t *testing.T) {
	doc := fixtureDocument(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, doc); err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatalf("CSV does not start with a UTF-8 byte-order mark: % x", buf.Bytes()[:8])
	}
	if !bytes.Contains(body, []byte("\r\n")) {
		t.Errorf("CSV lines do not end in CRLF")
	}
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse back: %v", err)
	}
	if got := records[0]; !slices.Equal(got, wantCSVHeader) {
		t.Fatalf("header %v, want %v", got, wantCSVHeader)
	}
	col := map[string]int{}
	for i, name := range wantCSVNames {
		col[name] = i
	}
	for i, c := range csvColumns {
		if c.Name != wantCSVNames[i] {
			t.Errorf("column %d: %s, want %s", i, c.Name, wantCSVNames[i])
		}
	}

	// One row per requirement and census finding, one for a site never
	// audited, in document order.
	var want [][3]string // site_id, kind, id
	for _, sc := range doc.Sites {
		if !sc.Audited() {
			want = append(want, [3]string{sc.ID, "site", ""})
		}
		for _, r := range sc.Requirements {
			want = append(want, [3]string{sc.ID, "requirement", r.ID})
		}
		for _, f := range sc.Census {
			want = append(want, [3]string{sc.ID, "census", f.Rule})
		}
	}
	var got [][3]string
	for _, rec := range records[1:] {
		got = append(got, [3]string{rec[col["site_id"]], rec[col["kind"]], rec[col["id"]]})
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n got %v\nwant %v", got, want)
	}

	// Spot checks of the cell forms: RFC 3339 times, YYYY-MM-DD days,
	// plain numbers, joined evidence, details as JSON, defused formulas.
	find := func(site, id string) []string {
		for _, rec := range records[1:] {
			if rec[col["site_id"]] == site && rec[col["id"]] == id {
				return rec
			}
		}
		t.Fatalf("no row for %s %s", site, id)
		return nil
	}
	tests := []struct {
		site, id, column, want string
	}{
		{"ln-fgw", "fgw-3", "audited_at", "2026-11-25T02:00:41+08:00"},
		{"ln-fgw", "fgw-3", "newest_date", "2026-11-18"},
		{"ln-fgw", "fgw-3", "score", "45.6"},
		{"ln-fgw", "fgw-3", "reachable", "true"},
		{"ln-fgw", "fgw-3", "age_days", "7"},
		{"ln-fgw", "all-10", "status", "stale"},
		{"ln-fgw", "all-10", "details", `{"documents_checked":5,"validity_labelled":3}`},
		{"ln-fgw", "all-10", "evidence", "newest item 2026-01-05, 324 days old | 有效性 labelled on 3 of the 5 newest documents"},
		{"ln-fgw", "all-10", "newest_title", `<script>alert("x")</script> 关于印发"十五五"规划的通知, 附件`},
		{"ln-fgw", "all-05", "age_days", ""},
		{"ln-fgw", "homepage-not-updated", "status", "veto"},
		{"ln-fgw", "homepage-not-updated", "value", "20"},
		{"ln-fgw", "homepage-not-updated", "threshold", "14"},
		{"ln-fgw", "homepage-not-updated", "column_url", ""},
		{"ln-czt", "czt-1", "score", "85"},
		{"ln-czt", "czt-1", "verdict", "预警"},
		{"ln-czt", "czt-1", "newest_title", `'=HYPERLINK("http://evil.example/","2026年省级预算")`},
		{"dl-gov", "all-10", "reachable", "false"},
		{"dl-gov", "all-10", "score", ""},
		{"dl-gov", "all-10", "verdict", "无法判定"},
		{"sy-gov", "", "audited_at", ""},
		{"sy-gov", "", "reachable", ""},
		{"sy-gov", "", "verdict", ""},
	}
	for _, tt := range tests {
		t.Run(tt.site+"/"+tt.id+"/"+tt.column, func(t *testing.T) {
			if got := find(tt.site, tt.id)[col[tt.column]]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefuseFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"关于印发的通知", "关于印发的通知"},
		{"=1+1", "'=1+1"},
		{"+86 24 1234", "'+86 24 1234"},
		{"-cmd", "'-cmd"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := defuseFormula(tt.in); got != tt.want {
			t.Errorf("defuseFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
