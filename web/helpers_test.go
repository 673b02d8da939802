package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// fakeStore serves a fixed snapshot, stored copies and timelines.
type fakeStore struct {
	snap      *store.Snapshot
	copies    map[string]storedCopy
	refs      map[string][]store.EvidenceRef // by site id, for the audit at auditTime
	timelines map[string]map[string][]store.Change
	// failReads makes the evidence and timeline calls fail, as a broken
	// store file would.
	failReads bool
}

type storedCopy struct {
	rec  store.EvidenceRecord
	body []byte
}

var errBroken = errors.New("store file is broken")

func (f *fakeStore) Snapshot() *store.Snapshot { return f.snap }

func (f *fakeStore) Evidence(hash string) (store.EvidenceRecord, []byte, error) {
	if f.failReads {
		return store.EvidenceRecord{}, nil, errBroken
	}
	c, ok := f.copies[hash]
	if !ok {
		return store.EvidenceRecord{}, nil, fmt.Errorf("evidence %q: %w", hash, store.ErrNoEvidence)
	}
	return c.rec, c.body, nil
}

func (f *fakeStore) EvidenceFor(siteID string, auditedAt time.Time) ([]store.EvidenceRef, error) {
	if f.failReads {
		return nil, errBroken
	}
	if !auditedAt.Equal(auditTime) {
		return nil, nil // as the store: no evidence kept for that audit
	}
	return f.refs[siteID], nil
}

func (f *fakeStore) SiteTimeline(siteID string) (map[string][]store.Change, error) {
	if f.failReads {
		return nil, errBroken
	}
	return f.timelines[siteID], nil
}

// History is the snapshot's latest audit of the site, the only one a fake
// store keeps.
func (f *fakeStore) History(siteID string, since, until time.Time) ([]govaudit.SiteAudit, error) {
	if f.failReads {
		return nil, errBroken
	}
	if f.snap == nil {
		return nil, nil
	}
	a, ok := f.snap.Audits[siteID]
	if !ok || a.AuditedAt.Before(since) || (!until.IsZero() && a.AuditedAt.After(until)) {
		return nil, nil
	}
	return []govaudit.SiteAudit{a}, nil
}

func (f *fakeStore) AuditTimes(since time.Time) (map[string][]time.Time, error) {
	if f.failReads {
		return nil, errBroken
	}
	out := map[string][]time.Time{}
	if f.snap == nil {
		return nil, nil
	}
	for id, a := range f.snap.Audits {
		if !a.AuditedAt.Before(since) {
			out[id] = []time.Time{a.AuditedAt}
		}
	}
	return out, nil
}

func (f *fakeStore) AuditAsOf(id string, t time.Time) (govaudit.SiteAudit, bool, error) {
	if f.failReads {
		return govaudit.SiteAudit{}, false, errBroken
	}
	if f.snap == nil {
		return govaudit.SiteAudit{}, false, nil
	}
	a, ok := f.snap.Audits[id]
	if !ok || a.AuditedAt.After(t) {
		return govaudit.SiteAudit{}, false, nil
	}
	return a, true, nil
}

// addCopy stores body as a copy of url and returns its hash.
func (f *fakeStore) addCopy(url, contentType string, status int, at time.Time, body string) string {
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	if f.copies == nil {
		f.copies = map[string]storedCopy{}
	}
	f.copies[hash] = storedCopy{store.EvidenceRecord{Hash: hash, URL: url, FinalURL: url, Status: status,
		ContentType: contentType, FetchedAt: at, Size: len(body)}, []byte(body)}
	return hash
}

var (
	shanghai = mustLocation("Asia/Shanghai")
	// The nanoseconds matter: the store keys an audit's evidence by its
	// exact time, which the scorecards cut to the second.
	auditTime = time.Date(2026, 11, 20, 2, 0, 0, 123456789, shanghai)
)

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func day(s string) govaudit.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return govaudit.Date{Time: t}
}

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

// Stored copies of the fixture, by name.
const (
	sthjColumnPage = `<!doctype html><html><head><meta charset="gbk"><meta http-equiv="refresh" content="0;url=https://evil.example/">` +
		`<title>政策文件</title><style>div{display:none}</style></head><body class="x"><h1>政策文件</h1>` +
		`<script>document.title="pwned"</script><ul><li><a href="/sthj/zcwj/1.html">辽环发〔2026〕1号</a> 2026-03-02</li></ul></body></html>`
	sthjDataFile = `{"records":[{"title":"辽环发〔2026〕1号","date":"2026-03-02"}]}`
)

// fixture is a province of five sites: a passing department, a department
// with a stale all-10 and a census warning, a city portal with a census
// veto, a city portal never audited, and an unreachable county portal.
func fixture() *fakeStore {
	sites := []govaudit.Site{
		{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.test/", Level: govaudit.LevelProvince, Department: "fgw"},
		{ID: "ln-sthj", Name: "辽宁省生态环境厅", URL: "https://sthj.ln.test/", Level: govaudit.LevelProvince, Department: "sthj"},
		{ID: "shenyang", Name: "沈阳市人民政府", URL: "https://www.shenyang.test/", Level: govaudit.LevelCity, City: "沈阳"},
		{ID: "dalian", Name: "大连市人民政府", URL: "https://www.dalian.test/", Level: govaudit.LevelCity, City: "大连"},
		{ID: "sy-hp", Name: "沈阳市和平区人民政府", URL: "https://hp.shenyang.test/", Level: govaudit.LevelCounty, City: "沈阳"},
	}
	ok := govaudit.CensusFinding{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.VerdictOK, Value: 1, Threshold: 14}
	homeErr := &govaudit.FetchError{Kind: govaudit.ErrRefused, Message: "connection refused"}
	latest := map[string]govaudit.SiteAudit{
		"ln-fgw": {SiteID: "ln-fgw", AuditedAt: auditTime, Reachable: true, Score: floatp(100),
			Census: []govaudit.CensusFinding{ok},
			Results: []govaudit.Result{
				{ID: "all-01", Status: govaudit.StatusFresh, ColumnURL: "https://fgw.ln.test/yjzj/", AgeDays: intp(3), MaxAgeDays: 365,
					NewestItem: &govaudit.Item{Title: "关于征求意见的公告", URL: "https://fgw.ln.test/yjzj/1.html", Date: day("2026-11-17")}},
				{ID: "fgw-3", Status: govaudit.StatusFresh, ColumnURL: "https://fgw.ln.test/ppp/", AgeDays: intp(10), MaxAgeDays: 365},
			}},
		"ln-sthj": {SiteID: "ln-sthj", AuditedAt: auditTime, Reachable: true, Score: floatp(62.5),
			Census: []govaudit.CensusFinding{ok, {Rule: govaudit.RuleLongUnupdatedColumns, Verdict: govaudit.VerdictWarning, Value: 1, Threshold: 1,
				Evidence: []string{"政策文件 not updated for 263 days"}}},
			Results: []govaudit.Result{
				{ID: "all-01", Status: govaudit.StatusMissing, Evidence: []string{"no column labelled 决策预公开 found"}},
				{ID: "all-10", Status: govaudit.StatusStale, ColumnURL: "https://sthj.ln.test/sthj/zfxxgk/zcwj/", AgeDays: intp(263), MaxAgeDays: 180,
					NewestItem: &govaudit.Item{Title: "辽环发〔2026〕1号", URL: "https://sthj.ln.test/sthj/zcwj/1.html", Date: day("2026-03-02")},
					Evidence:   []string{"newest item is 263 days old, max 180", "有效性 labelled on 7 of the 10 newest documents"},
					Sources:    []string{"https://sthj.ln.test/sthj/zfxxgk/zcwj/", "https://sthj.ln.test/sthj/zcwj/1.html", "https://sthj.ln.test/sthj/zfxxgk/zcwj/data.json"},
					Details: map[string]any{"documents_checked": float64(10), "validity_labelled": float64(7),
						"labels":     map[string]any{"有效": float64(5), "失效": float64(2)},
						"unlabelled": []any{"https://sthj.ln.test/sthj/zcwj/8.html"}}},
			}},
		"shenyang": {SiteID: "shenyang", AuditedAt: auditTime, Reachable: true, Score: floatp(75),
			Census: []govaudit.CensusFinding{{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.VerdictVeto, Value: 20, Threshold: 14,
				Evidence: []string{"newest home page item is 20 days old"}}},
			Results: []govaudit.Result{
				{ID: "all-01", Status: govaudit.StatusFresh, ColumnURL: "https://www.shenyang.test/yjzj/", AgeDays: intp(1), MaxAgeDays: 365},
				{ID: "all-10", Status: govaudit.StatusEmpty, ColumnURL: "https://www.shenyang.test/zcwj/"},
			}},
		"sy-hp": {SiteID: "sy-hp", AuditedAt: auditTime, Reachable: false, HomeError: homeErr,
			Census: []govaudit.CensusFinding{{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictVeto, Value: 100, Threshold: 10}},
			Results: []govaudit.Result{
				{ID: "all-01", Status: govaudit.StatusUnreachable, Evidence: []string{"home page: connection refused"}},
			}},
	}
	f := &fakeStore{
		snap: &store.Snapshot{TakenAt: auditTime.Add(time.Minute), Sites: sites, Audits: latest,
			LastCompleteRun: &store.Run{ID: 7, StartedAt: auditTime, FinishedAt: auditTime.Add(time.Minute), Complete: true}},
		refs: map[string][]store.EvidenceRef{},
		timelines: map[string]map[string][]store.Change{
			"ln-sthj": {
				"all-10": {
					{At: time.Date(2026, 6, 1, 2, 0, 0, 0, shanghai), To: govaudit.StatusFresh, Newest: "2026-03-02"},
					{At: time.Date(2026, 8, 30, 2, 0, 0, 0, shanghai), From: govaudit.StatusFresh, To: govaudit.StatusStale, Newest: "2026-03-02"},
				},
				"all-01": {{At: time.Date(2026, 6, 1, 2, 0, 0, 0, shanghai), To: govaudit.StatusMissing}},
			},
		},
	}
	fetched := auditTime.Add(-time.Minute)
	column := f.addCopy("https://sthj.ln.test/sthj/zfxxgk/zcwj/", "text/html; charset=gbk", 200, fetched, sthjColumnPage)
	data := f.addCopy("https://sthj.ln.test/sthj/zfxxgk/zcwj/data.json", "application/json", 200, fetched, sthjDataFile)
	home := f.addCopy("https://sthj.ln.test/", "text/html", 200, fetched, "<html><body>home</body></html>")
	f.refs["ln-sthj"] = []store.EvidenceRef{
		{Requirement: "all-10", URL: "https://sthj.ln.test/sthj/zfxxgk/zcwj/", Hash: column, FetchedAt: fetched, Status: 200},
		{Requirement: "all-10", URL: "https://sthj.ln.test/sthj/zfxxgk/zcwj/data.json", Hash: data, FetchedAt: fetched, Status: 200},
		{Requirement: "census", URL: "https://sthj.ln.test/", Hash: home, FetchedAt: fetched, Status: 200},
	}
	return f
}

// hashOf is the hash the fixture stores body under.
func hashOf(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}

// newTestHandler serves f with a fixed clock.
func newTestHandler(f *fakeStore) http.Handler {
	h := New(Options{Store: f, Location: shanghai}).(*handler)
	h.now = func() time.Time { return auditTime.Add(time.Hour) }
	return h
}

// get requests path from h and returns the response and its body.
func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// parse parses an HTML page, failing the test when it is not HTML.
func parse(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	return doc
}

// attrOf returns the value of n's attribute key.
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// findAll returns the element nodes for which match is true, in document
// order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// overviewSites lists the data-site of the overview table's rows in order.
func overviewSites(t *testing.T, body string) []string {
	t.Helper()
	var ids []string
	for _, tr := range findAll(parse(t, body), func(n *html.Node) bool { return n.Data == "tr" && attrOf(n, "data-site") != "" }) {
		ids = append(ids, attrOf(tr, "data-site"))
	}
	return ids
}
