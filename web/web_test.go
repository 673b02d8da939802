package web

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestRoutes checks every route's status, content type, CSP and key
// content.
func TestRoutes(t *testing.T) {
	column := hashOf(sthjColumnPage)
	data := hashOf(sthjDataFile)
	missing := strings.Repeat("0", 64)
	tests := []struct {
		name        string
		path        string
		status      int
		contentType string
		csp         string
		contains    []string
		excludes    []string
	}{
		{name: "overview", path: "/", status: 200, contentType: "text/html; charset=utf-8", csp: pageCSP,
			contains: []string{"全省政府网站监测总览", `href="/sites/ln-sthj"`, "辽宁省生态环境厅", "62.5", "合格", "预警", "不合格", "未审计",
				"网站不更新", // shenyang's veto
				`/api/v1/export?download=1&amp;format=json`, `/api/v1/export?download=1&amp;format=csv`,
				`/api/v1/export?download=1&amp;format=xlsx`, `/api/v1/export?download=1&amp;format=pdf`,
				`<script src="/assets/sort.js" defer>`, `<link rel="stylesheet" href="/assets/web.css">`}},
		{name: "site", path: "/sites/ln-sthj", status: 200, contentType: "text/html; charset=utf-8", csp: pageCSP,
			contains: []string{"辽宁省生态环境厅", "超期未更新", `href="https://sthj.ln.test/sthj/zfxxgk/zcwj/"`, "2026-03-02", "辽环发〔2026〕1号",
				"263 / 180", "newest item is 263 days old, max 180", "检查了 10 份文件，其中 7 份标注有效性（“失效” 2 份，“有效” 5 份）。", "未标注有效性的文件 1 份：https://sthj.ln.test/sthj/zcwj/8.html。",
				`href="/evidence/` + column + `"`, `href="/evidence/` + data + `"`, "应更新但长期未更新栏目", "政策文件 not updated for 263 days",
				"未存档 not stored", "https://sthj.ln.test/sthj/zcwj/1.html", // the detail page has no copy
				"其他存档页面", // the census copy belongs to no requirement
				"2026-08-30 02:00:00 &#43;08:00", "首次审计", "排名 2 / 5",
				`/api/v1/export?download=1&amp;format=xlsx&amp;site=ln-sthj`, `/api/v1/export?download=1&amp;format=json&amp;site=ln-sthj`}},
		{name: "site not audited", path: "/sites/dalian", status: 200, contentType: "text/html; charset=utf-8",
			contains: []string{"大连市人民政府", "尚未审计", "尚无状态变化记录"}, excludes: []string{"各项要求"}},
		{name: "site unreachable", path: "/sites/sy-hp", status: 200, contentType: "text/html; charset=utf-8",
			contains: []string{"无法访问", "refused: connection refused", "站点无法访问", "单项否决"}},
		{name: "unknown site", path: "/sites/nowhere", status: 404, contentType: "text/html; charset=utf-8", csp: pageCSP,
			contains: []string{"未找到网站", `&#34;nowhere&#34;`}},
		{name: "requirement", path: "/requirements/all-10", status: 200, contentType: "text/html; charset=utf-8", csp: pageCSP,
			contains: []string{"部门规章和政策性文件清理结果公开、文件有效性标注", `href="/sites/ln-sthj#req-all-10"`, `href="/sites/shenyang#req-all-10"`,
				"超期未更新", "空白栏目", "所有部门网站"}},
		{name: "requirement index", path: "/requirements", status: 200, contentType: "text/html; charset=utf-8", csp: pageCSP,
			contains: []string{`href="/requirements/all-10"`, `href="/requirements/zwb-1"`, "省网上审批平台"}},
		{name: "unknown requirement", path: "/requirements/xx-9", status: 404, contains: []string{"未找到要求"}},
		{name: "evidence", path: "/evidence/" + column, status: 200, contentType: "text/html; charset=utf-8", csp: evidenceCSP,
			contains: []string{`id="govaudit-evidence-banner"`, "https://sthj.ln.test/sthj/zfxxgk/zcwj/", "2026-11-20 01:59:00 &#43;08:00", column,
				"<h1>政策文件</h1>", "meta refresh", `href="/evidence/` + column + `/raw"`},
			excludes: []string{`http-equiv="refresh"`}},
		{name: "evidence data file", path: "/evidence/" + data, status: 200, contentType: "text/html; charset=utf-8", csp: evidenceCSP,
			contains: []string{`id="govaudit-evidence-banner"`, "<pre", `{&#34;records&#34;:`}},
		{name: "evidence raw", path: "/evidence/" + column + "/raw", status: 200, contentType: "text/plain; charset=utf-8", csp: evidenceCSP,
			contains: []string{sthjColumnPage}},
		{name: "unknown evidence", path: "/evidence/" + missing, status: 404, csp: pageCSP, contains: []string{"未找到存档页面"}},
		{name: "not a hash", path: "/evidence/..%2fetc", status: 404, contains: []string{"未找到存档页面"}},
		{name: "unknown raw", path: "/evidence/" + missing + "/raw", status: 404},
		{name: "stylesheet", path: "/assets/web.css", status: 200, contentType: "text/css; charset=utf-8", contains: []string{".st-stale"}},
		{name: "script", path: "/assets/sort.js", status: 200, contentType: "text/javascript; charset=utf-8", contains: []string{"aria-sort"}},
		{name: "unknown page", path: "/nothing/here", status: 404, contentType: "text/html; charset=utf-8", contains: []string{"页面不存在"}},
		{name: "bad filter", path: "/?status=rotten", status: 400, contains: []string{"筛选条件有误", `status &#34;rotten&#34;`}},
		{name: "bad sort", path: "/?sort=colour&dir=up", status: 400, contains: []string{`sort &#34;colour&#34;`, `dir &#34;up&#34;`}},
	}
	h := newTestHandler(fixture())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, h, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status: got %d, want %d\n%s", res.StatusCode, tt.status, body)
			}
			if tt.contentType != "" {
				if got := res.Header.Get("Content-Type"); got != tt.contentType {
					t.Errorf("Content-Type: got %q, want %q", got, tt.contentType)
				}
			}
			if tt.csp != "" {
				if got := res.Header.Get("Content-Security-Policy"); got != tt.csp {
					t.Errorf("Content-Security-Policy: got %q, want %q", got, tt.csp)
				}
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options: got %q, want nosniff", got)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(body, s) {
					t.Errorf("body has %q", s)
				}
			}
		})
	}
}

// TestOverviewFilters checks that each filter narrows the table to the
// sites it names, in rank order.
func TestOverviewFilters(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		// Default order is the rank: shenyang (不合格, 75) ranks below ln-sthj (预警, 62.5).
		{"", []string{"ln-fgw", "ln-sthj", "shenyang", "dalian", "sy-hp"}},
		{"city=沈阳", []string{"shenyang", "sy-hp"}},
		{"level=province", []string{"ln-fgw", "ln-sthj"}},
		{"level=county", []string{"sy-hp"}},
		{"department=sthj", []string{"ln-sthj"}},
		{"department=portal", []string{"shenyang", "dalian", "sy-hp"}},
		{"status=stale", []string{"ln-sthj"}},
		{"status=missing", []string{"ln-sthj"}},
		{"status=fresh", []string{"ln-fgw", "shenyang"}},
		{"verdict=fail", []string{"shenyang", "sy-hp"}},
		{"verdict=warning", []string{"ln-sthj"}},
		{"verdict=none", []string{"dalian"}},
		{"city=沈阳&level=city", []string{"shenyang"}},
		{"city=沈阳&status=unreachable", []string{"sy-hp"}},
		{"city=铁岭", nil},
		{"city=&level=&department=&status=", []string{"ln-fgw", "ln-sthj", "shenyang", "dalian", "sy-hp"}},
	}
	h := newTestHandler(fixture())
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, body := get(t, h, "/?"+encodeQuery(tt.query))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200", res.StatusCode)
			}
			if got := overviewSites(t, body); !slices.Equal(got, tt.want) {
				t.Errorf("rows: got %v, want %v", got, tt.want)
			}
			if len(tt.want) == 0 && !strings.Contains(body, `id="no-rows"`) {
				t.Errorf("an empty result does not say so")
			}
		})
	}
}

// encodeQuery escapes the values of a readable query string.
func encodeQuery(q string) string {
	var parts []string
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		parts = append(parts, k+"="+urlEscape(v))
	}
	return strings.Join(parts, "&")
}

func urlEscape(s string) string {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	q := r.URL.Query()
	q.Set("v", s)
	return strings.TrimPrefix(q.Encode(), "v=")
}

// TestOverviewSort checks the server-side sort the header links ask for,
// which is what a browser without JavaScript gets.
func TestOverviewSort(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"sort=score&dir=desc", []string{"ln-fgw", "shenyang", "ln-sthj", "dalian", "sy-hp"}},
		// Sites without a score stay last in either direction.
		{"sort=score&dir=asc", []string{"ln-sthj", "shenyang", "ln-fgw", "dalian", "sy-hp"}},
		{"sort=site&dir=asc", []string{"dalian", "ln-fgw", "ln-sthj", "shenyang", "sy-hp"}},
		{"sort=site&dir=desc", []string{"sy-hp", "shenyang", "ln-sthj", "ln-fgw", "dalian"}},
		// Worst verdict first; equal verdicts keep the rank order.
		{"sort=verdict", []string{"shenyang", "sy-hp", "ln-sthj", "ln-fgw", "dalian"}},
		{"sort=stale", []string{"ln-sthj", "ln-fgw", "shenyang", "sy-hp", "dalian"}},
		{"sort=level&dir=asc", []string{"ln-fgw", "ln-sthj", "shenyang", "dalian", "sy-hp"}},
		{"sort=vetoes&status=fresh", []string{"shenyang", "ln-fgw"}},
	}
	h := newTestHandler(fixture())
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, body := get(t, h, "/?"+tt.query)
			if got := overviewSites(t, body); !slices.Equal(got, tt.want) {
				t.Errorf("rows: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOverviewHeaderLinks checks that a header link keeps the filter and
// flips the direction of the current sort, so that sorting works without
// JavaScript.
func TestOverviewHeaderLinks(t *testing.T) {
	h := newTestHandler(fixture())
	_, body := get(t, h, "/?city=沈阳&sort=score&dir=desc")
	doc := parse(t, body)
	links := map[string]*html.Node{}
	for _, a := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attrOf(n, "data-sort") != "" }) {
		links[attrOf(a, "data-sort")] = a
	}
	tests := []struct{ key, href, sorted string }{
		{"score", "/?city=%E6%B2%88%E9%98%B3&dir=asc&sort=score", "descending"},
		{"name", "/?city=%E6%B2%88%E9%98%B3&dir=asc&sort=name", ""},
		{"stale", "/?city=%E6%B2%88%E9%98%B3&dir=desc&sort=stale", ""},
	}
	for _, tt := range tests {
		a, ok := links[tt.key]
		if !ok {
			t.Errorf("no header link for %s", tt.key)
			continue
		}
		if got := attrOf(a, "href"); got != tt.href {
			t.Errorf("%s href: got %q, want %q", tt.key, got, tt.href)
		}
		if got := attrOf(a.Parent, "aria-sort"); got != tt.sorted {
			t.Errorf("%s aria-sort: got %q, want %q", tt.key, got, tt.sorted)
		}
	}
	// The form keeps the sort, so a filter submitted next does not lose it.
	for _, in := range []struct{ name, value string }{{"sort", "score"}, {"dir", "desc"}} {
		found := findAll(doc, func(n *html.Node) bool {
			return n.Data == "input" && attrOf(n, "name") == in.name && attrOf(n, "value") == in.value
		})
		if len(found) != 1 {
			t.Errorf("filter form: got %d hidden %s=%s inputs, want 1", len(found), in.name, in.value)
		}
	}
}

// TestOverviewCells checks the cells of one row: rank, verdict and counts.
func TestOverviewCells(t *testing.T) {
	h := newTestHandler(fixture())
	_, body := get(t, h, "/")
	rows := findAll(parse(t, body), func(n *html.Node) bool { return n.Data == "tr" && attrOf(n, "data-site") == "ln-sthj" })
	if len(rows) != 1 {
		t.Fatalf("got %d rows for ln-sthj, want 1", len(rows))
	}
	var cells []string
	for _, td := range findAll(rows[0], func(n *html.Node) bool { return n.Data == "td" }) {
		cells = append(cells, strings.TrimSpace(textOf(td)))
	}
	// rank, id, name, city, level, department, score, verdict,
	// fresh, stale, empty, missing, unreachable, blocked, vetoes.
	want := []string{"2", "ln-sthj", "辽宁省生态环境厅", "", "省级", "sthj（省生态环境厅）", "62.5", "△预警", "0", "1", "0", "1", "0", "0", "0"}
	if !slices.Equal(cells, want) {
		t.Errorf("cells:\n got %q\nwant %q", cells, want)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestStoreFailures checks that a store that cannot read copies or
// history still serves the scorecard, saying what is missing.
func TestStoreFailures(t *testing.T) {
	f := fixture()
	f.failReads = true
	h := newTestHandler(f)
	res, body := get(t, h, "/sites/ln-sthj")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("site page: got %d, want 200", res.StatusCode)
	}
	for _, s := range []string{"超期未更新", "无法读取存档列表", "无法读取历史", errBroken.Error()} {
		if !strings.Contains(body, s) {
			t.Errorf("site page lacks %q", s)
		}
	}
	res, body = get(t, h, "/evidence/"+hashOf(sthjColumnPage))
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("evidence: got %d, want 500", res.StatusCode)
	}
	if strings.Contains(body, "<h1>政策文件</h1>") {
		t.Errorf("evidence error page shows the copy")
	}
}

// TestMethods checks that the pages are read-only.
func TestMethods(t *testing.T) {
	h := newTestHandler(fixture())
	for _, path := range []string{"/", "/sites/ln-sthj", "/evidence/" + hashOf(sthjColumnPage)} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader("x")))
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: got %d, want 405", path, rec.Code)
		}
	}
}

// TestEmptyStore checks the pages of a store that has no snapshot yet.
func TestEmptyStore(t *testing.T) {
	h := newTestHandler(&fakeStore{})
	res, body := get(t, h, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got %d, want 200", res.StatusCode)
	}
	if !strings.Contains(body, `id="no-rows"`) {
		t.Errorf("an empty store's overview does not say it has no sites")
	}
	if res, _ := get(t, h, "/requirements/all-01"); res.StatusCode != http.StatusOK {
		t.Errorf("requirement page: got %d, want 200", res.StatusCode)
	}
}
