package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// AuditTimes returns when each site with history was audited at or after
// since, oldest first, by site id. It reads only the history's keys, so it
// is cheap enough for a trend over thousands of sites.
func (s *Store) AuditTimes(since time.Time) (map[string][]time.Time, error) {
	out := map[string][]time.Time{}
	lo := timeKey(since)
	err := s.db.View(func(tx *bolt.Tx) error {
		hist := tx.Bucket(bucketHistory)
		if hist == nil {
			return nil
		}
		return hist.ForEachBucket(func(site []byte) error {
			c := hist.Bucket(site).Cursor()
			var times []time.Time
			for k, _ := c.Seek(lo); k != nil; k, _ = c.Next() {
				if len(k) != 8 {
					return fmt.Errorf("%s: history key of %d bytes", site, len(k))
				}
				times = append(times, time.Unix(0, int64(binary.BigEndian.Uint64(k))))
			}
			if len(times) > 0 {
				out[string(site)] = times
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("audit times: %w", err)
	}
	return out, nil
}
