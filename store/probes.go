package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketProbes holds home-page availability probes: a nested bucket per
// site, keyed by big-endian unix nanoseconds, valued 1 (answered) or 0
// (failed). The census judges a site's availability over a week of them.
var bucketProbes = []byte("probes")

// Probe is one availability probe of a site's home page.
type Probe struct {
	SiteID string
	At     time.Time
	OK     bool
}

// SaveProbes records probes in one transaction and drops each site's probes
// older than keep, so the bucket stays about a week long.
func (s *Store) SaveProbes(probes []Probe, keep time.Duration) error {
	if len(probes) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		root, err := tx.CreateBucketIfNotExists(bucketProbes)
		if err != nil {
			return err
		}
		newest := map[string]time.Time{}
		for _, p := range probes {
			b, err := root.CreateBucketIfNotExists([]byte(p.SiteID))
			if err != nil {
				return err
			}
			b.FillPercent = appendFill
			v := []byte{0}
			if p.OK {
				v[0] = 1
			}
			if err := b.Put(probeKey(p.At), v); err != nil {
				return err
			}
			if p.At.After(newest[p.SiteID]) {
				newest[p.SiteID] = p.At
			}
		}
		if keep <= 0 {
			return nil
		}
		for site, at := range newest {
			if err := pruneBefore(root.Bucket([]byte(site)), at.Add(-keep)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save probes: %w", err)
	}
	return nil
}

// ProbeStats counts a site's probes at or after since, and the failed ones.
func (s *Store) ProbeStats(siteID string, since time.Time) (total, failed int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketProbes)
		if root == nil {
			return nil
		}
		b := root.Bucket([]byte(siteID))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(probeKey(since)); k != nil; k, v = c.Next() {
			total++
			if len(v) == 1 && v[0] == 0 {
				failed++
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("probe stats of %s: %w", siteID, err)
	}
	return total, failed, nil
}

func probeKey(t time.Time) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, uint64(max(t.UnixNano(), 0)))
	return k
}

// pruneBefore deletes the keys of b that sort before the time cut.
func pruneBefore(b *bolt.Bucket, cut time.Time) error {
	// Keys are collected first: deleting under a moving cursor can skip
	// entries in bbolt.
	end := probeKey(cut)
	var old [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil && string(k) < string(end); k, _ = c.Next() {
		old = append(old, append([]byte(nil), k...))
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// ProbesPerDay counts a site's probes in each of the days 24-hour slices
// before until: element 0 is the last 24 hours up to and including until,
// element 1 the 24 hours before, and so on. The census's availability rule
// asks for a week of probes, at least 20 a day, before it vetoes.
func (s *Store) ProbesPerDay(siteID string, until time.Time, days int) ([]int, error) {
	out := make([]int, max(days, 0))
	if days <= 0 {
		return out, nil
	}
	const day = 24 * time.Hour
	since := until.Add(-time.Duration(days) * day)
	err := s.db.View(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketProbes)
		if root == nil {
			return nil
		}
		b := root.Bucket([]byte(siteID))
		if b == nil {
			return nil
		}
		end := probeKey(until)
		c := b.Cursor()
		for k, _ := c.Seek(probeKey(since)); k != nil && string(k) <= string(end); k, _ = c.Next() {
			at := time.Unix(0, int64(binary.BigEndian.Uint64(k)))
			out[min(int(until.Sub(at)/day), days-1)]++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("probes per day of %s: %w", siteID, err)
	}
	return out, nil
}
