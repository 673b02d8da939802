package store

import (
	"time"

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

// Snapshot is an immutable, in-memory copy of what readers need: metrics,
// exports and pages are served from it, never from a read transaction held
// open while a client is slow. The store replaces it after every write.
type Snapshot struct {
	TakenAt time.Time
	// Sites are the configured sites in the order they were saved.
	Sites []govaudit.Site
	// Latest is the most recent complete audit of each site, by site id.
	Latest map[string]govaudit.SiteAudit
	// LastRun is the newest run record (it may still be running).
	LastRun *Run
	// LastCompleteRun is the newest run that saved every one of its sites.
	LastCompleteRun *Run
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
