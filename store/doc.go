// Package store keeps sites, audit runs and audit results in one bbolt file.
// It is the only package that imports bbolt.
//
// One process owns the file at a time: bbolt takes an exclusive file lock
// (a shared one when read-only), and Open gives up after Options.Timeout
// with a *LockedError instead of blocking forever. While a store is open
// read-write, a sidecar file "<path>.owner" records who holds it, so that a
// second command can say who, and talk to a serving owner's HTTP API. The
// lock is authoritative; the sidecar only feeds the message.
//
// Layout (every value is JSON, so the file can be read with the bbolt CLI,
// except history entries, which are gzip-compressed JSON: pipe to gunzip):
//
//	meta      schema_version → "2"; site_order → ["id", …]
//	sites     site id → checks.Site
//	runs      big-endian uint64 run id → Run
//	progress  big-endian run id → (site id → AuditedAt, RFC 3339): the sites a run has saved
//	latest    site id → the summary of the site's newest audit (SiteSummary; version 1 kept the whole audit)
//	history   site id → (big-endian uint64 unix nanoseconds of AuditedAt → checks.SiteAudit, gzip)
//
// Writers are serialised by a mutex and each write is a single bbolt
// transaction, so a process killed mid-write leaves the previous state.
// Readers use Snapshot, an immutable view replaced after every write, and
// never hold a read transaction beyond one function call: a long read
// transaction makes a bbolt file grow without bound. A snapshot keeps the
// sites, the runs and a summary of each latest audit in memory and reads
// the audits themselves from the file one at a time, so that memory does
// not grow with the number of sites.
//
// Values read back from the store have been through encoding/json: numbers
// inside Result.Details come back as float64 (an int 12 stored is float64 12
// read), and checks.Date comes back as midnight UTC of the same calendar day.
// Snapshot holds the decoded form too, so a snapshot and a reopened store
// always agree.
package store
