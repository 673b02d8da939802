package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// History returns the audits of a site with since ≤ AuditedAt ≤ until,
// oldest first. A zero since or until leaves that side open. Sites that are
// no longer configured keep their history.
func (s *Store) History(siteID string, since, until time.Time) ([]govaudit.SiteAudit, error) {
	lo := timeKey(since)
	var hi []byte
	if !until.IsZero() {
		if until.Before(epoch) {
			return nil, nil // timeKey would clamp it onto the first possible key
		}
		hi = timeKey(until)
	}
	var out []govaudit.SiteAudit
	err := s.db.View(func(tx *bolt.Tx) error {
		b := historyBucket(tx, siteID)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(lo); k != nil; k, v = c.Next() {
			if hi != nil && bytes.Compare(k, hi) > 0 {
				break
			}
			a, err := decodeAudit(v)
			if err != nil {
				s.skip("history/"+siteID, strconv.FormatUint(binary.BigEndian.Uint64(k), 10), err)
				continue
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return out, nil
}

// Runs returns up to limit run records, newest first; all of them when
// limit ≤ 0.
func (s *Store) Runs(limit int) ([]Run, error) {
	var out []Run
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			r, err := decodeRun(tx, v)
			if err != nil {
				s.skip("runs", strconv.FormatUint(binary.BigEndian.Uint64(k), 10), err)
				continue
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	return out, nil
}

// LatestAsOf returns, per site with any history (configured or not), the
// newest audit with AuditedAt ≤ t. Sites first audited after t are absent.
func (s *Store) LatestAsOf(t time.Time) (map[string]govaudit.SiteAudit, error) {
	out := map[string]govaudit.SiteAudit{}
	if t.Before(epoch) {
		return out, nil
	}
	key := timeKey(t)
	err := s.db.View(func(tx *bolt.Tx) error {
		hist := tx.Bucket(bucketHistory)
		if hist == nil {
			return nil
		}
		return hist.ForEachBucket(func(site []byte) error {
			k, v := seekAsOf(hist.Bucket(site).Cursor(), key)
			if k == nil {
				return nil
			}
			a, err := decodeAudit(v)
			if err != nil {
				s.skip("history/"+string(site), strconv.FormatUint(binary.BigEndian.Uint64(k), 10), err)
				return nil
			}
			out[string(site)] = a
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("latest as of %v: %w", t, err)
	}
	return out, nil
}

// AuditAsOf returns the site's newest audit with AuditedAt ≤ t; ok is
// false when it has none by then. One audit is read, whatever the number
// of sites: exports as of a day stream with it.
func (s *Store) AuditAsOf(siteID string, t time.Time) (a govaudit.SiteAudit, ok bool, err error) {
	if t.Before(epoch) {
		return a, false, nil
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		b := historyBucket(tx, siteID)
		if b == nil {
			return nil
		}
		k, v := seekAsOf(b.Cursor(), timeKey(t))
		if k == nil {
			return nil
		}
		var derr error
		if a, derr = decodeAudit(v); derr != nil {
			s.skip("history/"+siteID, strconv.FormatUint(binary.BigEndian.Uint64(k), 10), derr)
			return nil
		}
		ok = true
		return nil
	})
	if err != nil {
		return a, false, fmt.Errorf("audit of %s as of %v: %w", siteID, t, err)
	}
	return a, ok, nil
}

// seekAsOf positions c on the newest entry with a key ≤ key; k is nil
// when there is none.
func seekAsOf(c *bolt.Cursor, key []byte) (k, v []byte) {
	k, v = c.Seek(key)
	switch {
	case k == nil:
		k, v = c.Last() // every entry is before key
	case !bytes.Equal(k, key):
		k, v = c.Prev() // Seek stopped at the first entry after key
	}
	return k, v
}

func historyBucket(tx *bolt.Tx, siteID string) *bolt.Bucket {
	b := tx.Bucket(bucketHistory)
	if b == nil {
		return nil
	}
	return b.Bucket([]byte(siteID))
}
