package app

import (
	"context"
	"testing"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// shotFetcher serves one HTML copy per address and a PNG of each.
type shotFetcher struct{ shots []string }

func (f *shotFetcher) Fetch(_ context.Context, u string, _ int) *govaudit.Page {
	return &govaudit.Page{URL: u, FinalURL: u, Status: 200, ContentType: "text/html", Body: []byte("<html>" + u + "</html>")}
}

func (f *shotFetcher) Screenshot(_ context.Context, u string) []byte {
	f.shots = append(f.shots, u)
	return []byte("PNG of " + u)
}

func TestWithScreenshots(t *testing.T) {
	a := &govaudit.SiteAudit{Results: []govaudit.Result{
		{ID: "fresh", Status: govaudit.StatusFresh, ColumnURL: "http://a.test/fresh/", Sources: []string{"http://a.test/fresh/"}},
		{ID: "stale", Status: govaudit.StatusStale, ColumnURL: "http://a.test/stale/", Sources: []string{"http://a.test/stale/"}},
		{ID: "empty", Status: govaudit.StatusEmpty, ColumnURL: "http://a.test/empty/", Sources: []string{"http://a.test/empty/"}},
		{ID: "unreadable", Status: govaudit.StatusUnreadable, ColumnURL: "http://a.test/script/"},
		{ID: "missing", Status: govaudit.StatusMissing},
	}, Census: []govaudit.CensusFinding{
		{Rule: govaudit.RuleColumnsNotUpdated, Verdict: govaudit.VerdictVeto, Sources: []string{"http://a.test/news/", "http://a.test/notices/"}},
		{Rule: govaudit.RuleEmptyColumns, Verdict: govaudit.VerdictWarning, Sources: []string{"http://a.test/blank/"}},
	}}
	f := &shotFetcher{}
	var pages []store.EvidencePage
	for _, res := range a.Results {
		for _, u := range res.Sources {
			pages = append(pages, evidenceCopy(u, f.Fetch(context.Background(), u, 0)))
			pages[len(pages)-1].Requirements = []string{res.ID}
		}
	}
	pages = withScreenshots(context.Background(), f, a, pages)
	want := map[string]string{
		"http://a.test/fresh/": "", "http://a.test/stale/": "PNG of http://a.test/stale/",
		"http://a.test/empty/": "PNG of http://a.test/empty/", "http://a.test/script/": "PNG of http://a.test/script/",
		// A veto's first page; a warning gets none.
		"http://a.test/news/": "PNG of http://a.test/news/",
	}
	got := map[string]string{}
	for _, p := range pages {
		got[p.URL] = string(p.PNG)
	}
	for u, w := range want {
		if got[u] != w {
			t.Errorf("%s: got screenshot %q, want %q", u, got[u], w)
		}
	}
	if len(pages) != len(want) {
		t.Errorf("got %d evidence pages, want %d", len(pages), len(want))
	}
	var unreadable store.EvidencePage
	for _, p := range pages {
		if p.URL == "http://a.test/script/" {
			unreadable = p
		}
	}
	if len(unreadable.Requirements) != 1 || unreadable.Requirements[0] != "unreadable" {
		t.Errorf("unreadable column's copy decides %q, want [unreadable]", unreadable.Requirements)
	}
	for _, p := range pages {
		if p.URL == "http://a.test/news/" && (len(p.Requirements) != 1 || p.Requirements[0] != report.CensusEvidenceKey(govaudit.RuleColumnsNotUpdated)) {
			t.Errorf("veto's page backs %q, want the rule's evidence key", p.Requirements)
		}
	}
}
