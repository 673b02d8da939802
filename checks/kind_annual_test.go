package checks

import (
	"context"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// htmlFetcher serves inline pages by URL.
type htmlFetcher map[string]string

func (f htmlFetcher) Fetch(_ context.Context, u string, _ int) *govaudit.Page {
	body, ok := f[u]
	if !ok {
		return &govaudit.Page{URL: u, Status: 404, Err: &govaudit.FetchError{Kind: govaudit.ErrHTTP4xx, Message: "404 not found"}}
	}
	return &govaudit.Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html; charset=utf-8", Body: []byte(body)}
}

// annualSite is a department site whose 预决算 column lists the given
// items (title, href, date).
func annualSite(items [][3]string) htmlFetcher {
	list := ""
	for _, it := range items {
		list += `<li><a href="` + it[1] + `">` + it[0] + `</a><span>` + it[2] + `</span></li>`
	}
	return htmlFetcher{
		"http://czt.a.test/": `<html><body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/yjs/">预决算公开</a></li></ul></div></body></html>`,
		"http://czt.a.test/yjs/": `<html><body><div class="nav"><ul><li><a href="/">首页</a></li></ul></div>
<div class="list"><ul>` + list + `</ul></div></body></html>`,
		"http://czt.a.test/yjs/b26.html": `<html><body><h1>2026年部门预算</h1><p>一、单位职责 二、机构设置 三、一般公共预算收支情况 四、政府性基金预算收支情况</p></body></html>`,
	}
}

// TestAnnual judges czt-1 by the years in the titles, skips the notice on
// preparing a budget, and reports the required contents of the budget page.
func TestAnnual(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	site := govaudit.Site{ID: "czt", URL: "http://czt.a.test/", Level: govaudit.LevelProvince, Department: "czt"}
	tests := []struct {
		name           string
		items          [][3]string
		status         govaudit.Status
		budget, final  bool
		contentsOnPage map[string]bool
	}{
		{"both published", [][3]string{
			{"辽宁省财政厅2026年部门预算", "/yjs/b26.html", "2026-02-20"},
			{"辽宁省财政厅2025年部门决算", "/yjs/f25.html", "2026-08-30"},
		}, govaudit.StatusFresh, true, true, map[string]bool{"单位职责": true, "机构设置": true, "一般公共预算收支": true, "政府性基金预算收支": true, "机关运行经费": false}},
		{"only last year's round", [][3]string{
			{"辽宁省财政厅2025年部门预算", "/yjs/b25.html", "2025-02-20"},
			{"辽宁省财政厅2024年部门决算", "/yjs/f24.html", "2025-08-30"},
		}, govaudit.StatusStale, false, false, nil},
		{"a preparation notice is not the budget", [][3]string{
			{"关于做好2026年度部门预算编制工作的通知", "/yjs/n.html", "2025-10-10"},
			{"辽宁省财政厅2025年部门决算", "/yjs/f25.html", "2026-08-30"},
		}, govaudit.StatusStale, false, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAuditor(loc, nil)
			audit := a.Audit(context.Background(), site, annualSite(tt.items), now)
			r, ok := audit.Result("czt-1")
			if !ok {
				t.Fatal("no czt-1 result")
			}
			if r.Status != tt.status {
				t.Errorf("status %s, want %s (evidence %v)", r.Status, tt.status, r.Evidence)
			}
			if got := r.Details["budget_published"]; got != tt.budget {
				t.Errorf("budget_published %v, want %v", got, tt.budget)
			}
			if got := r.Details["final_published"]; got != tt.final {
				t.Errorf("final_published %v, want %v", got, tt.final)
			}
			if tt.contentsOnPage != nil {
				got, _ := r.Details["budget_contents"].(map[string]any)
				for name, want := range tt.contentsOnPage {
					if got[name] != want {
						t.Errorf("budget_contents[%s] = %v, want %v", name, got[name], want)
					}
				}
			}
		})
	}
}
