package web

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// TestPassRateTrend holds the overview's pass-rate trend, read one audit
// at a time with ended days kept, to the exports' verdicts as of each day
// (report.BuildAsOf over every audit at once).
func TestPassRateTrend(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "trend.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sites := []govaudit.Site{{ID: "a", Name: "甲", URL: "http://a.gov.cn/"}, {ID: "b", Name: "乙", URL: "http://b.gov.cn/"},
		{ID: "c", Name: "丙", URL: "http://c.gov.cn/"}}
	if err := st.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	loc := time.FixedZone("CST", 8*3600)
	day0 := time.Date(2026, 11, 2, 10, 0, 0, 0, loc)
	// pass: judged and no veto; fail: the availability veto; not judged:
	// the home page could not be read.
	audit := func(id string, at time.Time, verdict string) govaudit.SiteAudit {
		score := 90.0
		a := govaudit.SiteAudit{SiteID: id, AuditedAt: at, Reachable: true, Score: &score,
			Results: []govaudit.Result{{ID: "all-01", Status: govaudit.StatusFresh, Compliant: govaudit.CompliantYes}}}
		switch verdict {
		case "fail":
			a.Census = []govaudit.CensusFinding{{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictVeto}}
		case "not_judged":
			a.Reachable = false
			a.HomeError = &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "timeout"}
		}
		return a
	}
	plan := [][]string{ // per day, the verdicts of a, b, c ("" for no audit)
		{"pass", "fail", ""},
		{"", "pass", "not_judged"},
		{"fail", "", "pass"},
	}
	for d, verdicts := range plan {
		at := day0.AddDate(0, 0, d)
		run, err := st.BeginRun("cli", []string{"a", "b", "c"}, at)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range verdicts {
			if v != "" {
				if err := st.SaveAudit(run.ID, audit(sites[i].ID, at.Add(time.Duration(i)*time.Minute), v)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	now := day0.AddDate(0, 0, len(plan)-1).Add(5 * time.Hour)
	h := New(Options{Store: st, Location: loc}).(*handler)
	h.now = func() time.Time { return now }

	var want []string
	for d := range plan {
		day := govaudit.DateOf(day0.AddDate(0, 0, d))
		audits, err := st.LatestAsOf(report.EndOfDay(day))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := report.BuildAsOf(sites, audits, nil, day, now, loc)
		if err != nil {
			t.Fatal(err)
		}
		r := passRate(doc.Sites)
		want = append(want, fmt.Sprintf("%s %d/%d", day, r.pass, r.judged))
	}
	if w := []string{"2026-11-02 1/2", "2026-11-03 2/2", "2026-11-04 2/3"}; fmt.Sprint(want) != fmt.Sprint(w) {
		t.Fatalf("the exports' verdicts: got %v, want %v", want, w)
	}
	for _, round := range []string{"first", "past days kept"} {
		t.Run(round, func(t *testing.T) {
			snap := st.Snapshot()
			c, msg := h.passRateTrend(snap, h.index(snap))
			if msg != "" || c == nil {
				t.Fatalf("trend: got %v, %q", c, msg)
			}
			var got []string
			for _, d := range c.Dots {
				got = append(got, d.Title)
			}
			if w := []string{"2026-11-02 合格 1 / 可判定 2（50.0%）", "2026-11-03 合格 2 / 可判定 2（100.0%）", "2026-11-04 合格 2 / 可判定 3（66.7%）"}; fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("trend: got %v, want %v", got, w)
			}
			if n := len(h.trend.past); n != 2 {
				t.Errorf("days kept: got %d, want the 2 that have ended", n)
			}
			h.trend.snap = nil // as a new snapshot would
		})
	}
}

// TestWarm: Warm builds the index and the trend of the store's current
// snapshot, which the next overview then uses as they are.
func TestWarm(t *testing.T) {
	f := fixture()
	h := New(Options{Store: f}).(*handler)
	h.Warm()
	snap := f.Snapshot()
	if idx := h.indexes.idx; idx == nil || idx.snap != snap {
		t.Fatalf("index after Warm: got %+v, want one of the current snapshot", idx)
	}
	if h.trend.snap != snap {
		t.Errorf("trend after Warm: computed for %p, want the current snapshot %p", h.trend.snap, snap)
	}
	before := h.indexes.idx
	if h.index(snap) != before {
		t.Error("the overview built the index again")
	}
}
