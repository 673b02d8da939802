package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// SiteSummary is what the store keeps in memory of a site's latest audit:
// enough to list and sort sites and to find the full audit in the file.
// Full audits are read from the file one at a time (Snapshot.Audit,
// Snapshot.EachAudit), so that memory does not grow with the number of
// sites audited.
type SiteSummary struct {
	SiteID    string    `json:"site_id"`
	AuditedAt time.Time `json:"audited_at"`
	Reachable bool      `json:"reachable"`
	Score     *float64  `json:"score,omitempty"`
	Fetch     struct {
		Pages int `json:"pages"`
	} `json:"fetch"`
	// Duration is how long the audit took; the runner starts the longest
	// sites first. 0 in summaries stored before it was kept.
	Duration time.Duration `json:"duration_ns,omitempty"`
}

// summaryOf is the summary of a.
func summaryOf(a *govaudit.SiteAudit) SiteSummary {
	s := SiteSummary{SiteID: a.SiteID, AuditedAt: a.AuditedAt, Reachable: a.Reachable}
	if a.Score != nil {
		v := *a.Score
		s.Score = &v
	}
	s.Fetch.Pages = a.Fetch.Pages
	s.Duration = a.Duration
	return s
}

// decodeSummary reads the summary fields of a latest or history value:
// schema 1 kept whole audits in latest, schema 2 keeps only the summary,
// whose JSON names are the audit's own.
func decodeSummary(v []byte) (SiteSummary, error) {
	b, err := storedJSON(v)
	if err != nil {
		return SiteSummary{}, err
	}
	var s SiteSummary
	err = json.Unmarshal(b, &s)
	return s, err
}

// summaries is the in-memory table of the configured sites' summaries, in
// site order, shared between snapshots: it is split in chunks so that a
// write copies one chunk and the chunk list, not every site's entry.
type summaries struct {
	index  map[string]int // site id → position; shared, never mutated
	chunks []*summaryChunk
}

const summaryChunkSize = 64

type summaryChunk [summaryChunkSize]*SiteSummary

func newSummaries(sites []govaudit.Site, all map[string]SiteSummary) summaries {
	t := summaries{index: make(map[string]int, len(sites))}
	t.chunks = make([]*summaryChunk, (len(sites)+summaryChunkSize-1)/summaryChunkSize)
	for i := range t.chunks {
		t.chunks[i] = new(summaryChunk)
	}
	for i, site := range sites {
		t.index[site.ID] = i
		if s, ok := all[site.ID]; ok {
			t.chunks[i/summaryChunkSize][i%summaryChunkSize] = &s
		}
	}
	return t
}

func (t summaries) get(id string) (SiteSummary, bool) {
	i, ok := t.index[id]
	if !ok {
		return SiteSummary{}, false
	}
	if s := t.chunks[i/summaryChunkSize][i%summaryChunkSize]; s != nil {
		return *s, true
	}
	return SiteSummary{}, false
}

// with returns a table with id's summary replaced, sharing every other
// chunk with t. Unconfigured ids leave t as it is.
func (t summaries) with(s SiteSummary) summaries {
	i, ok := t.index[s.SiteID]
	if !ok {
		return t
	}
	out := summaries{index: t.index, chunks: append([]*summaryChunk(nil), t.chunks...)}
	c := *t.chunks[i/summaryChunkSize]
	c[i%summaryChunkSize] = &s
	out.chunks[i/summaryChunkSize] = &c
	return out
}

// Summary returns the summary of a configured site's latest audit as of
// the snapshot.
func (s *Snapshot) Summary(id string) (SiteSummary, bool) {
	if s.Audits != nil {
		a, ok := s.Audits[id]
		if !ok || !s.configured(id) {
			return SiteSummary{}, false
		}
		return summaryOf(&a), true
	}
	if s.summaries.index == nil {
		return SiteSummary{}, false
	}
	return s.summaries.get(id)
}

// Audit reads the latest audit of a configured site as of the snapshot
// from the file. ok is false when the site has none.
func (s *Snapshot) Audit(id string) (a govaudit.SiteAudit, ok bool, err error) {
	if s.Audits != nil {
		a, ok := s.Audits[id]
		return a, ok && s.configured(id), nil
	}
	sum, ok := s.Summary(id)
	if !ok || s.db == nil {
		return govaudit.SiteAudit{}, false, nil
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		a, ok, err = readAudit(tx, id, sum.AuditedAt)
		return err
	})
	if err != nil {
		return govaudit.SiteAudit{}, false, fmt.Errorf("latest audit of %s: %w", id, err)
	}
	return a, ok, nil
}

// readAudit reads the history entry of site at t.
func readAudit(tx *bolt.Tx, site string, t time.Time) (govaudit.SiteAudit, bool, error) {
	h := historyBucket(tx, site)
	if h == nil {
		return govaudit.SiteAudit{}, false, nil
	}
	v := h.Get(timeKey(t))
	if v == nil {
		return govaudit.SiteAudit{}, false, nil
	}
	a, err := decodeAudit(v)
	return a, err == nil, err
}

// EachAudit calls fn for every configured site in order with its latest
// audit as of the snapshot, or nil when it has none. Each audit is read in
// its own short read transaction and dropped after fn returns, so a slow
// caller (an export to a slow client) neither holds the file nor holds
// every audit in memory. fn's error stops the walk and is returned.
func (s *Snapshot) EachAudit(fn func(site govaudit.Site, a *govaudit.SiteAudit) error) error {
	for _, site := range s.Sites {
		a, ok, err := s.Audit(site.ID)
		if err != nil {
			return err
		}
		var p *govaudit.SiteAudit
		if ok {
			p = &a
		}
		if err := fn(site, p); err != nil {
			return err
		}
	}
	return nil
}

// LatestAudits reads the latest audits of the sites with the given ids
// (every configured site when ids is empty) into a map: for a handful of
// sites, or for callers that need them all at once anyway.
func (s *Snapshot) LatestAudits(ids ...string) (map[string]govaudit.SiteAudit, error) {
	if len(ids) == 0 {
		for _, site := range s.Sites {
			ids = append(ids, site.ID)
		}
	}
	out := make(map[string]govaudit.SiteAudit, len(ids))
	for _, id := range ids {
		a, ok, err := s.Audit(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = a
		}
	}
	return out, nil
}

// configured reports whether id is one of the snapshot's sites.
func (s *Snapshot) configured(id string) bool {
	for i := range s.Sites {
		if s.Sites[i].ID == id {
			return true
		}
	}
	return false
}
