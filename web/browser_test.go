package web_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/internal/chromium"
	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
	"github.com/govaudit/govaudit/report"
)

// newBrowser starts headless Chromium with the flags the field notes ask
// for and a fresh profile, and stops it when the test ends.
func newBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	profile := t.TempDir() // removed after the browser is stopped (cleanups run last-in first-out)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromium.Options(path), chromedp.UserDataDir(profile))...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx
}

// step bounds one browser step, so a page that never loads fails the test
// instead of hanging it.
func step(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(step(t, ctx), chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	res, err := chromedp.Run(step(t, ctx), chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if res.Status != 200 {
		t.Fatalf("open %s: HTTP %d", url, res.Status)
	}
}

// han matches a Chinese character.
var han = regexp.MustCompile(`\p{Han}`)

// overviewRow is one row of the overview table as the browser shows it.
type overviewRow struct {
	Site    string `json:"site"`
	City    string `json:"city"`
	Verdict string `json:"verdict"`
	Label   string `json:"label"`
	Score   string `json:"score"`
}

const readOverview = `Array.from(document.querySelectorAll('#overview tbody tr')).map(tr => ({
	site: tr.dataset.site,
	city: tr.children[3].textContent.trim(),
	verdict: tr.querySelector('td.verdict').dataset.verdict,
	label: tr.querySelector('td.verdict').innerText.trim(),
	score: tr.querySelector('td.score').dataset.v,
}))`

// TestBrowser audits the demo province into a real store and checks the
// pages in headless Chromium: verdicts on the overview, the evidence of a
// stale column on a site page, filtering, sorting and the downloads.
func TestBrowser(t *testing.T) {
	path := chromiumtest.Find(t)
	if testing.Short() && !chromiumtest.Required() {
		t.Skip("audits the demo province and starts a browser; skipped with -short")
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	st, province := auditedDemo(t, time.Now().In(loc))
	srv := httptest.NewServer(serveUI(st, loc))
	t.Cleanup(srv.Close)
	ctx := newBrowser(t, path)

	t.Run("overview verdicts", func(t *testing.T) {
		navigate(t, ctx, srv.URL+"/")
		rows := eval[[]overviewRow](t, ctx, readOverview)
		doc, err := report.Build(st.Snapshot(), nil, time.Now(), loc)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(province.Sites) {
			t.Fatalf("overview rows: got %d, want the demo's %d sites", len(rows), len(province.Sites))
		}
		labels := map[string]string{"pass": "√合格", "warning": "△预警", "fail": "×不合格", "not_judged": "？无法判定"}
		keys := map[govaudit.SiteVerdict]string{govaudit.SitePass: "pass", govaudit.SiteWarning: "warning", govaudit.SiteFail: "fail", govaudit.SiteNotJudged: "not_judged"}
		seen := map[string]bool{}
		for _, row := range rows {
			// The demo's own ground truth decides the right verdict: a
			// site that cannot be read is not judged, else any census veto
			// fails it and any warning warns.
			want := keys[province.Verdicts[row.Site]]
			if row.Verdict != want {
				t.Errorf("%s: verdict %q, want %q (demo ground truth)", row.Site, row.Verdict, want)
			}
			if row.Label != labels[want] {
				t.Errorf("%s: shows %q, want %q", row.Site, row.Label, labels[want])
			}
			i := slices.IndexFunc(doc.Sites, func(sc report.Scorecard) bool { return sc.ID == row.Site })
			if i < 0 {
				t.Errorf("%s: not a configured site", row.Site)
			} else if got := keys[doc.Sites[i].Verdict]; got != row.Verdict {
				t.Errorf("%s: page shows %q, store has %q", row.Site, row.Verdict, got)
			}
			seen[row.Verdict] = true
		}
		if len(seen) < 2 {
			t.Errorf("every site has the same verdict %v; the demo is meant to show several", seen)
		}
	})

	t.Run("site page evidence of a stale column", func(t *testing.T) {
		want := province.Truth["ln-sthj"]["all-10"]
		if want.Status != govaudit.StatusStale {
			t.Fatalf("demo truth: ln-sthj all-10 is %s, this test needs it stale", want.Status)
		}
		navigate(t, ctx, srv.URL+"/sites/ln-sthj")
		type row struct {
			Status  string   `json:"status"`
			Label   string   `json:"label"`
			Column  string   `json:"column"`
			Newest  string   `json:"newest"`
			Copies  []string `json:"copies"`
			Links   []string `json:"links"`
			History []string `json:"history"`
		}
		got := eval[row](t, ctx, `(() => {
			const tr = document.getElementById('req-all-10');
			const col = tr.querySelector('a.column'), day = tr.querySelector('.newest-date');
			return {
				status: tr.dataset.status,
				label: tr.querySelector('td.st').innerText.trim(),
				column: col ? col.getAttribute('href') : '',
				newest: day ? day.textContent : '',
				copies: Array.from(tr.querySelectorAll('a.copy')).map(a => a.textContent),
				links: Array.from(tr.querySelectorAll('a.copy')).map(a => a.href),
				history: Array.from(document.querySelectorAll('table.history tr[data-req="all-10"] li')).map(li => li.innerText.trim()),
			};
		})()`)
		if got.Status != "stale" || got.Label != "×超期未更新" {
			t.Errorf("all-10: got %q %q, want stale ×超期未更新", got.Status, got.Label)
		}
		if got.Column != want.ColumnURL {
			t.Errorf("column: got %q, want %q", got.Column, want.ColumnURL)
		}
		if got.Newest != want.Newest {
			t.Errorf("newest item date: got %q, want %q", got.Newest, want.Newest)
		}
		i := slices.Index(got.Copies, want.ColumnURL)
		if i < 0 {
			t.Fatalf("stored copies %v: none of the column %s", got.Copies, want.ColumnURL)
		}
		// The history has the fresh → stale change of the earlier audit.
		if !slices.ContainsFunc(got.History, func(s string) bool { return strings.Contains(s, "正常 → 超期未更新") }) {
			t.Errorf("history %q: no change from 正常 to 超期未更新", got.History)
		}

		// The stored copy opens in a sandboxed frame, under its banner.
		navigate(t, ctx, got.Links[i])
		type banner struct {
			URL     string `json:"url"`
			Status  string `json:"status"`
			Sandbox bool   `json:"sandbox"`
			Tokens  int    `json:"tokens"`
			Copy    string `json:"copy"`
		}
		b := eval[banner](t, ctx, `({
			url: document.getElementById('govaudit-evidence-url').textContent,
			status: document.getElementById('govaudit-evidence-status').textContent,
			sandbox: document.getElementById('govaudit-evidence-copy').hasAttribute('sandbox'),
			tokens: document.getElementById('govaudit-evidence-copy').sandbox.length,
			copy: document.getElementById('govaudit-evidence-copy').src,
		})`)
		if b.URL != want.ColumnURL || b.Status != "200" {
			t.Errorf("banner: got %q HTTP %s, want %q HTTP 200", b.URL, b.Status, want.ColumnURL)
		}
		if !b.Sandbox || b.Tokens != 0 {
			t.Errorf("frame sandbox: present %v with %d tokens, want present with none", b.Sandbox, b.Tokens)
		}
		// Opened alone, the copy is sandboxed by its CSP: a sandboxed
		// document has an opaque origin, so it cannot reach govaudit's
		// pages or cookies.
		navigate(t, ctx, b.Copy)
		type copied struct {
			Origin string `json:"origin"`
			Text   string `json:"text"`
		}
		c := eval[copied](t, ctx, `({origin: self.origin, text: document.body.innerText})`)
		if c.Origin != "null" {
			t.Errorf("stored copy's origin: got %q, want null (sandboxed)", c.Origin)
		}
		if !strings.Contains(c.Text, "政策文件") {
			t.Errorf("stored copy does not show the column page")
		}
	})

	t.Run("site page shows a Chinese finding", func(t *testing.T) {
		want := province.Truth["ln-sthj"]["all-10"]
		navigate(t, ctx, srv.URL+"/sites/ln-sthj")
		type finding struct {
			Details    []string `json:"details"`
			Shortfalls []string `json:"shortfalls"`
		}
		got := eval[finding](t, ctx, `(() => {
			const tr = document.getElementById('req-all-10');
			return {
				details: Array.from(tr.querySelectorAll('ul.details li')).map(li => li.innerText.trim()),
				shortfalls: Array.from(tr.querySelectorAll('ul.shortfalls li')).map(li => li.innerText.trim()),
			};
		})()`)
		sentence := fmt.Sprintf("检查了 %d 份文件，其中 %d 份标注有效性", want.DocumentsChecked, want.ValidityLabelled)
		if !slices.ContainsFunc(got.Details, func(s string) bool { return strings.HasPrefix(s, sentence) }) {
			t.Errorf("all-10 details %q: none starts %q (demo ground truth)", got.Details, sentence)
		}
		for _, s := range append(got.Details, got.Shortfalls...) {
			if !han.MatchString(s) {
				t.Errorf("finding %q is not Chinese", s)
			}
		}
	})

	t.Run("a missing column links to the home page copy", func(t *testing.T) {
		var site govaudit.Site
		var req string
		for _, s := range province.Sites {
			for id, e := range province.Truth[s.ID] {
				if e.Status == govaudit.StatusMissing && (req == "" || site.ID > s.ID || (site.ID == s.ID && id < req)) {
					site, req = s, id
				}
			}
		}
		if req == "" {
			t.Fatal("demo truth: no site has a missing column")
		}
		navigate(t, ctx, srv.URL+"/sites/"+site.ID)
		links := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#req-`+req+` a.copy')).map(a => a.href)`)
		if len(links) == 0 {
			t.Fatalf("%s %s is missing but links no stored copy", site.ID, req)
		}
		// The census' 网站不更新 rests on the home page too.
		census := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('tr[data-rule="homepage-not-updated"] a.copy')).map(a => a.href)`)
		if len(census) == 0 || census[0] != links[0] {
			t.Errorf("网站不更新 links %v, want the home page copy %s", census, links[0])
		}
		navigate(t, ctx, links[0])
		if got := eval[string](t, ctx, `document.getElementById('govaudit-evidence-url').textContent`); got != site.URL {
			t.Errorf("%s %s rests on the copy of %q, want the home page %q", site.ID, req, got, site.URL)
		}
	})

	t.Run("trend charts with two audits", func(t *testing.T) {
		navigate(t, ctx, srv.URL+"/sites/ln-sthj")
		type trend struct {
			Scores []string `json:"scores"`
			Cells  []string `json:"cells"`
		}
		got := eval[trend](t, ctx, `({
			scores: Array.from(document.querySelectorAll('#score-trend circle.point')).map(c => c.dataset.value),
			cells: Array.from(document.querySelectorAll('#status-trend rect[data-req="all-10"]')).map(r => r.dataset.status),
		})`)
		if len(got.Scores) != 2 {
			t.Errorf("score trend: got %d points %v, want the site's 2 audits", len(got.Scores), got.Scores)
		}
		if !slices.Equal(got.Cells, []string{"fresh", "stale"}) {
			t.Errorf("all-10 over the audits: got %v, want [fresh stale]", got.Cells)
		}
		// The chart is drawn, not just present in the markup.
		if w := eval[float64](t, ctx, `document.querySelector('#score-trend svg').getBoundingClientRect().width`); w < 100 {
			t.Errorf("score chart is %v px wide", w)
		}
		navigate(t, ctx, srv.URL+"/")
		rates := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#pass-trend circle.point')).map(c => c.dataset.value)`)
		if len(rates) != 2 {
			t.Errorf("pass-rate trend: got %d points %v, want one per audit day (2)", len(rates), rates)
		}
	})

	t.Run("filter narrows the table", func(t *testing.T) {
		navigate(t, ctx, srv.URL+"/")
		before := eval[[]overviewRow](t, ctx, readOverview)
		cities := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('select[name=city] option')).map(o => o.value).filter(v => v)`)
		if len(cities) == 0 {
			t.Fatal("the city filter offers no city")
		}
		city := cities[0]
		sctx := step(t, ctx)
		if err := chromedp.Do(sctx, chromedp.SetValue(chromedp.CSS(`select[name=city]`), city)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(sctx, chromedp.Click(chromedp.CSS(`#filters button[type=submit]`))); err != nil {
			t.Fatalf("submit the filter: %v", err)
		}
		after := eval[[]overviewRow](t, ctx, readOverview)
		if len(after) == 0 || len(after) >= len(before) {
			t.Fatalf("rows: %d before, %d after filtering by %s; want fewer but some", len(before), len(after), city)
		}
		want := 0
		for _, r := range before {
			if r.City == city {
				want++
			}
		}
		if len(after) != want {
			t.Errorf("rows after filtering by %s: got %d, want %d", city, len(after), want)
		}
		for _, r := range after {
			if r.City != city {
				t.Errorf("%s of %q is shown when filtering by %q", r.Site, r.City, city)
			}
		}
		if loc := eval[string](t, ctx, `location.search`); !strings.Contains(loc, "city=") {
			t.Errorf("the filter is not in the address %q", loc)
		}
	})

	t.Run("clicking a header sorts", func(t *testing.T) {
		navigate(t, ctx, srv.URL+"/")
		start := sites(eval[[]overviewRow](t, ctx, readOverview))
		click := func(key string) []overviewRow {
			t.Helper()
			if err := chromedp.Do(step(t, ctx), chromedp.Click(chromedp.CSS(`#overview thead a[data-sort="`+key+`"]`))); err != nil {
				t.Fatalf("click %s: %v", key, err)
			}
			return eval[[]overviewRow](t, ctx, readOverview)
		}
		byID := sites(click("site"))
		if !slices.IsSorted(byID) {
			t.Errorf("after clicking 站点 ID: %v, not in order", byID)
		}
		if slices.Equal(byID, start) {
			t.Errorf("clicking 站点 ID changed nothing; the rank order was already by id")
		}
		if got := sites(click("site")); !slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("after clicking 站点 ID again: %v, not in reverse order", got)
		}
		scores := click("score")
		var last float64 = 101
		ended := false
		for _, r := range scores {
			if r.Score == "" {
				ended = true // unscored sites come last
				continue
			}
			var s float64
			if err := json.Unmarshal([]byte(r.Score), &s); err != nil {
				t.Fatalf("score %q: %v", r.Score, err)
			}
			if ended || s > last {
				t.Errorf("after clicking 得分: %v, not best first", scores)
				break
			}
			last = s
		}
		if sort := eval[string](t, ctx, `document.querySelector('#overview thead a[data-sort=score]').closest('th').getAttribute('aria-sort')`); sort != "descending" {
			t.Errorf("得分 aria-sort: got %q, want descending", sort)
		}
	})

	t.Run("download buttons return the files", func(t *testing.T) {
		for _, page := range []struct {
			path  string
			sites int
		}{{"/", len(province.Sites)}, {"/sites/ln-sthj", 1}} {
			navigate(t, ctx, srv.URL+page.path)
			links := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#downloads a')).map(a => a.href)`)
			if len(links) != len(report.Formats()) {
				t.Fatalf("%s: got %d download buttons, want %d", page.path, len(links), len(report.Formats()))
			}
			for _, href := range links {
				f := fetch(t, ctx, href)
				if f.Status != 200 {
					t.Errorf("%s: HTTP %d", href, f.Status)
					continue
				}
				if !strings.HasPrefix(f.Disposition, "attachment; filename=") {
					t.Errorf("%s: Content-Disposition %q, want an attachment", href, f.Disposition)
				}
				checkDownload(t, href, f, page.sites)
			}
		}
	})
}

// sites lists the site ids of rows.
func sites(rows []overviewRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Site
	}
	return out
}

// fetched is a file the page fetched, its bytes in base64.
type fetched struct {
	Status      int    `json:"status"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
	Body        string `json:"body"`
}

// fetch has the page fetch href, as following a download button does,
// and returns the response.
func fetch(t *testing.T, ctx context.Context, href string) fetched {
	t.Helper()
	hrefJSON, _ := json.Marshal(href)
	expr := `fetch(` + string(hrefJSON) + `).then(async r => {
		const bytes = new Uint8Array(await r.arrayBuffer());
		let bin = '';
		for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
		return {status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', body: btoa(bin)};
	})`
	if !strings.Contains(href, "format=pdf") {
		return eval[fetched](t, ctx, expr)
	}
	// The server prints the PDF with a browser of its own: the province's
	// takes tens of seconds on a loaded machine.
	c, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[fetched](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", href, err)
	}
	return v
}

// checkDownload checks that a downloaded file is a real export in its
// format with the expected number of sites.
func checkDownload(t *testing.T, href string, f fetched, wantSites int) {
	t.Helper()
	body, err := base64.StdEncoding.DecodeString(f.Body)
	if err != nil {
		t.Fatalf("%s: %v", href, err)
	}
	switch {
	case strings.Contains(href, "format=json"):
		var doc report.Document
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Errorf("%s: not JSON: %v", href, err)
		} else if len(doc.Sites) != wantSites {
			t.Errorf("%s: %d sites, want %d", href, len(doc.Sites), wantSites)
		}
	case strings.Contains(href, "format=csv"):
		if !strings.HasPrefix(string(body), "\uFEFF") {
			t.Errorf("%s: no UTF-8 byte order mark", href)
		}
		if !strings.Contains(string(body), "ln-sthj") {
			t.Errorf("%s: does not list ln-sthj", href)
		}
	case strings.Contains(href, "format=xlsx"):
		if !strings.HasPrefix(string(body), "PK\x03\x04") {
			t.Errorf("%s: not a zip file (starts %q)", href, body[:min(4, len(body))])
		}
	case strings.Contains(href, "format=html"):
		if !strings.Contains(string(body), "辽宁省生态环境厅") {
			t.Errorf("%s: does not show 辽宁省生态环境厅", href)
		}
	case strings.Contains(href, "format=pdf"):
		if !strings.HasPrefix(string(body), "%PDF-") {
			t.Errorf("%s: not a PDF (starts %q)", href, body[:min(8, len(body))])
		}
	default:
		t.Errorf("%s: unknown format", href)
	}
	if want := report.MediaType(formatOf(href)); f.Type != want {
		t.Errorf("%s: Content-Type %q, want %q", href, f.Type, want)
	}
}

func formatOf(href string) string {
	_, rest, _ := strings.Cut(href, "format=")
	format, _, _ := strings.Cut(rest, "&")
	return format
}
