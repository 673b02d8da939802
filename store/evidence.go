package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Evidence copies are kept in three buckets, created by the first write
// that needs them:
//
//	evidence        hex SHA-256 of a body → EvidenceRecord and its reference count (JSON)
//	evidence_body   hex SHA-256 of a body → the body, gzip-compressed (not JSON: pipe it to gunzip)
//	evidence_index  site id → (big-endian unix nanoseconds of AuditedAt → []EvidenceRef, JSON compressed over the dictionary of compress.go; plain JSON before)
//
// Bodies are stored once per distinct content. A record's reference count
// is the number of index entries that list its hash; the index entry, the
// counts and the bodies change in one transaction, so a body is deleted in
// the same transaction that drops its last reference and no kill can
// leave a reference without its body or a body no one references.
var (
	bucketEvidence      = []byte("evidence")
	bucketEvidenceBody  = []byte("evidence_body")
	bucketEvidenceIndex = []byte("evidence_index")
)

// ErrNoEvidence is wrapped by Evidence when no copy with the hash is kept.
var ErrNoEvidence = errors.New("no such evidence")

// EvidenceRecord describes one stored page body.
//
// Bodies are deduplicated by content, so a record describes the first fetch
// that produced its body; the EvidenceRef of each audit says where and when
// that audit fetched it. A body saved with AsFetched is the bytes the site
// sent, so its hash can be checked against the site's, and Charset names
// the charset to read it in. Copies stored before that was kept (no
// AsFetched) are the text decoded to UTF-8, whatever charset ContentType
// (the header as the server sent it) names: Decoded says so.
type EvidenceRecord struct {
	Hash        string    `json:"hash"` // hex SHA-256 of the body
	URL         string    `json:"url"`
	FinalURL    string    `json:"final_url"`
	Status      int       `json:"status"`
	ContentType string    `json:"content_type"`
	FetchedAt   time.Time `json:"fetched_at"`
	Size        int       `json:"size"`        // bytes of the body
	StoredSize  int       `json:"stored_size"` // bytes of its gzip copy
	AsFetched   bool      `json:"as_fetched,omitempty"`
	Charset     string    `json:"charset,omitempty"` // WHATWG name; "" when not text or not known
}

// Decoded reports whether the stored body is the page's text decoded to
// UTF-8 rather than the bytes as fetched (copies stored before the bytes
// were kept).
func (r EvidenceRecord) Decoded() bool { return !r.AsFetched }

// EvidenceRef says that a page decided one requirement's result in one
// audit of a site.
type EvidenceRef struct {
	Requirement string    `json:"requirement"`
	URL         string    `json:"url"`
	Hash        string    `json:"hash"`
	FetchedAt   time.Time `json:"fetched_at"`
	Status      int       `json:"status"`
	// Screenshot is the hash of a PNG of the page as a browser showed
	// it, stored like a body (content type image/png); "" for none.
	Screenshot string `json:"screenshot,omitempty"`
}

// EvidencePage is a page to keep as evidence of an audit, with the
// requirements whose results it decided.
type EvidencePage struct {
	URL         string
	FinalURL    string
	Status      int
	ContentType string
	FetchedAt   time.Time
	Body        []byte
	// PNG is a screenshot of the page as a browser showed it, or nil.
	PNG          []byte
	Requirements []string
	// AsFetched says Body is the bytes as the site sent them, to be read
	// in Charset; otherwise it is text already decoded to UTF-8.
	AsFetched bool
	Charset   string
}

// evidenceMeta is the stored form of a record.
type evidenceMeta struct {
	EvidenceRecord
	// Refs is how many index entries list the hash.
	Refs int `json:"refs"`
}

// SaveEvidence keeps pages as the evidence of the audit of siteID at
// auditedAt, which must already be saved. Saving the same audit's evidence
// again replaces its list. Bodies are hashed and compressed before the
// write lock is taken, and only those not stored yet are compressed.
func (s *Store) SaveEvidence(siteID string, auditedAt time.Time, pages []EvidencePage) error {
	if siteID == "" {
		return errors.New("save evidence: no site id")
	}
	refs, bodies, err := evidenceRefs(pages)
	if err != nil {
		return fmt.Errorf("save evidence %s: %w", siteID, err)
	}
	stored, err := s.storedBodies(bodies)
	if err != nil {
		return fmt.Errorf("save evidence %s: %w", siteID, err)
	}
	metas := make(map[string][]byte, len(bodies))
	gz := make(map[string][]byte, len(bodies))
	for hash, p := range bodies {
		if stored[hash] {
			continue
		}
		if gz[hash], metas[hash], err = encodeEvidence(hash, p); err != nil {
			return fmt.Errorf("save evidence %s: %s: %w", siteID, p.URL, err)
		}
	}
	index, err := encodeRefs(refs)
	if err != nil {
		return fmt.Errorf("save evidence %s: %w", siteID, err)
	}
	key := timeKey(auditedAt)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writable(); err != nil {
		return fmt.Errorf("save evidence %s: %w", siteID, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if h := historyBucket(tx, siteID); h == nil || h.Get(key) == nil {
			return fmt.Errorf("no audit at %s is stored", auditedAt.Format(time.RFC3339Nano))
		}
		eb, err := createEvidenceBuckets(tx)
		if err != nil {
			return err
		}
		idx, err := eb.index.CreateBucketIfNotExists([]byte(siteID))
		if err != nil {
			return err
		}
		// References are added before the old ones are dropped, so that a
		// body listed by both never reaches zero in between.
		for _, hash := range distinctHashes(refs) {
			if err := eb.addRef(hash, bodies[hash], gz[hash], metas[hash]); err != nil {
				return err
			}
		}
		if old := idx.Get(key); old != nil {
			if _, err := eb.dropRefs(old); err != nil {
				return err
			}
		}
		idx.FillPercent = appendFill
		return idx.Put(key, index)
	})
	if err != nil {
		return fmt.Errorf("save evidence %s: %w", siteID, err)
	}
	return nil
}

// evidenceRefs turns pages into the index entry and the distinct bodies by
// hash. Refs are ordered by requirement in the order the pages first name
// them, and within a requirement in page order: for pages listed in the
// order of an audit's results, that is the results' order.
func evidenceRefs(pages []EvidencePage) ([]EvidenceRef, map[string]*EvidencePage, error) {
	bodies := map[string]*EvidencePage{}
	rank := map[string]int{}
	var refs []EvidenceRef
	for i := range pages {
		p := &pages[i]
		if len(p.Requirements) == 0 {
			return nil, nil, fmt.Errorf("page %s decides no requirement", p.URL)
		}
		sum := sha256.Sum256(p.Body)
		hash := hex.EncodeToString(sum[:])
		if _, ok := bodies[hash]; !ok {
			bodies[hash] = p
		}
		shot := ""
		if len(p.PNG) > 0 {
			sum := sha256.Sum256(p.PNG)
			shot = hex.EncodeToString(sum[:])
			if _, ok := bodies[shot]; !ok {
				bodies[shot] = &EvidencePage{URL: p.URL, FinalURL: p.FinalURL, Status: p.Status,
					ContentType: "image/png", FetchedAt: p.FetchedAt, Body: p.PNG}
			}
		}
		for _, req := range p.Requirements {
			if _, ok := rank[req]; !ok {
				rank[req] = len(rank)
			}
			refs = append(refs, EvidenceRef{Requirement: req, URL: p.URL, Hash: hash, FetchedAt: p.FetchedAt, Status: p.Status, Screenshot: shot})
		}
	}
	slices.SortStableFunc(refs, func(a, b EvidenceRef) int { return rank[a.Requirement] - rank[b.Requirement] })
	return refs, bodies, nil
}

// storedBodies reports which of the hashes already have a stored body.
func (s *Store) storedBodies(bodies map[string]*EvidencePage) (map[string]bool, error) {
	stored := make(map[string]bool, len(bodies))
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvidence)
		if b == nil {
			return nil
		}
		for hash := range bodies {
			stored[hash] = b.Get([]byte(hash)) != nil
		}
		return nil
	})
	return stored, err
}

// gzipWriters recycles the compressors of encodeEvidence. Each holds about
// 800 KB of state that gzip.NewWriter allocates anew: for an audit run that
// was most of all the memory allocated (and so of the collector's work and
// of the peak resident size). A reset writer writes exactly what a new one
// would.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// encodeEvidence compresses a body and encodes its first record.
func encodeEvidence(hash string, p *EvidencePage) (gz, meta []byte, err error) {
	var buf bytes.Buffer
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(p.Body); err != nil {
		return nil, nil, err
	}
	if err := w.Close(); err != nil {
		return nil, nil, err
	}
	m := evidenceMeta{EvidenceRecord: EvidenceRecord{
		Hash: hash, URL: p.URL, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType,
		FetchedAt: p.FetchedAt, Size: len(p.Body), StoredSize: buf.Len(),
		AsFetched: p.AsFetched, Charset: p.Charset,
	}}
	meta, err = json.Marshal(m)
	return buf.Bytes(), meta, err
}

func distinctHashes(refs []EvidenceRef) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range refs {
		for _, h := range []string{r.Hash, r.Screenshot} {
			if h != "" && !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	return out
}

// evidenceBuckets are the evidence buckets of one write transaction.
type evidenceBuckets struct {
	records, bodies, index *bolt.Bucket
}

func createEvidenceBuckets(tx *bolt.Tx) (evidenceBuckets, error) {
	var eb evidenceBuckets
	var err error
	if eb.records, err = tx.CreateBucketIfNotExists(bucketEvidence); err != nil {
		return eb, err
	}
	if eb.bodies, err = tx.CreateBucketIfNotExists(bucketEvidenceBody); err != nil {
		return eb, err
	}
	eb.index, err = tx.CreateBucketIfNotExists(bucketEvidenceIndex)
	return eb, err
}

// addRef counts one more reference to hash, storing the body when it is
// new. gz and meta are the prepared copy, nil when the body was already
// stored before the transaction began.
func (eb evidenceBuckets) addRef(hash string, p *EvidencePage, gz, meta []byte) error {
	k := []byte(hash)
	var m evidenceMeta
	switch v := eb.records.Get(k); {
	case v != nil:
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("evidence %s: %w", hash, err)
		}
	case meta != nil:
		if err := json.Unmarshal(meta, &m); err != nil {
			return err
		}
	default:
		// Retention deleted the body after storedBodies saw it: compress it
		// now, inside the transaction. This is rare, so cost is no concern.
		var err error
		if gz, meta, err = encodeEvidence(hash, p); err != nil {
			return err
		}
		if err := json.Unmarshal(meta, &m); err != nil {
			return err
		}
	}
	if m.Refs == 0 {
		if eb.bodies.Get(k) == nil && gz == nil {
			return fmt.Errorf("evidence %s: record without a body", hash)
		}
		if gz != nil {
			if err := eb.bodies.Put(k, gz); err != nil {
				return err
			}
		}
	}
	m.Refs++
	v, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return eb.records.Put(k, v)
}

// dropRefs removes the references of an index entry (its encoded value)
// from the counts, deleting the records and bodies no longer referenced.
// It returns how many bodies it deleted.
func (eb evidenceBuckets) dropRefs(index []byte) (int, error) {
	refs, err := decodeRefs(index)
	if err != nil {
		return 0, err
	}
	return eb.dropHashes(distinctHashes(refs))
}

// dropHashes counts one reference less to each of hashes, deleting the
// records and bodies no longer referenced, and returns how many bodies it
// deleted.
func (eb evidenceBuckets) dropHashes(hashes []string) (int, error) {
	deleted := 0
	for _, hash := range hashes {
		k := []byte(hash)
		v := eb.records.Get(k)
		if v == nil {
			continue // nothing to count down; never left behind by this package
		}
		var m evidenceMeta
		if err := json.Unmarshal(v, &m); err != nil {
			return 0, fmt.Errorf("evidence %s: %w", hash, err)
		}
		m.Refs--
		if m.Refs > 0 {
			v, err := json.Marshal(m)
			if err != nil {
				return 0, err
			}
			if err := eb.records.Put(k, v); err != nil {
				return 0, err
			}
			continue
		}
		if err := eb.records.Delete(k); err != nil {
			return 0, err
		}
		if err := eb.bodies.Delete(k); err != nil {
			return 0, err
		}
		deleted++
	}
	return deleted, nil
}

// Evidence returns the record of a stored body and the body, decompressed
// and checked against its hash. It wraps ErrNoEvidence when no body with
// that hash is kept (retention may have dropped it).
func (s *Store) Evidence(hash string) (EvidenceRecord, []byte, error) {
	var (
		m  evidenceMeta
		gz []byte
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		records, bodies := tx.Bucket(bucketEvidence), tx.Bucket(bucketEvidenceBody)
		if records == nil || bodies == nil {
			return ErrNoEvidence
		}
		v, body := records.Get([]byte(hash)), bodies.Get([]byte(hash))
		if v == nil || body == nil {
			return ErrNoEvidence
		}
		// Copied out so that decompressing holds no read transaction.
		gz = bytes.Clone(body)
		return json.Unmarshal(v, &m)
	})
	if err != nil {
		return EvidenceRecord{}, nil, fmt.Errorf("evidence %q: %w", hash, err)
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return EvidenceRecord{}, nil, fmt.Errorf("evidence %s: decompress: %w", hash, err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, m.Size))
	if _, err := io.Copy(buf, r); err != nil {
		return EvidenceRecord{}, nil, fmt.Errorf("evidence %s: decompress: %w", hash, err)
	}
	// A copy offered as proof must be the one that was fetched.
	if sum := sha256.Sum256(buf.Bytes()); hex.EncodeToString(sum[:]) != hash {
		return EvidenceRecord{}, nil, fmt.Errorf("evidence %s: stored body does not match its hash", hash)
	}
	return m.EvidenceRecord, buf.Bytes(), nil
}

// EvidenceFor returns the evidence kept for the audit of siteID at
// auditedAt, in the order of the audit's results; none when the audit kept
// no evidence or retention dropped it.
func (s *Store) EvidenceFor(siteID string, auditedAt time.Time) ([]EvidenceRef, error) {
	var refs []EvidenceRef
	err := s.db.View(func(tx *bolt.Tx) error {
		idx := evidenceIndex(tx, siteID)
		if idx == nil {
			return nil
		}
		v := idx.Get(timeKey(auditedAt))
		if v == nil {
			return nil
		}
		var err error
		refs, err = decodeRefs(v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("evidence for %s at %s: %w", siteID, auditedAt.Format(time.RFC3339), err)
	}
	return refs, nil
}

// encodeRefs encodes an evidence index entry. Compressed, the references
// of an unchanged audit (the same few pages named by many requirements)
// shrink about five times over: with the audit itself, they are what an
// unchanged audit adds to the file.
func encodeRefs(refs []EvidenceRef) ([]byte, error) {
	b, err := json.Marshal(refs)
	if err != nil {
		return nil, err
	}
	return compressJSON(b)
}

// decodeRefs decodes an evidence index entry, compressed or not.
func decodeRefs(v []byte) ([]EvidenceRef, error) {
	var refs []EvidenceRef
	b, err := storedJSON(v)
	if err == nil {
		err = json.Unmarshal(b, &refs)
	}
	if err != nil {
		return nil, fmt.Errorf("evidence index: %w", err)
	}
	return refs, nil
}

func evidenceIndex(tx *bolt.Tx, siteID string) *bolt.Bucket {
	b := tx.Bucket(bucketEvidenceIndex)
	if b == nil {
		return nil
	}
	return b.Bucket([]byte(siteID))
}
