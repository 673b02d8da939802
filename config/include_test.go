package config

import (
	"strings"
	"testing"

	"github.com/govaudit/govaudit/seeds"
)

// TestIncludeSeeds: a config can include the Liaoning seed and override one
// of its sites by id; a wrong seed name is an error on its line.
func TestIncludeSeeds(t *testing.T) {
	seed, err := seeds.Load("liaoning")
	if err != nil {
		t.Fatal(err)
	}
	first := seed.Sites[0]
	data := "include: [liaoning]\nsites:\n  - id: " + first.ID + "\n    name: 覆盖\n    url: https://override.example.gov.cn/\n    level: province\n" +
		"  - id: extra\n    name: 额外\n    url: https://extra.example.gov.cn/\n    level: city\n"
	cfg, err := Parse([]byte(data), "inc.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := len(cfg.Sites), len(seed.Sites)+1; got != want {
		t.Errorf("got %d sites, want %d (seed plus one extra, one overridden)", got, want)
	}
	var overridden int
	for _, s := range cfg.Sites {
		if s.ID == first.ID {
			overridden++
			if s.Name != "覆盖" {
				t.Errorf("site %s: name %q, want the config's override", s.ID, s.Name)
			}
		}
	}
	if overridden != 1 {
		t.Errorf("site %s appears %d times, want once", first.ID, overridden)
	}

	_, err = Parse([]byte("include: [liaoning, atlantis]\n"), "bad.yaml")
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:1:") || !strings.Contains(err.Error(), "atlantis") {
		t.Errorf("unknown seed: got %v, want a problem on line 1 naming atlantis", err)
	}
}

func TestProbeIntervalAndScoreBounds(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"probe_interval: 2h\n", "from 1m to 72m"},
		{"score:\n  requirement_points: 80\n  census_points: 30\n", "add up to 100"},
		{"score:\n  stale: 2\n", "from 0 to 1,"},
		{"holidays: [2026-10-01, 2026-13-01]\n", "holidays[1]: expected a date YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a problem mentioning %q", err, tt.want)
			}
		})
	}
}
