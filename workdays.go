package govaudit

// WorkCalendar says which days are working days in mainland China: Monday
// to Friday, except the public holidays, plus the weekend days worked in
// exchange for a longer holiday (调休). The State Council sets both every
// year, so they come from the config (Auditor.Holidays, Auditor.Workdays)
// rather than from a table in the code.
type WorkCalendar struct {
	// off holds the holidays that fall on a weekday, on holds the worked
	// days that fall on a weekend, as day numbers. A holiday on a weekend
	// or a "worked" weekday changes nothing, so neither is kept; a day
	// listed in both is worked, since a 调休 notice names the exceptions
	// to its own holiday span.
	off, on []int64
}

// NewWorkCalendar builds a calendar from the configured holidays and
// adjusted working days.
func NewWorkCalendar(holidays, workdays []Date) WorkCalendar {
	worked := make(map[int64]bool, len(workdays))
	var c WorkCalendar
	for _, d := range workdays {
		if d.IsZero() {
			continue
		}
		n := dayNumber(d)
		worked[n] = true
		if isWeekend(n) {
			c.on = append(c.on, n)
		}
	}
	seen := make(map[int64]bool, len(holidays))
	for _, d := range holidays {
		if d.IsZero() {
			continue
		}
		n := dayNumber(d)
		if !isWeekend(n) && !worked[n] && !seen[n] {
			c.off = append(c.off, n)
			seen[n] = true
		}
	}
	return c
}

// WorkingDaysBetween counts the working days after from's day up to and
// including to's day: 0 for the same day, 1 from a Friday to the next
// Monday, 0 from a Friday to the Sunday after it. When to is before from
// the count runs the other way and is negative. "Within three working days
// of the document" (all-06) is a result of at most 3.
func (c WorkCalendar) WorkingDaysBetween(from, to Date) int {
	a, b := dayNumber(from), dayNumber(to)
	if b < a {
		return -c.WorkingDaysBetween(to, from)
	}
	n := weekdaysIn(a, b)
	for _, d := range c.off {
		if a < d && d <= b {
			n--
		}
	}
	for _, d := range c.on {
		if a < d && d <= b {
			n++
		}
	}
	return n
}

// weekdaysIn counts Mondays to Fridays among the days a+1 … b (a ≤ b): five
// for each whole week, then the few days left over one by one, so that the
// cost does not grow with the span.
func weekdaysIn(a, b int64) int {
	span := b - a
	n := int(span/7) * 5
	for d := a + 1 + span/7*7; d <= b; d++ {
		if !isWeekend(d) {
			n++
		}
	}
	return n
}

// dayNumber numbers d's calendar day (as written, in d's own location):
// days since 1970-01-01.
func dayNumber(d Date) int64 {
	y, m, dd := d.Date()
	return civilDays(y, int(m), dd)
}

// civilDays is the number of days from 1970-01-01 to the proleptic
// Gregorian date y-m-d (Howard Hinnant's days_from_civil). It avoids
// time.Time arithmetic, whose Duration overflows beyond ±292 years.
func civilDays(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// isWeekend reports whether the day numbered n is a Saturday or a Sunday.
// Day 0, 1970-01-01, was a Thursday.
func isWeekend(n int64) bool {
	wd := ((n+4)%7 + 7) % 7 // 0 = Sunday
	return wd == 0 || wd == 6
}
