package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

func TestRoundTrip(t *testing.T) {
	s, path := openTemp(t)
	sites := testSites(3)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	// site-01 is audited twice within the run: the later audit is latest.
	saves := []govaudit.SiteAudit{
		testAudit("site-02", t0.Add(1*time.Second), "a"),
		testAudit("site-01", t0.Add(2*time.Second), "b"),
		testAudit("site-00", t0.Add(3*time.Second), "c"),
		testAudit("site-01", t0.Add(4*time.Second), "d"),
	}
	for _, a := range saves {
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatalf("SaveAudit(%s): %v", a.SiteID, err)
		}
	}
	finished, err := s.FinishRun(run.ID, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	wantRun := Run{ID: run.ID, StartedAt: t0, FinishedAt: t0.Add(time.Minute), Sites: siteIDs(sites), Complete: true, Saved: 3, Trigger: "cli"}
	if !runsEqual(finished, wantRun) {
		t.Errorf("FinishRun: got %+v, want %+v", finished, wantRun)
	}

	check := func(t *testing.T, snap *Snapshot, latest map[string]govaudit.SiteAudit) {
		t.Helper()
		if got, want := siteIDs(snap.Sites), siteIDs(sites); !reflect.DeepEqual(got, want) {
			t.Errorf("site order: got %v, want %v", got, want)
		}
		if got, want := snap.Sites[0].Hints["fgw-3"], sites[0].Hints["fgw-3"]; got != want {
			t.Errorf("hint: got %q, want %q", got, want)
		}
		wantEvidence := map[string]string{"site-00": "c", "site-01": "d", "site-02": "a"}
		if len(latest) != len(wantEvidence) {
			t.Errorf("latest: got %d sites, want %d", len(latest), len(wantEvidence))
		}
		for id, ev := range wantEvidence {
			a := latest[id]
			if got := a.Results[0].Evidence; len(got) != 1 || got[0] != ev {
				t.Errorf("latest %s evidence: got %v, want [%s]", id, got, ev)
			}
		}
		if snap.LastRun == nil || !runsEqual(*snap.LastRun, wantRun) {
			t.Errorf("LastRun: got %+v, want %+v", snap.LastRun, wantRun)
		}
		if snap.LastCompleteRun == nil || !runsEqual(*snap.LastCompleteRun, wantRun) {
			t.Errorf("LastCompleteRun: got %+v, want %+v", snap.LastCompleteRun, wantRun)
		}
	}
	before := s.Snapshot()
	beforeLatest := latestOf(t, before)
	t.Run("snapshot", func(t *testing.T) { check(t, before, beforeLatest) })

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openPath(t, path, Options{})
	after := s2.Snapshot()
	afterLatest := latestOf(t, after)
	t.Run("reopened", func(t *testing.T) { check(t, after, afterLatest) })
	t.Run("agree", func(t *testing.T) {
		if !reflect.DeepEqual(before.Sites, after.Sites) {
			t.Errorf("sites: got %+v, want %+v", after.Sites, before.Sites)
		}
		if !reflect.DeepEqual(beforeLatest, afterLatest) {
			t.Errorf("latest: got %+v, want %+v", afterLatest, beforeLatest)
		}
	})
	t.Run("history", func(t *testing.T) {
		h, err := s2.History("site-01", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if got := evidenceOf(h); !reflect.DeepEqual(got, []string{"b", "d"}) {
			t.Errorf("history evidence: got %v, want [b d]", got)
		}
	})
}

// runsEqual compares runs field by field, with time.Equal for the times
// (JSON brings times back with another *Location).
func runsEqual(a, b Run) bool {
	return a.ID == b.ID && a.StartedAt.Equal(b.StartedAt) && a.FinishedAt.Equal(b.FinishedAt) &&
		reflect.DeepEqual(a.Sites, b.Sites) && a.Complete == b.Complete && a.Saved == b.Saved && a.Trigger == b.Trigger
}

func evidenceOf(audits []govaudit.SiteAudit) []string {
	var out []string
	for _, a := range audits {
		out = append(out, strings.Join(a.Results[0].Evidence, ","))
	}
	return out
}

// TestJSONRoundTrip pins what comes back through JSON: Details numbers are
// float64, nested slices are []any, and a Date keeps its calendar day.
func TestJSONRoundTrip(t *testing.T) {
	s, path := openTemp(t)
	sites := testSites(1)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAudit(run.ID, testAudit(sites[0].ID, t0, "e")); err != nil {
		t.Fatal(err)
	}
	written := latestOf(t, s.Snapshot())
	s.Close()
	reopened := openPath(t, path, Options{ReadOnly: true})

	for name, latest := range map[string]map[string]govaudit.SiteAudit{"snapshot": written, "reopened": latestOf(t, reopened.Snapshot())} {
		t.Run(name, func(t *testing.T) {
			r := latest[sites[0].ID].Results[0]
			tests := []struct {
				name      string
				got, want any
			}{
				{"documents_checked", r.Details["documents_checked"], float64(12)},
				{"fields", r.Details["fields"], []any{"回报机制"}},
				{"newest item date", r.NewestItem.Date.String(), "2026-11-18"},
				{"age days", *r.AgeDays, 7},
				{"status", r.Status, govaudit.StatusFresh},
				{"audited at", latest[sites[0].ID].AuditedAt.Equal(t0), true},
				{"duration", latest[sites[0].ID].Duration, 41 * time.Second},
				{"fetch errors", latest[sites[0].ID].Fetch.Errors[govaudit.ErrHTTP4xx], 1},
			}
			for _, tt := range tests {
				if !reflect.DeepEqual(tt.got, tt.want) {
					t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
				}
			}
		})
	}
}

func TestFinishRun(t *testing.T) {
	tests := []struct {
		name         string
		save         []string // sites of the run saved before FinishRun
		wantComplete bool
	}{
		{"all saved", []string{"site-00", "site-01", "site-02"}, true},
		{"one missing", []string{"site-00", "site-02"}, false},
		{"none saved", nil, false},
		{"one saved twice, one missing", []string{"site-00", "site-00", "site-01"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, path := openTemp(t)
			sites := testSites(3)
			if err := s.PutSites(sites); err != nil {
				t.Fatal(err)
			}
			// A complete first run, so that LastCompleteRun has something to keep.
			first := completeRun(t, s, siteIDs(sites), t0)
			run, err := s.BeginRun("schedule", siteIDs(sites), t0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Snapshot().LastRun.ID; got != run.ID {
				t.Errorf("LastRun while running: got %d, want %d", got, run.ID)
			}
			for i, id := range tt.save {
				if err := s.SaveAudit(run.ID, testAudit(id, t0.Add(time.Hour+time.Duration(i)*time.Second))); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.FinishRun(run.ID, t0.Add(2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got.Complete != tt.wantComplete {
				t.Errorf("Complete: got %v, want %v", got.Complete, tt.wantComplete)
			}
			wantLastComplete := first.ID
			if tt.wantComplete {
				wantLastComplete = run.ID
			}
			s.Close()
			for name, snap := range map[string]*Snapshot{"snapshot": s.Snapshot(), "reopened": openPath(t, path, Options{}).Snapshot()} {
				if snap.LastRun.ID != run.ID || snap.LastRun.Complete != tt.wantComplete {
					t.Errorf("%s LastRun: got %+v, want id %d complete %v", name, snap.LastRun, run.ID, tt.wantComplete)
				}
				if snap.LastCompleteRun.ID != wantLastComplete {
					t.Errorf("%s LastCompleteRun: got %d, want %d", name, snap.LastCompleteRun.ID, wantLastComplete)
				}
			}
		})
	}
}

// completeRun saves an audit of every site and finishes the run.
func completeRun(t *testing.T, s *Store, ids []string, start time.Time) Run {
	t.Helper()
	run, err := s.BeginRun("schedule", ids, start)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if err := s.SaveAudit(run.ID, testAudit(id, start.Add(time.Duration(i)*time.Second), "run", id)); err != nil {
			t.Fatal(err)
		}
	}
	run, err = s.FinishRun(run.ID, start.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !run.Complete {
		t.Fatalf("run %d not complete", run.ID)
	}
	return run
}

func TestWriteErrors(t *testing.T) {
	s, path := openTemp(t)
	sites := testSites(2)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", []string{"site-00"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	done := completeRun(t, s, siteIDs(sites), t0)

	tests := []struct {
		name    string
		do      func() error
		wantErr string
	}{
		{"site not in run", func() error { return s.SaveAudit(run.ID, testAudit("site-01", t0)) }, "not part of run"},
		{"unknown run", func() error { return s.SaveAudit(999, testAudit("site-00", t0)) }, "no run 999"},
		{"finished run", func() error { return s.SaveAudit(done.ID, testAudit("site-00", t0)) }, "already finished"},
		{"finish twice", func() error { _, err := s.FinishRun(done.ID, t0); return err }, "already finished"},
		{"zero audited_at", func() error { return s.SaveAudit(run.ID, testAudit("site-00", time.Time{})) }, "out of range"},
		{"no site id", func() error { return s.SaveAudit(run.ID, testAudit("", t0)) }, "no site id"},
		{"unconfigured site", func() error { _, err := s.BeginRun("cli", []string{"nope"}, t0); return err }, `"nope" is not configured`},
		{"site twice", func() error { _, err := s.BeginRun("cli", []string{"site-00", "site-00"}, t0); return err }, "listed twice"},
		{"empty run", func() error { _, err := s.BeginRun("cli", nil, t0); return err }, "no sites"},
		{"duplicate site", func() error { return s.PutSites([]govaudit.Site{{ID: "a"}, {ID: "a"}}) }, `duplicate site id "a"`},
		{"site without id", func() error { return s.PutSites([]govaudit.Site{{Name: "x"}}) }, "has no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}

	s.Close()
	t.Run("closed", func(t *testing.T) {
		if err := s.PutSites(sites); !errors.Is(err, ErrClosed) {
			t.Errorf("got %v, want ErrClosed", err)
		}
	})
	ro := openPath(t, path, Options{ReadOnly: true})
	readOnly := []struct {
		name string
		do   func() error
	}{
		{"PutSites", func() error { return ro.PutSites(sites) }},
		{"BeginRun", func() error { _, err := ro.BeginRun("cli", []string{"site-00"}, t0); return err }},
		{"SaveAudit", func() error { return ro.SaveAudit(run.ID, testAudit("site-00", t0)) }},
		{"FinishRun", func() error { _, err := ro.FinishRun(run.ID, t0); return err }},
	}
	for _, tt := range readOnly {
		t.Run("read-only "+tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, ErrReadOnly) {
				t.Errorf("got %v, want ErrReadOnly", err)
			}
		})
	}
}

func TestPutSitesKeepsHistory(t *testing.T) {
	s, path := openTemp(t)
	sites := testSites(3)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	completeRun(t, s, siteIDs(sites), t0)

	// Drop site-01: readers stop seeing it, its history stays.
	kept := []govaudit.Site{sites[2], sites[0]}
	if err := s.PutSites(kept); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if got, want := siteIDs(snap.Sites), siteIDs(kept); !reflect.DeepEqual(got, want) {
		t.Errorf("sites: got %v, want %v", got, want)
	}
	if _, ok := latestOf(t, snap)["site-01"]; ok {
		t.Errorf("latest still has removed site-01")
	}
	if _, ok := snap.Site("site-01"); ok {
		t.Errorf("Site(site-01) still found")
	}
	h, err := s.History("site-01", time.Time{}, time.Time{})
	if err != nil || len(h) != 1 {
		t.Errorf("history of removed site: got %d audits, %v; want 1", len(h), err)
	}
	asOf, err := s.LatestAsOf(t0.Add(time.Hour))
	if err != nil || len(asOf) != 3 {
		t.Errorf("LatestAsOf: got %d sites, %v; want 3 (removed sites included)", len(asOf), err)
	}

	// Configure it again, in a reopened store: its latest audit is back.
	s.Close()
	s2 := openPath(t, path, Options{})
	if got := siteIDs(s2.Snapshot().Sites); !reflect.DeepEqual(got, siteIDs(kept)) {
		t.Errorf("reopened sites: got %v, want %v", got, siteIDs(kept))
	}
	if err := s2.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	if _, ok := latestOf(t, s2.Snapshot())["site-01"]; !ok {
		t.Errorf("latest of re-added site-01 missing")
	}
}

func TestSaveAuditOutOfOrder(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(1)
	id := sites[0].ID
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", []string{id}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []govaudit.SiteAudit{testAudit(id, t0.Add(time.Hour), "new"), testAudit(id, t0, "old")} {
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	if got := latestOf(t, s.Snapshot())[id].Results[0].Evidence[0]; got != "new" {
		t.Errorf("latest: got %q, want %q", got, "new")
	}
	h, err := s.History(id, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := evidenceOf(h); !reflect.DeepEqual(got, []string{"old", "new"}) {
		t.Errorf("history: got %v, want [old new]", got)
	}
}
