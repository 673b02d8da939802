package metrics

import (
	"fmt"
	"sync/atomic"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// The store is the snapshot source the daemon wires in.
var _ Snapshotter = (*store.Store)(nil)

// source is a Snapshotter whose snapshot a test can swap, as the store does
// after every write.
type source struct {
	p atomic.Pointer[store.Snapshot]
}

func newSource(s *store.Snapshot) *source {
	src := &source{}
	src.p.Store(s)
	return src
}

func (s *source) Snapshot() *store.Snapshot { return s.p.Load() }

// cst is China Standard Time without depending on the system's tz database.
var cst = time.FixedZone("CST", 8*3600)

func day(y int, m time.Month, d int) govaudit.Date {
	return govaudit.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, cst)}
}

func newest(d govaudit.Date) *govaudit.Item {
	return &govaudit.Item{Title: "通知", URL: "http://www.a.gov.cn/t.html", Date: d}
}

// fixtureSnapshot has four configured sites: ln-fgw audited and fresh,
// dl-portal audited with a stale and a missing column, sy-czj unreachable with
// no dated item, and ln-sthj not audited yet. It also holds the audit of
// old-site, which is no longer configured and must not be exported.
func fixtureSnapshot() *store.Snapshot {
	return &store.Snapshot{
		TakenAt: time.Date(2026, 11, 25, 2, 31, 0, 0, cst),
		Sites: []govaudit.Site{
			{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.gov.cn/", Level: govaudit.LevelProvince, Department: "fgw"},
			{ID: "dl-portal", Name: "大连市人民政府", URL: "https://www.dl.gov.cn/", Level: govaudit.LevelCity, City: "大连"},
			{ID: "sy-czj", Name: "沈阳市财政局", URL: "https://czj.shenyang.gov.cn/", Level: govaudit.LevelCity, Department: "czt", City: "沈阳"},
			{ID: "ln-sthj", Name: "辽宁省生态环境厅", URL: "https://sthj.ln.gov.cn/", Level: govaudit.LevelProvince, Department: "sthj"},
		},
		Audits: map[string]govaudit.SiteAudit{
			"ln-fgw": {
				SiteID:    "ln-fgw",
				AuditedAt: time.Date(2026, 11, 25, 2, 0, 41, 0, cst),
				Reachable: true,
				Results: []govaudit.Result{
					{ID: "all-10", Status: govaudit.StatusFresh, NewestItem: newest(day(2026, 11, 20))},
					{ID: "fgw-3", Status: govaudit.StatusFresh, NewestItem: newest(day(2026, 11, 18))},
				},
				Fetch: govaudit.FetchStats{Pages: 57},
			},
			"dl-portal": {
				SiteID:    "dl-portal",
				AuditedAt: time.Date(2026, 11, 25, 2, 3, 10, 0, cst),
				Reachable: true,
				Results: []govaudit.Result{
					{ID: "all-10", Status: govaudit.StatusStale, NewestItem: newest(day(2025, 12, 1))},
					{ID: "all-05", Status: govaudit.StatusMissing},
				},
				Fetch: govaudit.FetchStats{Pages: 120, Errors: map[govaudit.ErrorKind]int{govaudit.ErrHTTP4xx: 3}},
			},
			"sy-czj": {
				SiteID:    "sy-czj",
				AuditedAt: time.Date(2026, 11, 25, 2, 5, 0, 0, cst),
				Reachable: false,
				HomeError: &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "no answer in 20s"},
				Results: []govaudit.Result{
					{ID: "all-10", Status: govaudit.StatusUnreachable},
					{ID: "czt-1", Status: govaudit.StatusUnreachable},
				},
				Fetch: govaudit.FetchStats{Pages: 1, Errors: map[govaudit.ErrorKind]int{govaudit.ErrTimeout: 1}},
			},
			"old-site": {
				SiteID:    "old-site",
				AuditedAt: time.Date(2026, 11, 24, 2, 0, 0, 0, cst),
				Reachable: true,
				Results:   []govaudit.Result{{ID: "all-10", Status: govaudit.StatusFresh, NewestItem: newest(day(2026, 11, 1))}},
				Fetch:     govaudit.FetchStats{Pages: 9},
			},
		},
		LastRun: &store.Run{ID: 8, StartedAt: time.Date(2026, 11, 26, 2, 0, 0, 0, cst), Trigger: "schedule"},
		LastCompleteRun: &store.Run{
			ID: 7, StartedAt: time.Date(2026, 11, 25, 2, 0, 0, 0, cst), FinishedAt: time.Date(2026, 11, 25, 2, 30, 0, 0, cst),
			Sites: []string{"ln-fgw", "dl-portal", "sy-czj"}, Complete: true, Trigger: "schedule",
		},
	}
}

// syntheticRequirements are the four requirements audits judge today.
var syntheticRequirements = []string{"all-10", "all-05", "fgw-3", "czt-1"}

// syntheticSnapshot has n audited sites with four results each, cycling
// through every status; fresh and stale results carry a newest item.
func syntheticSnapshot(n int) *store.Snapshot {
	levels := []govaudit.Level{govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty}
	departments := []string{"", "fgw", "czt", "scjg", "sthj"}
	cities := []string{"沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦", "铁岭", "朝阳", "葫芦岛"}
	audited := time.Date(2026, 11, 25, 2, 0, 0, 0, cst)
	snap := &store.Snapshot{
		TakenAt: audited.Add(3 * time.Hour),
		Sites:   make([]govaudit.Site, 0, n),
		Audits:  make(map[string]govaudit.SiteAudit, n),
		LastCompleteRun: &store.Run{
			ID: 1, StartedAt: audited, FinishedAt: audited.Add(2 * time.Hour), Complete: true, Trigger: "schedule",
		},
	}
	for i := range n {
		id := fmt.Sprintf("site-%05d", i)
		snap.Sites = append(snap.Sites, govaudit.Site{
			ID:         id,
			Name:       fmt.Sprintf("第%d号政府网站", i),
			URL:        fmt.Sprintf("https://www%d.example.gov.cn/", i),
			Level:      levels[i%len(levels)],
			Department: departments[i%len(departments)],
			City:       cities[i%len(cities)],
		})
		results := make([]govaudit.Result, len(syntheticRequirements))
		for j, req := range syntheticRequirements {
			st := govaudit.Statuses[(i+j)%len(govaudit.Statuses)]
			results[j] = govaudit.Result{ID: req, Status: st}
			if st == govaudit.StatusFresh || st == govaudit.StatusStale {
				results[j].NewestItem = newest(govaudit.DateOf(audited.AddDate(0, 0, -(i+j)%400)))
			}
		}
		snap.Audits[id] = govaudit.SiteAudit{
			SiteID:    id,
			AuditedAt: audited.Add(time.Duration(i) * 500 * time.Millisecond),
			Reachable: i%7 != 0,
			Results:   results,
			Fetch:     govaudit.FetchStats{Pages: i % 400},
		}
	}
	return snap
}

// labelsOf returns a metric's labels as a map.
func labelsOf(m *dto.Metric) map[string]string {
	out := make(map[string]string, len(m.GetLabel()))
	for _, lp := range m.GetLabel() {
		out[lp.GetName()] = lp.GetValue()
	}
	return out
}

// value returns the value of the series of family name whose labels include
// all of want, and whether there is one.
func value(mfs []*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			got := labelsOf(m)
			for k, v := range want {
				if got[k] != v {
					continue metrics
				}
			}
			switch {
			case m.Gauge != nil:
				return m.GetGauge().GetValue(), true
			case m.Counter != nil:
				return m.GetCounter().GetValue(), true
			case m.Untyped != nil:
				return m.GetUntyped().GetValue(), true
			}
		}
	}
	return 0, false
}
