package web

import (
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// Store is what the pages read: the snapshot for scorecards, and short
// calls for the stored copies of pages and the history of statuses.
// *store.Store implements it; tests pass a fake.
type Store interface {
	Snapshot() *store.Snapshot
	// Evidence returns a stored copy of a page by its content hash,
	// checked against the hash; the error wraps store.ErrNoEvidence when
	// no copy has that hash.
	Evidence(hash string) (store.EvidenceRecord, []byte, error)
	// EvidenceFor lists the stored copies of the pages that decided the
	// site's audit made at auditedAt.
	EvidenceFor(siteID string, auditedAt time.Time) ([]store.EvidenceRef, error)
	// SiteTimeline returns, per requirement id, the site's status changes
	// oldest first.
	SiteTimeline(siteID string) (map[string][]store.Change, error)
	// History returns a site's audits between since and until (zero: open),
	// oldest first, for its trend charts.
	History(siteID string, since, until time.Time) ([]govaudit.SiteAudit, error)
	// AuditTimes and AuditAsOf give the overview's pass-rate trend: when
	// sites were audited, and a site's latest audit as of a moment.
	AuditTimes(since time.Time) (map[string][]time.Time, error)
	AuditAsOf(siteID string, t time.Time) (govaudit.SiteAudit, bool, error)
}

var _ Store = (*store.Store)(nil)
