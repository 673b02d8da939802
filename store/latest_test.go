package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// TestSummariesAndEachAudit checks the in-memory summaries against the
// audits read from the file, across more sites than one chunk holds, and
// that EachAudit walks the configured sites in order, nil for a site
// without an audit, and stops at fn's error.
func TestSummariesAndEachAudit(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(summaryChunkSize + 5)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	old := s.Snapshot()
	audited := map[string]bool{}
	for i, site := range sites {
		if i%3 == 0 {
			continue // never audited
		}
		a := testAudit(site.ID, t0.Add(time.Duration(i)*time.Second), site.ID)
		score := float64(i)
		a.Score, a.Fetch.Pages = &score, i
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
		audited[site.ID] = true
	}
	snap := s.Snapshot()
	if snap.Version <= old.Version {
		t.Errorf("version: got %d after writes, want more than %d", snap.Version, old.Version)
	}
	if _, ok := old.Summary(sites[1].ID); ok {
		t.Error("a snapshot taken before the writes sees an audit saved after it")
	}
	var order []string
	err = snap.EachAudit(func(site govaudit.Site, a *govaudit.SiteAudit) error {
		order = append(order, site.ID)
		sum, ok := snap.Summary(site.ID)
		if got, want := a != nil, audited[site.ID]; got != want || ok != want {
			t.Errorf("%s: got audit %v and summary %v, want %v", site.ID, got, ok, want)
			return nil
		}
		if a == nil {
			return nil
		}
		if a.Results[0].Evidence[0] != site.ID {
			t.Errorf("%s: got the evidence of %s", site.ID, a.Results[0].Evidence[0])
		}
		if !sum.AuditedAt.Equal(a.AuditedAt) || *sum.Score != *a.Score || sum.Fetch.Pages != a.Fetch.Pages {
			t.Errorf("%s: summary %+v disagrees with the audit", site.ID, sum)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(order, siteIDs(sites)) {
		t.Errorf("order: got %v, want %v", order, siteIDs(sites))
	}
	stop := errors.New("stop")
	n := 0
	err = snap.EachAudit(func(govaudit.Site, *govaudit.SiteAudit) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("stop: got %v after %d calls, want stop after 1", err, n)
	}
}

// TestReadsVersion1 opens a file as version 1 wrote it (whole audits in
// latest, plain JSON in history) and reads its audits.
func TestReadsVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "govaudit.db")
	site := testSites(1)[0]
	a := testAudit(site.ID, t0, "v1")
	writeRaw(t, path, func(tx *bolt.Tx) error {
		if err := setVersion("1")(tx); err != nil {
			return err
		}
		v, _ := json.Marshal(a)
		sv, _ := json.Marshal(site)
		order, _ := json.Marshal([]string{site.ID})
		for name, kv := range map[string][2][]byte{
			"sites":  {[]byte(site.ID), sv},
			"latest": {[]byte(site.ID), v},
		} {
			b, err := tx.CreateBucketIfNotExists([]byte(name))
			if err != nil {
				return err
			}
			if err := b.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keySiteOrder, order); err != nil {
			return err
		}
		h, err := tx.CreateBucketIfNotExists(bucketHistory)
		if err != nil {
			return err
		}
		hs, err := h.CreateBucket([]byte(site.ID))
		if err != nil {
			return err
		}
		return hs.Put(timeKey(a.AuditedAt), v)
	})
	s := openPath(t, path, Options{})
	got, ok, err := s.Snapshot().Audit(site.ID)
	if err != nil || !ok {
		t.Fatalf("audit: got ok %v, err %v; want the version 1 audit", ok, err)
	}
	if got.Results[0].Evidence[0] != "v1" || !got.AuditedAt.Equal(t0) {
		t.Errorf("audit: got %+v", got)
	}
}

// TestHistoryCompressed checks that a saved audit is stored compressed and
// reads back as it was saved.
func TestHistoryCompressed(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(1)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	a := testAudit(sites[0].ID, t0, "compressed")
	if err := s.SaveAudit(run.ID, a); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	s.db.View(func(tx *bolt.Tx) error {
		raw = append(raw, historyBucket(tx, sites[0].ID).Get(timeKey(t0))...)
		return nil
	})
	if !bytes.HasPrefix(raw, dictMagic1) {
		t.Errorf("history value starts %x, want dictionary 1's magic %x", raw[:min(len(raw), 4)], dictMagic1)
	}
	h, err := s.History(sites[0].ID, time.Time{}, time.Time{})
	if err != nil || len(h) != 1 || h[0].Results[0].Evidence[0] != "compressed" {
		t.Errorf("history: got %+v, %v", h, err)
	}
}

func TestUsedBytesGrowsWithData(t *testing.T) {
	s, _ := openTemp(t)
	sites := testSites(20)
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	before, err := s.UsedBytes()
	if err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun("cli", siteIDs(sites), t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range sites {
		if err := s.SaveAudit(run.ID, testAudit(site.ID, t0, "x")); err != nil {
			t.Fatal(err)
		}
	}
	after, err := s.UsedBytes()
	if err != nil {
		t.Fatal(err)
	}
	if after <= before || before <= 0 {
		t.Errorf("used bytes: %d before 20 audits, %d after; want growth", before, after)
	}
}
