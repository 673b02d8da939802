package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// CheckReport is what Check found in a store file.
type CheckReport struct {
	Size     int64
	PageSize uint32
	Pages    uint64 // the high-water mark of the meta page in use
	TxID     uint64
	// Records counts the values under each top-level bucket, nested
	// buckets included.
	Records map[string]int
	// Undecodable counts the records that were read but are not the JSON
	// the store wrote.
	Undecodable int
}

// Check verifies the store file at path without changing it: the meta
// pages against the file's size, every page read with faults caught,
// bbolt's consistency check, and every record decoded. It returns a
// *DamagedError when the file is damaged; the report holds what was read.
func Check(path string) (CheckReport, error) {
	var rep CheckReport
	fc, _, err := checkFile(path)
	rep.Size = fc.size
	if m := fc.metas[fc.use]; m != nil {
		rep.PageSize, rep.Pages, rep.TxID = m.pageSize, m.pgid, m.txid
	}
	if err != nil {
		return rep, err
	}
	db, err := openGuarded(path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	if err := checkTree(db); err != nil {
		return rep, &DamagedError{Path: path, Reason: "一致性检查未通过 / the consistency check failed: " + err.Error()}
	}
	rep.Records = map[string]int{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return countRecords(b, string(name), func(top string, v []byte) {
				rep.Records[top]++
				if jsonBuckets[top] && !jsonValue(v) {
					rep.Undecodable++
				}
			})
		})
	})
	if err != nil {
		return rep, err
	}
	if rep.Undecodable > 0 {
		return rep, &DamagedError{Path: path, Reason: fmt.Sprintf("%d 条记录无法解码 / %d records cannot be decoded", rep.Undecodable, rep.Undecodable)}
	}
	return rep, nil
}

// jsonBuckets are the buckets whose every value is a JSON document the
// store decodes when it opens or exports.
var jsonBuckets = map[string]bool{
	string(bucketSites): true, string(bucketRuns): true, string(bucketLatest): true, string(bucketHistory): true,
}

// jsonValue reports whether v is a JSON value, stored as it is or
// gzip-compressed (audit records since store schema 2).
func jsonValue(v []byte) bool {
	b, err := storedJSON(v)
	return err == nil && len(b) > 0 && json.Valid(b)
}

func countRecords(b *bolt.Bucket, top string, fn func(top string, v []byte)) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				return countRecords(nb, top, fn)
			}
			return nil
		}
		fn(top, v)
		return nil
	})
}

// openGuarded opens path read-only with faults caught.
func openGuarded(path string) (*bolt.DB, error) {
	var db *bolt.DB
	var err error
	if gerr := guarded(func() error {
		db, err = bolt.Open(path, 0o400, &bolt.Options{Timeout: DefaultTimeout, ReadOnly: true})
		return nil
	}); gerr != nil {
		return nil, &DamagedError{Path: path, Reason: gerr.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// SalvageReport is what Salvage copied and what it could not read.
type SalvageReport struct {
	// Records counts the values copied under each top-level bucket.
	Records map[string]int
	// Lost describes each part of the file that could not be read.
	Lost []string
	// Trees is how many of the file's two meta pages led to a tree that was
	// read (bbolt keeps the last two committed states).
	Trees int
	// Rebuilt counts the sites whose latest audit was lost and is taken
	// from their newest salvaged history entry.
	Rebuilt int
}

// rebuildLatest gives every site with salvaged history and no latest audit
// its newest history entry as latest: the two are written together, so the
// newest entry is the latest audit as of the state salvaged.
func rebuildLatest(tx *bolt.Tx, rep *SalvageReport) error {
	hist := tx.Bucket(bucketHistory)
	if hist == nil {
		return nil
	}
	latest, err := tx.CreateBucketIfNotExists(bucketLatest)
	if err != nil {
		return err
	}
	return hist.ForEachBucket(func(site []byte) error {
		if latest.Get(site) != nil {
			return nil
		}
		_, v := hist.Bucket(site).Cursor().Last()
		if v == nil {
			return nil
		}
		rep.Rebuilt++
		return latest.Put(bytes.Clone(site), bytes.Clone(v))
	})
}

// Salvage copies every record that can be read from the store file at src
// into a new store file at dst, which must not exist. src is never written.
// bbolt keeps the two last committed states of the file, each reached from
// its own meta page; both are read, the newer first, and a record is taken
// from the older only when the newer could not give it. Reading stops at a
// page that cannot be read (cut off, or garbage) and resumes from the other
// end of the bucket. dst is a store Open accepts; it appears only once
// complete.
func Salvage(src, dst string) (SalvageReport, error) {
	rep := SalvageReport{Records: map[string]int{}}
	if _, err := os.Lstat(dst); err == nil {
		return rep, fmt.Errorf("salvage: %s already exists", dst)
	} else if !errors.Is(err, os.ErrNotExist) {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	fc, _, err := checkFile(src)
	var damaged *DamagedError
	if err != nil && !errors.As(err, &damaged) {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	var order []int
	for i, m := range fc.metas {
		if m != nil {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return rep, fmt.Errorf("salvage: %s has no readable bbolt meta page: nothing can be read from it", src)
	}
	sort.Slice(order, func(a, b int) bool { return fc.metas[order[a]].txid > fc.metas[order[b]].txid })

	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, filepath.Base(dst)+".*.tmp")
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath) // bbolt initialises a file it creates, not an empty one
	defer os.Remove(tmpPath)
	out, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	for _, i := range order {
		if err := salvageTree(src, dir, fc, i, out, &rep); err != nil {
			rep.Lost = append(rep.Lost, fmt.Sprintf("meta page %d: %v", i, err))
		}
	}
	if err := out.Update(func(tx *bolt.Tx) error { return rebuildLatest(tx, &rep) }); err != nil {
		out.Close()
		return rep, fmt.Errorf("salvage: %w", err)
	}
	if err := out.Close(); err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	// Open adds what a store needs and the salvaged file may lack (the
	// buckets, the schema version) and decodes what it loads.
	s, err := Open(tmpPath, Options{Owner: Owner{Command: "salvage"}})
	if err != nil {
		return rep, fmt.Errorf("salvage: the new file does not open: %w", err)
	}
	if err := s.Close(); err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	if err := os.Link(tmpPath, dst); err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	return rep, syncDir(dir)
}

// salvageTree copies the tree of meta page use from a private copy of src
// in which the other meta page is invalidated, so that bbolt reads the
// state that meta page describes.
func salvageTree(src, dir string, fc fileCheck, use int, out *bolt.DB, rep *SalvageReport) error {
	cp, err := copyWithMeta(src, dir, fc, use)
	if err != nil {
		return err
	}
	defer os.Remove(cp)
	db, err := openGuarded(cp)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin(false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var tops [][]byte
	var lost []string
	walk(tx.Cursor(), "", &lost, func(k, v []byte) {
		if v == nil {
			tops = append(tops, bytes.Clone(k))
		}
	})
	for _, name := range tops {
		var b *bolt.Bucket
		if gerr := guarded(func() error { b = tx.Bucket(name); return nil }); gerr != nil || b == nil {
			lost = append(lost, fmt.Sprintf("bucket %s: %v", name, gerr))
			continue
		}
		err := out.Update(func(otx *bolt.Tx) error {
			ob, err := otx.CreateBucketIfNotExists(name)
			if err != nil {
				return err
			}
			return copyBucket(b, ob, string(name), string(name), &lost, rep)
		})
		if err != nil {
			return err
		}
	}
	rep.Trees++
	for _, l := range lost {
		rep.Lost = append(rep.Lost, fmt.Sprintf("meta page %d: %s", use, l))
	}
	return nil
}

// copyBucket copies what can be read of b into ob, keeping what ob has.
func copyBucket(b, ob *bolt.Bucket, top, path string, lost *[]string, rep *SalvageReport) error {
	var werr error
	var nested [][]byte
	walk(b.Cursor(), path, lost, func(k, v []byte) {
		if werr != nil {
			return
		}
		if v == nil {
			nested = append(nested, bytes.Clone(k))
			return
		}
		if ob.Get(k) != nil || ob.Bucket(k) != nil {
			return
		}
		if jsonBuckets[top] && !jsonValue(v) {
			// Garbage where a record was (a page read from past the end of
			// a cut file reads as zeros): the other tree may have it.
			*lost = append(*lost, fmt.Sprintf("bucket %s: record %s cannot be decoded", path, printable(k)))
			return
		}
		if werr = ob.Put(bytes.Clone(k), bytes.Clone(v)); werr == nil {
			rep.Records[top]++
		}
	})
	if werr != nil {
		return werr
	}
	for _, k := range nested {
		var nb *bolt.Bucket
		if gerr := guarded(func() error { nb = b.Bucket(k); return nil }); gerr != nil || nb == nil {
			*lost = append(*lost, fmt.Sprintf("bucket %s/%x: %v", path, k, gerr))
			continue
		}
		if ob.Get(k) != nil {
			continue
		}
		onb, err := ob.CreateBucketIfNotExists(k)
		if err != nil {
			return err
		}
		if err := copyBucket(nb, onb, top, path+"/"+printable(k), lost, rep); err != nil {
			return err
		}
	}
	return nil
}

// walk calls fn with every entry of c it can read, values copied out of
// the map by fn if kept. When a step faults it notes the loss and reads
// back from the last entry down to the first one it saw.
func walk(c *bolt.Cursor, path string, lost *[]string, fn func(k, v []byte)) {
	var last []byte
	step := func(move func() ([]byte, []byte)) (k, v []byte, err error) {
		err = guarded(func() error {
			k, v = move()
			if k != nil {
				fn(k, v)
			}
			return nil
		})
		return k, v, err
	}
	k, _, err := step(c.First)
	for err == nil && k != nil {
		last = bytes.Clone(k)
		k, _, err = step(c.Next)
	}
	if err == nil {
		return
	}
	where := "at its start"
	if last != nil {
		where = "after key " + printable(last)
	}
	*lost = append(*lost, fmt.Sprintf("bucket %s: unreadable %s (%v)", path, where, err))
	// Back from the end, until the part already read.
	back := func(move func() ([]byte, []byte)) (k []byte, err error) {
		err = guarded(func() error {
			var v []byte
			k, v = move()
			if k != nil && (last == nil || bytes.Compare(k, last) > 0) {
				fn(k, v)
			} else {
				k = nil
			}
			return nil
		})
		return k, err
	}
	k, err = back(c.Last)
	for err == nil && k != nil {
		k, err = back(c.Prev)
	}
}

// printable shows a key as text when it is, else in hex.
func printable(k []byte) string {
	if bytes.ContainsFunc(k, func(r rune) bool { return r < 0x20 || r == 0x7f || r == 0xfffd }) {
		return fmt.Sprintf("%x", k)
	}
	return string(k)
}

// copyWithMeta copies src into dir with the meta page other than use
// invalidated, so that bbolt opens the copy at the state use describes.
func copyWithMeta(src, dir string, fc fileCheck, use int) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, filepath.Base(src)+".salvage.*.tmp")
	if err != nil {
		return "", err
	}
	name := out.Name()
	_, err = io.Copy(out, in)
	if other := 1 - use; err == nil && fc.metas[other] != nil {
		off := int64(0)
		if other == 1 {
			off = int64(fc.metas[use].pageSize)
		}
		// Zero the magic number: bbolt then takes the page as invalid.
		_, err = out.WriteAt(make([]byte, 4), off+pageHeaderSize)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}
