package report

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
)

// dayLayout is how days are written everywhere in the exports and read
// from --as-of and ?as_of=.
const dayLayout = "2006-01-02"

// ParseDay reads a YYYY-MM-DD day in loc, as --as-of and ?as_of= take it.
func ParseDay(s string, loc *time.Location) (govaudit.Date, error) {
	t, err := time.ParseInLocation(dayLayout, s, loc)
	if err != nil {
		return govaudit.Date{}, fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
	}
	return govaudit.Date{Time: t}, nil
}

// EndOfDay is the last instant of day d in d's location: an export as of a
// day includes every audit made during that day.
func EndOfDay(d govaudit.Date) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd+1, 0, 0, 0, 0, d.Location()).Add(-time.Nanosecond)
}

// inLocation is the same calendar day as d, anchored in loc, so that a day
// parsed in one zone cannot shift the cut-off of an export in another.
func inLocation(d govaudit.Date, loc *time.Location) govaudit.Date {
	y, m, dd := d.Date()
	return govaudit.Date{Time: time.Date(y, m, dd, 0, 0, 0, 0, loc)}
}
