package metrics

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

func TestCollectorExposition(t *testing.T) {
	c := NewCollector(newSource(fixtureSnapshot()), govaudit.DefaultCatalog())
	tests := []struct {
		name string
		want string
	}{
		{"govaudit_requirement_status", `
# HELP govaudit_requirement_status Status of the requirement at the site's last audit: 0 fresh, 2 stale, 3 empty, 4 missing, 5 unreachable, 6 blocked, 7 not_web_checkable, 8 unreadable, 9 error.
# TYPE govaudit_requirement_status gauge
govaudit_requirement_status{column_url="",requirement="all-10",site="ln-fgw"} 0
govaudit_requirement_status{column_url="",requirement="fgw-3",site="ln-fgw"} 0
govaudit_requirement_status{column_url="",requirement="all-10",site="dl-portal"} 2
govaudit_requirement_status{column_url="",requirement="all-05",site="dl-portal"} 4
govaudit_requirement_status{column_url="",requirement="all-10",site="sy-czj"} 5
govaudit_requirement_status{column_url="",requirement="czt-1",site="sy-czj"} 5
`},
		// Midnight of 2026-11-20, 2026-11-18 and 2025-12-01 in UTC+8. The
		// missing and unreachable columns have no newest item.
		{"govaudit_requirement_newest_item_timestamp_seconds", `
# HELP govaudit_requirement_newest_item_timestamp_seconds Unix time of the day of the newest dated item found for the requirement at the site's last audit (midnight in the configured timezone). Absent when no dated item was found.
# TYPE govaudit_requirement_newest_item_timestamp_seconds gauge
govaudit_requirement_newest_item_timestamp_seconds{requirement="all-10",site="ln-fgw"} 1795104000
govaudit_requirement_newest_item_timestamp_seconds{requirement="fgw-3",site="ln-fgw"} 1794931200
govaudit_requirement_newest_item_timestamp_seconds{requirement="all-10",site="dl-portal"} 1764518400
`},
		{"govaudit_site_info", `
# HELP govaudit_site_info Configured site, always 1; join on the site label for its name, level, department and city.
# TYPE govaudit_site_info gauge
govaudit_site_info{city="",department="fgw",level="province",name="辽宁省发展和改革委员会",site="ln-fgw"} 1
govaudit_site_info{city="大连",department="",level="city",name="大连市人民政府",site="dl-portal"} 1
govaudit_site_info{city="沈阳",department="czt",level="city",name="沈阳市财政局",site="sy-czj"} 1
govaudit_site_info{city="",department="sthj",level="province",name="辽宁省生态环境厅",site="ln-sthj"} 1
`},
		{"govaudit_site_reachable", `
# HELP govaudit_site_reachable Whether the site's home page could be read at its last audit (1) or not (0).
# TYPE govaudit_site_reachable gauge
govaudit_site_reachable{site="ln-fgw"} 1
govaudit_site_reachable{site="dl-portal"} 1
govaudit_site_reachable{site="sy-czj"} 0
`},
		{"govaudit_site_last_audit_timestamp_seconds", `
# HELP govaudit_site_last_audit_timestamp_seconds Unix time at which the site's last complete audit started.
# TYPE govaudit_site_last_audit_timestamp_seconds gauge
govaudit_site_last_audit_timestamp_seconds{site="ln-fgw"} 1795543241
govaudit_site_last_audit_timestamp_seconds{site="dl-portal"} 1795543390
govaudit_site_last_audit_timestamp_seconds{site="sy-czj"} 1795543500
`},
		{"govaudit_site_pages_fetched", `
# HELP govaudit_site_pages_fetched Pages fetched by the site's last complete audit.
# TYPE govaudit_site_pages_fetched gauge
govaudit_site_pages_fetched{site="ln-fgw"} 57
govaudit_site_pages_fetched{site="dl-portal"} 120
govaudit_site_pages_fetched{site="sy-czj"} 1
`},
		{"govaudit_last_complete_run_timestamp_seconds", `
# HELP govaudit_last_complete_run_timestamp_seconds Unix time at which the newest audit run that saved every one of its sites finished.
# TYPE govaudit_last_complete_run_timestamp_seconds gauge
govaudit_last_complete_run_timestamp_seconds 1795545000
`},
		{"govaudit_sites", `
# HELP govaudit_sites Number of configured sites.
# TYPE govaudit_sites gauge
govaudit_sites 4
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := testutil.CollectAndCompare(c, strings.NewReader(tt.want), tt.name); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestCollectorMaxAge(t *testing.T) {
	cat := govaudit.DefaultCatalog()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(newSource(fixtureSnapshot()), cat))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		req     string
		want    float64
		present bool
	}{
		{"fgw-3", 365 * 86400, true},
		{"all-03", 92 * 86400, true},
		{"all-10", 180 * 86400, true},
		{"hbt-1", 86400, true},
		{"all-14", 0, false}, // "once": no cadence
		{"wjw-1", 0, false},  // offline, no cadence
	}
	for _, tt := range tests {
		t.Run(tt.req, func(t *testing.T) {
			got, ok := value(mfs, "govaudit_requirement_max_age_seconds", map[string]string{"requirement": tt.req})
			if ok != tt.present || got != tt.want {
				t.Errorf("got %v (present %v), want %v (present %v)", got, ok, tt.want, tt.present)
			}
		})
	}
	want := 0
	for _, r := range cat.All() {
		if r.MaxAgeDays > 0 {
			want++
		}
	}
	if got := testutil.CollectAndCount(NewCollector(newSource(nil), cat), "govaudit_requirement_max_age_seconds"); got != want {
		t.Errorf("max age series: got %d, want %d (one per requirement with a cadence)", got, want)
	}
}

// TestCollectorCardinality checks the field notes' budget: at most two series
// per (site, requirement), and only the status and newest-item families carry
// both labels.
func TestCollectorCardinality(t *testing.T) {
	perPair := map[string]bool{
		"govaudit_requirement_status":                        true,
		"govaudit_requirement_newest_item_timestamp_seconds": true,
	}
	tests := []struct {
		name      string
		snap      *store.Snapshot
		wantPairs int // requirement results of configured sites
		wantTotal int // status and newest-item series
	}{
		{"fixture", fixtureSnapshot(), 6, 6 + 3},
		// Statuses cycle with period 9 and 4 results a site, so of 70 sites'
		// 280 results 60 are fresh or stale and carry a newest item.
		{"synthetic", syntheticSnapshot(70), 280, 280 + 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCollector(newSource(tt.snap), govaudit.DefaultCatalog())
			got := testutil.CollectAndCount(c, "govaudit_requirement_status", "govaudit_requirement_newest_item_timestamp_seconds")
			if got != tt.wantTotal {
				t.Errorf("per-pair series: got %d, want %d", got, tt.wantTotal)
			}
			if got > 2*tt.wantPairs {
				t.Errorf("per-pair series: got %d for %d pairs, want at most %d", got, tt.wantPairs, 2*tt.wantPairs)
			}

			reg := prometheus.NewPedanticRegistry()
			reg.MustRegister(c)
			mfs, err := reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			series := map[[2]string]int{}
			for _, mf := range mfs {
				for _, m := range mf.GetMetric() {
					l := labelsOf(m)
					_, hasSite := l["site"]
					_, hasReq := l["requirement"]
					if !hasSite || !hasReq {
						continue
					}
					if !perPair[mf.GetName()] {
						t.Errorf("%s carries both site and requirement labels; only %v may", mf.GetName(), perPair)
					}
					series[[2]string{l["site"], l["requirement"]}]++
				}
			}
			if len(series) != tt.wantPairs {
				t.Errorf("(site, requirement) pairs: got %d, want %d", len(series), tt.wantPairs)
			}
			for pair, n := range series {
				if n > 2 {
					t.Errorf("%v: got %d series, want at most 2", pair, n)
				}
			}
		})
	}
}

func TestCollectorLint(t *testing.T) {
	for name, snap := range map[string]*store.Snapshot{
		"fixture":   fixtureSnapshot(),
		"synthetic": syntheticSnapshot(30),
	} {
		t.Run(name, func(t *testing.T) {
			problems, err := testutil.CollectAndLint(NewCollector(newSource(snap), govaudit.DefaultCatalog()))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("lint: %s: %s", p.Metric, p.Text)
			}
		})
	}
}

// TestCollectorSnapshotSwap checks that every scrape reads the snapshot
// current at that moment: a site removed from the config loses all its
// series, and a new audit's values replace the old ones.
func TestCollectorSnapshotSwap(t *testing.T) {
	src := newSource(fixtureSnapshot())
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(src, govaudit.DefaultCatalog()))

	countSite := func(site string) int {
		t.Helper()
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				if labelsOf(m)["site"] == site {
					n++
				}
			}
		}
		return n
	}
	// site_info, reachable, last audit, pages, 2 statuses, 1 newest item,
	// verdict, not-judged audits.
	if got, want := countSite("dl-portal"), 9; got != want {
		t.Fatalf("dl-portal series before the swap: got %d, want %d", got, want)
	}

	next := fixtureSnapshot()
	next.Sites = append(next.Sites[:1:1], next.Sites[2:]...) // drop dl-portal
	delete(next.Audits, "dl-portal")
	fgw := next.Audits["ln-fgw"]
	fgw.Results = []govaudit.Result{{ID: "all-10", Status: govaudit.StatusEmpty}, {ID: "fgw-3", Status: govaudit.StatusFresh, NewestItem: newest(day(2026, 11, 18))}}
	next.Audits["ln-fgw"] = fgw
	src.p.Store(next)

	if got := countSite("dl-portal"); got != 0 {
		t.Errorf("dl-portal series after the swap: got %d, want 0", got)
	}
	want := `
# HELP govaudit_requirement_status Status of the requirement at the site's last audit: 0 fresh, 2 stale, 3 empty, 4 missing, 5 unreachable, 6 blocked, 7 not_web_checkable, 8 unreadable, 9 error.
# TYPE govaudit_requirement_status gauge
govaudit_requirement_status{column_url="",requirement="all-10",site="ln-fgw"} 3
govaudit_requirement_status{column_url="",requirement="fgw-3",site="ln-fgw"} 0
govaudit_requirement_status{column_url="",requirement="all-10",site="sy-czj"} 5
govaudit_requirement_status{column_url="",requirement="czt-1",site="sy-czj"} 5
# HELP govaudit_requirement_newest_item_timestamp_seconds Unix time of the day of the newest dated item found for the requirement at the site's last audit (midnight in the configured timezone). Absent when no dated item was found.
# TYPE govaudit_requirement_newest_item_timestamp_seconds gauge
govaudit_requirement_newest_item_timestamp_seconds{requirement="fgw-3",site="ln-fgw"} 1794931200
# HELP govaudit_sites Number of configured sites.
# TYPE govaudit_sites gauge
govaudit_sites 3
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"govaudit_requirement_status", "govaudit_requirement_newest_item_timestamp_seconds", "govaudit_sites"); err != nil {
		t.Error(err)
	}
}

// TestCollectorBeforeFirstAudit covers a store with nothing in it yet (nil
// snapshot) and one with configured sites but no run: only what is known is
// exported, and no timestamp of 1970 appears.
func TestCollectorBeforeFirstAudit(t *testing.T) {
	cat := govaudit.DefaultCatalog()
	// The catalog's constant series: one max age per requirement with a
	// cadence and one info series per requirement.
	maxAges := testutil.CollectAndCount(NewCollector(newSource(nil), cat), "govaudit_requirement_max_age_seconds") + len(cat.All())
	tests := []struct {
		name string
		snap *store.Snapshot
		want int
	}{
		{"nil snapshot", nil, maxAges},
		{"no audit yet", &store.Snapshot{Sites: fixtureSnapshot().Sites[:2]}, maxAges + 1 + 2}, // sites, 2 site_info
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCollector(newSource(tt.snap), cat)
			if got := testutil.CollectAndCount(c); got != tt.want {
				t.Errorf("series: got %d, want %d", got, tt.want)
			}
			if got := testutil.CollectAndCount(c, "govaudit_last_complete_run_timestamp_seconds"); got != 0 {
				t.Errorf("last complete run series: got %d, want 0", got)
			}
		})
	}
}

// TestCollectorBadData checks that data the collector cannot export (a label
// value that is not UTF-8, an undefined status) fails that one series, not
// the scrape nor the process.
func TestCollectorBadData(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Sites[1].Name = "大连\xff"
	fgw := snap.Audits["ln-fgw"]
	fgw.Results = append([]govaudit.Result{{ID: "all-06", Status: "unknown"}}, fgw.Results...)
	snap.Audits["ln-fgw"] = fgw

	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(newSource(snap), govaudit.DefaultCatalog()))
	mfs, err := reg.Gather()
	if err == nil {
		t.Fatal("gather: got no error, want errors for the bad name and status")
	}
	for _, want := range []string{"not valid UTF-8", `undefined status "unknown"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("gather error %q: want it to mention %q", err, want)
		}
	}
	for _, tt := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"govaudit_site_info", map[string]string{"site": "ln-fgw"}, 1},
		{"govaudit_requirement_status", map[string]string{"site": "ln-fgw", "requirement": "fgw-3"}, 0},
		{"govaudit_requirement_status", map[string]string{"site": "dl-portal", "requirement": "all-10"}, 2},
	} {
		if got, ok := value(mfs, tt.name, tt.labels); !ok || got != tt.want {
			t.Errorf("%s%v: got %v (present %v), want %v", tt.name, tt.labels, got, ok, tt.want)
		}
	}
	if _, ok := value(mfs, "govaudit_requirement_status", map[string]string{"site": "ln-fgw", "requirement": "all-06"}); ok {
		t.Error("undefined status exported; want it left out")
	}
}

func TestStatusHelpCoversEveryStatus(t *testing.T) {
	help := statusHelp()
	for _, s := range govaudit.Statuses {
		if !strings.Contains(help, string(s)) {
			t.Errorf("help %q: want it to name %s", help, s)
		}
	}
}
