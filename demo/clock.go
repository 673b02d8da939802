package demo

import "time"

// shanghai is the zone every date of the province is written in. China has
// kept UTC+8 without daylight saving since 1991, so the fixed zone is exact
// when the tz database is missing from a minimal image.
var shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60)
}()

// clock turns "so many days ago" into dates, relative to the day the
// province is built for.
type clock struct {
	now   time.Time // the build instant, in Shanghai
	today time.Time // midnight of that day
}

func newClock(now time.Time) clock {
	now = now.In(shanghai)
	y, m, d := now.Date()
	return clock{now: now, today: time.Date(y, m, d, 0, 0, 0, 0, shanghai)}
}

// at returns the moment daysAgo days before today, at hh:mm.
func (c clock) at(daysAgo, hh, mm int) time.Time {
	return c.today.AddDate(0, 0, -daysAgo).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// date returns the calendar day y-m-d at hh:mm, in Shanghai.
func date(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

// ageDays counts whole calendar days from t's day to today, in Shanghai.
func (c clock) ageDays(t time.Time) int {
	return daysBetween(t.In(shanghai), c.today)
}

func daysBetween(from, to time.Time) int {
	fy, fm, fd := from.Date()
	ty, tm, td := to.Date()
	a := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC)
	b := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
