package demo

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govaudit/govaudit"
)

// testNow is the day the tests build provinces for.
var testNow = time.Date(2026, 11, 25, 10, 30, 0, 0, shanghai)

// get serves one request through the province's handler.
func get(p *Province, rawURL string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, rawURL, nil)
	w := httptest.NewRecorder()
	p.Handler().ServeHTTP(w, r)
	return w
}

// text returns the body decoded to UTF-8.
func text(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	b := w.Body.Bytes()
	if bytes.Contains(b, []byte(`charset="gbk"`)) {
		var err error
		if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
			t.Fatalf("decode GBK: %v", err)
		}
	}
	return string(b)
}

func TestTruthCoversApplicable(t *testing.T) {
	for name, p := range map[string]*Province{"New": New(testNow), "Synthetic": Synthetic(20, testNow)} {
		t.Run(name, func(t *testing.T) {
			if len(p.Truth) != len(p.Sites) {
				t.Errorf("got truth for %d sites, want %d", len(p.Truth), len(p.Sites))
			}
			for _, s := range p.Sites {
				var want []string
				for _, r := range govaudit.DefaultCatalog().Audited(s) {
					want = append(want, r.ID)
				}
				var got []string
				for id := range p.Truth[s.ID] {
					got = append(got, id)
				}
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s: got requirements %v, want %v", s.ID, got, want)
				}
			}
		})
	}
}

func TestEveryStatusAndPattern(t *testing.T) {
	p := New(testNow)
	seen := map[govaudit.Status]int{}
	for _, reqs := range p.Truth {
		for _, e := range reqs {
			seen[e.Status]++
		}
	}
	for _, st := range []govaudit.Status{govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty,
		govaudit.StatusMissing, govaudit.StatusUnreachable, govaudit.StatusBlocked, govaudit.StatusNotWebCheckable} {
		if seen[st] == 0 {
			t.Errorf("no expectation has status %s", st)
		}
	}

	// Each pattern's verdict, as the site was built to show it.
	for _, tc := range []struct {
		site, req string
		want      govaudit.Status
		column    string // the column address, when the pattern is about it
	}{
		{"ln-gov", "all-10", govaudit.StatusFresh, "http://www.ln.test/zwgk/zcwj/index.html"},
		{"ln-gov", "czt-1", govaudit.StatusFresh, ""},
		{"ln-fgw", "fgw-3", govaudit.StatusFresh, "http://fgw.ln.test/col/col12350/index.html"},
		{"ln-fgw", "czt-1", govaudit.StatusStale, ""},
		{"ln-scjg", "all-05", govaudit.StatusFresh, "http://scjg.ln.test/news/list.asp?classid=31"},
		{"ln-sthj", "all-10", govaudit.StatusStale, "http://sthj.ln.test/sthj/zfxxgk/fdzdgknr/zcwj/index.shtml"},
		{"ln-zjt", "all-05", govaudit.StatusFresh, "http://zjt.ln.test/zwgk/ssj/home.htm"},
		{"shenyang", "all-05", govaudit.StatusFresh, "http://www.shenyang.test/zfxxgk/fdzdgknr/sjcc/index.html"},
		{"shenyang", "czt-1", govaudit.StatusFresh, ""},
		{"dalian", "all-05", govaudit.StatusStale, "http://www.dalian.test/zwgk/sjcc/list.html"},
		{"anshan", "czt-1", govaudit.StatusStale, "http://www.anshan.test/zwgk/yjsgk/list.shtml"},
		{"fushun", "all-05", govaudit.StatusStale, ""},
		{"fushun", "all-10", govaudit.StatusFresh, ""},
		{"benxi", "all-05", govaudit.StatusEmpty, "http://www.benxi.test/zwgk/sjcc/home.htm"},
		{"dandong", "czt-1", govaudit.StatusMissing, ""},
		{"dandong", "all-05", govaudit.StatusStale, ""},
		{"liaoyang", "all-10", govaudit.StatusFresh, "http://www.liaoyang.test/xxgk/003001/003001001/moreinfo.html"},
		{"jinzhou", "all-10", govaudit.StatusUnreachable, ""},
		{"panjin", "czt-1", govaudit.StatusUnreachable, ""},
		{"yingkou", "all-05", govaudit.StatusBlocked, ""},
		{"yingkou", "all-08", govaudit.StatusNotWebCheckable, ""},
		{"ln-zjt", "zjt-1", govaudit.StatusNotWebCheckable, ""},
		{"ln-gov", "all-02", govaudit.StatusFresh, "http://www.ln.test/zwgk/lxhy/index.html"},
		{"shenyang", "all-02", govaudit.StatusStale, "http://www.shenyang.test/zfxxgk/fdzdgknr/lxhy/index.html"},
		{"shenyang", "all-03", govaudit.StatusStale, ""},
		{"ln-gov", "all-09", govaudit.StatusFresh, ""},
		{"dalian", "all-09", govaudit.StatusStale, ""},
		{"anshan", "all-01", govaudit.StatusEmpty, "http://www.anshan.test/hdjl/yjzj/list.shtml"},
		{"ln-sthj", "hbt-1", govaudit.StatusFresh, "http://sthj.ln.test/sthj/hjzl/kqzlyb/index.shtml"},
		{"sy-sthj", "hbt-1", govaudit.StatusStale, ""},
		{"ln-rst", "rst-1", govaudit.StatusFresh, ""},
		{"ln-mzt", "mzt-1", govaudit.StatusFresh, ""},
		{"ln-mzt", "all-14", govaudit.StatusFresh, ""},
		{"ln-zjt", "zjt-4", govaudit.StatusEmpty, ""},
		{"ln-fgw", "fgw-1", govaudit.StatusFresh, "http://www.creditln.test/"},
		{"ln-fgw", "fgw-2", govaudit.StatusFresh, "http://fgw.ln.test/col/col12352/index.html"},
		{"benxi", "all-13", govaudit.StatusFresh, "http://www.benxi.test/zwgk/qlyx/home.htm"},
		{"dalian", "all-13", govaudit.StatusFresh, "http://www.lnzwfw.test/"},
		{"dandong", "all-07", govaudit.StatusFresh, "http://www.dandong.test/hdjl/szxx/list.html"},
	} {
		e, ok := p.Truth[tc.site][tc.req]
		if !ok {
			t.Errorf("%s %s: no expectation", tc.site, tc.req)
			continue
		}
		if e.Status != tc.want {
			t.Errorf("%s %s: got %s, want %s", tc.site, tc.req, e.Status, tc.want)
		}
		if tc.column != "" && e.ColumnURL != tc.column {
			t.Errorf("%s %s: got column %s, want %s", tc.site, tc.req, e.ColumnURL, tc.column)
		}
	}
	if e := p.Truth["dandong"]["all-05"]; e.Newest != "" {
		t.Errorf("dandong all-05: got newest %q, want none: its items are dated nowhere", e.Newest)
	}
	if e := p.Truth["dandong"]["all-10"]; e.DocumentsChecked != 7 {
		t.Errorf("dandong all-10: got %d documents checked, want 7", e.DocumentsChecked)
	}
	if e := p.Truth["benxi"]["all-10"]; e.DocumentsChecked != 10 || e.ValidityLabelled != 0 {
		t.Errorf("benxi all-10: got %d/%d, want 10 checked, 0 labelled", e.DocumentsChecked, e.ValidityLabelled)
	}
	if e := p.Truth["ln-fgw"]["all-10"]; e.ValidityLabelled != 10 {
		t.Errorf("ln-fgw all-10: got %d labelled, want 10", e.ValidityLabelled)
	}
	for _, e := range []Expect{p.Truth["ln-gov"]["all-10"], p.Truth["ln-zjt"]["all-10"], p.Truth["liaoyang"]["all-10"]} {
		if e.ValidityLabelled == 0 || e.ValidityLabelled == 10 {
			t.Errorf("got %d of 10 labelled, want some but not all: %+v", e.ValidityLabelled, e)
		}
	}
}

// TestPatternMarkup checks that each site's pages carry the markup its
// pattern is about.
func TestPatternMarkup(t *testing.T) {
	p := New(testNow)
	for _, tc := range []struct {
		name, url string
		want      []string // substrings, in this order
		absent    []string
	}{
		{"TRS list with createPageHTML", "http://www.ln.test/zwgk/zcwj/index.html",
			[]string{`href="./20`, `createPageHTML(5, 0, "index", "html")`}, nil},
		{"TRS second page", "http://www.ln.test/zwgk/zcwj/index_1.html", []string{`createPageHTML(5, 1, "index", "html")`}, nil},
		{"TRS stub page", "http://www.ln.test/zwgk/zcwj/index_4.html", []string{`createPageHTML(5, 4, "index", "html")`}, []string{`href="./20`}},
		{"news decoy before the column link", "http://www.ln.test/", []string{"研究部署政策文件清理", `title="政策文件"`}, nil},
		{"Hanweb datastore", "http://fgw.ln.test/col/col12345/index.html",
			[]string{`<script type="text/xml"><datastore>`, "<recordset>", "<record><![CDATA[", `href="/art/20`}, nil},
		{"PPP decoy before the PPP menu link", "http://fgw.ln.test/", []string{"召开PPP项目推介会", `title="PPP项目信息公开"`}, nil},
		{"budget preparation notice", "http://fgw.ln.test/col/col12360/index.html", []string{"年度部门预算编制工作的通知"}, nil},
		{"GBK meta", "http://scjg.ln.test/news/list.asp?classid=31", []string{`<meta charset="gbk">`, "随机抽查事项清单", `show.asp?id=`}, nil},
		{"traditional sub-portal", "http://www.shenyang.test/zfxxgk/index.html", []string{"政府信息公開", "隨機抽查事項清單", "預決算公開", "部門"}, nil},
		{"columns not on the home page", "http://www.shenyang.test/", []string{`href="/zfxxgk/index.html"`}, []string{"/zfxxgk/fdzdgknr/", "隨機抽查"}},
		{"frameset", "http://www.dalian.test/", []string{"<frameset", `src="/top.html"`, `src="/main.html"`}, []string{"/zwgk/"}},
		{"menu in a frame", "http://www.dalian.test/top.html", []string{`href="/zwgk/zcwj/list.html" target="mainFrame"`, "随机抽查事项清单"}, nil},
		{"Chinese list dates", "http://www.dalian.test/zwgk/zcwj/list.html", []string{"年", "月", "日</td>"}, nil},
		{"JavaScript redirect", "http://www.anshan.test/", []string{`window.location.href="/index.shtml"`}, []string{"/zwgk/"}},
		{"image and span links", "http://www.anshan.test/index.shtml",
			[]string{`title="政策文件"`, `alt="政策文件"`, "<span>随机抽查</span>", `alt="预决算公开"`}, []string{">随机抽查事项清单<", `title="预决算公开"`}},
		{"pinned and year-less", "http://www.fushun.test/xxgk/zcwj/list.html", []string{"[置顶]", `<span class="date">[`}, []string{`<span class="date">[20`}},
		{"empty column", "http://www.benxi.test/zwgk/sjcc/home.htm", []string{"暂无信息"}, []string{"content_"}},
		{"undated list", "http://www.dandong.test/zwgk/ssjygk/list.html", []string{"随机抽查事项清单"}, []string{`class="date"`}},
		{"Epoint list", "http://www.liaoyang.test/xxgk/003001/003001001/moreinfo.html", []string{`class="ewb-list-date r">20`, `class="ewb-list-name l"`}, nil},
		{"validity column", "http://zjt.ln.test/zwgk/zcwj/home.htm", []string{"<th width=\"8%\">有效性</th>", "<td>有效</td>", "<td></td></tr>"}, nil},
		{"reply statuses in a message list", "http://www.dandong.test/hdjl/szxx/list.html", []string{"[已回复]", "[未回复]"}, nil},
		{"injected spam and hidden links", "http://www.faku.test/", []string{`<div style="display:none">`, `href="http://www.bjl88.test/"`, "注册送彩金"}, nil},
		{"clean home page", "http://www.wafangdian.test/", []string{"领导信箱"}, []string{"display:none", "彩金"}},
		{"empty catalogue column", "http://www.zhuanghe.test/zwgk/rsxx/home.htm", []string{"暂无信息"}, []string{"content_"}},
		{"catalogue in the portal", "http://www.wafangdian.test/zwgk/index.html", []string{"机构职能", "卫生健康", "第四次全国经济普查"}, nil},
		{"Liaoning template", "http://sthj.ln.test/sthj/zfxxgk/fdzdgknr/zcwj/index.shtml", []string{"/sthj/zfxxgk/fdzdgknr/zcwj/20", "createPageHTML(14, 1, 0, \"index\", \"shtml\")"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := get(p, tc.url)
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s: got %d, want 200", tc.url, w.Code)
			}
			body := text(t, w)
			at := 0
			for _, s := range tc.want {
				i := strings.Index(body[at:], s)
				if i < 0 {
					t.Errorf("GET %s: %q not found after offset %d", tc.url, s, at)
					continue
				}
				at += i
			}
			for _, s := range tc.absent {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: %q present, want absent", tc.url, s)
				}
			}
		})
	}

	// A year-less list date is confirmed by the document's page, and the
	// Liaoning template names documents by a timestamp id.
	fushun := p.siteByID("fushun")
	pinned := fushun.column("all-10").items[0]
	if !pinned.pinned {
		t.Fatalf("fushun all-10: first item is not pinned")
	}
	if body := text(t, get(p, fushun.base()+pinned.path)); !strings.Contains(body, "发布时间："+pinned.date.Format("2006-01-02")) {
		t.Errorf("fushun: pinned document's page lacks its full date %s", pinned.date.Format("2006-01-02"))
	}
	sthj := p.siteByID("ln-sthj").column("all-10").items[0]
	if !regexp.MustCompile(`/\d{19}/index\.shtml$`).MatchString(sthj.path) {
		t.Errorf("ln-sthj document path %s: want a 19-digit timestamp id", sthj.path)
	}
	// The 索引号 of a TRS document looks like a date and is not one.
	gov := p.siteByID("ln-gov").column("all-10").items[0]
	if body := text(t, get(p, "http://www.ln.test"+gov.path)); !strings.Contains(body, "000014349/") || !strings.Contains(body, "成文日期") {
		t.Errorf("ln-gov document lacks its 索引号 or 成文日期")
	}
}

func (p *Province) siteByID(id string) *site {
	for _, s := range p.sites {
		if s.ID == id {
			return s
		}
	}
	return nil
}

func TestDeterministic(t *testing.T) {
	for name, build := range map[string]func() *Province{
		"New":       func() *Province { return New(testNow) },
		"Synthetic": func() *Province { return Synthetic(12, testNow) },
	} {
		t.Run(name, func(t *testing.T) {
			a, b := build(), build()
			if !slices.Equal(a.URLs(), b.URLs()) {
				t.Fatalf("URLs differ between two builds")
			}
			for _, u := range a.URLs() {
				if x, y := get(a, u).Body.Bytes(), get(b, u).Body.Bytes(); !bytes.Equal(x, y) {
					t.Errorf("%s: bodies differ between two builds", u)
				}
			}
			if fmt.Sprint(a.Truth) != fmt.Sprint(b.Truth) {
				t.Errorf("truth differs between two builds")
			}
			if fmt.Sprint(a.Census) != fmt.Sprint(b.Census) {
				t.Errorf("census truth differs between two builds")
			}
		})
	}
}

// TestTruthStableAcrossMidnight builds provinces on many days and checks
// that an audit run a day or two later reaches the same verdicts: no
// newest item sits within two days of its requirement's limit or of a
// census window, and no 预决算 deadline turns a complete column stale. A
// daily column (hbt-1) cannot be two days from its one-day limit: it is
// checked one day later only. The home page's census value is its age,
// which grows by a day a day.
func TestTruthStableAcrossMidnight(t *testing.T) {
	var days []time.Time
	start := time.Date(2026, 1, 1, 23, 59, 0, 0, shanghai)
	for d := 0; d < 2*366; d += 17 {
		days = append(days, start.AddDate(0, 0, d))
	}
	// The days before the 预决算 deadlines and around the leap day.
	for _, d := range []string{"2027-03-30", "2027-03-31", "2027-09-29", "2027-09-30", "2028-02-28", "2028-02-29", "2027-12-31"} {
		day, _ := time.ParseInLocation("2006-01-02", d, shanghai)
		days = append(days, day.Add(23*time.Hour+59*time.Minute))
	}
	for _, now := range days {
		for _, p := range []*Province{New(now), Synthetic(12, now)} {
			for _, s := range p.sites {
				for _, later := range []int{1, 2} {
					c := newClock(now.AddDate(0, 0, later))
					for id, want := range p.Truth[s.ID] {
						r, _ := govaudit.DefaultCatalog().Lookup(id)
						if later > r.MaxAgeDays && r.MaxAgeDays > 0 && r.MaxAgeDays < 2 {
							continue
						}
						if got := s.expect(r, c); got != want {
							t.Errorf("built %s, audited %d days later: %s %s: got %+v, want %+v",
								now.Format("2006-01-02"), later, s.ID, id, got, want)
						}
					}
					got := s.census(c)
					for rule, want := range p.Census[s.ID] {
						if rule == govaudit.RuleHomepageNotUpdated && want.Value >= 0 {
							want.Value += float64(later)
						}
						if got[rule] != want {
							t.Errorf("built %s, audited %d days later: %s census %s: got %+v, want %+v",
								now.Format("2006-01-02"), later, s.ID, rule, got[rule], want)
						}
					}
				}
			}
		}
	}
}

// TestNoFutureDates checks that nothing is published after the day the
// province is built for, whatever the day.
func TestNoFutureDates(t *testing.T) {
	for _, now := range []time.Time{testNow, time.Date(2027, 1, 2, 8, 0, 0, 0, shanghai), time.Date(2027, 3, 31, 7, 0, 0, 0, shanghai),
		time.Date(2028, 2, 29, 12, 0, 0, 0, shanghai), time.Date(2027, 8, 21, 9, 0, 0, 0, shanghai)} {
		for _, p := range []*Province{New(now), Synthetic(8, now)} {
			for _, s := range p.sites {
				for _, c := range s.columns {
					for _, it := range c.items {
						if it.date.After(now) {
							t.Errorf("built %s: %s %q is dated %s", now.Format(time.DateTime), s.ID, it.title, it.date.Format(time.DateTime))
						}
					}
				}
			}
		}
	}
}

// TestValidityCut checks that the newest ten documents of every policy
// column are well defined: all dated, and no tie at the tenth.
func TestValidityCut(t *testing.T) {
	for _, p := range []*Province{New(testNow), Synthetic(40, testNow)} {
		for _, s := range p.sites {
			c := s.column("all-10")
			if c == nil {
				continue
			}
			items := c.byDate()
			for _, it := range items {
				if it.date.IsZero() {
					t.Errorf("%s: undated policy document %q", s.ID, it.title)
				}
			}
			if n := govaudit.DefaultPolicyDocuments; len(items) > n && ymd(items[n-1].date) == ymd(items[n].date) {
				t.Errorf("%s: documents %d and %d share the day %s", s.ID, n, n+1, ymd(items[n].date))
			}
		}
	}
}

func TestURLs(t *testing.T) {
	for name, p := range map[string]*Province{"New": New(testNow), "Synthetic": Synthetic(6, testNow)} {
		t.Run(name, func(t *testing.T) {
			urls := p.URLs()
			if len(urls) != p.PageCount() {
				t.Errorf("got %d URLs, PageCount %d", len(urls), p.PageCount())
			}
			seen := map[string]bool{}
			for _, u := range urls {
				if seen[u] {
					t.Errorf("%s listed twice", u)
				}
				seen[u] = true
				if w := get(p, u); w.Code != http.StatusOK {
					t.Errorf("GET %s: got %d, want 200", u, w.Code)
				}
			}
		})
	}
}

// hrefs finds the link targets of a page: <a href>, <frame src> and the
// links inside Hanweb's CDATA records.
var hrefs = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolve follows every link of every page of the built-in
// province to its own sites: each must be served (assets aside), so that
// an auditor never meets a dead end the site was not built to have.
func TestLinksResolve(t *testing.T) {
	p := New(testNow)
	assets := regexp.MustCompile(`\.(css|js|png|jpg|gif)$|^/module/visitcount/|^/inc/hits\.asp|^/search/`)
	// Each target is asked for once: the flaky site's home page answers
	// one request in thirty with 503, as it is built to.
	checked := map[string]bool{}
	for _, u := range p.URLs() {
		base, _ := httptestURL(u)
		w := get(p, u)
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			continue
		}
		for _, m := range hrefs.FindAllStringSubmatch(text(t, w), -1) {
			ref := htmlUnescape(m[1])
			if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "javascript:") {
				continue
			}
			target, err := base.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", u, ref, err)
				continue
			}
			if p.byHost[target.Hostname()] == nil || assets.MatchString(target.Path) || checked[target.String()] {
				continue
			}
			checked[target.String()] = true
			if code := get(p, target.String()).Code; code >= 400 {
				t.Errorf("%s links %s: got %d", u, target, code)
			}
		}
	}
}

// TestSyntheticPageBudget counts the pages a correct audit of each
// benchmark site reads — the home page and the disclosure portal, every
// column the census counts, every requirement's column, the newest
// documents all-10 inspects, the newest items whose contents a fields
// check reads, all-05's companions, every interpretation all-06 pairs
// with its document — and keeps it within forty.
func TestSyntheticPageBudget(t *testing.T) {
	const fieldDetailPages = 3 // the newest items a fields check reads
	p := Synthetic(40, testNow)
	for _, s := range p.sites {
		need := map[string]bool{s.homePath(): true, s.zwgkHref: true}
		for _, c := range s.censusColumns() {
			need[c.href] = true
		}
		for _, r := range govaudit.DefaultCatalog().Audited(s.Site) {
			c := s.column(r.ID)
			if c == nil || r.Kind == govaudit.KindLink || !r.Checked() {
				continue
			}
			need[c.paths[0]] = true
			items := c.byDate()
			switch r.Kind {
			case govaudit.KindValidity:
				for _, it := range items[:min(len(items), govaudit.DefaultPolicyDocuments)] {
					need[it.path] = true
				}
			case govaudit.KindFields:
				for _, it := range items[:min(len(items), fieldDetailPages)] {
					need[it.path] = true
				}
			}
			if r.ID == "all-06" {
				for _, it := range c.firstPage(s) {
					need[it.path] = true
				}
			}
			if r.ID == "all-05" {
				for _, slug := range []string{"ccjg", "ccqk"} {
					if comp := s.find(slug); comp != nil {
						need[comp.paths[0]] = true
					}
				}
			}
		}
		if len(need) > 40 {
			t.Errorf("%s: a correct audit needs %d pages, want at most 40", s.ID, len(need))
		}
	}
	statuses := map[govaudit.Status]int{}
	for _, reqs := range p.Truth {
		for _, e := range reqs {
			statuses[e.Status]++
		}
	}
	for _, st := range []govaudit.Status{govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty, govaudit.StatusMissing} {
		if statuses[st] == 0 {
			t.Errorf("Synthetic(40): no %s verdict; statuses %v", st, statuses)
		}
	}
}

func httptestURL(u string) (*url.URL, error) { return url.Parse(u) }

func htmlUnescape(s string) string { return html.UnescapeString(s) }
