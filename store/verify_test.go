package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// filledStore writes runs of sites audits into a new store at path and
// closes it. Each audit carries a padded detail so that the file spans
// many pages.
func filledStore(t *testing.T, path string, sites, runs int) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ss := testSites(sites)
	if err := s.PutSites(ss); err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("政务公开", 500)
	for r := range runs {
		at := t0.Add(time.Duration(r) * 24 * time.Hour)
		run, err := s.BeginRun("cli", siteIDs(ss), at)
		if err != nil {
			t.Fatal(err)
		}
		for _, site := range ss {
			a := testAudit(site.ID, at)
			a.Results[0].Details["pad"] = pad
			if err := s.SaveAudit(run.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.FinishRun(run.ID, at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// cutInHalf truncates a store file to half its size, or to half the pages
// in use when the file's free tail (bbolt grows files ahead of need) is
// larger than that: cutting only free pages damages nothing, and the file
// rightly opens. It returns the new size.
// bucketRoots returns, for each named top-level bucket of the store at
// path, the byte offset where its root page (with any overflow) ends.
func bucketRoots(t *testing.T, path string, names ...string) map[string]int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]int64{}
	err = db.View(func(tx *bolt.Tx) error {
		size := int64(db.Info().PageSize)
		for _, name := range names {
			b := tx.Bucket([]byte(name))
			if b == nil {
				return fmt.Errorf("no bucket %s", name)
			}
			root := b.Root()
			if root == 0 {
				continue // inline in its parent
			}
			info, err := tx.Page(int(root))
			if err != nil {
				return err
			}
			out[name] = (int64(root) + int64(info.OverflowCount) + 1) * size
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func cutInHalf(t *testing.T, path string) int64 {
	t.Helper()
	fc, _, err := checkFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fc.metas[fc.use]
	cut := fc.size / 2
	if used := int64(m.pgid) * int64(m.pageSize); cut >= used {
		cut = used / 2
	}
	if err := os.Truncate(path, cut); err != nil {
		t.Fatal(err)
	}
	return cut
}

// TestOpenRefusesDamagedFiles: an empty or cut-short file is refused with
// a message naming it and the way out, read-write and read-only, and left
// as it was.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(dir, "half.db")
	filledStore(t, half, 6, 8)
	halfSize := cutInHalf(t, half)
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a bbolt file ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		size   int64
		reason string
	}{
		{empty, 0, "0 bytes"},
		{half, halfSize, "cut short"},
		{garbage, 17000, "no valid bbolt meta page"},
	}
	for _, tt := range tests {
		for _, ro := range []bool{false, true} {
			t.Run(filepath.Base(tt.path)+map[bool]string{false: "/rw", true: "/ro"}[ro], func(t *testing.T) {
				s, err := Open(tt.path, Options{ReadOnly: ro})
				if err == nil {
					s.Close()
					t.Fatal("opened")
				}
				var de *DamagedError
				if !errors.As(err, &de) {
					t.Fatalf("got %T %v, want *DamagedError", err, err)
				}
				msg := err.Error()
				for _, want := range []string{tt.path, tt.reason, "govaudit store salvage " + tt.path, "backup"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q lacks %q", msg, want)
					}
				}
				if st, err := os.Stat(tt.path); err != nil || st.Size() != tt.size {
					t.Errorf("file after refusal: %v, size %d, want %d", err, st.Size(), tt.size)
				}
				if _, err := os.Stat(ownerPath(tt.path)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("owner sidecar left behind: %v", err)
				}
			})
		}
	}
}

// TestOpenChecksSuspectFiles: a file with one meta page destroyed opens
// after bbolt's full check passes.
func TestOpenChecksSuspectFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	filledStore(t, path, 3, 2)
	fc, suspect, err := checkFile(path)
	if err != nil || suspect {
		t.Fatalf("healthy file: suspect %v, err %v", suspect, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The older meta page goes: bbolt still opens at the newer one.
	older := 1 - fc.use
	off := int64(older) * int64(fc.metas[fc.use].pageSize)
	if _, err := f.WriteAt(make([]byte, 8), off+pageHeaderSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, suspect, err := checkFile(path); err != nil || !suspect {
		t.Fatalf("one meta page gone: suspect %v, err %v; want suspect", suspect, err)
	}
	s := openPath(t, path, Options{ReadOnly: true})
	if latest, _ := s.Snapshot().LatestAudits(); len(latest) != 3 {
		got := len(latest)
		t.Errorf("latest audits %d, want 3", got)
	}
}

// TestCorruptRecordSkipped: a record that is not JSON is skipped and
// counted; the rest of the store reads as usual.
func TestCorruptRecordSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	filledStore(t, path, 3, 2)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketLatest).Put([]byte("site-01"), []byte("{not json")); err != nil {
			return err
		}
		if err := historyBucket(tx, "site-02").Put(timeKey(t0), []byte("[1,")); err != nil {
			return err
		}
		return tx.Bucket(bucketRuns).Put(runKey(1), []byte("\x00\x01"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := openPath(t, path, Options{ReadOnly: true})
	snap := s.Snapshot()
	latest, _ := snap.LatestAudits()
	if _, ok := latest["site-01"]; ok || len(latest) != 2 {
		t.Errorf("latest: %d audits, site-01 present %v; want the 2 others", len(latest), ok)
	}
	runs, err := s.Runs(0)
	if err != nil || len(runs) != 1 {
		t.Errorf("runs: %d, %v; want the 1 readable", len(runs), err)
	}
	if hist, err := s.History("site-02", time.Time{}, time.Time{}); err != nil || len(hist) != 1 {
		t.Errorf("history: %d audits, %v; want the 1 readable", len(hist), err)
	}
	if tl, err := s.SiteTimeline("site-02"); err != nil || len(tl["fgw-3"]) != 1 {
		t.Errorf("timeline: %v, %v; want the readable audit's status", tl, err)
	}
	if got := s.Skipped(); got != 4 {
		t.Errorf("skipped %d, want 4 (the latest audit, the run, the history entry twice)", got)
	}
	if _, err := Check(path); err == nil || !strings.Contains(err.Error(), "3 records cannot be decoded") {
		t.Errorf("Check: %v, want 3 records that cannot be decoded", err)
	}
}

// TestSalvage: a store cut to half its size yields a new store holding the
// runs and audits that were in the part kept.
func TestSalvage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "half.db")
	filledStore(t, src, 6, 8)
	whole, err := Check(src)
	if err != nil {
		t.Fatalf("Check of the whole file: %v", err)
	}
	// Where bbolt put each bucket's root varies from run to run; a bucket
	// whose root lies beyond the cut cannot be salvaged, one whose root is
	// kept must be.
	roots := bucketRoots(t, src, "runs", "history")
	cut := cutInHalf(t, src)
	if _, err := Check(src); err == nil {
		t.Fatal("Check passed a file cut in half")
	}
	dst := filepath.Join(dir, "saved.db")
	rep, err := Salvage(src, dst)
	if err != nil {
		t.Fatalf("Salvage: %v", err)
	}
	t.Logf("whole: %v; salvaged: %v; lost: %q", whole.Records, rep.Records, rep.Lost)
	kept := 0
	for name, end := range roots {
		if end > cut {
			t.Logf("bucket %s: root page ends at byte %d, beyond the cut at %d", name, end, cut)
			continue
		}
		kept++
		if rep.Records[name] == 0 {
			t.Errorf("salvaged %v, want %s, whose root page is in the part kept", rep.Records, name)
		}
	}
	if kept == 0 && rep.Records["runs"]+rep.Records["history"] != 0 {
		t.Errorf("salvaged %v from buckets whose roots were cut off", rep.Records)
	}
	if len(rep.Lost) == 0 {
		t.Error("nothing reported lost from half a file")
	}
	if _, err := Check(dst); err != nil {
		t.Errorf("Check of the salvaged file: %v", err)
	}
	s := openPath(t, dst, Options{ReadOnly: true})
	runs, err := s.Runs(0)
	if err != nil || len(runs) != rep.Records["runs"] {
		t.Errorf("runs in the new store: %d, %v; want %d", len(runs), err, rep.Records["runs"])
	}
	for _, r := range runs {
		if r.ID < 1 || r.ID > 8 || !r.Complete {
			t.Errorf("run %+v is not one of the 8 complete runs written", r)
		}
	}
	if _, err := Salvage(src, dst); err == nil {
		t.Error("Salvage replaced an existing file")
	}
}

// TestOpenAcceptsCutFreeTail: bbolt grows a file ahead of need; a file cut
// down to the pages in use has lost nothing and opens as before.
func TestOpenAcceptsCutFreeTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tail.db")
	filledStore(t, path, 3, 2)
	fc, _, err := checkFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fc.metas[fc.use]
	used := int64(m.pgid) * int64(m.pageSize)
	if used >= fc.size {
		t.Skipf("no free tail to cut: %d bytes, %d in use", fc.size, used)
	}
	if err := os.Truncate(path, used); err != nil {
		t.Fatal(err)
	}
	s := openPath(t, path, Options{})
	if latest, _ := s.Snapshot().LatestAudits(); len(latest) != 3 {
		got := len(latest)
		t.Errorf("latest audits %d, want 3", got)
	}
	if _, err := s.BeginRun("cli", []string{"site-00"}, t0.Add(72*time.Hour)); err != nil {
		t.Errorf("writing after the cut: %v", err)
	}
}
