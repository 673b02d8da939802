package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// Change is a change of one requirement's status between two audits of a
// site: At is the first audit that found To.
type Change struct {
	At   time.Time       `json:"at"`
	From govaudit.Status `json:"from"` // "" for the first audit that judged the requirement
	To   govaudit.Status `json:"to"`
	// Newest is the date of the newest item the audit at At found
	// (YYYY-MM-DD), "" when it found none.
	Newest string `json:"newest"`
}

// Timeline returns the status changes of one requirement of a site over
// the stored history, oldest first. Audits that did not judge the
// requirement are skipped. Retention keeps every audit that changed a
// status, so timelines are the same before and after it.
func (s *Store) Timeline(siteID, reqID string) ([]Change, error) {
	tl, err := s.timelines(siteID, reqID)
	if err != nil {
		return nil, err
	}
	return tl[reqID], nil
}

// SiteTimeline returns the timeline of every requirement of a site, by
// requirement id.
func (s *Store) SiteTimeline(siteID string) (map[string][]Change, error) {
	return s.timelines(siteID, "")
}

// timelines builds the timelines of a site's requirements, of only reqID
// when it is not "".
func (s *Store) timelines(siteID, reqID string) (map[string][]Change, error) {
	out := map[string][]Change{}
	last := map[string]govaudit.Status{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := historyBucket(tx, siteID)
		// A record that cannot be decoded is skipped: the timeline of the
		// rest is still worth showing.
		skip := func(k []byte, err error) error {
			s.skip("history/"+siteID, strconv.FormatUint(binary.BigEndian.Uint64(k), 10), err)
			return nil
		}
		return scanStatuses(b, skip, func(_ []byte, a auditStatuses) error {
			for _, r := range a.Results {
				if reqID != "" && r.ID != reqID {
					continue
				}
				if prev, ok := last[r.ID]; ok && prev == r.Status {
					continue
				}
				out[r.ID] = append(out[r.ID], Change{At: a.AuditedAt, From: last[r.ID], To: r.Status, Newest: r.newest()})
				last[r.ID] = r.Status
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("timeline of %s: %w", siteID, err)
	}
	return out, nil
}

// auditStatuses is the part of a stored checks.SiteAudit that timelines and
// retention read; decoding only it skips building everything else.
type auditStatuses struct {
	AuditedAt time.Time      `json:"audited_at"`
	Results   []resultStatus `json:"requirements"`
}

type resultStatus struct {
	ID         string          `json:"id"`
	Status     govaudit.Status `json:"status"`
	NewestItem *struct {
		Date govaudit.Date `json:"date"`
	} `json:"newest_item"`
}

func (r resultStatus) newest() string {
	if r.NewestItem == nil {
		return ""
	}
	return r.NewestItem.Date.String()
}

// changes compares a with the audit before it, prev (nil for a site's
// first audit). It reports whether a changed anything — a status, or a
// requirement judged by only one of the two — and the ids of a's
// requirements whose status is new.
func (a auditStatuses) changes(prev *auditStatuses) (changed bool, reqs map[string]bool) {
	reqs = map[string]bool{}
	before := map[string]govaudit.Status{}
	if prev != nil {
		for _, r := range prev.Results {
			before[r.ID] = r.Status
		}
	}
	for _, r := range a.Results {
		if st, ok := before[r.ID]; !ok || st != r.Status {
			reqs[r.ID] = true
		}
	}
	// A requirement only prev judged changes nothing of a's own, but is a
	// change all the same.
	return prev == nil || len(reqs) > 0 || len(a.Results)-len(reqs) != len(before), reqs
}

// scanStatuses calls fn with each audit of a history bucket, oldest first.
// A nil bucket has no audits. An audit that cannot be decoded goes to skip,
// whose error ends the scan; a nil skip ends it with the decoding error.
func scanStatuses(b *bolt.Bucket, skip func(key []byte, err error) error, fn func(key []byte, a auditStatuses) error) error {
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var a auditStatuses
		b, err := storedJSON(v)
		if err == nil {
			err = json.Unmarshal(b, &a)
		}
		if err != nil {
			if skip != nil {
				return skip(k, err)
			}
			return fmt.Errorf("audit at %d: %w", binary.BigEndian.Uint64(k), err)
		}
		return fn(k, a)
	})
}
