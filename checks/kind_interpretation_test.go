package checks

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

func TestTitlesMatch(t *testing.T) {
	tests := []struct {
		name   string
		doc    string
		docNo  string // the document's 发文字号 from its metadata block
		interp string
		want   bool
	}{
		// Positives.
		{"quoted whole title, 政策解读", "辽宁省人民政府关于加快发展银发经济的意见", "",
			"《辽宁省人民政府关于加快发展银发经济的意见》政策解读", true},
		{"quoted title without issuer", "辽宁省人民政府关于加快发展银发经济的意见", "",
			"《关于加快发展银发经济的意见》解读", true},
		{"图解 with full-width colon", "辽宁省人民政府办公厅关于印发辽宁省数字政府建设实施方案的通知", "",
			"图解：辽宁省数字政府建设实施方案", true},
		{"一图读懂 the attached policy", "辽宁省人民政府关于印发辽宁省促进就业若干政策的通知", "",
			"一图读懂《辽宁省促进就业若干政策》", true},
		{"curly quotes", "关于进一步加强安全生产工作的通知", "",
			"“关于进一步加强安全生产工作的通知”政策解读", true},
		{"关于《…》的解读", "辽宁省人民政府办公厅关于印发辽宁省政务公开工作要点的通知", "",
			"关于《辽宁省政务公开工作要点》的解读", true},
		{"unquoted …的解读", "辽宁省人民政府办公厅关于进一步优化营商环境若干措施", "",
			"关于进一步优化营商环境若干措施的解读", true},
		{"问答", "辽宁省城乡居民基本医疗保险实施办法", "",
			"辽宁省城乡居民基本医疗保险实施办法问答", true},
		{"traditional characters", "辽宁省人民政府关于加快发展银发经济的意见", "",
			"《遼寧省人民政府關於加快發展銀髮經濟的意見》解讀", true},
		{"nested quotes", "辽宁省人民政府关于印发《辽宁省城市更新实施办法》的通知", "",
			"《辽宁省人民政府关于印发〈辽宁省城市更新实施办法〉的通知》政策解读", true},
		{"short whole title", "政府工作报告", "", "图解：2026年政府工作报告", true},
		{"same 文号 in title and metadata", "关于印发政务公开工作要点的通知", "辽政办发〔2026〕12号",
			"《关于印发政务公开工作要点的通知》（辽政办发〔2026〕12号）解读", true},
		{"same 文号, titles differ", "辽宁省人民政府办公厅关于印发2026年工作要点的通知", "辽政办发〔2026〕12号",
			"辽政办发〔2026〕12号文件解读", true},
		{"文号 in the document title", "关于印发辽宁省政务公开工作要点的通知（辽政办发[2026]12号）", "",
			"《辽宁省政务公开工作要点》解读", true},
		{"same year both sides", "辽宁省人民政府办公厅关于做好2026年冬季供暖工作的通知", "",
			"《辽宁省人民政府办公厅关于做好2026年冬季供暖工作的通知》解读", true},

		// Negatives.
		{"same title, another year", "辽宁省人民政府办公厅关于做好2026年冬季供暖工作的通知", "",
			"《辽宁省人民政府办公厅关于做好2025年冬季供暖工作的通知》解读", false},
		// The year is the only difference and the rest is long enough to
		// pass the common-run rule: only the year comparison tells them apart.
		{"long title, another year at its start", "2026年全省深入推进营商环境建设攻坚行动实施方案及重点任务清单", "",
			"《2025年全省深入推进营商环境建设攻坚行动实施方案及重点任务清单》解读", false},
		{"different 文号", "辽宁省人民政府办公厅关于印发辽宁省政务公开工作要点的通知", "辽政办发〔2026〕12号",
			"《辽宁省人民政府办公厅关于印发辽宁省政务公开工作要点的通知》（辽政办发〔2025〕9号）解读", false},
		{"same year, another serial number", "辽宁省人民政府办公厅关于印发辽宁省政务公开工作要点的通知", "辽政办发〔2026〕12号",
			"《辽宁省人民政府办公厅关于印发辽宁省政务公开工作要点的通知》（辽政办发〔2026〕13号）解读", false},
		{"generic 政策解读", "辽宁省人民政府关于加快发展银发经济的意见", "", "政策解读", false},
		{"generic 图解", "辽宁省人民政府关于加快发展银发经济的意见", "", "图解", false},
		{"generic 一图读懂", "辽宁省人民政府关于加快发展银发经济的意见", "", "一图读懂", false},
		{"topic only", "辽宁省人民政府办公厅关于进一步优化营商环境的若干措施", "", "优化营商环境政策解读", false},
		{"generic short document title", "实施方案", "", "《某某县农村供水保障实施方案》解读", false},
		{"sibling notice of the same issuer", "辽宁省人民政府关于印发辽宁省促进就业若干政策的通知", "",
			"《辽宁省人民政府关于印发辽宁省促进消费若干政策的通知》解读", false},
		{"another document's interpretation", "辽宁省人民政府关于加快发展银发经济的意见", "",
			"《辽宁省数字政府建设实施方案》政策解读", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := titlesMatch(documentTitleKey(tt.doc, tt.docNo), interpretationTitleKey(tt.interp))
			if got != tt.want {
				t.Errorf("got %v, want %v (document core %q, interpretation core %q)", got, tt.want,
					string(documentTitleKey(tt.doc, tt.docNo).core), string(interpretationTitleKey(tt.interp).core))
			}
		})
	}
}

func TestCutDocNumber(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"辽政办发〔2026〕12号", "辽政办发〔2026〕12号"},
		{"关于印发…的通知(辽政发[2026]3号)", "辽政发〔2026〕3号"},
		// Without a separator the issuer's code cannot be told from the
		// title's end; same() compares such prefixes by their ends.
		{"关于印发的通知辽政办发〔2026〕12号", "关于印发的通知辽政办发〔2026〕12号"},
		{"国办发（2025）第7号", "国办发〔2025〕7号"},
		{"辽政办发 〔2026〕 012号", "辽政办发〔2026〕12号"},
		{"关于做好2027年度预算编制工作的通知", ""},
		{"索引号 000014349/2019-00007", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _ := cutDocNumber(tt.in)
			if got.String() != tt.want {
				t.Errorf("got %q, want %q", got.String(), tt.want)
			}
		})
	}
}

func TestDocNumberSame(t *testing.T) {
	parse := func(s string) docNumber { n, _ := cutDocNumber(s); return n }
	tests := []struct {
		a, b string
		want bool
	}{
		{"辽政办发〔2026〕12号", "辽政办发[2026]12号", true},
		{"的通知辽政办发〔2026〕12号", "辽政办发〔2026〕12号", true},
		{"辽政办发〔2026〕12号", "辽政发〔2026〕12号", false},
		{"辽政办发〔2026〕12号", "辽政办发〔2025〕12号", false},
		{"辽政办发〔2026〕12号", "辽政办发〔2026〕21号", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			if got := parse(tt.a).same(parse(tt.b)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestComparableURL(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"http://www.a.gov.cn/zcjd/t1.html", "https://www.a.gov.cn/zcjd/t1.html", true},
		{"http://WWW.A.gov.cn:80/zcjd/t1.html", "http://www.a.gov.cn/zcjd/t1.html", true},
		{"http://www.a.gov.cn/zcjd/t1.html", "http://www.a.gov.cn/zcjd/t2.html", false},
		{"http://www.a.gov.cn/art?id=1", "http://www.a.gov.cn/art?id=2", false},
		{"http://www.a.gov.cn:8080/x", "http://www.a.gov.cn/x", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			if got := comparableURL(tt.a) == comparableURL(tt.b); got != tt.same {
				t.Errorf("got %v, want %v", got, tt.same)
			}
		})
	}
}

// mapFetcher serves fixture pages by URL and counts what was asked for.
type mapFetcher struct {
	pages map[string]string // URL → file under testdata/interpretation
	mu    sync.Mutex
	calls map[string]int
}

func newMapFetcher(pages map[string]string) *mapFetcher {
	return &mapFetcher{pages: pages, calls: map[string]int{}}
}

func (f *mapFetcher) Fetch(_ context.Context, u string, _ int) *govaudit.Page {
	f.mu.Lock()
	f.calls[u]++
	f.mu.Unlock()
	name, ok := f.pages[u]
	if !ok {
		return &govaudit.Page{URL: u, Status: 404, Err: &govaudit.FetchError{Kind: govaudit.ErrHTTP4xx, Message: "404 not found"}}
	}
	body, err := os.ReadFile(filepath.Join("testdata", "interpretation", name))
	if err != nil {
		return &govaudit.Page{URL: u, Err: &govaudit.FetchError{Kind: govaudit.ErrOther, Message: err.Error()}}
	}
	return &govaudit.Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html; charset=utf-8", Body: body}
}

// fetched returns the URLs asked for since the last call, sorted.
func (f *mapFetcher) fetched() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, 0, len(f.calls))
	for u := range f.calls {
		out = append(out, u)
	}
	clear(f.calls)
	sort.Strings(out)
	return out
}

const interpSite = "http://www.a.gov.cn"

// interpretationSite is a province portal whose 政策文件 and 政策解读
// columns pair as follows (N = 5 newest documents):
//
//	1005 2026-11-10 冬季供暖 2026       unpaired (the 2025 notice's 解读 is a decoy)
//	1004 2026-11-02 促进就业若干政策     link both ways to an unlisted 图解 of 11-09: 5 working days, late
//	1003 2026-10-20 优化营商环境若干措施  title only, 解读 of 10-21: 1 working day
//	1002 2026-10-12 数字政府建设实施方案  link from the 解读 (原文链接) of 10-13, titles unalike: 1
//	1001 2026-09-30 银发经济意见         link from the document (相关解读) to 10-09, over National Day: 2
//	1006 2026-09-01 城市更新实施办法     the sixth: not checked, its 解读 not read
//
// Every document page has a 最新解读 sidebar linking the generic 汇编
// item: a shared link, not a pairing.
func interpretationSite() map[string]string {
	return map[string]string{
		interpSite + "/":                                "home.html",
		interpSite + "/zcwj/":                           "zcwj.html",
		interpSite + "/zcjd/":                           "zcjd.html",
		interpSite + "/zcwj/202609/t20260930_1001.html": "doc_1001.html",
		interpSite + "/zcwj/202610/t20261012_1002.html": "doc_1002.html",
		interpSite + "/zcwj/202610/t20261020_1003.html": "doc_1003.html",
		interpSite + "/zcwj/202611/t20261102_1004.html": "doc_1004.html",
		interpSite + "/zcwj/202611/t20261110_1005.html": "doc_1005.html",
		interpSite + "/zcwj/202609/t20260901_1006.html": "doc_1006.html",
		interpSite + "/zcjd/202610/t20261009_3001.html": "interp_3001.html",
		interpSite + "/zcjd/202610/t20261013_3002.html": "interp_3002.html",
		interpSite + "/zcjd/202610/t20261021_3003.html": "interp_3003.html",
		interpSite + "/zcjd/202511/t20251112_3005.html": "interp_3005.html",
		interpSite + "/zcjd/202611/t20261111_3006.html": "interp_3006.html",
		interpSite + "/zcjd/202609/t20260903_3007.html": "interp_3007.html",
		interpSite + "/tjjd/202611/t20261109_4004.html": "interp_4004.html",
	}
}

var interpZone = time.FixedZone("CST", 8*3600)

func interpretationAuditor() *Auditor {
	a := NewAuditor(interpZone, nil)
	a.PolicyDocuments = 5
	a.Holidays, a.Workdays = nationalDay2026, tiaoxiu2026
	return a
}

func pairOf(doc, docDate, interp, interpDate, interpTitle string, wd any, by string, docTitle string) map[string]any {
	return map[string]any{
		"document_title":       docTitle,
		"document_url":         interpSite + doc,
		"document_date":        docDate,
		"interpretation_title": interpTitle,
		"interpretation_url":   interpSite + interp,
		"interpretation_date":  interpDate,
		"working_days":         wd,
		"matched_by":           by,
	}
}

// TestInterpretationEndToEnd audits the fixture site through Auditor.Audit
// and checks every detail of the all-06 result.
func TestInterpretationEndToEnd(t *testing.T) {
	f := newMapFetcher(interpretationSite())
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, interpZone)
	site := govaudit.Site{ID: "ln", Name: "辽宁省人民政府", URL: interpSite + "/", Level: govaudit.LevelProvince}
	audit := interpretationAuditor().Audit(context.Background(), site, f, now)
	res, ok := audit.Result("all-06")
	if !ok {
		t.Fatalf("no all-06 result; results: %v", audit.Results)
	}

	if res.Status != govaudit.StatusFresh {
		t.Errorf("status: got %s, want %s (evidence %q)", res.Status, govaudit.StatusFresh, res.Evidence)
	}
	if got, want := res.ColumnURL, interpSite+"/zcjd/"; got != want {
		t.Errorf("column: got %s, want %s", got, want)
	}
	if res.NewestItem == nil || res.NewestItem.Date.String() != "2026-11-11" {
		t.Errorf("newest item: got %+v, want the 汇编 of 2026-11-11", res.NewestItem)
	}
	if res.AgeDays == nil || *res.AgeDays != 9 {
		t.Errorf("age: got %v, want 9", res.AgeDays)
	}

	want := map[string]any{
		"documents_column":      interpSite + "/zcwj/",
		"documents_checked":     5,
		"interpreted":           4,
		"interpreted_share":     0.8,
		"within_3_working_days": 3,
		"timely_share":          0.75,
		"pairs": []any{
			pairOf("/zcwj/202611/t20261102_1004.html", "2026-11-02", "/tjjd/202611/t20261109_4004.html", "2026-11-09",
				"图解:辽宁省促进就业若干政策", 5, "link", "辽宁省人民政府关于印发辽宁省促进就业若干政策的通知"),
			pairOf("/zcwj/202610/t20261020_1003.html", "2026-10-20", "/zcjd/202610/t20261021_3003.html", "2026-10-21",
				"《辽宁省人民政府办公厅关于进一步优化营商环境的若干措施》政策解读", 1, "title", "辽宁省人民政府办公厅关于进一步优化营商环境的若干措施"),
			pairOf("/zcwj/202610/t20261012_1002.html", "2026-10-12", "/zcjd/202610/t20261013_3002.html", "2026-10-13",
				"让数据多跑路 让群众少跑腿——数字政府建设政策解读", 1, "link", "辽宁省人民政府办公厅关于印发辽宁省数字政府建设实施方案的通知"),
			pairOf("/zcwj/202609/t20260930_1001.html", "2026-09-30", "/zcjd/202610/t20261009_3001.html", "2026-10-09",
				"《辽宁省人民政府关于加快发展银发经济的意见》政策解读", 2, "link", "辽宁省人民政府关于加快发展银发经济的意见"),
		},
		"unpaired": []any{interpSite + "/zcwj/202611/t20261110_1005.html"},
		"late":     []any{interpSite + "/zcwj/202611/t20261102_1004.html"},
	}
	wantShort := []govaudit.Shortfall{
		{Code: govaudit.ShortInterpretationMissing, Text: "5 份政策文件中 1 份未找到政策解读", URLs: []string{interpSite + "/zcwj/202611/t20261110_1005.html"}},
		{Code: govaudit.ShortInterpretationLate, Text: "4 份解读中 1 份晚于文件 3 个工作日以上发布", URLs: []string{interpSite + "/zcwj/202611/t20261102_1004.html"}},
	}
	if res.Compliant != govaudit.CompliantNo || !reflect.DeepEqual(res.Shortfalls, wantShort) {
		t.Errorf("compliance: got %s %+v, want no %+v", res.Compliant, res.Shortfalls, wantShort)
	}
	if !reflect.DeepEqual(res.Details, want) {
		for k, w := range want {
			if g := res.Details[k]; !reflect.DeepEqual(g, w) {
				t.Errorf("details[%s]:\n got %#v\nwant %#v", k, g, w)
			}
		}
		for k, g := range res.Details {
			if _, ok := want[k]; !ok {
				t.Errorf("details[%s]: got %#v, want no such key", k, g)
			}
		}
	}
	wantEvidence := []string{
		"政策文件栏目 " + interpSite + "/zcwj/ 最新 5 份文件中，4 份找到政策解读（80%），其中 3 份按链接、1 份按标题配对",
		"4 份解读中 3 份在文件发布后 3 个工作日内发布（75%；已扣除周末和 7 个配置的节假日，计入 2 个调休工作日）",
	}
	for _, w := range wantEvidence {
		if !slices.Contains(res.Evidence, w) {
			t.Errorf("evidence: got %q, want a line %q", res.Evidence, w)
		}
	}
}

// TestInterpretationFetches checks the page bounds: the interpretation
// check reads the N newest documents' pages (none when all-10 has read
// them in the same audit), never the older ones, and at most N
// interpretation pages.
func TestInterpretationFetches(t *testing.T) {
	docs := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			for u := range interpretationSite() {
				if strings.HasSuffix(u, "_"+id+".html") {
					out = append(out, u)
				}
			}
		}
		return out
	}
	interpretations := docs("3006", "3003", "3002", "4004")
	tests := []struct {
		name       string
		afterAll10 bool
		want       []string
	}{
		{"after all-10", true, append([]string{interpSite + "/zcjd/"}, interpretations...)},
		{"alone", false, append(append([]string{interpSite + "/zcjd/", interpSite + "/zcwj/"},
			docs("1001", "1002", "1003", "1004", "1005")...), interpretations...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newMapFetcher(interpretationSite())
			a := interpretationAuditor()
			ctx := context.Background()
			site := govaudit.Site{ID: "ln", URL: interpSite + "/", Level: govaudit.LevelProvince}
			run := newSiteRun(a, site, f, time.Date(2026, 11, 20, 10, 0, 0, 0, interpZone))
			pool := run.discover(ctx, run.entry(ctx, site.URL, 0))
			if tt.afterAll10 {
				r, _ := a.Catalog.Lookup("all-10")
				run.judgeValidity(ctx, r, pool)
			}
			f.fetched()
			r, _ := a.Catalog.Lookup("all-06")
			res := run.judgeInterpretation(ctx, r, pool)
			got := f.fetched()
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("fetched:\n got %q\nwant %q", got, want)
			}
			if res.Details["interpreted"] != 4 {
				t.Errorf("interpreted: got %v, want 4", res.Details["interpreted"])
			}
		})
	}
}

// TestInterpretationVerdicts covers the calendar and the missing columns.
func TestInterpretationVerdicts(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, interpZone)
	tests := []struct {
		name     string
		home     string
		holidays bool
		status   govaudit.Status
		details  map[string]any // the keys stated are checked
	}{
		{"without the holiday list National Day counts as working days", "home.html", false, govaudit.StatusFresh,
			map[string]any{"interpreted": 4, "within_3_working_days": 2, "timely_share": 0.5}},
		{"no 政策解读 column is missing", "home_no_interpretation.html", true, govaudit.StatusMissing, nil},
		{"no 政策文件 column leaves nothing to pair", "home_no_documents.html", true, govaudit.StatusFresh,
			map[string]any{"documents_checked": 0, "note": msgNoPolicyColumn()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := interpretationSite()
			pages[interpSite+"/"] = tt.home
			a := interpretationAuditor()
			if !tt.holidays {
				a.Holidays, a.Workdays = nil, nil
			}
			audit := a.Audit(context.Background(), govaudit.Site{ID: "ln", URL: interpSite + "/", Level: govaudit.LevelProvince}, newMapFetcher(pages), now)
			res, _ := audit.Result("all-06")
			if res.Status != tt.status {
				t.Errorf("status: got %s, want %s (evidence %q)", res.Status, tt.status, res.Evidence)
			}
			if tt.details == nil && res.Details != nil {
				t.Errorf("details: got %v, want none", res.Details)
			}
			for k, w := range tt.details {
				if g := res.Details[k]; !reflect.DeepEqual(g, w) {
					t.Errorf("details[%s]: got %#v, want %#v", k, g, w)
				}
			}
		})
	}
}

// TestPairByTitle checks the choices among title candidates: the date
// window, the nearest of two same-titled documents, one document per
// interpretation, and the earliest of a document's interpretations.
func TestPairByTitle(t *testing.T) {
	type doc struct{ title, date string }
	type interp struct{ title, date string }
	tests := []struct {
		name    string
		docs    []doc
		interps []interp
		want    []int // per document: the chosen interpretation, -1 for none
	}{
		{"interpretation a year before the document", []doc{{"关于做好春节期间安全生产工作的通知", "2026-01-20"}},
			[]interp{{"《关于做好春节期间安全生产工作的通知》解读", "2025-01-21"}}, []int{-1}},
		{"interpretation a year after the document", []doc{{"关于做好春节期间安全生产工作的通知", "2025-01-20"}},
			[]interp{{"《关于做好春节期间安全生产工作的通知》解读", "2026-01-21"}}, []int{-1}},
		{"a week before is still plausible", []doc{{"关于做好春节期间安全生产工作的通知", "2026-01-20"}},
			[]interp{{"《关于做好春节期间安全生产工作的通知》解读", "2026-01-13"}}, []int{0}},
		{"same title twice: the nearer document", []doc{
			{"关于做好防汛抗旱工作的通知", "2026-05-04"},
			{"关于做好防汛抗旱工作的通知", "2026-07-01"},
		}, []interp{{"《关于做好防汛抗旱工作的通知》解读", "2026-07-02"}}, []int{-1, 0}},
		{"two interpretations: the earliest counts", []doc{{"辽宁省人民政府关于加快发展银发经济的意见", "2026-09-30"}},
			[]interp{
				{"图解：辽宁省人民政府关于加快发展银发经济的意见", "2026-10-12"},
				{"《辽宁省人民政府关于加快发展银发经济的意见》政策解读", "2026-10-09"},
			}, []int{1}},
		{"no interpretation for a generic item", []doc{{"辽宁省人民政府关于加快发展银发经济的意见", "2026-09-30"}},
			[]interp{{"政策解读", "2026-10-09"}}, []int{-1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pairing{s: &siteRun{a: interpretationAuditor()}}
			for _, d := range tt.docs {
				p.docs = append(p.docs, policyDoc{item: page.ListItem{Title: d.title}, date: calDay(d.date).Time,
					keys: []titleKey{documentTitleKey(d.title, "")}, chosen: -1})
			}
			for _, in := range tt.interps {
				p.interps = append(p.interps, &interpretation{title: in.title, date: calDay(in.date).Time, yearKnown: true,
					listed: true, keys: []titleKey{interpretationTitleKey(in.title)}, takenBy: -1})
			}
			p.pair()
			var got []int
			for _, d := range p.docs {
				got = append(got, d.chosen)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsInterpretationLink(t *testing.T) {
	column := interpSite + "/zcjd/"
	p := &pairing{notInterp: map[string]bool{comparableURL(column): true}}
	link := func(label, u string, nav bool) page.Link {
		return page.Link{URL: u, Label: label, Norm: text.Normalize(label), Nav: nav}
	}
	tests := []struct {
		name string
		l    page.Link
		want bool
	}{
		{"相关解读 to an article", link("相关解读", interpSite+"/tjjd/202611/t20261109_4004.html", false), true},
		{"interpretation title", link("《辽宁省促进就业若干政策》解读", interpSite+"/jd/4004.html", false), true},
		{"图解 in a box of short labels", link("图解", interpSite+"/tjjd/202611/t20261109_4004.html", true), true},
		{"the column in the menu", link("政策解读", column, true), false},
		{"the column under another address", link("政策解读", interpSite+"/zcjd/index.html", false), false},
		{"a menu entry to another interpretation column", link("图文解读", interpSite+"/twjd/", true), false},
		{"not an interpretation", link("相关文件", interpSite+"/zcwj/202611/t20261102_1004.html", false), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.isInterpretationLink(tt.l, comparableURL(tt.l.URL)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzTitleKeys checks that any title can be keyed, that cores stay
// bounded, and that a plain document title pairs with 《title》政策解读.
func FuzzTitleKeys(f *testing.F) {
	for _, s := range []string{
		"辽宁省人民政府关于加快发展银发经济的意见",
		"关于印发…的通知(辽政发[2026]3号)",
		"《关于印发〈辽宁省城市更新实施办法〉的通知》政策解读",
		"图解：2026年政府工作报告",
		"“", "《》", "\xff\xfe", "2026年2027年", "辽政办发〔2026〕99999号",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dk, ik := documentTitleKey(s, s), interpretationTitleKey(s)
		if len(dk.core) > maxTitleRunes || len(ik.core) > maxTitleRunes {
			t.Fatalf("core longer than %d runes", maxTitleRunes)
		}
		titlesMatch(dk, ik)
		plain := documentTitleKey(s, "")
		if no, _ := cutDocNumber(text.Clean(s)); no.known() || len(plain.core) < minTitleWhole ||
			strings.ContainsAny(s, "《》“”\"「」『』〈〉<>") || strings.TrimSpace(text.Clean(s)) != text.Clean(s) {
			return
		}
		if _, ok := titlesMatch(plain, interpretationTitleKey("《"+s+"》政策解读")); !ok {
			t.Errorf("%q does not pair with its own 《》政策解读", s)
		}
	})
}
