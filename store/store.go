package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/govaudit/govaudit"
)

// SchemaVersion is the layout version this package writes. Version 2
// compresses history entries and keeps only a summary in latest; version 1
// files are read, and upgraded by the first write of a read-write Open.
const SchemaVersion = 2

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = time.Second

var (
	// ErrNewerSchema is wrapped by Open when the file was written by a newer
	// govaudit.
	ErrNewerSchema = errors.New("store schema is newer than this govaudit")
	// ErrReadOnly is returned by writes on a store opened with ReadOnly.
	ErrReadOnly = errors.New("store is open read-only")
	// ErrClosed is returned by writes after Close.
	ErrClosed = errors.New("store is closed")
)

var (
	bucketMeta     = []byte("meta")
	bucketSites    = []byte("sites")
	bucketRuns     = []byte("runs")
	bucketProgress = []byte("progress")
	bucketLatest   = []byte("latest")
	bucketHistory  = []byte("history")

	keySchemaVersion = []byte("schema_version")
	keySiteOrder     = []byte("site_order")
)

var allBuckets = [][]byte{bucketMeta, bucketSites, bucketRuns, bucketProgress, bucketLatest, bucketHistory}

// Options configure Open.
type Options struct {
	// Timeout is how long Open waits for the file lock; DefaultTimeout when 0.
	// Without one bbolt would wait forever for another process.
	Timeout time.Duration
	// Owner is written to the owner sidecar while the store is open
	// read-write. Zero fields default to this process, its command name and
	// the time of Open.
	Owner Owner
	// ReadOnly takes a shared lock, writes no sidecar and refuses writes.
	ReadOnly bool
	// Logger receives a warning for every record that cannot be decoded
	// and is skipped; nil discards them.
	Logger *slog.Logger
}

// Store is an open store. Its methods are safe for concurrent use.
type Store struct {
	path      string
	db        *bolt.DB
	readOnly  bool
	ownerFile string // "" when no sidecar was written
	log       *slog.Logger
	skipped   atomic.Int64 // records that could not be decoded (skip)

	snap atomic.Pointer[Snapshot]

	// mu serialises writers and guards the fields below, which mirror the
	// committed state of the file. Published snapshots never share a map
	// with them.
	mu           sync.Mutex
	closed       bool
	sites        []govaudit.Site
	configured   map[string]bool        // the ids of sites
	latest       map[string]SiteSummary // every site's, configured or not
	lastRun      *Run
	lastComplete *Run
	active       *runState // the run most recently written to
}

// Open opens or creates the store at path. It returns a *LockedError when
// another process holds the file for longer than opts.Timeout.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	// A damaged file is refused before bbolt maps it (verify.go): never
	// re-created, never followed into a crash.
	suspect, err := verifyBeforeOpen(path)
	if err != nil {
		return nil, err
	}
	var db *bolt.DB
	if gerr := guarded(func() error {
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
		return nil
	}); gerr != nil {
		return nil, &DamagedError{Path: path, Reason: gerr.Error()}
	}
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, &LockedError{Path: path, Owner: readOwner(ownerPath(path))}
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if suspect {
		if err := verifyOpen(path, db); err != nil {
			db.Close()
			return nil, err
		}
	}
	s := &Store{path: path, db: db, readOnly: opts.ReadOnly, log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if gerr := guarded(func() error { err = s.prepare(); return nil }); gerr != nil {
		db.Close()
		return nil, &DamagedError{Path: path, Reason: gerr.Error()}
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if !opts.ReadOnly {
		// The sidecar is written after the lock is ours, so it can only
		// replace a stale one.
		if err := writeOwner(ownerPath(path), opts.Owner.defaults(time.Now())); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: write owner file: %w", path, err)
		}
		s.ownerFile = ownerPath(path)
	}
	return s, nil
}

// prepare checks the schema, creates missing buckets and loads the first
// snapshot.
func (s *Store) prepare() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil // a new file: initialised below when writable
		}
		return checkSchema(meta.Get(keySchemaVersion))
	}
	if s.readOnly {
		if err := s.db.View(check); err != nil {
			return err
		}
	} else {
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := check(tx); err != nil {
				return err
			}
			for _, name := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return fmt.Errorf("create bucket %s: %w", name, err)
				}
			}
			// Version 1 values are read as they are, so a version 1 file
			// becomes version 2 as soon as this package may write to it.
			meta := tx.Bucket(bucketMeta)
			if v := meta.Get(keySchemaVersion); v == nil || string(v) != strconv.Itoa(SchemaVersion) {
				return meta.Put(keySchemaVersion, []byte(strconv.Itoa(SchemaVersion)))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.load()
}

func checkSchema(v []byte) error {
	if v == nil {
		return errors.New("meta bucket has no schema_version")
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 1 {
		return fmt.Errorf("invalid schema_version %q", v)
	}
	if n > SchemaVersion {
		return fmt.Errorf("%w: file has schema version %d, this govaudit reads version %d; upgrade govaudit", ErrNewerSchema, n, SchemaVersion)
	}
	return nil
}

// load reads everything the snapshot needs, once, in one read transaction.
func (s *Store) load() error {
	s.latest = map[string]SiteSummary{}
	err := s.db.View(func(tx *bolt.Tx) error {
		sites, err := readSites(tx, s.skip)
		if err != nil {
			return err
		}
		s.setSites(sites)
		if b := tx.Bucket(bucketLatest); b != nil {
			err := b.ForEach(func(k, v []byte) error {
				a, err := decodeSummary(v)
				if err != nil {
					s.skip("latest", string(k), err)
					return nil
				}
				a.SiteID = string(k)
				s.latest[string(k)] = a
				return nil
			})
			if err != nil {
				return err
			}
		}
		return s.loadRuns(tx)
	})
	if err != nil {
		return err
	}
	s.publish(s.buildLatest())
	return nil
}

// loadRuns finds the newest run and the newest complete run, walking back
// from the end of the runs bucket.
func (s *Store) loadRuns(tx *bolt.Tx) error {
	b := tx.Bucket(bucketRuns)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		r, err := decodeRun(tx, v)
		if err != nil {
			s.skip("runs", strconv.FormatUint(binary.BigEndian.Uint64(k), 10), err)
			continue
		}
		if s.lastRun == nil {
			s.lastRun = &r
		}
		if r.Complete {
			s.lastComplete = &r
			return nil
		}
	}
	return nil
}

func readSites(tx *bolt.Tx, skip func(bucket, key string, err error)) ([]govaudit.Site, error) {
	b := tx.Bucket(bucketSites)
	if b == nil {
		return nil, nil
	}
	var order []string
	if meta := tx.Bucket(bucketMeta); meta != nil {
		if v := meta.Get(keySiteOrder); v != nil {
			if err := json.Unmarshal(v, &order); err != nil {
				// The sites still load, in id order.
				skip("meta", string(keySiteOrder), err)
				order = nil
			}
		}
	}
	var sites []govaudit.Site
	seen := map[string]bool{}
	add := func(id string, v []byte) error {
		var site govaudit.Site
		if err := json.Unmarshal(v, &site); err != nil {
			skip("sites", id, err)
			return nil
		}
		seen[id] = true
		sites = append(sites, site)
		return nil
	}
	for _, id := range order {
		if v := b.Get([]byte(id)); v != nil && !seen[id] {
			if err := add(id, v); err != nil {
				return nil, err
			}
		}
	}
	// Sites missing from the order (not written by this package) go last,
	// by id, rather than being lost.
	err := b.ForEach(func(k, v []byte) error {
		if seen[string(k)] {
			return nil
		}
		return add(string(k), v)
	})
	return sites, err
}

func (s *Store) setSites(sites []govaudit.Site) {
	s.sites = sites
	s.configured = make(map[string]bool, len(sites))
	for _, site := range sites {
		s.configured[site.ID] = true
	}
}

// Close removes the owner sidecar and releases the file. It is safe to call
// more than once.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	// The sidecar goes first, while the lock is still ours, so that it can
	// never remove the sidecar of the next owner.
	var errOwner error
	if s.ownerFile != "" {
		if err := os.Remove(s.ownerFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			errOwner = fmt.Errorf("remove owner file: %w", err)
		}
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return errOwner
}

// skip logs and counts a record that cannot be decoded: one bad record
// must not make the store unreadable.
func (s *Store) skip(bucket, key string, err error) {
	s.skipped.Add(1)
	s.log.Warn("store record cannot be decoded, skipped", "store", s.path, "bucket", bucket, "key", key, "err", err)
}

// Skipped returns how many records could not be decoded and were skipped
// since Open.
func (s *Store) Skipped() int64 { return s.skipped.Load() }

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Snapshot returns the current snapshot. It never blocks and never returns
// nil after Open. Callers must treat it as read-only: it is shared.
func (s *Store) Snapshot() *Snapshot { return s.snap.Load() }

// buildLatest returns a fresh table of the configured sites' latest
// summaries. Audits of sites no longer configured stay in the file (and in
// s.latest) but are left out, so readers only ever see configured sites.
func (s *Store) buildLatest() summaries {
	return newSummaries(s.sites, s.latest)
}

// publish replaces the snapshot. The table is shared copy-on-write; s.sites
// and the run records are never mutated once published.
func (s *Store) publish(latest summaries) {
	var version uint64 = 1
	if old := s.snap.Load(); old != nil {
		version = old.Version + 1
	}
	s.snap.Store(&Snapshot{
		TakenAt:         time.Now(),
		Version:         version,
		Sites:           s.sites,
		LastRun:         s.lastRun,
		LastCompleteRun: s.lastComplete,
		summaries:       latest,
		db:              s.db,
	})
}

// writable reports why s cannot be written to, if it cannot. Callers hold mu.
func (s *Store) writable() error {
	if s.closed {
		return ErrClosed
	}
	if s.readOnly {
		return ErrReadOnly
	}
	return nil
}

func decodeAudit(v []byte) (govaudit.SiteAudit, error) {
	var a govaudit.SiteAudit
	b, err := storedJSON(v)
	if err != nil {
		return a, err
	}
	err = json.Unmarshal(b, &a)
	return a, err
}

// decodeRun decodes a run record. A run that has not finished only records
// its progress in the progress bucket, so Saved is counted there.
func decodeRun(tx *bolt.Tx, v []byte) (Run, error) {
	var r Run
	if err := json.Unmarshal(v, &r); err != nil {
		return Run{}, err
	}
	if r.FinishedAt.IsZero() {
		r.Saved = 0
		if p := progressBucket(tx, r.ID); p != nil {
			c := p.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				r.Saved++
			}
		}
	}
	return r, nil
}

func progressBucket(tx *bolt.Tx, runID uint64) *bolt.Bucket {
	b := tx.Bucket(bucketProgress)
	if b == nil {
		return nil
	}
	return b.Bucket(runKey(runID))
}

func runKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, id)
}

var epoch = time.Unix(0, 0)

// timeKey is the history key of t: big-endian unix nanoseconds, so that
// byte order is time order. Times outside what UnixNano represents are
// clamped; SaveAudit refuses them, so clamping only affects query bounds.
func timeKey(t time.Time) []byte {
	var n uint64
	switch {
	case t.Before(epoch):
		n = 0
	case t.After(time.Unix(0, math.MaxInt64)):
		n = math.MaxInt64
	default:
		n = uint64(t.UnixNano())
	}
	return binary.BigEndian.AppendUint64(nil, n)
}
