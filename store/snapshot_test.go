package store

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestSnapshotIsolation(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(2)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	audit := testAudit("site-00", t0, "first")
	if err := s.SaveAudit(run.ID, audit); err != nil {
		t.Fatal(err)
	}
	before := s.Snapshot()
	frozen := snapshotJSON(t, before)

	// Every kind of write, plus a caller changing what it handed over.
	audit.Results[0].Evidence[0] = "changed by the caller"
	audit.Results[0].Details["documents_checked"] = 99
	sites[0].Hints["fgw-3"] = "changed by the caller"
	if err := s.SaveAudit(run.ID, testAudit("site-00", t0.Add(time.Hour), "second")); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAudit(run.ID, testAudit("site-01", t0.Add(time.Hour), "third")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishRun(run.ID, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// testSites(2) lists site-01 first; keep site-00 only.
	if err := s.PutSites(sites[1:]); err != nil {
		t.Fatal(err)
	}

	if got := snapshotJSON(t, before); got != frozen {
		t.Errorf("snapshot taken before the writes changed:\ngot  %s\nwant %s", got, frozen)
	}
	after := s.Snapshot()
	if after == before {
		t.Fatal("Snapshot returned the same pointer after writes")
	}
	if got := latestOf(t, after)["site-00"].Results[0].Evidence[0]; got != "second" {
		t.Errorf("new snapshot latest: got %q, want %q", got, "second")
	}
	if len(after.Sites) != 1 || after.LastCompleteRun == nil {
		t.Errorf("new snapshot: got %d sites, last complete run %v; want 1 site and run %d", len(after.Sites), after.LastCompleteRun, run.ID)
	}
}

func snapshotJSON(t *testing.T, s *Snapshot) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSnapshotConcurrentReaders runs readers against a writer; under -race
// it shows that readers share nothing a writer mutates. Each reader also
// checks that what it sees only moves forward.
func TestSnapshotConcurrentReaders(t *testing.T) {
	const audits = 100
	s, _ := openTemp(t)
	sites := testSites(4)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := map[string]time.Time{}
			for {
				snap := s.Snapshot()
				for id, a := range latestOf(t, snap) {
					if a.AuditedAt.Before(seen[id]) {
						errs <- fmt.Errorf("site %s went back from %v to %v", id, seen[id], a.AuditedAt)
						return
					}
					seen[id] = a.AuditedAt
					_ = a.Results[0].Evidence[0] // read what the writer built
					_ = a.Results[0].Details["documents_checked"]
				}
				if len(snap.Sites) != len(sites) {
					errs <- fmt.Errorf("got %d sites, want %d", len(snap.Sites), len(sites))
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		}()
	}
	for i := range audits {
		a := testAudit(sites[i%len(sites)].ID, t0.Add(time.Duration(i)*time.Second), "concurrent")
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	snap := s.Snapshot()
	for i, site := range sites {
		// The last audit of site i was number audits-len(sites)+i.
		want := t0.Add(time.Duration(audits-len(sites)+i) * time.Second)
		if got := latestOf(t, snap)[site.ID].AuditedAt; !got.Equal(want) {
			t.Errorf("%s latest: got %v, want %v", site.ID, got, want)
		}
	}
	if snap.LastRun.Saved != len(sites) {
		t.Errorf("run progress: got %d saved, want %d", snap.LastRun.Saved, len(sites))
	}
}
