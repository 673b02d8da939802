package govaudit

// Status is the verdict on one requirement of one site, as docs/export.md
// defines it. The string values are part of the export contract.
type Status string

const (
	StatusFresh           Status = "fresh"
	StatusStale           Status = "stale"
	StatusEmpty           Status = "empty"
	StatusMissing         Status = "missing"
	StatusUnreachable     Status = "unreachable"
	StatusBlocked         Status = "blocked"
	StatusNotWebCheckable Status = "not_web_checkable"
	// StatusUnreadable: the column was found but its items could not be
	// read (a script builds the list and it could not be rendered). A
	// coverage gap, never empty.
	StatusUnreadable Status = "unreadable"
	// StatusError: govaudit itself failed while judging (a bug, not a
	// finding against the site): shown as 未判定（内部错误）.
	StatusError Status = "error"
)

// Statuses lists every status in a stable order, for metrics and summaries.
var Statuses = []Status{
	StatusFresh, StatusStale, StatusEmpty, StatusMissing,
	StatusUnreachable, StatusBlocked, StatusNotWebCheckable, StatusUnreadable, StatusError,
}

// Code is the numeric value exported in the status gauge. The order is
// chosen so that "higher is worse" holds for the statuses that are findings
// against a site, which keeps alert expressions simple (status >= 2).
func (s Status) Code() int {
	switch s {
	case StatusFresh:
		return 0
	case StatusStale:
		return 2
	case StatusEmpty:
		return 3
	case StatusMissing:
		return 4
	case StatusUnreachable:
		return 5
	case StatusBlocked:
		return 6
	case StatusNotWebCheckable:
		return 7
	case StatusUnreadable:
		return 8
	case StatusError:
		return 9
	}
	return -1
}

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool { return s.Code() >= 0 }

// Screenshotted reports whether a column judged s is shown as a screenshot
// beside its copy: stale, empty and unreadable columns, where the page as a
// citizen saw it is the finding.
func (s Status) Screenshotted() bool {
	return s == StatusStale || s == StatusEmpty || s == StatusUnreadable
}
