package govaudit

import (
	"testing"
	"time"
)

func calDay(s string) Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return Date{Time: t}
}

func calDays(ss ...string) []Date {
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = calDay(s)
	}
	return out
}

// National Day 2026 as a config would state it: 1–7 October off, Sunday
// 20 September and Saturday 10 October worked (调休).
var (
	nationalDay2026 = calDays("2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07")
	tiaoxiu2026     = calDays("2026-09-20", "2026-10-10")
)

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name               string
		from, to           string
		holidays, workdays []Date
		want               int
	}{
		{"same day", "2026-11-10", "2026-11-10", nil, nil, 0},
		{"same day on a holiday", "2026-10-03", "2026-10-03", nationalDay2026, tiaoxiu2026, 0},
		{"next day", "2026-11-10", "2026-11-11", nil, nil, 1},
		{"Monday to Thursday", "2026-11-02", "2026-11-05", nil, nil, 3},
		{"Monday to Friday", "2026-11-02", "2026-11-06", nil, nil, 4},
		{"Friday to Saturday", "2026-11-06", "2026-11-07", nil, nil, 0},
		{"Friday to Sunday", "2026-11-06", "2026-11-08", nil, nil, 0},
		{"Friday to Monday", "2026-11-06", "2026-11-09", nil, nil, 1},
		{"Friday to Wednesday", "2026-11-06", "2026-11-11", nil, nil, 3},
		{"Friday to Thursday", "2026-11-06", "2026-11-12", nil, nil, 4},
		{"Saturday to Monday", "2026-11-07", "2026-11-09", nil, nil, 1},
		{"Monday to Monday after next", "2026-11-02", "2026-11-16", nil, nil, 10},
		{"two weeks and a weekend", "2026-11-06", "2026-11-22", nil, nil, 10},
		{"Monday to the next Monday, late", "2026-11-02", "2026-11-09", nil, nil, 5},
		{"before National Day to after it", "2026-09-30", "2026-10-09", nationalDay2026, tiaoxiu2026, 2},
		{"into the worked Saturday", "2026-09-30", "2026-10-10", nationalDay2026, tiaoxiu2026, 3},
		{"after the worked Saturday", "2026-09-30", "2026-10-12", nationalDay2026, tiaoxiu2026, 4},
		{"same span without the holiday list", "2026-09-30", "2026-10-09", nil, nil, 7},
		{"within the holiday", "2026-10-01", "2026-10-07", nationalDay2026, tiaoxiu2026, 0},
		{"holiday to first working day", "2026-10-02", "2026-10-08", nationalDay2026, tiaoxiu2026, 1},
		{"worked Sunday counts", "2026-09-18", "2026-09-21", nationalDay2026, tiaoxiu2026, 2},
		{"across year end with New Year's Day", "2026-12-30", "2027-01-04", calDays("2027-01-01"), nil, 2},
		{"across year end without holidays", "2026-12-30", "2027-01-04", nil, nil, 3},
		{"across a leap day", "2028-02-28", "2028-03-01", nil, nil, 2},
		{"a holiday on a weekend changes nothing", "2026-11-06", "2026-11-09", calDays("2026-11-07"), nil, 1},
		{"a worked weekday changes nothing", "2026-11-02", "2026-11-05", nil, calDays("2026-11-04"), 3},
		{"listed as both holiday and workday is worked", "2026-11-02", "2026-11-05", calDays("2026-11-04"), calDays("2026-11-04"), 3},
		{"duplicate holidays count once", "2026-11-02", "2026-11-05", calDays("2026-11-04", "2026-11-04"), nil, 2},
		{"backwards is negative", "2026-11-09", "2026-11-06", nil, nil, -1},
		{"backwards over the holiday", "2026-10-09", "2026-09-30", nationalDay2026, tiaoxiu2026, -2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewWorkCalendar(tt.holidays, tt.workdays)
			if got := c.WorkingDaysBetween(calDay(tt.from), calDay(tt.to)); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// TestWorkingDaysLocation checks that a day is the calendar day as written
// in its own zone: a document dated midnight in Shanghai is that day, not
// the previous day in UTC.
func TestWorkingDaysLocation(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	from := DateOf(time.Date(2026, 11, 6, 0, 0, 0, 0, sh)) // Friday
	to := DateOf(time.Date(2026, 11, 9, 0, 0, 0, 0, sh))   // Monday
	c := NewWorkCalendar(calDays("2026-11-09"), nil)       // config dates are UTC days
	if got := c.WorkingDaysBetween(from, to); got != 0 {
		t.Errorf("got %d, want 0 (the Monday is a holiday)", got)
	}
}

// TestWorkingDaysAgreesWithDayByDay compares the arithmetic with a plain
// walk over every day, for every span of up to 60 days starting in the six
// weeks around National Day 2026.
func TestWorkingDaysAgreesWithDayByDay(t *testing.T) {
	c := NewWorkCalendar(nationalDay2026, tiaoxiu2026)
	holiday := map[string]bool{}
	for _, d := range nationalDay2026 {
		holiday[d.String()] = true
	}
	worked := map[string]bool{}
	for _, d := range tiaoxiu2026 {
		worked[d.String()] = true
	}
	isWorkday := func(t time.Time) bool {
		k := t.Format("2006-01-02")
		if worked[k] {
			return true
		}
		if holiday[k] {
			return false
		}
		return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
	}
	start := time.Date(2026, 9, 10, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 42; i++ {
		from := start.AddDate(0, 0, i)
		for span := 0; span <= 60; span++ {
			to := from.AddDate(0, 0, span)
			want := 0
			for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
				if isWorkday(d) {
					want++
				}
			}
			if got := c.WorkingDaysBetween(Date{Time: from}, Date{Time: to}); got != want {
				t.Fatalf("%s → %s: got %d, want %d", from.Format("2006-01-02"), to.Format("2006-01-02"), got, want)
			}
		}
	}
}

func TestCivilDays(t *testing.T) {
	tests := []struct {
		date string
		want int64
	}{
		{"1970-01-01", 0},
		{"1969-12-31", -1},
		{"2000-03-01", 11017},
		{"2026-10-01", 20727},
		{"0001-01-01", -719162},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			if got := dayNumber(calDay(tt.date)); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
