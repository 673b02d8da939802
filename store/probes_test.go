package store

import (
	"fmt"
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

func TestProbesPerDay(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	until := time.Date(2026, 11, 8, 12, 0, 0, 0, time.UTC)
	// Day i back from until gets 10+i probes, one an hour; one probe sits
	// exactly at until and one just beyond the week, which is not counted.
	var probes []Probe
	for d := 0; d < 7; d++ {
		for h := 0; h < 10+d; h++ {
			probes = append(probes, Probe{SiteID: "a", At: until.Add(-time.Duration(d)*24*time.Hour - time.Duration(h+1)*time.Hour + time.Minute), OK: true})
		}
	}
	probes = append(probes, Probe{SiteID: "a", At: until, OK: false},
		Probe{SiteID: "a", At: until.Add(-7*24*time.Hour - time.Minute), OK: true})
	if err := s.SaveProbes(probes, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		site string
		days int
		want []int
	}{
		{"a week", "a", 7, []int{11, 11, 12, 13, 14, 15, 16}},
		{"two days", "a", 2, []int{11, 11}},
		{"unknown site", "b", 3, []int{0, 0, 0}},
		{"no days", "a", 0, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ProbesPerDay(tt.site, until, tt.days)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
