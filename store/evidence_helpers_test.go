package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// day is a calendar day of durations, for ages in tests.
const day = 24 * time.Hour

// statusAudit is an audit of site at at judging requirement "r1" with
// st[0], "r2" with st[1], and so on.
func statusAudit(site string, at time.Time, st ...govaudit.Status) govaudit.SiteAudit {
	a := govaudit.SiteAudit{SiteID: site, AuditedAt: at, Reachable: true}
	for i, s := range st {
		a.Results = append(a.Results, govaudit.Result{ID: fmt.Sprintf("r%d", i+1), Status: s})
	}
	return a
}

// saveAudits saves each audit in a run of its own, configuring the sites
// they name (the configured set only grows).
func saveAudits(t testing.TB, s *Store, audits ...govaudit.SiteAudit) {
	t.Helper()
	ids := map[string]bool{}
	for _, site := range s.Snapshot().Sites {
		ids[site.ID] = true
	}
	sites := slices.Clone(s.Snapshot().Sites)
	for _, a := range audits {
		if !ids[a.SiteID] {
			ids[a.SiteID] = true
			sites = append(sites, govaudit.Site{ID: a.SiteID, Name: a.SiteID, URL: "https://" + a.SiteID + ".gov.cn/"})
		}
	}
	if len(sites) != len(s.Snapshot().Sites) {
		if err := s.PutSites(sites); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range audits {
		run, err := s.BeginRun("cli", []string{a.SiteID}, a.AuditedAt)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatalf("SaveAudit(%s at %v): %v", a.SiteID, a.AuditedAt, err)
		}
		if _, err := s.FinishRun(run.ID, a.AuditedAt.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
}

// page is an evidence page with a body and the requirements it decided.
func page(url, body string, reqs ...string) EvidencePage {
	return EvidencePage{
		URL: url, FinalURL: url, Status: 200, ContentType: "text/html; charset=utf-8",
		FetchedAt: t0, Body: []byte(body), Requirements: reqs,
	}
}

func hashOf(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}

// historyTimes returns the AuditedAt of a site's stored audits, oldest
// first.
func historyTimes(t *testing.T, s *Store, site string) []time.Time {
	t.Helper()
	audits, err := s.History(site, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]time.Time, len(audits))
	for i, a := range audits {
		out[i] = a.AuditedAt
	}
	return out
}

// checkEvidence checks the invariants of the evidence buckets: every list
// belongs to a stored audit, every hash a list names has a record and a
// body, every record counts exactly the lists that name it, and there is
// no record or body that no list names.
func checkEvidence(t *testing.T, s *Store) {
	t.Helper()
	err := s.db.View(func(tx *bolt.Tx) error {
		counts := map[string]int{}
		if idx := tx.Bucket(bucketEvidenceIndex); idx != nil {
			err := idx.ForEachBucket(func(site []byte) error {
				hist := historyBucket(tx, string(site))
				return idx.Bucket(site).ForEach(func(k, v []byte) error {
					if hist == nil || hist.Get(k) == nil {
						t.Errorf("evidence list of %s at %x has no audit", site, k)
					}
					refs, err := decodeRefs(v)
					if err != nil {
						return err
					}
					for _, h := range distinctHashes(refs) {
						counts[h]++
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
		}
		records, bodies := tx.Bucket(bucketEvidence), tx.Bucket(bucketEvidenceBody)
		if records == nil || bodies == nil {
			if len(counts) > 0 {
				t.Errorf("lists name %d hashes, but there are no evidence buckets", len(counts))
			}
			return nil
		}
		seen := map[string]bool{}
		err := records.ForEach(func(k, v []byte) error {
			var m evidenceMeta
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			seen[string(k)] = true
			if m.Refs != counts[string(k)] {
				t.Errorf("record %.12s: got refs %d, want %d", k, m.Refs, counts[string(k)])
			}
			if bodies.Get(k) == nil {
				t.Errorf("record %.12s has no body", k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for h := range counts {
			if !seen[h] {
				t.Errorf("hash %.12s is listed but has no record", h)
			}
		}
		return bodies.ForEach(func(k, _ []byte) error {
			if !seen[string(k)] {
				t.Errorf("body %.12s has no record", k)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// bucketCount returns how many keys a top-level bucket holds.
func bucketCount(t *testing.T, s *Store, name []byte) int {
	t.Helper()
	n := 0
	s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(name); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n
}

// dump lists every key and value of the file, nested buckets included,
// for comparing two stores.
func dump(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	var walk func(prefix string, b *bolt.Bucket) error
	walk = func(prefix string, b *bolt.Bucket) error {
		out = append(out, fmt.Sprintf("%s seq=%d", prefix, b.Sequence()))
		return b.ForEach(func(k, v []byte) error {
			name := prefix + "/" + hex.EncodeToString(k)
			if v == nil {
				return walk(name, b.Bucket(k))
			}
			sum := sha256.Sum256(v)
			out = append(out, name+"="+hex.EncodeToString(sum[:8]))
			return nil
		})
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(string(name), b) })
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// diffDumps reports the first lines where two dumps differ.
func diffDumps(a, b []string) string {
	var buf bytes.Buffer
	n := 0
	for i := 0; i < max(len(a), len(b)) && n < 5; i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			fmt.Fprintf(&buf, "\n  %q vs %q", x, y)
			n++
		}
	}
	return buf.String()
}
