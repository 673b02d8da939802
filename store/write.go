package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// runState is what SaveAudit and FinishRun need to know about a run without
// decoding its record on every write: for a large run the site list alone is
// hundreds of kilobytes.
type runState struct {
	run   Run
	sites map[string]bool
	saved map[string]bool
}

// PutSites replaces the set of configured sites, in the given order. The
// history and latest audit of a removed site stay in the file: configuring
// it again brings them back.
func (s *Store) PutSites(sites []govaudit.Site) error {
	seen := map[string]bool{}
	order := make([]string, 0, len(sites))
	values := make([][]byte, 0, len(sites))
	for _, site := range sites {
		if site.ID == "" {
			return errors.New("put sites: a site has no id")
		}
		if seen[site.ID] {
			return fmt.Errorf("put sites: duplicate site id %q", site.ID)
		}
		seen[site.ID] = true
		v, err := json.Marshal(site)
		if err != nil {
			return fmt.Errorf("put sites: encode %s: %w", site.ID, err)
		}
		order = append(order, site.ID)
		values = append(values, v)
	}
	orderJSON, err := json.Marshal(order)
	if err != nil {
		return fmt.Errorf("put sites: %w", err)
	}
	// The snapshot holds decoded copies, so a caller changing its slice or
	// Hints maps afterwards cannot change what readers see.
	decoded := make([]govaudit.Site, len(values))
	for i, v := range values {
		if err := json.Unmarshal(v, &decoded[i]); err != nil {
			return fmt.Errorf("put sites: decode %s: %w", order[i], err)
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return fmt.Errorf("put sites: %w", err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketSites); err != nil {
			return err
		}
		b, err := tx.CreateBucket(bucketSites)
		if err != nil {
			return err
		}
		for i, id := range order {
			if err := b.Put([]byte(id), values[i]); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySiteOrder, orderJSON)
	})
	if err != nil {
		return fmt.Errorf("put sites: %w", err)
	}
	s.setSites(decoded)
	s.publish(s.buildLatest())
	return nil
}

// BeginRun records the start of a run over siteIDs, which must be
// configured sites.
func (s *Store) BeginRun(trigger string, siteIDs []string, started time.Time) (Run, error) {
	if len(siteIDs) == 0 {
		return Run{}, errors.New("begin run: no sites")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	sites := make(map[string]bool, len(siteIDs))
	for _, id := range siteIDs {
		if !s.configured[id] {
			return Run{}, fmt.Errorf("begin run: site %q is not configured", id)
		}
		if sites[id] {
			return Run{}, fmt.Errorf("begin run: site %q listed twice", id)
		}
		sites[id] = true
	}
	r := Run{StartedAt: started, Sites: slices.Clone(siteIDs), Trigger: trigger}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = id
		v, err := json.Marshal(r)
		if err != nil {
			return err
		}
		b.FillPercent = appendFill
		return b.Put(runKey(id), v)
	})
	if err != nil {
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	s.active = &runState{run: r, sites: sites, saved: map[string]bool{}}
	s.lastRun = &r
	s.publish(s.snap.Load().summaries) // unchanged, and immutable: safe to share
	return r, nil
}

// SaveAudit stores the audit of one site of a run: its history entry, the
// site's latest audit and the run's progress, in one transaction, so that a
// crash leaves either all of them or none.
//
// The latest audit is replaced unless the stored one is newer, so saving
// audits out of order never moves a site back in time.
func (s *Store) SaveAudit(runID uint64, a govaudit.SiteAudit) error {
	if a.SiteID == "" {
		return errors.New("save audit: no site id")
	}
	if a.AuditedAt.Before(epoch) || a.AuditedAt.After(time.Unix(0, 1<<63-1)) {
		return fmt.Errorf("save audit %s: audited_at %v out of range", a.SiteID, a.AuditedAt)
	}
	plain, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("save audit %s: encode: %w", a.SiteID, err)
	}
	v, err := compressJSON(plain)
	if err != nil {
		return fmt.Errorf("save audit %s: compress: %w", a.SiteID, err)
	}
	summary := summaryOf(&a)
	latestValue, err := json.Marshal(summary)
	if err != nil {
		return fmt.Errorf("save audit %s: encode: %w", a.SiteID, err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return fmt.Errorf("save audit %s: %w", a.SiteID, err)
	}
	rs, err := s.runState(runID)
	if err != nil {
		return fmt.Errorf("save audit %s: %w", a.SiteID, err)
	}
	if !rs.sites[a.SiteID] {
		return fmt.Errorf("save audit %s: site is not part of run %d", a.SiteID, runID)
	}
	old, had := s.latest[a.SiteID]
	replaceLatest := !had || !old.AuditedAt.After(a.AuditedAt)
	auditedAt, err := a.AuditedAt.UTC().MarshalText()
	if err != nil {
		return fmt.Errorf("save audit %s: %w", a.SiteID, err)
	}

	err = s.db.Update(func(tx *bolt.Tx) error {
		h, err := tx.Bucket(bucketHistory).CreateBucketIfNotExists([]byte(a.SiteID))
		if err != nil {
			return fmt.Errorf("history: %w", err)
		}
		h.FillPercent = appendFill
		if err := h.Put(timeKey(a.AuditedAt), v); err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if replaceLatest {
			if err := tx.Bucket(bucketLatest).Put([]byte(a.SiteID), latestValue); err != nil {
				return fmt.Errorf("latest: %w", err)
			}
		}
		p, err := tx.Bucket(bucketProgress).CreateBucketIfNotExists(runKey(runID))
		if err != nil {
			return fmt.Errorf("progress: %w", err)
		}
		return p.Put([]byte(a.SiteID), auditedAt)
	})
	if err != nil {
		return fmt.Errorf("save audit %s: %w", a.SiteID, err)
	}

	// Committed: bring the mirror up to date and publish.
	rs.saved[a.SiteID] = true
	rs.run.Saved = len(rs.saved)
	if s.lastRun != nil && s.lastRun.ID == runID {
		r := rs.run
		s.lastRun = &r
	}
	latest := s.snap.Load().summaries
	if replaceLatest {
		s.latest[a.SiteID] = summary
		latest = latest.with(summary)
	}
	s.publish(latest)
	return nil
}

// FinishRun records the end of a run. The run is complete when every one of
// its sites was saved.
func (s *Store) FinishRun(runID uint64, finished time.Time) (Run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return Run{}, fmt.Errorf("finish run %d: %w", runID, err)
	}
	rs, err := s.runState(runID)
	if err != nil {
		return Run{}, fmt.Errorf("finish run %d: %w", runID, err)
	}
	r := rs.run
	r.FinishedAt = finished
	r.Saved = len(rs.saved)
	r.Complete = len(rs.saved) == len(rs.sites)
	v, err := json.Marshal(r)
	if err != nil {
		return Run{}, fmt.Errorf("finish run %d: %w", runID, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRuns).Put(runKey(runID), v)
	})
	if err != nil {
		return Run{}, fmt.Errorf("finish run %d: %w", runID, err)
	}
	rs.run = r
	if s.lastRun != nil && s.lastRun.ID == runID {
		s.lastRun = &r
	}
	if r.Complete && (s.lastComplete == nil || s.lastComplete.ID < r.ID) {
		s.lastComplete = &r
	}
	s.publish(s.snap.Load().summaries)
	return r, nil
}

// runState returns the state of an unfinished run, from the cache or the
// file. Callers hold mu.
func (s *Store) runState(runID uint64) (*runState, error) {
	rs := s.active
	if rs == nil || rs.run.ID != runID {
		rs = &runState{sites: map[string]bool{}, saved: map[string]bool{}}
		err := s.db.View(func(tx *bolt.Tx) error {
			v := tx.Bucket(bucketRuns).Get(runKey(runID))
			if v == nil {
				return fmt.Errorf("no run %d", runID)
			}
			r, err := decodeRun(tx, v)
			if err != nil {
				return fmt.Errorf("run %d: %w", runID, err)
			}
			rs.run = r
			for _, id := range r.Sites {
				rs.sites[id] = true
			}
			if p := progressBucket(tx, runID); p != nil {
				return p.ForEach(func(k, _ []byte) error {
					rs.saved[string(k)] = true
					return nil
				})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		s.active = rs
	}
	if !rs.run.FinishedAt.IsZero() {
		return nil, fmt.Errorf("run %d already finished", runID)
	}
	return rs, nil
}
