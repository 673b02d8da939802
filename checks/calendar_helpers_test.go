package checks

import (
	"time"

	"github.com/govaudit/govaudit"
)

// calDay is a config date (a UTC day) for the tests.
func calDay(s string) govaudit.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return govaudit.Date{Time: t}
}

// The State Council's National Day holiday of 2026 and its 调休 Sundays
// and Saturdays worked instead.
var (
	nationalDay2026 = []govaudit.Date{calDay("2026-10-01"), calDay("2026-10-02"), calDay("2026-10-03"), calDay("2026-10-04"), calDay("2026-10-05"), calDay("2026-10-06"), calDay("2026-10-07")}
	tiaoxiu2026     = []govaudit.Date{calDay("2026-09-20"), calDay("2026-10-10")}
)
