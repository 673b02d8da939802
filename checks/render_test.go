package checks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
)

// renderFetcher is an htmlFetcher that can also render: rendered holds
// what a browser shows at an address.
type renderFetcher struct {
	htmlFetcher
	rendered map[string]string
	asked    []string
}

func (f *renderFetcher) Render(_ context.Context, u string, _ int) *govaudit.Page {
	f.asked = append(f.asked, u)
	body, ok := f.rendered[u]
	if !ok {
		return &govaudit.Page{URL: u, Err: &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "渲染超时"}}
	}
	return &govaudit.Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html; charset=utf-8", Body: []byte(body)}
}

// scriptedSite is a city portal whose 重点工作 column (all-03) is filled by
// a script from a JSON API, and whose 意见征集 column (all-01) lists the
// oldest first over three TRS pages.
func scriptedSite(homeScripted bool) htmlFetcher {
	menu := `<ul class="nav">
<li><a href="/zdgz/">重点工作</a></li><li><a href="/yjzj/index.html">意见征集</a></li>
<li><a href="/gzdt/">工作动态</a></li><li><a href="/tzgg/">通知公告</a></li><li><a href="/zcwj/">政策文件</a></li>
<li><a href="/jgzn/">机构职能</a></li><li><a href="/rsxx/">人事信息</a></li><li><a href="/czxx/">财政信息</a></li></ul>`
	home := `<html><body>` + menu + `</body></html>`
	if homeScripted {
		home = `<html><body><div id="nav"></div><script>fetch("/api/nav.json").then(r=>r.json()).then(n=>{document.getElementById("nav").innerHTML=n.html})</script></body></html>`
	}
	scripted := `<html><body><h2>重点工作</h2><ul id="list"><li>暂无信息</li></ul>
<script>$.ajax({url: "/api/zdgz.json", success: function(d){ /* fills #list */ }})</script></body></html>`
	f := htmlFetcher{
		"http://www.city.test/":      home,
		"http://www.city.test/zdgz/": scripted,
	}
	// Three pages, oldest first: the newest item is on the last.
	dates := [][]string{
		{"2024-01-05", "2024-03-10", "2024-06-20"},
		{"2025-01-15", "2025-05-02", "2025-09-30"},
		{"2026-02-11", "2026-07-08", "2026-11-20"},
	}
	for i, ds := range dates {
		var items strings.Builder
		for j, d := range ds {
			fmt.Fprintf(&items, `<li><a href="/yjzj/%d/t%s_%d%d.html">关于征求意见的公告第%d号</a><span>%s</span></li>`,
				i, strings.ReplaceAll(d, "-", ""), i, j, i*3+j+1, d)
		}
		page := fmt.Sprintf(`<html><body><h2>意见征集</h2><ul class="list">%s</ul>
<script>createPageHTML(3, %d, "index", "html");</script></body></html>`, items.String(), i)
		name := "index.html"
		if i > 0 {
			name = fmt.Sprintf("index_%d.html", i)
		}
		f["http://www.city.test/yjzj/"+name] = page
	}
	return f
}

func resultOf(t *testing.T, a govaudit.SiteAudit, id string) govaudit.Result {
	t.Helper()
	for _, r := range a.Results {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no result for %s", id)
	return govaudit.Result{}
}

func auditScripted(t *testing.T, f govaudit.Fetcher) govaudit.SiteAudit {
	t.Helper()
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	site := govaudit.Site{ID: "city", URL: "http://www.city.test/", Level: govaudit.LevelCity}
	return NewAuditor(loc, nil).Audit(context.Background(), site, f, now)
}

func TestScriptBuiltList(t *testing.T) {
	rendered := `<html><body><h2>重点工作</h2><ul id="list">
<li><a href="/zdgz/t20261118_1.html">2026年第三季度重点工作进展情况</a><span>2026-11-18</span></li>
<li><a href="/zdgz/t20260815_2.html">2026年第二季度重点工作进展情况</a><span>2026-08-15</span></li></ul></body></html>`
	tests := []struct {
		name       string
		f          govaudit.Fetcher
		wantStatus govaudit.Status
		wantDate   string
	}{
		{"no browser", scriptedSite(false), govaudit.StatusUnreadable, ""},
		{"render fails", &renderFetcher{htmlFetcher: scriptedSite(false)}, govaudit.StatusUnreadable, ""},
		{"rendered", &renderFetcher{htmlFetcher: scriptedSite(false), rendered: map[string]string{"http://www.city.test/zdgz/": rendered}},
			govaudit.StatusFresh, "2026-11-18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditScripted(t, tt.f)
			r := resultOf(t, a, "all-03")
			if r.Status != tt.wantStatus {
				t.Fatalf("all-03: got status %s (%q), want %s", r.Status, r.Evidence, tt.wantStatus)
			}
			got := ""
			if r.NewestItem != nil {
				got = r.NewestItem.Date.String()
			}
			if got != tt.wantDate {
				t.Errorf("all-03 newest: got %q, want %q", got, tt.wantDate)
			}
			if tt.wantStatus == govaudit.StatusUnreadable {
				if !strings.Contains(strings.Join(r.Evidence, " "), "脚本") {
					t.Errorf("all-03 evidence %q does not say the list is built by script", r.Evidence)
				}
				for _, c := range a.Census {
					for _, e := range c.Evidence {
						if c.Rule == govaudit.RuleEmptyColumns && strings.Contains(e, "/zdgz/") {
							t.Errorf("census counts the unreadable column as empty: %q", c.Evidence)
						}
					}
				}
			}
		})
	}
}

func TestScriptBuiltHome(t *testing.T) {
	f := scriptedSite(true)
	a := auditScripted(t, f)
	if a.HomeError == nil || a.HomeError.Kind != govaudit.ErrUnrendered {
		t.Fatalf("home error: got %v, want unrendered", a.HomeError)
	}
	for _, r := range a.Results {
		if r.Status != govaudit.StatusUnreadable && r.Status != govaudit.StatusNotWebCheckable {
			t.Errorf("%s: got %s, want unreadable", r.ID, r.Status)
		}
	}
	// Rendered, the menu is read and the columns found.
	plain := scriptedSite(false)
	rf := &renderFetcher{htmlFetcher: f, rendered: map[string]string{"http://www.city.test/": plain["http://www.city.test/"]}}
	a = auditScripted(t, rf)
	if a.HomeError != nil {
		t.Fatalf("home error with a browser: %v", a.HomeError)
	}
	if r := resultOf(t, a, "all-01"); r.Status != govaudit.StatusFresh {
		t.Errorf("all-01 with the rendered menu: got %s (%q), want fresh", r.Status, r.Evidence)
	}
}

func TestAscendingListJudgedByLastPage(t *testing.T) {
	a := auditScripted(t, scriptedSite(false))
	r := resultOf(t, a, "all-01")
	if r.Status != govaudit.StatusFresh || r.NewestItem == nil || r.NewestItem.Date.String() != "2026-11-20" {
		t.Fatalf("all-01: got %s newest %+v (%q), want fresh with 2026-11-20 from the last page", r.Status, r.NewestItem, r.Evidence)
	}
	want := []string{"http://www.city.test/yjzj/index.html", "http://www.city.test/yjzj/index_1.html", "http://www.city.test/yjzj/index_2.html"}
	got, _ := r.Details["pages_read"].([]string)
	if !slices.Equal(got, want) {
		t.Errorf("pages_read: got %q, want %q", got, want)
	}
}

func TestNewestFirst(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		name  string
		dates []string
		want  bool
	}{
		{"descending", []string{"2026-11-20", "2026-10-01", "2026-01-01"}, true},
		{"ascending", []string{"2024-01-01", "2025-01-01", "2026-01-01"}, false},
		{"one misdated among many", []string{"2026-11-20", "2026-11-10", "2026-11-12", "2026-10-01", "2026-09-01", "2026-08-01"}, true},
		{"unordered", []string{"2026-01-01", "2025-01-01", "2026-05-01", "2024-01-01", "2026-09-01"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var items []page.ListItem
			for _, s := range tt.dates {
				items = append(items, page.ListItem{Date: d(s)})
			}
			if got := newestFirst(items); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
