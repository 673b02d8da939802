package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/store"
)

// evidenceSite serves a small site under the fake host www.ev.test and
// counts the requests of each path.
type evidenceSite struct {
	srv *httptest.Server
	gbk []byte // the bytes /ndbg/ serves
	mu  sync.Mutex
	hit map[string]int
}

const evidenceGBKTitle = "政府信息公开年度报告"

func newEvidenceSite(t *testing.T) *evidenceSite {
	t.Helper()
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("<html><body><h1>" + evidenceGBKTitle + "</h1></body></html>")
	if err != nil {
		t.Fatal(err)
	}
	es := &evidenceSite{hit: map[string]int{}, gbk: []byte(gbk)}
	es.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		es.mu.Lock()
		es.hit[r.URL.Path]++
		es.mu.Unlock()
		switch r.URL.Path {
		case "/col/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<ul><li><a href="/art/1.html">通知</a> 2026-11-18</li></ul>`))
		case "/art/1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<h1>通知</h1><p>发布日期：2026-11-18</p>`))
		case "/ndbg/":
			w.Header().Set("Content-Type", "text/html; charset=GBK")
			w.Write([]byte(gbk))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(es.srv.Close)
	return es
}

func (es *evidenceSite) requests() int {
	es.mu.Lock()
	defer es.mu.Unlock()
	n := 0
	for _, c := range es.hit {
		n += c
	}
	return n
}

func (es *evidenceSite) crawler(t *testing.T) *crawler.Crawler {
	t.Helper()
	addr := es.srv.Listener.Addr().String()
	cr, err := crawler.New(crawler.Options{
		CrawlSettings: govaudit.CrawlSettings{
			UserAgent: "govaudit-test/1.0", MaxDepth: 3, MaxPagesPerSite: 20, PerHostParallelism: 2,
			Timeout: 5 * time.Second, MaxBodyBytes: 1 << 20, AllowPrivateAddresses: true,
		},
		Resolve: func(hostport string) string {
			if host, _, _ := net.SplitHostPort(hostport); host == "www.ev.test" {
				return addr
			}
			return hostport
		},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cr.Close)
	return cr
}

func TestSaveEvidence(t *testing.T) {
	const base = "http://www.ev.test"
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.FixedZone("CST", 8*3600))
	// The audit: two results share the column page, one has a page that
	// could not be read, one has no sources.
	audit := govaudit.SiteAudit{SiteID: "ev", AuditedAt: at, Reachable: true, Results: []govaudit.Result{
		{ID: "all-1", Status: govaudit.StatusFresh, Sources: []string{base + "/col/", base + "/art/1.html"}},
		{ID: "all-2", Status: govaudit.StatusMissing},
		{ID: "all-3", Status: govaudit.StatusStale, Sources: []string{base + "/col/", base + "/gone.html"}},
		{ID: "all-4", Status: govaudit.StatusFresh, Sources: []string{base + "/ndbg/"}},
	}}
	tests := []struct {
		name       string
		saved      bool // the audit was saved before
		cancelled  bool // the run's context has ended
		audit      govaudit.SiteAudit
		want       []store.EvidenceRef // Hash and FetchedAt not compared
		wantErrors float64
	}{
		{name: "saved audit", saved: true, audit: audit, want: []store.EvidenceRef{
			{Requirement: "all-1", URL: base + "/col/", Status: 200},
			{Requirement: "all-1", URL: base + "/art/1.html", Status: 200},
			{Requirement: "all-3", URL: base + "/col/", Status: 200},
			{Requirement: "all-4", URL: base + "/ndbg/", Status: 200},
		}},
		{name: "audit not saved", audit: audit, wantErrors: 1},
		{name: "no sources", saved: true, audit: govaudit.SiteAudit{SiteID: "ev", AuditedAt: at, Results: []govaudit.Result{{ID: "all-2", Status: govaudit.StatusMissing}}}},
		{name: "context ended", saved: true, cancelled: true, audit: audit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newEvidenceSite(t)
			f := site.crawler(t).Site("ev")
			ctx := context.Background()
			// What the audit fetched, at the depths it found the pages.
			for _, res := range tt.audit.Results {
				for _, u := range res.Sources {
					f.Fetch(ctx, u, 1)
				}
			}
			fetched := site.requests()

			st, err := store.Open(filepath.Join(t.TempDir(), "govaudit.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := st.PutSites([]govaudit.Site{{ID: "ev", Name: "测试局", URL: base + "/"}}); err != nil {
				t.Fatal(err)
			}
			if tt.saved {
				run, err := st.BeginRun("cli", []string{"ev"}, at)
				if err != nil {
					t.Fatal(err)
				}
				if err := st.SaveAudit(run.ID, tt.audit); err != nil {
					t.Fatal(err)
				}
			}
			reg := prometheus.NewRegistry()
			r := &runner{store: st, rec: metrics.NewRecorder(reg), log: slog.New(slog.DiscardHandler)}
			if tt.cancelled {
				c, cancel := context.WithCancel(ctx)
				cancel()
				ctx = c
			}
			a := tt.audit
			r.saveEvidence(ctx, f, f, &a)

			if got := site.requests(); got != fetched {
				t.Errorf("requests: got %d, want %d (evidence must come from the fetcher's cache)", got, fetched)
			}
			if got := storeErrors(t, reg); got != tt.wantErrors {
				t.Errorf("store errors: got %v, want %v", got, tt.wantErrors)
			}
			refs, err := st.EvidenceFor("ev", at)
			if err != nil {
				t.Fatal(err)
			}
			if len(refs) != len(tt.want) {
				t.Fatalf("refs: got %+v, want %d", refs, len(tt.want))
			}
			for i, ref := range refs {
				w := tt.want[i]
				if ref.Requirement != w.Requirement || ref.URL != w.URL || ref.Status != w.Status {
					t.Errorf("ref %d: got %s %s %d, want %s %s %d", i, ref.Requirement, ref.URL, ref.Status, w.Requirement, w.URL, w.Status)
				}
				if ref.FetchedAt.IsZero() {
					t.Errorf("ref %d has no fetch time", i)
				}
				rec, body, err := st.Evidence(ref.Hash)
				if err != nil {
					t.Fatalf("Evidence(%s): %v", ref.Hash, err)
				}
				if rec.Size != len(body) || len(body) == 0 {
					t.Errorf("ref %d body: got %d bytes, record says %d", i, len(body), rec.Size)
				}
				if ref.URL == base+"/ndbg/" {
					// Kept as fetched: the GBK bytes the site served, under
					// their SHA-256, with the charset to read them in.
					if !bytes.Equal(body, site.gbk) {
						t.Errorf("GBK page: got %q, want the bytes served %q", body, site.gbk)
					}
					if sum := sha256.Sum256(site.gbk); ref.Hash != hex.EncodeToString(sum[:]) {
						t.Errorf("GBK page hash: got %s, want the SHA-256 of the bytes served %x", ref.Hash, sum)
					}
					if !rec.AsFetched || rec.Charset != "gb18030" {
						t.Errorf("GBK page record: as fetched %v, charset %q; want true, gb18030", rec.AsFetched, rec.Charset)
					}
					if rec.ContentType != "text/html; charset=GBK" {
						t.Errorf("GBK page content type: got %q, want the header as sent", rec.ContentType)
					}
				}
			}
			if len(refs) > 0 && refs[0].Hash != refs[2].Hash {
				t.Errorf("the column page shared by two results: got hashes %s and %s, want one", refs[0].Hash, refs[2].Hash)
			}
		})
	}
}

// storeErrors reads govaudit_store_errors_total from reg.
func storeErrors(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "govaudit_store_errors_total" {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatal("govaudit_store_errors_total not registered")
	return 0
}

// TestSaveEvidenceOfFindings: a missing column rests on the home page and a
// census finding on the pages it names as its sources; both are kept from
// the fetcher's cache, and a source the audit never read is not fetched.
func TestSaveEvidenceOfFindings(t *testing.T) {
	const base = "http://www.ev.test"
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.FixedZone("CST", 8*3600))
	site := newEvidenceSite(t)
	f := site.crawler(t).Site("ev")
	ctx := context.Background()
	f.Fetch(ctx, base+"/col/", 0) // stands for the home page: a page the audit read
	f.Fetch(ctx, base+"/ndbg/", 1)
	fetched := site.requests()
	audit := govaudit.SiteAudit{SiteID: "ev", AuditedAt: at, Reachable: true,
		Results: []govaudit.Result{{ID: "all-2", Status: govaudit.StatusMissing}},
		Census: []govaudit.CensusFinding{
			{Rule: govaudit.RuleEmptyColumns, Verdict: govaudit.VerdictVeto, Evidence: []string{
				"1 menu columns read", "年度报告 (" + base + "/ndbg/)", "从未读取 (" + base + "/art/1.html)"},
				Sources: []string{base + "/ndbg/", base + "/art/1.html"}},
			{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.VerdictOK, Sources: []string{base + "/col/"}},
		}}
	st, err := store.Open(filepath.Join(t.TempDir(), "govaudit.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutSites([]govaudit.Site{{ID: "ev", Name: "测试局", URL: base + "/col/"}}); err != nil {
		t.Fatal(err)
	}
	run, err := st.BeginRun("cli", []string{"ev"}, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAudit(run.ID, audit); err != nil {
		t.Fatal(err)
	}
	r := &runner{store: st, rec: metrics.NewRecorder(prometheus.NewRegistry()), log: slog.New(slog.DiscardHandler)}
	r.saveEvidence(ctx, f, f, &audit)
	if got := site.requests(); got != fetched {
		t.Errorf("requests: got %d, want %d (evidence must come from the fetcher's cache)", got, fetched)
	}
	refs, err := st.EvidenceFor("ev", at)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ref := range refs {
		got = append(got, ref.Requirement+" "+strings.TrimPrefix(ref.URL, base))
	}
	want := []string{"home /col/", "all-2 /col/", "census:homepage-not-updated /col/", "census:empty-columns /ndbg/"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("refs: got %v, want %v", got, want)
	}
}
