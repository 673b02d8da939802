// Package metrics exposes govaudit's results and its own health to
// Prometheus.
//
// Per-site metrics are rendered at scrape time from the store's in-memory
// snapshot, never from a database transaction (a read transaction held per
// scrape makes the bbolt file grow without bound). Following the field notes
// on cardinality, there are at most two series per (site, requirement): the
// status code and the newest item's timestamp. Names, levels, departments and
// cities live on govaudit_site_info alone, to be joined on the site label, and
// staleness is left to PromQL, so that it keeps counting between audits:
//
//	time() - govaudit_requirement_newest_item_timestamp_seconds
//	  > on(requirement) group_left govaudit_requirement_max_age_seconds
//
// Process-level instruments (run and site durations, pages fetched, fetch
// errors by kind, store failures) are updated by the audit loop through a
// Recorder.
package metrics
