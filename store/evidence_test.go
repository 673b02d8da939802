package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

func TestEvidenceRoundTrip(t *testing.T) {
	big := strings.Repeat("<li><a href=\"/zfxxgk/2026/t20261118_1.html\">关于印发《辽宁省政府信息公开实施方案》的通知</a><span>2026-11-18</span></li>\n", 2000)
	tests := []struct {
		name string
		body string
	}{
		{"html in Chinese", "<html><head><meta charset=\"gb2312\"></head><body>政府信息公开年度报告 2025</body></html>"},
		{"large list page", big},
		{"empty body", ""},
		{"bytes that are not text", "\x00\x1f\x8b\xff\xfe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			saveAudits(t, s, statusAudit("a", t0, govaudit.StatusFresh))
			p := page("https://a.gov.cn/col/1/", tt.body, "r1")
			p.FinalURL = "https://www.a.gov.cn/col/1/index.html"
			p.Status = 203
			p.ContentType = "text/html; charset=GBK"
			p.FetchedAt = t0.Add(-time.Minute)
			if err := s.SaveEvidence("a", t0, []EvidencePage{p}); err != nil {
				t.Fatal(err)
			}
			hash := hashOf(tt.body)
			rec, body, err := s.Evidence(hash)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, []byte(tt.body)) {
				t.Errorf("body: got %d bytes %.40q, want %d bytes %.40q", len(body), body, len(tt.body), tt.body)
			}
			want := EvidenceRecord{Hash: hash, URL: p.URL, FinalURL: p.FinalURL, Status: 203, ContentType: p.ContentType,
				FetchedAt: p.FetchedAt, Size: len(tt.body), StoredSize: rec.StoredSize}
			if !rec.FetchedAt.Equal(want.FetchedAt) {
				t.Errorf("fetched at: got %v, want %v", rec.FetchedAt, want.FetchedAt)
			}
			rec.FetchedAt = want.FetchedAt
			if rec != want {
				t.Errorf("record: got %+v, want %+v", rec, want)
			}
			if tt.body == big && rec.StoredSize*10 > len(big) {
				t.Errorf("stored size: got %d bytes for a %d-byte repetitive page, want it compressed", rec.StoredSize, len(big))
			}
		})
	}
}

func TestEvidenceDedup(t *testing.T) {
	s, _ := openTemp(t)
	a1 := statusAudit("a", t0, govaudit.StatusFresh, govaudit.StatusFresh)
	a2 := statusAudit("a", t0.Add(day), govaudit.StatusFresh, govaudit.StatusFresh)
	b1 := statusAudit("b", t0.Add(time.Hour), govaudit.StatusFresh)
	saveAudits(t, s, a1, a2, b1)

	column := "<ul><li>政策文件 2026-11-18</li></ul>"
	saves := []struct {
		site  string
		at    time.Time
		pages []EvidencePage
	}{
		{"a", a1.AuditedAt, []EvidencePage{page("https://a.gov.cn/col/", column, "r1"), page("https://a.gov.cn/art/1.html", "detail one", "r1", "r2")}},
		// The same column page a day later, and the same body at another
		// site's address: stored once.
		{"a", a2.AuditedAt, []EvidencePage{page("https://a.gov.cn/col/", column, "r1"), page("https://a.gov.cn/art/2.html", "detail two", "r2")}},
		{"b", b1.AuditedAt, []EvidencePage{page("https://b.gov.cn/list/", column, "r1")}},
	}
	for _, sv := range saves {
		if err := s.SaveEvidence(sv.site, sv.at, sv.pages); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := bucketCount(t, s, bucketEvidenceBody), 3; got != want {
		t.Errorf("bodies: got %d, want %d (column page once, two detail pages)", got, want)
	}
	checkEvidence(t, s)

	// Saving an audit's evidence again replaces its list without counting
	// its pages twice.
	if err := s.SaveEvidence(saves[0].site, saves[0].at, saves[0].pages); err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	refs, err := s.EvidenceFor("a", a1.AuditedAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 {
		t.Errorf("refs after saving again: got %d, want 3", len(refs))
	}

	// Replacing a list with one naming other pages frees the old bodies.
	if err := s.SaveEvidence("a", a2.AuditedAt, []EvidencePage{page("https://a.gov.cn/col/", "a new column page", "r1")}); err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	if _, _, err := s.Evidence(hashOf("detail two")); !errors.Is(err, ErrNoEvidence) {
		t.Errorf("body no list names: got %v, want ErrNoEvidence", err)
	}
	if _, _, err := s.Evidence(hashOf(column)); err != nil {
		t.Errorf("body other lists still name: %v", err)
	}
}

func TestEvidenceFor(t *testing.T) {
	s, path := openTemp(t)
	a := statusAudit("a", t0, govaudit.StatusFresh, govaudit.StatusStale, govaudit.StatusEmpty)
	saveAudits(t, s, a)
	fetched := t0.Add(-30 * time.Second)
	pages := []EvidencePage{
		page("https://a.gov.cn/col/1/", "col 1", "r1", "r3"),
		page("https://a.gov.cn/col/2/", "col 2", "r2"),
		page("https://a.gov.cn/art/1.html", "art 1", "r1"),
		page("https://a.gov.cn/col/2/index_1.html", "col 2 page 2", "r2"),
	}
	pages[1].Status = 304
	for i := range pages {
		pages[i].FetchedAt = fetched
	}
	if err := s.SaveEvidence("a", t0, pages); err != nil {
		t.Fatal(err)
	}
	// By requirement in the order pages name them, then in page order.
	want := []EvidenceRef{
		{Requirement: "r1", URL: "https://a.gov.cn/col/1/", Hash: hashOf("col 1"), FetchedAt: fetched, Status: 200},
		{Requirement: "r1", URL: "https://a.gov.cn/art/1.html", Hash: hashOf("art 1"), FetchedAt: fetched, Status: 200},
		{Requirement: "r3", URL: "https://a.gov.cn/col/1/", Hash: hashOf("col 1"), FetchedAt: fetched, Status: 200},
		{Requirement: "r2", URL: "https://a.gov.cn/col/2/", Hash: hashOf("col 2"), FetchedAt: fetched, Status: 304},
		{Requirement: "r2", URL: "https://a.gov.cn/col/2/index_1.html", Hash: hashOf("col 2 page 2"), FetchedAt: fetched, Status: 200},
	}
	check := func(t *testing.T, s *Store) {
		tests := []struct {
			name string
			site string
			at   time.Time
			want []EvidenceRef
		}{
			{"the audit", "a", t0, want},
			{"the audit, another zone", "a", t0.In(time.FixedZone("CST", 8*3600)), want},
			{"another time", "a", t0.Add(time.Nanosecond), nil},
			{"another site", "b", t0, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.EvidenceFor(tt.site, tt.at)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d refs %+v, want %d", len(got), got, len(tt.want))
				}
				for i := range got {
					g, w := got[i], tt.want[i]
					if !g.FetchedAt.Equal(w.FetchedAt) {
						t.Errorf("ref %d fetched at: got %v, want %v", i, g.FetchedAt, w.FetchedAt)
					}
					g.FetchedAt = w.FetchedAt
					if g != w {
						t.Errorf("ref %d: got %+v, want %+v", i, g, w)
					}
				}
			})
		}
	}
	t.Run("open", func(t *testing.T) { check(t, s) })
	s.Close()
	ro := openPath(t, path, Options{ReadOnly: true})
	t.Run("reopened read-only", func(t *testing.T) { check(t, ro) })
	if err := ro.SaveEvidence("a", t0, pages); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveEvidence on a read-only store: got %v, want ErrReadOnly", err)
	}
	ro.Close()

	// Entries written before the index was compressed are plain JSON.
	rw := openPath(t, path, Options{})
	err := rw.db.Update(func(tx *bolt.Tx) error {
		idx := evidenceIndex(tx, "a")
		refs, err := decodeRefs(idx.Get(timeKey(t0)))
		if err != nil {
			return err
		}
		plain, err := json.Marshal(refs)
		if err != nil {
			return err
		}
		return idx.Put(timeKey(t0), plain)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stored as plain JSON", func(t *testing.T) { check(t, rw) })
}

func TestSaveEvidenceRefused(t *testing.T) {
	tests := []struct {
		name  string
		site  string
		at    time.Time
		pages []EvidencePage
		want  string
	}{
		{"no site", "", t0, []EvidencePage{page("https://a.gov.cn/", "x", "r1")}, "no site id"},
		{"audit not saved", "a", t0.Add(time.Second), []EvidencePage{page("https://a.gov.cn/", "x", "r1")}, "no audit at"},
		{"site never audited", "z", t0, []EvidencePage{page("https://z.gov.cn/", "x", "r1")}, "no audit at"},
		{"page deciding nothing", "a", t0, []EvidencePage{page("https://a.gov.cn/", "x")}, "decides no requirement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			saveAudits(t, s, statusAudit("a", t0, govaudit.StatusFresh))
			err := s.SaveEvidence(tt.site, tt.at, tt.pages)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if n := bucketCount(t, s, bucketEvidenceBody); n != 0 {
				t.Errorf("bodies after a refused save: got %d, want 0", n)
			}
		})
	}
}

func TestEvidenceMissingOrDamaged(t *testing.T) {
	s, _ := openTemp(t)
	if _, _, err := s.Evidence(hashOf("x")); !errors.Is(err, ErrNoEvidence) {
		t.Errorf("empty store: got %v, want ErrNoEvidence", err)
	}
	if refs, err := s.EvidenceFor("a", t0); err != nil || refs != nil {
		t.Errorf("EvidenceFor on an empty store: got %v, %v, want nil, nil", refs, err)
	}
	saveAudits(t, s, statusAudit("a", t0, govaudit.StatusFresh))
	if err := s.SaveEvidence("a", t0, []EvidencePage{page("https://a.gov.cn/", "the page as fetched", "r1")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		hash   string
		body   []byte // replaces the stored body when not nil
		want   string
		wantIs error
	}{
		{name: "unknown hash", hash: hashOf("never stored"), wantIs: ErrNoEvidence},
		{name: "not a hash", hash: "../../etc/passwd", wantIs: ErrNoEvidence},
		{name: "body altered", hash: hashOf("the page as fetched"), body: gzipped(t, "the page as altered"), want: "does not match its hash"},
		{name: "body not gzip", hash: hashOf("the page as fetched"), body: []byte("plain"), want: "decompress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.body != nil {
				err := s.db.Update(func(tx *bolt.Tx) error {
					return tx.Bucket(bucketEvidenceBody).Put([]byte(tt.hash), tt.body)
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			rec, body, err := s.Evidence(tt.hash)
			switch {
			case err == nil:
				t.Fatalf("got %+v and %q, want an error", rec, body)
			case tt.wantIs != nil && !errors.Is(err, tt.wantIs):
				t.Errorf("got %v, want %v", err, tt.wantIs)
			case !strings.Contains(err.Error(), tt.want):
				t.Errorf("got %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEvidenceBodyDroppedMeanwhile covers a body that retention deleted
// between SaveEvidence's look-up and its write: it is compressed and
// stored again rather than left missing.
func TestEvidenceBodyDroppedMeanwhile(t *testing.T) {
	s, _ := openTemp(t)
	saveAudits(t, s, statusAudit("a", t0, govaudit.StatusFresh), statusAudit("a", t0.Add(day), govaudit.StatusFresh))
	p := page("https://a.gov.cn/", "shared body", "r1")
	if err := s.SaveEvidence("a", t0, []EvidencePage{p}); err != nil {
		t.Fatal(err)
	}
	refs, bodies, err := evidenceRefs([]EvidencePage{p})
	if err != nil {
		t.Fatal(err)
	}
	// The look-up found the body stored, so nothing was compressed; then
	// the only list naming it went.
	err = s.db.Update(func(tx *bolt.Tx) error {
		eb, err := createEvidenceBuckets(tx)
		if err != nil {
			return err
		}
		idx := evidenceIndex(tx, "a")
		list := bytes.Clone(idx.Get(timeKey(t0)))
		if _, err := eb.dropRefs(list); err != nil {
			return err
		}
		if err := idx.Delete(timeKey(t0)); err != nil {
			return err
		}
		// SaveEvidence's write, with nothing prepared.
		if err := eb.addRef(refs[0].Hash, bodies[refs[0].Hash], nil, nil); err != nil {
			return err
		}
		return idx.Put(timeKey(t0), list)
	})
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	_, body, err := s.Evidence(refs[0].Hash)
	if err != nil || string(body) != "shared body" {
		t.Errorf("got %q, %v, want the body stored again", body, err)
	}
}

// TestEvidenceScreenshot: a screenshot is kept beside its page, counted
// like a body, and dropped with the last audit that lists it.
func TestEvidenceScreenshot(t *testing.T) {
	s, _ := openTemp(t)
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	saveAudits(t, s, statusAudit("ln-a", at, govaudit.StatusEmpty))
	png := []byte("\x89PNG\r\n\x1a\nfake image bytes")
	pages := []EvidencePage{{URL: "http://a.test/col/", FinalURL: "http://a.test/col/", Status: 200,
		ContentType: "text/html", FetchedAt: at, Body: []byte("<ul></ul>"), PNG: png, Requirements: []string{"r1"}}}
	if err := s.SaveEvidence("ln-a", at, pages); err != nil {
		t.Fatal(err)
	}
	refs, err := s.EvidenceFor("ln-a", at)
	if err != nil || len(refs) != 1 || refs[0].Screenshot == "" {
		t.Fatalf("refs: got %+v (%v), want one with a screenshot", refs, err)
	}
	rec, body, err := s.Evidence(refs[0].Screenshot)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ContentType != "image/png" || string(body) != string(png) {
		t.Errorf("screenshot: got %s %q, want image/png with the PNG", rec.ContentType, body)
	}
	// Saving the audit's evidence again without it drops the screenshot.
	pages[0].PNG = nil
	if err := s.SaveEvidence("ln-a", at, pages); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Evidence(refs[0].Screenshot); !errors.Is(err, ErrNoEvidence) {
		t.Errorf("screenshot after replacement: got %v, want ErrNoEvidence", err)
	}
}
