package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRequirementPages: a requirement's page lists the sites bound by it a
// page at a time, can be narrowed to one status, counts every site either
// way, and refuses parameters it does not know.
func TestRequirementPages(t *testing.T) {
	// 1,000 sites; all-01's statuses cycle fresh, stale, empty, missing.
	h := newTestHandler(bigFixture(1000))
	tests := []struct {
		name       string
		path       string
		status     int
		rows       int
		first      string // the first site listed
		contains   []string
		notContain []string
	}{
		{name: "first page", path: "/requirements/all-01", status: 200, rows: defaultPerPage, first: "s00000",
			contains:   []string{"第 1 / 10 页（共 1000 个网站）", `href="/requirements/all-01?page=2"`, `href="/requirements/all-01?status=stale"`, "超期未更新 250"},
			notContain: []string{`class="sortable"`}},
		{name: "third page", path: "/requirements/all-01?page=3", status: 200, rows: defaultPerPage, first: "s00200",
			contains: []string{"第 3 / 10 页"}},
		{name: "past the last page shows the last", path: "/requirements/all-01?page=99", status: 200, rows: defaultPerPage, first: "s00900",
			contains: []string{"第 10 / 10 页"}},
		{name: "narrowed to one status", path: "/requirements/all-01?status=stale&per_page=1000", status: 200, rows: 250, first: "s00001",
			contains: []string{`id="narrowed"`, "只列出状态为", `class="sortable"`, "超期未更新 250", "空白栏目 250"}},
		{name: "a status no site is in", path: "/requirements/all-01?status=blocked", status: 200, rows: 0,
			contains: []string{"没有网站处于此状态"}},
		{name: "unknown status", path: "/requirements/all-01?status=stael", status: 400, contains: []string{"stael"}},
		{name: "unknown parameter", path: "/requirements/all-01?sort=name", status: 400, contains: []string{"parameter"}},
		{name: "bad page", path: "/requirements/all-01?page=0", status: 400, contains: []string{"page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, h, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status: got %d, want %d", res.StatusCode, tt.status)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.notContain {
				if strings.Contains(body, s) {
					t.Errorf("page has %q", s)
				}
			}
			if tt.status != http.StatusOK {
				return
			}
			rows := strings.Count(body, `<tr data-site="`)
			if rows != tt.rows {
				t.Errorf("rows: got %d, want %d", rows, tt.rows)
			}
			if tt.first != "" && !strings.Contains(body, `<tr data-site="`+tt.first+`"`) {
				t.Errorf("first row: want site %s", tt.first)
			}
		})
	}
}
