package store

import (
	"path/filepath"
	"testing"
	"time"
)

func TestProbes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var probes []Probe
	for i := 0; i < 10*24*3; i++ { // ten days, every 20 minutes
		at := base.Add(time.Duration(i) * 20 * time.Minute)
		probes = append(probes, Probe{SiteID: "a", At: at, OK: i%25 != 0})
	}
	if err := s.SaveProbes(probes, 8*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	last := probes[len(probes)-1].At
	// count is what ProbeStats must find: the probes at or after since,
	// among those within keep of the newest.
	count := func(since time.Time) (total, failed int) {
		for _, p := range probes {
			if p.At.Before(since) || p.At.Before(last.Add(-8*24*time.Hour)) {
				continue
			}
			total++
			if !p.OK {
				failed++
			}
		}
		return total, failed
	}
	week := last.Add(-7 * 24 * time.Hour)
	wt, wf := count(week)
	at, af := count(base)
	if at != 8*24*3+1 || wt != 7*24*3+1 {
		t.Fatalf("test arithmetic: %d probes kept, %d in the week", at, wt)
	}
	tests := []struct {
		name          string
		site          string
		since         time.Time
		total, failed int
	}{
		{"last 7 days", "a", week, wt, wf},
		{"pruned beyond 8 days", "a", base, at, af},
		{"unknown site", "b", base, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, failed, err := s.ProbeStats(tt.site, tt.since)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.total || failed != tt.failed {
				t.Errorf("got %d/%d, want %d/%d", total, failed, tt.total, tt.failed)
			}
		})
	}
}
