package checks

import (
	"testing"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

func link(label, url string, nav, dated bool) poolLink {
	return poolLink{Link: page.Link{URL: url, Label: label, Norm: text.Normalize(label), Nav: nav, Dated: dated}}
}

// TestMatchColumn pins which link becomes a requirement's column: menu
// labels win, news headlines and decoys lose, traditional labels fold.
func TestMatchColumn(t *testing.T) {
	cat := govaudit.DefaultCatalog()
	req := func(id string) govaudit.Requirement {
		r, ok := cat.Lookup(id)
		if !ok {
			t.Fatalf("no requirement %s", id)
		}
		return r
	}
	tests := []struct {
		name    string
		req     string
		links   []poolLink
		wantURL string // "" means no column
	}{
		{"exact menu label", "all-10", []poolLink{
			link("首页", "http://a.test/", true, false),
			link("政策文件", "http://a.test/zcwj/", true, false),
		}, "http://a.test/zcwj/"},
		{"traditional label folds", "all-05", []poolLink{
			link("隨機抽查事項清單", "http://a.test/sjcc/", true, false),
		}, "http://a.test/sjcc/"},
		{"label split with spaces and nbsp", "all-10", []poolLink{
			link("政策\u00a0 文件", "http://a.test/zcwj/", false, false),
		}, "http://a.test/zcwj/"},
		{"ppp headline is not the column", "fgw-3", []poolLink{
			link("召开PPP项目推介会", "http://a.test/xwzx/202611/t20261120_1.html", false, true),
			link("PPP专栏", "http://a.test/ppp/", true, false),
		}, "http://a.test/ppp/"},
		{"ppp headline alone finds nothing", "fgw-3", []poolLink{
			link("召开PPP项目推介会", "http://a.test/xwzx/202611/t20261120_1.html", false, true),
		}, ""},
		{"long headline mentioning policy documents", "all-10", []poolLink{
			link("关于开展规范性文件清理工作的通知", "http://a.test/tzgg/202611/t20261120_2.html", false, true),
		}, ""},
		{"interpretation is a decoy for policy documents", "all-10", []poolLink{
			link("政策文件解读", "http://a.test/zcjd/", true, false),
		}, ""},
		{"specific keyword beats generic", "all-10", []poolLink{
			link("文件", "http://a.test/wj/", true, false),
			link("政策文件", "http://a.test/zcwj/", true, false),
		}, "http://a.test/zcwj/"},
		{"short keyword needs an exact label", "all-10", []poolLink{
			link("文件下载", "http://a.test/download/", true, false),
		}, ""},
		{"budget column synonyms", "czt-1", []poolLink{
			link("财政预决算", "http://a.test/czyjs/", true, false),
		}, "http://a.test/czyjs/"},
		{"budget preparation notice is not the column", "czt-1", []poolLink{
			link("关于做好2027年度预算编制工作的通知", "http://a.test/tzgg/t20261120_3.html", false, true),
		}, ""},
		{"double random", "all-05", []poolLink{
			link("双随机一公开", "http://a.test/ssj/", true, false),
		}, "http://a.test/ssj/"},
		{"double random meeting is a decoy", "all-05", []poolLink{
			link("双随机一公开工作会议召开", "http://a.test/xw/1.html", false, true),
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := req(tt.req)
			m, ok := matchColumn(r.Keywords, r.Decoys, tt.links, nil)
			got := ""
			if ok {
				got = m.link.URL
			}
			if got != tt.wantURL {
				t.Errorf("got column %q (score %d), want %q", got, m.score, tt.wantURL)
			}
		})
	}
}

func TestAnnualTitles(t *testing.T) {
	tests := []struct {
		title              string
		year               int
		budget, final, hit bool
	}{
		{"辽宁省发展和改革委员会2026年部门预算", 2026, true, false, true},
		{"2025年度部门决算公开", 2025, false, true, true},
		{"2026年部门预决算公开", 2026, true, false, true},
		{"关于做好2027年度预算编制工作的通知", 2027, true, false, false},
		{"部门预算", 0, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			title := text.Normalize(tt.title)
			y, ok := titleYear(title)
			b, f := annualKind(title)
			items := []page.ListItem{{Title: tt.title}}
			budget, final := findAnnual(items, tt.year, tt.year)
			hit := budget != nil || final != nil
			if ok && y != tt.year && tt.hit {
				t.Errorf("year %d, want %d", y, tt.year)
			}
			if b != tt.budget || f != tt.final {
				t.Errorf("budget/final %v/%v, want %v/%v", b, f, tt.budget, tt.final)
			}
			if hit != tt.hit {
				t.Errorf("found %v, want %v", hit, tt.hit)
			}
		})
	}
}

func TestAnnualYears(t *testing.T) {
	tests := []struct {
		day           string
		budget, final int
	}{
		{"2026-11-25", 2026, 2025},
		{"2026-04-01", 2026, 2024},
		{"2026-03-31", 2025, 2024},
		{"2026-10-01", 2026, 2025},
		{"2026-01-15", 2025, 2024},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			d, _ := timeParse(tt.day)
			b, f := govaudit.AnnualYears(d)
			if b != tt.budget || f != tt.final {
				t.Errorf("got %d/%d, want %d/%d", b, f, tt.budget, tt.final)
			}
		})
	}
}

// TestEveryRequirementMatcher runs each web-checkable row's matcher on a
// menu labelled with each of its keywords (the column must be found) and
// on decoys that must not be: the keyword inside a dated news headline, and
// an article link. Traditional labels are covered by TestMatchColumn.
func TestEveryRequirementMatcher(t *testing.T) {
	for _, r := range govaudit.DefaultCatalog().All() {
		if !r.Checked() || len(r.Keywords) == 0 {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			menu := []poolLink{link("首页", "http://a.test/", true, false), link("网站地图", "http://a.test/map/", true, false)}
			for i, kw := range r.Keywords {
				want := "http://a.test/col" + string(rune('a'+i)) + "/"
				links := append(append([]poolLink(nil), menu...), link(kw, want, true, false))
				m, ok := matchColumn(r.Keywords, r.Decoys, links, nil)
				if !ok || m.link.URL != want {
					t.Errorf("menu label %q: got %q (found %v), want %q", kw, m.link.URL, ok, want)
				}
			}
			decoys := []poolLink{
				link("关于召开全省"+r.Keywords[0]+"工作推进会议的通知", "http://a.test/xwzx/202611/t20261120_1.html", false, true),
				link(r.Keywords[0]+"相关问题答记者问", "http://a.test/art/2026/11/20/art_1_2.html", false, false),
			}
			if m, ok := matchColumn(r.Keywords, r.Decoys, append(menu, decoys...), nil); ok {
				t.Errorf("decoys matched: %q (%q, score %d)", m.link.Label, m.link.URL, m.score)
			}
		})
	}
}
