package store

import (
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
)

// TestEvidenceAsFetched: a copy saved as fetched keeps its bytes, its
// charset and the flag; a record written before the flag existed reads as
// a decoded copy.
func TestEvidenceAsFetched(t *testing.T) {
	s, _ := openTemp(t)
	saveAudits(t, s, statusAudit("a", t0, govaudit.StatusFresh))
	const gbk = "<p>\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa</p>" // 政府信息公开 in GBK
	raw := page("https://a.gov.cn/gk/", gbk, "r1")
	raw.AsFetched, raw.Charset = true, "gb18030"
	old := page("https://a.gov.cn/old/", "<p>政府信息公开</p>", "r2")
	if err := s.SaveEvidence("a", t0, []EvidencePage{raw, old}); err != nil {
		t.Fatal(err)
	}
	rec, body, err := s.Evidence(hashOf(gbk))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != gbk || !rec.AsFetched || rec.Charset != "gb18030" || rec.Decoded() {
		t.Errorf("as fetched: got %q, %+v; want the GBK bytes, as_fetched, gb18030", body, rec)
	}

	// Strip the new keys from the second record, as a store written
	// before them holds it.
	oldHash := hashOf("<p>政府信息公开</p>")
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvidence)
		var m map[string]any
		if err := json.Unmarshal(b.Get([]byte(oldHash)), &m); err != nil {
			return err
		}
		delete(m, "as_fetched")
		delete(m, "charset")
		v, err := json.Marshal(m)
		if err != nil {
			return err
		}
		return b.Put([]byte(oldHash), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	rec, body, err = s.Evidence(oldHash)
	if err != nil {
		t.Fatalf("old record: %v", err)
	}
	if !rec.Decoded() || rec.Charset != "" || string(body) != "<p>政府信息公开</p>" {
		t.Errorf("old record: got %+v, %q; want a decoded copy", rec, body)
	}
}
