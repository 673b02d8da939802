package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

func TestAuditTimes(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutSites([]govaudit.Site{{ID: "a", Name: "A", URL: "http://a.test/"}, {ID: "b", Name: "B", URL: "http://b.test/"}}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	for i, a := range []struct {
		site string
		at   time.Time
	}{{"a", t0}, {"a", t0.AddDate(0, 0, 7)}, {"b", t0.AddDate(0, 0, 7)}, {"a", t0.AddDate(0, 0, 14)}} {
		run, err := st.BeginRun("cli", []string{a.site}, a.at)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveAudit(run.ID, govaudit.SiteAudit{SiteID: a.site, AuditedAt: a.at}); err != nil {
			t.Fatalf("audit %d: %v", i, err)
		}
	}
	tests := []struct {
		name  string
		since time.Time
		want  map[string]int
	}{
		{"all", time.Time{}, map[string]int{"a": 3, "b": 1}},
		{"since the second week", t0.AddDate(0, 0, 7), map[string]int{"a": 2, "b": 1}},
		{"after the last", t0.AddDate(0, 0, 15), map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.AuditTimes(tt.since)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sites, want %d", len(got), len(tt.want))
			}
			for site, n := range tt.want {
				if len(got[site]) != n {
					t.Errorf("%s: got %d times, want %d", site, len(got[site]), n)
				}
				for i := 1; i < len(got[site]); i++ {
					if !got[site][i-1].Before(got[site][i]) {
						t.Errorf("%s: times not oldest first: %v", site, got[site])
					}
				}
			}
			if ts := got["a"]; tt.since.IsZero() && !ts[0].Equal(t0) {
				t.Errorf("first time of a: got %v, want %v", ts[0], t0)
			}
		})
	}
}
