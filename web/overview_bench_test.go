package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// bigFixture is a province of n audited sites, each with 14 requirements,
// as a fake store.
func bigFixture(n int) *fakeStore {
	statuses := []govaudit.Status{govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty, govaudit.StatusMissing}
	snap := &store.Snapshot{TakenAt: auditTime, Audits: map[string]govaudit.SiteAudit{}}
	cities := []string{"沈阳市", "大连市", "鞍山市", "抚顺市"}
	for i := range n {
		id := fmt.Sprintf("s%05d", i)
		snap.Sites = append(snap.Sites, govaudit.Site{ID: id, Name: fmt.Sprintf("测试网站%05d", i), URL: "https://" + id + ".test/",
			Level: govaudit.LevelCounty, City: cities[i%len(cities)]})
		var results []govaudit.Result
		for j := range 14 {
			results = append(results, govaudit.Result{ID: fmt.Sprintf("all-%02d", j+1), Status: statuses[(i+j)%len(statuses)]})
		}
		score := float64(i%100) + 0.5
		snap.Audits[id] = govaudit.SiteAudit{SiteID: id, AuditedAt: auditTime, Reachable: true, Score: &score, Results: results,
			Census: []govaudit.CensusFinding{{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.Verdict([]string{"ok", "warning", "veto"}[i%3])}}}
	}
	return &fakeStore{snap: snap}
}

// BenchmarkOverview renders the first page of the overview of 5000 sites,
// sorted by score: the whole province is filtered and sorted, one page
// of it rendered.
func BenchmarkOverview(b *testing.B) {
	h := newTestHandler(bigFixture(5000))
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, "/?sort=score&city=%E6%B2%88%E9%98%B3%E5%B8%82", nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// TestOverviewOfManySites: a page of a large province holds per_page rows.
func TestOverviewOfManySites(t *testing.T) {
	h := newTestHandler(bigFixture(1500))
	_, body := get(t, h, "/")
	if got := len(overviewSites(t, body)); got != defaultPerPage {
		t.Errorf("rows: got %d, want %d", got, defaultPerPage)
	}
	_, body = get(t, h, "/?page=15")
	if got := len(overviewSites(t, body)); got != 1500-14*defaultPerPage {
		t.Errorf("rows on the last page: got %d, want %d", got, 1500-14*defaultPerPage)
	}
}
