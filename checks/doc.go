// Package checks holds govaudit's domain: the sites being audited, the
// requirement catalog taken from 辽政办〔2016〕23号, the pages a crawler hands
// over, and the check kinds that turn pages into results.
//
// It knows parsed pages, never the HTTP client that fetched them: the crawler
// implements Fetcher, and everything here can be driven from a test with a map
// of canned pages. The clock is always passed in as now.
package checks
