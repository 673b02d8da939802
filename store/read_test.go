package store

import (
	"reflect"
	"testing"
	"time"
)

// historyStore has three audits of site-00 and one of site-01:
//
//	site-00  t0+1h "a", t0+2h "b", t0+3h "c"
//	site-01  t0+2h "x"
func historyStore(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	sites := testSites(2)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	saves := []struct {
		site string
		at   time.Duration
		ev   string
	}{
		// Saved out of order: history is ordered by AuditedAt, not by save.
		{"site-00", 2 * time.Hour, "b"},
		{"site-00", 1 * time.Hour, "a"},
		{"site-01", 2 * time.Hour, "x"},
		{"site-00", 3 * time.Hour, "c"},
	}
	for _, sv := range saves {
		if err := s.SaveAudit(run.ID, testAudit(sv.site, t0.Add(sv.at), sv.ev)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestHistory(t *testing.T) {
	s := historyStore(t)
	var zero time.Time
	h := func(d time.Duration) time.Time { return t0.Add(d) }
	tests := []struct {
		name         string
		site         string
		since, until time.Time
		want         []string
	}{
		{"everything", "site-00", zero, zero, []string{"a", "b", "c"}},
		{"bounds are inclusive", "site-00", h(time.Hour), h(2 * time.Hour), []string{"a", "b"}},
		{"since only", "site-00", h(2 * time.Hour), zero, []string{"b", "c"}},
		{"until only", "site-00", zero, h(2*time.Hour - time.Nanosecond), []string{"a"}},
		{"between entries", "site-00", h(time.Hour + 1), h(2*time.Hour - 1), nil},
		{"after the last", "site-00", h(4 * time.Hour), zero, nil},
		{"until before 1970", "site-00", zero, time.Unix(-1, 0), nil},
		{"since before 1970", "site-00", time.Unix(-1, 0), h(time.Hour), []string{"a"}},
		{"other site", "site-01", zero, zero, []string{"x"}},
		{"unknown site", "nope", zero, zero, nil},
		{"other time zone, same instant", "site-00", h(2 * time.Hour).In(time.FixedZone("CST", 8*3600)), zero, []string{"b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.History(tt.site, tt.since, tt.until)
			if err != nil {
				t.Fatal(err)
			}
			if ev := evidenceOf(got); !reflect.DeepEqual(ev, tt.want) {
				t.Errorf("got %v, want %v", ev, tt.want)
			}
		})
	}
}

func TestLatestAsOf(t *testing.T) {
	s := historyStore(t)
	h := func(d time.Duration) time.Time { return t0.Add(d) }
	tests := []struct {
		name string
		at   time.Time
		want map[string]string // site → evidence
	}{
		{"before any audit", h(time.Hour - 1), map[string]string{}},
		{"exactly at an audit", h(time.Hour), map[string]string{"site-00": "a"}},
		{"between audits", h(2*time.Hour + time.Minute), map[string]string{"site-00": "b", "site-01": "x"}},
		{"after every audit", h(100 * time.Hour), map[string]string{"site-00": "c", "site-01": "x"}},
		{"far future", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), map[string]string{"site-00": "c", "site-01": "x"}},
		{"before 1970", time.Unix(-5, 0), map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.LatestAsOf(tt.at)
			if err != nil {
				t.Fatal(err)
			}
			ev := map[string]string{}
			for id, a := range got {
				if a.SiteID != id {
					t.Errorf("audit under %s has site id %s", id, a.SiteID)
				}
				ev[id] = a.Results[0].Evidence[0]
			}
			if !reflect.DeepEqual(ev, tt.want) {
				t.Errorf("got %v, want %v", ev, tt.want)
			}
			// One site at a time, as the exports as of a day read them.
			for _, id := range []string{"site-00", "site-01", "no-such-site"} {
				a, ok, err := s.AuditAsOf(id, tt.at)
				if err != nil {
					t.Fatal(err)
				}
				want, had := tt.want[id]
				if ok != had || (ok && a.Results[0].Evidence[0] != want) {
					t.Errorf("AuditAsOf(%s): got ok %v %+v, want ok %v evidence %q", id, ok, a.Results, had, want)
				}
			}
		})
	}
}

func TestRuns(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(2)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	first := completeRun(t, s, siteIDs(sites), t0)
	second := completeRun(t, s, siteIDs(sites), t0.Add(time.Hour))
	running, err := s.BeginRun("api", []string{"site-01"}, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAudit(running.ID, testAudit("site-01", t0.Add(2*time.Hour))); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		limit     int
		wantIDs   []uint64
		wantSaved []int
	}{
		{0, []uint64{running.ID, second.ID, first.ID}, []int{1, 2, 2}},
		{-1, []uint64{running.ID, second.ID, first.ID}, []int{1, 2, 2}},
		{2, []uint64{running.ID, second.ID}, []int{1, 2}},
		{1, []uint64{running.ID}, []int{1}},
		{10, []uint64{running.ID, second.ID, first.ID}, []int{1, 2, 2}},
	}
	for _, tt := range tests {
		got, err := s.Runs(tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		var saved []int
		for _, r := range got {
			ids = append(ids, r.ID)
			saved = append(saved, r.Saved)
		}
		if !reflect.DeepEqual(ids, tt.wantIDs) || !reflect.DeepEqual(saved, tt.wantSaved) {
			t.Errorf("Runs(%d): got ids %v saved %v, want %v %v", tt.limit, ids, saved, tt.wantIDs, tt.wantSaved)
		}
	}
	if got := s.Snapshot().LastRun; got.ID != running.ID || got.Saved != 1 || got.Trigger != "api" {
		t.Errorf("LastRun: got %+v, want run %d, 1 saved, trigger api", got, running.ID)
	}
}
