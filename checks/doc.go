// Package checks is govaudit's judging engine: the auditor, one judge per
// check kind dispatched from a table, column discovery and the national
// census rules. It turns the pages a govaudit.Fetcher hands over into
// govaudit results.
//
// It knows parsed pages, never the HTTP client that fetched them, and
// everything here can be driven from a test with a map of canned pages. The
// clock is always passed in as now. The HTML readers it uses (checks/internal)
// are its own and no other package's.
package checks
