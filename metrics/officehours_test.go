package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/govaudit/govaudit"
)

func TestOfficeHoursGauge(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) govaudit.Date {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return govaudit.Date{Time: d}
	}
	// National Day 2026 as a config would state it: 1–7 October off,
	// Sunday 20 September and Saturday 10 October worked.
	var holidays []govaudit.Date
	for d := 1; d <= 7; d++ {
		holidays = append(holidays, govaudit.Date{Time: time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC)})
	}
	workdays := []govaudit.Date{day("2026-09-20"), day("2026-10-10")}

	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"holiday on a Thursday at 10:00", time.Date(2026, 10, 1, 10, 0, 0, 0, shanghai), "0"},
		{"调休 Saturday at 10:00", time.Date(2026, 10, 10, 10, 0, 0, 0, shanghai), "1"},
		{"ordinary Saturday at 10:00", time.Date(2026, 10, 17, 10, 0, 0, 0, shanghai), "0"},
		{"ordinary Monday at 10:00", time.Date(2026, 10, 12, 10, 0, 0, 0, shanghai), "1"},
		{"ordinary Monday at 20:00", time.Date(2026, 10, 12, 20, 0, 0, 0, shanghai), "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := prometheus.NewPedanticRegistry()
			reg.MustRegister(NewOfficeHoursGauge(func() time.Time { return tt.now }, shanghai, govaudit.DefaultOfficeHours, holidays, workdays))
			want := `# HELP govaudit_office_open 1 within office hours (08:30-18:00) on a working day by the configured calendar (weekdays, holidays, 调休 workdays), 0 otherwise.
# TYPE govaudit_office_open gauge
govaudit_office_open ` + tt.want + "\n"
			if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "govaudit_office_open"); err != nil {
				t.Error(err)
			}
			problems, err := testutil.GatherAndLint(reg)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("lint: %s: %s", p.Metric, p.Text)
			}
		})
	}
}
