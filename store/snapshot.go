package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// Run is one audit run over some or all sites.
type Run struct {
	ID         uint64    `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"` // zero while running or when cut off
	Sites      []string  `json:"sites"`                // site ids the run covers
	Complete   bool      `json:"complete"`             // every site of the run was saved
	Saved      int       `json:"saved"`                // how many of Sites have been saved so far
	Trigger    string    `json:"trigger"`              // "schedule", "api", "cli", "demo"
}

// Snapshot is an immutable view of what readers need: metrics, exports and
// pages are served from it, never from a read transaction held open while a
// client is slow. The store replaces it after every write.
//
// It holds the sites, the runs and a small summary of each site's latest
// audit in memory; the full audits stay in the file and are read one at a
// time (Audit, EachAudit), so that memory is set by what is in flight, not
// by the number of sites. The audits it reads are those that were latest
// when it was taken.
type Snapshot struct {
	TakenAt time.Time
	// Version grows by one with every published snapshot: a cache of
	// anything derived from the store is valid while it is unchanged.
	Version uint64
	// Sites are the configured sites in the order they were saved.
	Sites []govaudit.Site
	// LastRun is the newest run record (it may still be running).
	LastRun *Run
	// LastCompleteRun is the newest run that saved every one of its sites.
	LastCompleteRun *Run
	// Audits, when not nil, holds the latest audits in memory instead of
	// the file: for snapshots built without a store (fixtures, tests).
	// The store's own snapshots leave it nil.
	Audits map[string]govaudit.SiteAudit

	summaries summaries
	db        *bolt.DB
}

// Site returns the configured site with id.
func (s *Snapshot) Site(id string) (govaudit.Site, bool) {
	for _, site := range s.Sites {
		if site.ID == id {
			return site, true
		}
	}
	return govaudit.Site{}, false
}
