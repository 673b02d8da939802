package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// DamagedError is returned by Open for a file that is not a whole bbolt
// file: empty, cut short (a partial restore or copy), or failing bbolt's
// consistency check. bbolt reads its file through a memory map and follows
// page numbers without bounds checks, so a damaged file is refused before
// anything is read from it: followed, it ends in an unrecoverable SIGSEGV
// or SIGBUS. The message names the file and the way out.
type DamagedError struct {
	Path   string
	Reason string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("存储文件 %[1]s 已损坏（%[2]s），拒绝打开：请从备份恢复，或运行 govaudit store check %[1]s 查看，"+
		"govaudit store salvage %[1]s 新文件 把可读的记录复制到新文件 / "+
		"store %[1]s is damaged (%[2]s) and was not opened: restore it from a backup, or run "+
		"\"govaudit store check %[1]s\", then \"govaudit store salvage %[1]s NEWFILE\" to copy every readable record into a new file",
		e.Path, e.Reason)
}

// bbolt's on-disk meta page (go.etcd.io/bbolt/internal/common): a 16-byte
// page header, then magic, version, page size, flags, the root bucket
// (root page, sequence), the freelist page, the high-water mark pgid, the
// transaction id and an FNV-64a checksum of the fields before it. Integers
// are in the machine's byte order, as bbolt writes them.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaSize        = 64
	metaChecksumEnd = 56
)

type metaPage struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// readMeta decodes the meta page at off, or says why it is not one.
func readMeta(f io.ReaderAt, off int64) (metaPage, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(buf, off); err != nil {
		return metaPage{}, fmt.Errorf("meta page at %d cannot be read: %w", off, err)
	}
	m := buf[pageHeaderSize:]
	e := binary.NativeEndian
	if e.Uint32(m[0:]) != boltMagic {
		return metaPage{}, fmt.Errorf("no bbolt meta page at %d", off)
	}
	if v := e.Uint32(m[4:]); v != boltVersion {
		return metaPage{}, fmt.Errorf("meta page at %d has bbolt version %d, want %d", off, v, boltVersion)
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksumEnd])
	if h.Sum64() != e.Uint64(m[metaChecksumEnd:]) {
		return metaPage{}, fmt.Errorf("meta page at %d fails its checksum", off)
	}
	return metaPage{
		pageSize: e.Uint32(m[8:]),
		root:     e.Uint64(m[16:]),
		freelist: e.Uint64(m[32:]),
		pgid:     e.Uint64(m[40:]),
		txid:     e.Uint64(m[48:]),
	}, nil
}

// fileCheck is what the meta pages say about a file.
type fileCheck struct {
	size  int64
	metas [2]*metaPage // nil where the meta page is unreadable
	// use is the index of the meta page bbolt will use: the valid one with
	// the higher transaction id.
	use int
}

// pageSizes are tried for the second meta page when the first is
// unreadable: the page size is recorded only in the meta pages.
var pageSizes = []int64{4096, 8192, 16384, 32768, 65536, 1024, 2048}

// checkFile reads the meta pages of the file at path and refuses one that
// cannot be a whole bbolt file. suspect reports a file that passes but
// deserves bbolt's full consistency check: one meta page unreadable, or a
// size that is not a whole number of pages.
func checkFile(path string) (fc fileCheck, suspect bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return fc, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fc, false, err
	}
	fc.size = st.Size()
	if fc.size == 0 {
		return fc, false, &DamagedError{Path: path, Reason: "文件为空 / the file is empty (0 bytes)"}
	}
	m0, err0 := readMeta(f, 0)
	if err0 == nil {
		fc.metas[0] = &m0
		if m1, err := readMeta(f, int64(m0.pageSize)); err == nil {
			fc.metas[1] = &m1
		}
	} else {
		for _, ps := range pageSizes {
			if m1, err := readMeta(f, ps); err == nil && int64(m1.pageSize) == ps {
				fc.metas[1] = &m1
				break
			}
		}
	}
	switch {
	case fc.metas[0] == nil && fc.metas[1] == nil:
		return fc, false, &DamagedError{Path: path, Reason: fmt.Sprintf("没有可用的元数据页 / no valid bbolt meta page (%v)", err0)}
	case fc.metas[0] == nil:
		fc.use = 1
	case fc.metas[1] == nil:
		fc.use = 0
	case fc.metas[1].txid > fc.metas[0].txid:
		fc.use = 1
	}
	m := fc.metas[fc.use]
	need := int64(m.pgid) * int64(m.pageSize)
	if m.pageSize < 512 || m.pgid < 2 || need/int64(m.pageSize) != int64(m.pgid) {
		return fc, false, &DamagedError{Path: path, Reason: fmt.Sprintf("元数据页不合理 / implausible meta page (page size %d, %d pages)", m.pageSize, m.pgid)}
	}
	if fc.size < need {
		return fc, false, &DamagedError{Path: path, Reason: fmt.Sprintf(
			"文件被截断：%d 字节，元数据页记录 %d 页 × %d 字节 = %d 字节 / the file was cut short: %d bytes, its meta page records %d pages of %d bytes (%d bytes)",
			fc.size, m.pgid, m.pageSize, need, fc.size, m.pgid, m.pageSize, need)}
	}
	if m.root >= m.pgid || (m.freelist >= m.pgid && m.freelist != ^uint64(0)) {
		return fc, false, &DamagedError{Path: path, Reason: fmt.Sprintf("元数据页指向文件之外 / the meta page points past the last page (root %d, freelist %d, %d pages)", m.root, m.freelist, m.pgid)}
	}
	suspect = fc.metas[0] == nil || fc.metas[1] == nil || fc.size%int64(m.pageSize) != 0
	return fc, suspect, nil
}

// guarded runs fn with memory faults turned into panics, and any panic into
// an error: reading a damaged bbolt file faults inside bbolt's code.
func guarded(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading the file failed: %v", r)
		}
	}()
	return fn()
}

// checkTree reads every key and value of db, with faults caught, then runs
// bbolt's consistency check. It returns the first problems found.
func checkTree(db *bolt.DB) error {
	err := guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return touchBucket(b)
			})
		})
	})
	if err != nil {
		return err
	}
	var errs []error
	err = guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			for e := range tx.Check() {
				if len(errs) < 5 {
					errs = append(errs, e)
				}
			}
			return nil
		})
	})
	return errors.Join(append(errs, err)...)
}

// touchBucket reads every key and value under b.
func touchBucket(b *bolt.Bucket) error {
	var sink byte
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				return touchBucket(nb)
			}
			return nil
		}
		for _, x := range v {
			sink ^= x
		}
		return nil
	})
	_ = sink
	return err
}

// verifyBeforeOpen refuses a damaged file before bbolt maps it. A file that
// does not exist is fine: Open creates it (unless read-only, where bbolt
// says so). suspect files are checked in full once open (verifyOpen).
func verifyBeforeOpen(path string) (suspect bool, err error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	_, suspect, err = checkFile(path)
	var damaged *DamagedError
	if err != nil && !errors.As(err, &damaged) {
		return false, fmt.Errorf("check store %s: %w", path, err)
	}
	return suspect, err
}

// verifyOpen runs the full check on a suspect file bbolt has opened.
func verifyOpen(path string, db *bolt.DB) error {
	if err := checkTree(db); err != nil {
		return &DamagedError{Path: path, Reason: "一致性检查未通过 / the consistency check failed: " + err.Error()}
	}
	return nil
}
