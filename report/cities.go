package report

import "github.com/govaudit/govaudit"

// CompareCities orders city names administratively (govaudit.CompareCities):
// the order provincial reports list them in.
func CompareCities(a, b string) int { return govaudit.CompareCities(a, b) }
