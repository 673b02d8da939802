package checks

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// bodyFetcher serves pages from a map of address → HTML.
type bodyFetcher map[string]string

func (f bodyFetcher) Fetch(_ context.Context, u string, _ int) *govaudit.Page {
	body, ok := f[u]
	if !ok {
		return &govaudit.Page{URL: u, Status: 404, Err: &govaudit.FetchError{Kind: govaudit.ErrHTTP4xx, Message: "404 not found"}}
	}
	return &govaudit.Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html; charset=utf-8", Body: []byte(body)}
}

// TestHomepageCensusCountsWhatTheHomePageLists: 网站不更新 is judged from
// the items the home page itself lists; a fresh column one click away does
// not make a stale home page fresh.
func TestHomepageCensusCountsWhatTheHomePageLists(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	const base = "http://www.h.test"
	home := func(block string) string {
		return `<html><body><div class="nav"><ul><li><a href="/xwdt/">新闻动态</a></li><li><a href="/tzgg/">通知公告</a></li></ul></div>` +
			`<div class="news-box"><h3>要闻</h3><ul>` + block + `</ul></div></body></html>`
	}
	row := func(path, title, date string) string {
		return fmt.Sprintf(`<li><a href="%s">%s</a><span>%s</span></li>`, path, title, date)
	}
	freshColumn := `<html><body><ul class="list">` + row("/xwdt/202611/t20261124_9.html", "昨日召开全市安全生产工作会议", "2026-11-24") +
		row("/xwdt/202611/t20261120_8.html", "市政府召开常务会议研究冬季供暖工作", "2026-11-20") + `</ul></body></html>`
	tests := []struct {
		name    string
		pages   bodyFetcher
		verdict govaudit.Verdict
		value   float64
	}{
		{"stale home page, fresh column one click away", bodyFetcher{
			base + "/": home(row("/yw/202610/t20261026_1.html", "市政府召开全市经济形势分析会", "2026-10-26") +
				row("/yw/202610/t20261020_2.html", "市领导调研秋季农业生产工作", "2026-10-20")),
			base + "/xwdt/": freshColumn,
		}, govaudit.VerdictVeto, 30},
		{"fresh home page", bodyFetcher{
			base + "/": home(row("/yw/202611/t20261123_1.html", "市政府召开全市经济形势分析会", "2026-11-23") +
				row("/yw/202611/t20261119_2.html", "市领导调研秋季农业生产工作", "2026-11-19")),
			base + "/xwdt/": freshColumn,
		}, govaudit.VerdictOK, 2},
		{"undated home page, dated by the items' own pages", bodyFetcher{
			base + "/": home(row("/yw/202611/t20261114_1.html", "市政府召开全市经济形势分析会", "") +
				row("/yw/202611/t20261110_2.html", "市领导调研秋季农业生产工作", "")),
			base + "/yw/202611/t20261114_1.html": `<html><body><h1>市政府召开全市经济形势分析会</h1><p>发布时间：2026-11-14</p></body></html>`,
			base + "/yw/202611/t20261110_2.html": `<html><body><h1>市领导调研秋季农业生产工作</h1><p>发布时间：2026-11-10</p></body></html>`,
			base + "/xwdt/":                      freshColumn,
		}, govaudit.VerdictWarning, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAuditor(loc, nil)
			audit := a.Audit(context.Background(), govaudit.Site{ID: "h", Name: "某市人民政府", URL: base + "/", Level: govaudit.LevelCity}, tt.pages, now)
			for _, f := range audit.Census {
				if f.Rule != govaudit.RuleHomepageNotUpdated {
					continue
				}
				if f.Verdict != tt.verdict || f.Value != tt.value {
					t.Errorf("got %s %v, want %s %v; evidence %q", f.Verdict, f.Value, tt.verdict, tt.value, f.Evidence)
				}
				if want := []string{base + "/"}; fmt.Sprint(f.Sources) != fmt.Sprint(want) {
					t.Errorf("sources: got %q, want the home page %q", f.Sources, want)
				}
				return
			}
			t.Errorf("no %s finding in %+v", govaudit.RuleHomepageNotUpdated, audit.Census)
		})
	}
}

// TestUnreadableHomePage: a home page that opens but shows no link (a
// script builds it) leaves every requirement unreadable and the site not
// judged, rather than every column "missing" and the site failed.
func TestUnreadableHomePage(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	const base = "http://www.js.test"
	pages := bodyFetcher{base + "/": `<html><head><script src="/app.js"></script></head><body><div id="app"></div></body></html>`}
	a := NewAuditor(loc, nil)
	audit := a.Audit(context.Background(), govaudit.Site{ID: "js", Name: "某县人民政府", URL: base + "/", Level: govaudit.LevelCounty}, pages,
		time.Date(2026, 11, 25, 10, 0, 0, 0, loc))
	if len(audit.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range audit.Results {
		if r.Status != govaudit.StatusUnreadable && r.Status != govaudit.StatusNotWebCheckable {
			t.Errorf("%s: status %s, want unreadable", r.ID, r.Status)
		}
		if r.Compliant != govaudit.CompliantUnknown || len(r.Shortfalls) > 0 {
			t.Errorf("%s: compliant %s with %v, want unknown and no shortfall", r.ID, r.Compliant, r.Shortfalls)
		}
	}
	if len(audit.Census) != 0 {
		t.Errorf("census findings %+v from a page that could not be read", audit.Census)
	}
	if v := govaudit.SiteVerdictOf(audit); v != govaudit.SiteNotJudged {
		t.Errorf("verdict %s, want %s", v, govaudit.SiteNotJudged)
	}
}

// TestCensusSources: each census finding names the pages it rests on, the
// pages whose stored copies back it: the columns counted, the consultation
// column, the pages where tampering was seen.
func TestCensusSources(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	const base = "http://www.s.test"
	row := func(path, title, date string) string {
		return fmt.Sprintf(`<li><a href="%s">%s</a><span>%s</span></li>`, path, title, date)
	}
	list := func(rows ...string) string {
		return `<html><body><ul class="list">` + strings.Join(rows, "") + `</ul></body></html>`
	}
	pages := bodyFetcher{
		base + "/": `<html><body><div class="nav"><ul><li><a href="/gzdt/">工作动态</a></li><li><a href="/tzgg/">通知公告</a></li>` +
			`<li><a href="/ldxx/">领导信箱</a></li><li><a href="/kc/">空白专栏</a></li></ul></div>` +
			`<div class="news-box"><h3>要闻</h3><ul>` + row("/yw/202611/t20261124_1.html", "市政府召开全市经济形势分析会", "2026-11-24") + `</ul></div>` +
			`<div style="display:none"><a href="http://casino.example.com/">澳门赌场 在线博彩 真人娱乐</a></div></body></html>`,
		base + "/gzdt/": list(row("/gzdt/202609/t20260901_1.html", "全市召开秋季安全生产会议", "2026-09-01")),
		base + "/tzgg/": list(row("/tzgg/202611/t20261120_1.html", "关于做好冬季供暖工作的通知", "2026-11-20")),
		base + "/ldxx/": list(row("/ldxx/1.html", "咨询社保缴费问题（已回复）", "2026-11-01")),
		base + "/kc/":   `<html><body><ul class="list"></ul><p>暂无信息</p></body></html>`,
	}
	a := NewAuditor(loc, nil)
	audit := a.Audit(context.Background(), govaudit.Site{ID: "s", Name: "某市人民政府", URL: base + "/", Level: govaudit.LevelCity}, pages, now)
	want := map[string][]string{
		govaudit.RuleHomepageNotUpdated: {base + "/"},
		govaudit.RuleColumnsNotUpdated:  {base + "/gzdt/"},
		govaudit.RuleEmptyColumns:       {base + "/kc/"},
		govaudit.RuleInteraction:        {base + "/ldxx/"},
		govaudit.RuleTampering:          {base + "/"},
	}
	for _, f := range audit.Census {
		w, ok := want[f.Rule]
		if !ok {
			continue
		}
		t.Run(f.Rule, func(t *testing.T) {
			if fmt.Sprint(f.Sources) != fmt.Sprint(w) {
				t.Errorf("sources: got %q, want %q; evidence %q", f.Sources, w, f.Evidence)
			}
		})
		delete(want, f.Rule)
	}
	if len(want) > 0 {
		t.Errorf("no finding for %v in %+v", want, audit.Census)
	}
}
