package store

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

var t0 = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)

// openTemp opens a new store in a temporary directory and closes it when the
// test ends.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "govaudit.db")
	return openPath(t, path, Options{}), path
}

func openPath(t *testing.T, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testSites(n int) []govaudit.Site {
	sites := make([]govaudit.Site, n)
	for i := range sites {
		sites[i] = govaudit.Site{
			ID:         fmt.Sprintf("site-%02d", i),
			Name:       fmt.Sprintf("测试局 %d", i),
			URL:        fmt.Sprintf("https://www.s%d.gov.cn/", i),
			Level:      govaudit.LevelCity,
			Department: "fgw",
			Hints:      map[string]string{"fgw-3": fmt.Sprintf("https://www.s%d.gov.cn/ppp/", i)},
		}
	}
	// Not in id order, so that a test can tell configured order from key order.
	sites[0], sites[n-1] = sites[n-1], sites[0]
	return sites
}

func siteIDs(sites []govaudit.Site) []string {
	ids := make([]string, len(sites))
	for i, s := range sites {
		ids[i] = s.ID
	}
	return ids
}

// testAudit builds an audit that exercises every field that must survive
// JSON: a Date, a pointer, Details with an int and a nested value.
func testAudit(siteID string, at time.Time, evidence ...string) govaudit.SiteAudit {
	age := 7
	shanghai := time.FixedZone("CST", 8*3600)
	return govaudit.SiteAudit{
		SiteID:    siteID,
		AuditedAt: at,
		Duration:  41 * time.Second,
		Reachable: true,
		Results: []govaudit.Result{{
			ID:         "fgw-3",
			Status:     govaudit.StatusFresh,
			ColumnURL:  "https://www.x.gov.cn/ppp/",
			NewestItem: &govaudit.Item{Title: "PPP项目公示", URL: "https://www.x.gov.cn/ppp/1.html", Date: govaudit.DateOf(time.Date(2026, 11, 18, 15, 4, 0, 0, shanghai))},
			AgeDays:    &age,
			MaxAgeDays: 365,
			Evidence:   evidence,
			Details:    map[string]any{"documents_checked": 12, "fields": []string{"回报机制"}},
		}},
		Fetch: govaudit.FetchStats{Pages: 9, Errors: map[govaudit.ErrorKind]int{govaudit.ErrHTTP4xx: 1}},
	}
}

func replaceAll(s string, oldNew ...string) string {
	return strings.NewReplacer(oldNew...).Replace(s)
}

func itoa(n int) string { return strconv.Itoa(n) }

// latestOf reads every latest audit of snap into a map.
func latestOf(t testing.TB, snap *Snapshot) map[string]govaudit.SiteAudit {
	t.Helper()
	m, err := snap.LatestAudits()
	if err != nil {
		t.Errorf("latest audits: %v", err)
	}
	return m
}
