package config

import (
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

func TestOfficeHours(t *testing.T) {
	tests := []struct {
		yaml string
		want govaudit.OfficeHours
	}{
		{"", govaudit.DefaultOfficeHours},
		{"office_hours: \"09:00-17:30\"\n", govaudit.OfficeHours{Start: 9 * time.Hour, End: 17*time.Hour + 30*time.Minute}},
		{"office_hours: 00:00-24:00\n", govaudit.OfficeHours{Start: 0, End: 24 * time.Hour}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSpace(tt.yaml), func(t *testing.T) {
			cfg, err := Parse([]byte(tt.yaml+"sites: []\n"), "x.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if cfg.OfficeHours != tt.want {
				t.Errorf("OfficeHours = %v, want %v", cfg.OfficeHours, tt.want)
			}
		})
	}
}

func TestOfficeHoursProblems(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"office_hours: 8:30-18:00\n", `x.yaml:1:15: office_hours: expected office hours such as "08:30-18:00", got "8:30-18:00"`},
		{"office_hours: 08:30 to 18:00\n", `office_hours: expected office hours such as "08:30-18:00", got "08:30 to 18:00"`},
		{"office_hours: 08:60-18:00\n", `office_hours: expected times from 00:00 to 24:00, got "08:60-18:00"`},
		{"office_hours: 08:30-24:30\n", `office_hours: expected times from 00:00 to 24:00, got "08:30-24:30"`},
		{"office_hours: 18:00-08:30\n", `office_hours: the start must be before the end, got "18:00-08:30"`},
		{"office_hours: 09:00-09:00\n", `office_hours: the start must be before the end, got "09:00-09:00"`},
		{"office_hours: [08:30, 18:00]\n", `office_hours: expected office hours such as "08:30-18:00", got a list`},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml+"sites: []\n"), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a problem containing %q", err, tt.want)
			}
		})
	}
}
