package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RetentionPolicy says which audits and evidence copies the store keeps.
//
// For every site, ApplyRetention keeps:
//
//   - every audit younger than Daily (30 days): daily results;
//   - of the audits between Daily and Weekly (1 year) old, one per ISO week:
//     the newest of the week, so the audit that was kept daily becomes the
//     week's one and nothing flips as audits age;
//   - at any age, every audit that changed a status — one in which some
//     requirement's status differs from the site's previous audit, or that
//     judged a requirement the previous one did not (the site's first
//     audit included): changes are kept forever;
//   - the site's latest audit, however old.
//
// Evidence copies (the stored pages that decided the results) are kept for
// each site's latest audit and for every audit that changed a status; the
// evidence lists of all other audits are dropped. With ChangedEvidenceOnly,
// an audit that changed a status and is no longer the latest keeps only
// the pages of the requirements whose status changed. A page body is
// deleted when no kept list names it any more.
//
// Because no audit that changed a status is ever dropped, the status of
// every requirement as of any date, and the timelines, are the same before
// and after retention; what is lost with a dropped audit is its own detail
// (ages in days, newest items, census findings, score). A site whose
// statuses flap keeps one audit, and its evidence, per flap. Run records
// are not pruned: they are a few kilobytes per run.
//
// Retention is idempotent and safe to interrupt: it deletes in short write
// transactions of at most MaxDeletesPerTx deletions each (only an
// evidence list naming more bodies than that is deleted whole in one larger
// transaction), each leaving a consistent store, and dropping an audit that
// changed nothing never turns another audit into a change, so running it
// again after a kill finishes the job. The file does not shrink; Compact
// returns the space.
type RetentionPolicy struct {
	// Daily is how long every audit is kept; DefaultRetention's when 0.
	Daily time.Duration
	// Weekly is how long one audit per ISO week is kept; DefaultRetention's
	// when 0. It must not be shorter than Daily.
	Weekly time.Duration
	// Location is the timezone of ISO weeks; nil uses the zone each audit
	// recorded (the configured timezone at the time of the audit).
	Location *time.Location
	// MaxDeletesPerTx bounds each write transaction so that writers are not
	// kept waiting; DefaultRetention's when 0.
	MaxDeletesPerTx int
	// ChangedEvidenceOnly keeps, of an audit that changed a status and is
	// no longer the latest, only the evidence of the requirements whose
	// status changed (all of it for a site's first audit).
	ChangedEvidenceOnly bool
}

// DefaultRetention is the policy of the README: daily results for 30 days,
// weekly for a year, changes forever.
var DefaultRetention = RetentionPolicy{
	Daily:           30 * 24 * time.Hour,
	Weekly:          365 * 24 * time.Hour,
	MaxDeletesPerTx: 1000,
}

func (p RetentionPolicy) withDefaults() (RetentionPolicy, error) {
	if p.Daily < 0 || p.Weekly < 0 || p.MaxDeletesPerTx < 0 {
		return p, errors.New("retention policy has a negative value")
	}
	if p.Daily == 0 {
		p.Daily = DefaultRetention.Daily
	}
	if p.Weekly == 0 {
		p.Weekly = DefaultRetention.Weekly
	}
	if p.MaxDeletesPerTx == 0 {
		p.MaxDeletesPerTx = DefaultRetention.MaxDeletesPerTx
	}
	if p.Weekly < p.Daily {
		return p, fmt.Errorf("retention policy keeps weekly audits %s, less than daily ones %s", p.Weekly, p.Daily)
	}
	return p, nil
}

// RetentionReport counts what ApplyRetention kept and deleted.
type RetentionReport struct {
	Sites           int // sites with history or evidence
	AuditsKept      int
	AuditsDeleted   int
	EvidenceKept    int // audits whose evidence list is kept
	EvidenceDeleted int // audits whose evidence list was dropped
	EvidenceTrimmed int // lists cut down to the requirements that changed
	BodiesDeleted   int // page bodies no kept list named any more
	Transactions    int // write transactions committed
}

// errRetentionStopped ends applyRetention early, for tests of interrupted
// retention.
var errRetentionStopped = errors.New("retention stopped")

// ApplyRetention applies p as of now (see RetentionPolicy). Other writes
// proceed between its transactions.
func (s *Store) ApplyRetention(now time.Time, p RetentionPolicy) (RetentionReport, error) {
	return s.applyRetention(now, p, 0)
}

// applyRetention is ApplyRetention, stopping with errRetentionStopped
// after maxTx write transactions when maxTx > 0.
func (s *Store) applyRetention(now time.Time, p RetentionPolicy, maxTx int) (RetentionReport, error) {
	var rep RetentionReport
	p, err := p.withDefaults()
	if err != nil {
		return rep, fmt.Errorf("apply retention: %w", err)
	}
	if s.readOnly {
		return rep, fmt.Errorf("apply retention: %w", ErrReadOnly)
	}
	sites, err := s.retentionSites()
	if err != nil {
		return rep, fmt.Errorf("apply retention: %w", err)
	}
	rep.Sites = len(sites)
	for _, site := range sites {
		// One site at a time, each planned in its own short read
		// transaction: a long one would make the file grow.
		plan, err := s.planRetention(site, now, p)
		if err != nil {
			return rep, fmt.Errorf("apply retention: %s: %w", site, err)
		}
		rep.AuditsKept += plan.auditsKept
		rep.EvidenceKept += plan.evidenceKept
		if err := s.executeRetention(site, plan, p.MaxDeletesPerTx, maxTx, &rep); err != nil {
			return rep, fmt.Errorf("apply retention: %s: %w", site, err)
		}
	}
	return rep, nil
}

// retentionSites lists the sites with history or evidence.
func (s *Store) retentionSites() ([]string, error) {
	var sites []string
	seen := map[string]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketHistory, bucketEvidenceIndex} {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			err := b.ForEachBucket(func(k []byte) error {
				if !seen[string(k)] {
					seen[string(k)] = true
					sites = append(sites, string(k))
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return sites, err
}

// retentionPlan is what to delete of one site.
type retentionPlan struct {
	audits       [][]byte   // history keys
	evidence     [][]byte   // evidence index keys
	trims        []trimPlan // lists to cut down (ChangedEvidenceOnly)
	auditsKept   int
	evidenceKept int
}

// trimPlan keeps, of the evidence list at key, the refs of reqs.
type trimPlan struct {
	key  []byte
	reqs map[string]bool
}

func (s *Store) planRetention(site string, now time.Time, p RetentionPolicy) (retentionPlan, error) {
	var plan retentionPlan
	err := s.db.View(func(tx *bolt.Tx) error {
		type entry struct {
			key     []byte
			at      time.Time
			week    int
			change  bool
			changed map[string]bool // requirements whose status changed
		}
		var entries []entry
		var prev *auditStatuses
		err := scanStatuses(historyBucket(tx, site), nil, func(k []byte, a auditStatuses) error {
			at := a.AuditedAt
			if p.Location != nil {
				at = at.In(p.Location)
			}
			y, w := at.ISOWeek()
			change, changed := a.changes(prev)
			if prev == nil {
				changed = nil // the first audit keeps all its evidence
			}
			entries = append(entries, entry{key: bytes.Clone(k), at: a.AuditedAt, week: y*100 + w, change: change, changed: changed})
			prev = &a
			return nil
		})
		if err != nil {
			return err
		}
		latestKey, err := latestKey(tx, site)
		if err != nil {
			return err
		}
		keepEvidence := map[string]bool{}
		trim := map[string]map[string]bool{}
		for i, e := range entries {
			newest := i == len(entries)-1
			latest := newest || bytes.Equal(e.key, latestKey)
			age := now.Sub(e.at)
			newestOfWeek := newest || entries[i+1].week != e.week
			keep := latest || e.change || age <= p.Daily || (age <= p.Weekly && newestOfWeek)
			if !keep {
				plan.audits = append(plan.audits, e.key)
				continue
			}
			plan.auditsKept++
			if latest || e.change {
				keepEvidence[string(e.key)] = true
			}
			if !latest && e.change && e.changed != nil && p.ChangedEvidenceOnly {
				trim[string(e.key)] = e.changed
			}
		}
		if idx := evidenceIndex(tx, site); idx != nil {
			// Lists of audits no longer in the history go too.
			return idx.ForEach(func(k, v []byte) error {
				if !keepEvidence[string(k)] {
					plan.evidence = append(plan.evidence, bytes.Clone(k))
					return nil
				}
				plan.evidenceKept++
				if keep := trim[string(k)]; keep != nil {
					more, err := namesOthers(v, keep)
					if err != nil {
						return err
					}
					if more {
						plan.trims = append(plan.trims, trimPlan{key: bytes.Clone(k), reqs: keep})
					}
				}
				return nil
			})
		}
		return nil
	})
	return plan, err
}

// namesOthers reports whether an evidence list names a requirement that is
// not in keep: whether trimming it would change it.
func namesOthers(list []byte, keep map[string]bool) (bool, error) {
	refs, err := decodeRefs(list)
	if err != nil {
		return false, err
	}
	for _, r := range refs {
		if !keep[r.Requirement] {
			return true, nil
		}
	}
	return false, nil
}

// latestKey returns the history key of the site's latest audit, nil when
// it has none.
func latestKey(tx *bolt.Tx, site string) ([]byte, error) {
	v := tx.Bucket(bucketLatest).Get([]byte(site))
	if v == nil {
		return nil, nil
	}
	var a struct {
		AuditedAt time.Time `json:"audited_at"`
	}
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, fmt.Errorf("latest: %w", err)
	}
	return timeKey(a.AuditedAt), nil
}

// executeRetention carries out plan in transactions of at most maxDeletes
// deletions: evidence lists first, then trims, then audits, so that an
// interrupted run never leaves a list for an audit that is gone.
func (s *Store) executeRetention(site string, plan retentionPlan, maxDeletes, maxTx int, rep *RetentionReport) error {
	ops := make([]retentionOp, 0, len(plan.evidence)+len(plan.trims)+len(plan.audits))
	for _, k := range plan.evidence {
		ops = append(ops, retentionOp{key: k, list: true})
	}
	for _, t := range plan.trims {
		ops = append(ops, retentionOp{key: t.key, list: true, keep: t.reqs})
	}
	for _, k := range plan.audits {
		ops = append(ops, retentionOp{key: k})
	}
	for len(ops) > 0 {
		if maxTx > 0 && rep.Transactions >= maxTx {
			return errRetentionStopped
		}
		var done RetentionReport
		var n int // ops carried out, or found moot
		err := s.update(func(tx *bolt.Tx) error {
			done, n = RetentionReport{}, 0
			rt, err := newRetentionTx(tx, site)
			if err != nil {
				return err
			}
			deletions := 0
			for _, op := range ops {
				cost, err := rt.cost(op)
				if err != nil {
					return err
				}
				if deletions > 0 && deletions+cost > maxDeletes {
					break
				}
				d, err := rt.apply(op, &done)
				if err != nil {
					return err
				}
				deletions += d
				n++
			}
			return nil
		})
		if err != nil {
			return err
		}
		ops = ops[n:]
		rep.Transactions++
		rep.AuditsDeleted += done.AuditsDeleted
		rep.EvidenceKept += done.EvidenceKept
		rep.EvidenceDeleted += done.EvidenceDeleted
		rep.EvidenceTrimmed += done.EvidenceTrimmed
		rep.BodiesDeleted += done.BodiesDeleted
	}
	return nil
}

// retentionOp is one step of a plan: deleting an audit, deleting an
// evidence list (list) or, when keep is set, cutting a list down to the
// refs of the requirements in keep.
type retentionOp struct {
	key  []byte
	list bool
	keep map[string]bool
}

// retentionTx carries out retention steps for one site in one write
// transaction.
type retentionTx struct {
	eb   evidenceBuckets
	idx  *bolt.Bucket // nil when the site has no evidence
	hist *bolt.Bucket // nil when it has no history
	// newest is the site's newest history key. Audits saved since the plan
	// was made can only be newer ones; checking it here means that no
	// plan, however stale, deletes a site's newest audit or its evidence.
	newest []byte
}

func newRetentionTx(tx *bolt.Tx, site string) (*retentionTx, error) {
	rt := &retentionTx{hist: historyBucket(tx, site), idx: evidenceIndex(tx, site)}
	if rt.hist != nil {
		rt.newest, _ = rt.hist.Cursor().Last()
	}
	if rt.idx != nil {
		var err error
		if rt.eb, err = createEvidenceBuckets(tx); err != nil {
			return nil, err
		}
	}
	return rt, nil
}

// target returns the value op would change: the list or the audit; nil
// when it is gone or protected.
func (rt *retentionTx) target(op retentionOp) []byte {
	b := rt.hist
	if op.list {
		b = rt.idx
	}
	if b == nil || bytes.Equal(op.key, rt.newest) {
		return nil
	}
	return b.Get(op.key)
}

// cost bounds the deletions op makes: an audit or a list, and the record
// and body of each hash a list names.
func (rt *retentionTx) cost(op retentionOp) (int, error) {
	v := rt.target(op)
	if v == nil || !op.list {
		return 1, nil
	}
	refs, err := decodeRefs(v)
	if err != nil {
		return 0, err
	}
	return 1 + 2*len(distinctHashes(refs)), nil
}

// apply carries out op, counting it in done, and returns the deletions it
// made.
func (rt *retentionTx) apply(op retentionOp, done *RetentionReport) (int, error) {
	v := rt.target(op)
	switch {
	case v == nil:
		return 0, nil
	case !op.list:
		done.AuditsDeleted++
		return 1, rt.hist.Delete(op.key)
	case op.keep == nil:
		bodies, err := rt.eb.dropRefs(v)
		if err != nil {
			return 0, err
		}
		done.EvidenceDeleted++
		done.BodiesDeleted += bodies
		return 1 + 2*bodies, rt.idx.Delete(op.key)
	}
	refs, err := decodeRefs(v)
	if err != nil {
		return 0, err
	}
	kept := make([]EvidenceRef, 0, len(refs))
	for _, r := range refs {
		if op.keep[r.Requirement] {
			kept = append(kept, r)
		}
	}
	if len(kept) == len(refs) {
		return 0, nil // trimmed by an earlier run
	}
	// Only hashes no kept ref names lose their reference: a body shared
	// by a kept and a dropped ref stays.
	still := map[string]bool{}
	for _, h := range distinctHashes(kept) {
		still[h] = true
	}
	var gone []string
	for _, h := range distinctHashes(refs) {
		if !still[h] {
			gone = append(gone, h)
		}
	}
	bodies, err := rt.eb.dropHashes(gone)
	if err != nil {
		return 0, err
	}
	done.BodiesDeleted += bodies
	if len(kept) == 0 {
		done.EvidenceKept--
		done.EvidenceDeleted++
		return 1 + 2*bodies, rt.idx.Delete(op.key)
	}
	list, err := encodeRefs(kept)
	if err != nil {
		return 0, err
	}
	done.EvidenceTrimmed++
	return 2 * bodies, rt.idx.Put(op.key, list)
}

// update runs fn in a write transaction under the writers' lock.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return err
	}
	return s.db.Update(fn)
}

// Compact copies the store at src into a new file at dst, leaving out the
// free pages: a bbolt file never shrinks by itself, however much retention
// deleted. src is opened read-only, so Compact fails with a *LockedError
// while another process owns it (stop the service first). dst must not
// exist; it appears only once complete, and replacing src with it is the
// caller's move.
func Compact(src, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("compact: %s already exists", dst)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("compact: %w", err)
	}
	s, err := Open(src, Options{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	defer s.Close()

	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".*.tmp")
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath) // a no-op once linked into place and removed
	out, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	// Commits every 64 MiB so that a large store is not copied in one
	// transaction held in memory.
	if err := bolt.Compact(out, s.db, 64<<20); err != nil {
		out.Close()
		return fmt.Errorf("compact %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("compact %s: %w", src, err)
	}
	// Link, unlike rename, refuses to replace a file that appeared at dst
	// in the meantime.
	if err := os.Link(tmpPath, dst); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	return syncDir(filepath.Dir(dst))
}

// syncDir makes a new directory entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("compact: sync %s: %w", dir, err)
	}
	return nil
}
