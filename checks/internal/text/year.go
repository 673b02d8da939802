package text

import "time"

// InferYear gives a year-less list date (06-04) its most recent occurrence:
// the latest midnight, in now's location, with that month and day that is not
// after now plus one day. The day of slack absorbs sites whose clock or time
// zone runs ahead of ours, so an item dated "today" on such a site does not
// jump back a year. It returns the zero time for an impossible month/day; a
// 02-29 goes back to the latest leap year.
//
// The guess is wrong for items older than a year: an old pinned item (置顶)
// dated 06-04 in a list read in July is taken for this year's June. Callers
// must confirm the year from the detail page (its metadata or PubDate) or
// from the URL (DateFromURL) whenever the guessed year decides a verdict,
// such as whether a column was updated within its deadline.
func InferYear(month, day int, now time.Time) time.Time {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}
	}
	limit := now.Add(24 * time.Hour)
	loc := now.Location()
	// A 02-29 recurs at most eight years apart (2096 → 2104).
	for y := now.Year() + 1; y >= now.Year()-8; y-- {
		t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, loc)
		if t.Month() != time.Month(month) || t.Day() != day {
			continue // 02-29 in a common year, 04-31
		}
		if !t.After(limit) {
			return t
		}
	}
	return time.Time{}
}
