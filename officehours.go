package govaudit

import (
	"fmt"
	"slices"
	"time"
)

// OfficeHours is the part of a working day in which an office reads its
// messages, as offsets from midnight: Start ≤ time of day < End. Alert
// notifications to site owners and the General Office wait for it
// (the metric govaudit_office_open).
type OfficeHours struct {
	Start, End time.Duration
}

// DefaultOfficeHours is 08:30–18:00, the span the Alertmanager config held
// before the calendar moved into govaudit.
var DefaultOfficeHours = OfficeHours{Start: 8*time.Hour + 30*time.Minute, End: 18 * time.Hour}

// String writes the hours as the config takes them, "08:30-18:00".
func (h OfficeHours) String() string {
	hm := func(d time.Duration) string {
		return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	return hm(h.Start) + "-" + hm(h.End)
}

// Open reports whether t, read in loc, falls within office hours on a
// working day: Monday to Friday except the holidays, plus the weekend days
// worked instead (调休). It uses the calendar all-06 counts working days
// with, so that the check and the alert muting agree on what a working day
// is. The hours are read off the wall clock, so a zone with daylight saving
// time keeps them.
func (h OfficeHours) Open(t time.Time, loc *time.Location, holidays, workdays []Date) bool {
	t = t.In(loc)
	hour, minute, sec := t.Clock()
	since := time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute + time.Duration(sec)*time.Second
	if since < h.Start || since >= h.End {
		return false
	}
	return NewWorkCalendar(holidays, workdays).working(dayNumber(DateOf(t)))
}

// working reports whether the day numbered n is a working day.
func (c WorkCalendar) working(n int64) bool {
	switch {
	case slices.Contains(c.on, n):
		return true
	case slices.Contains(c.off, n):
		return false
	}
	return !isWeekend(n)
}
