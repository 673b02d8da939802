package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeRaw creates a bbolt file the way another version of govaudit (or
// another program) might have left it.
func writeRaw(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func setVersion(v string) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keySchemaVersion, []byte(v))
	}
}

func TestSchemaVersion(t *testing.T) {
	tests := []struct {
		name      string
		prepare   func(tx *bolt.Tx) error
		readOnly  bool
		wantErr   []string // substrings; nil means Open succeeds
		wantNewer bool
	}{
		{name: "newer", prepare: setVersion("3"), wantErr: []string{"schema version 3", "version 2"}, wantNewer: true},
		{name: "newer, read-only", prepare: setVersion("7"), readOnly: true, wantErr: []string{"schema version 7", "version 2"}, wantNewer: true},
		{name: "garbage", prepare: setVersion("one"), wantErr: []string{`invalid schema_version "one"`}},
		{name: "meta without version", prepare: func(tx *bolt.Tx) error { _, err := tx.CreateBucket(bucketMeta); return err }, wantErr: []string{"no schema_version"}},
		{name: "current", prepare: setVersion("2")},
		{name: "version 1, upgraded", prepare: setVersion("1")},
		{name: "no meta bucket", prepare: func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("unrelated")); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "govaudit.db")
			writeRaw(t, path, tt.prepare)
			s, err := Open(path, Options{ReadOnly: tt.readOnly, Timeout: 100 * time.Millisecond})
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				defer s.Close()
				var got string
				s.db.View(func(tx *bolt.Tx) error {
					got = string(tx.Bucket(bucketMeta).Get(keySchemaVersion))
					return nil
				})
				if got != "2" {
					t.Errorf("schema_version: got %q, want %q", got, "2")
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("got no error, want one containing %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
			if got := errors.Is(err, ErrNewerSchema); got != tt.wantNewer {
				t.Errorf("errors.Is(err, ErrNewerSchema): got %v, want %v", got, tt.wantNewer)
			}
		})
	}
}

// TestNewerSchemaUntouched checks that refusing a newer file leaves it as
// it was: Open must not create buckets in it.
func TestNewerSchemaUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "govaudit.db")
	writeRaw(t, path, setVersion("3"))
	if s, err := Open(path, Options{}); err == nil {
		s.Close()
		t.Fatal("Open succeeded, want an error")
	}
	writeRaw(t, path, func(tx *bolt.Tx) error {
		var names []string
		tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, string(name))
			return nil
		})
		if len(names) != 1 || names[0] != "meta" {
			t.Errorf("buckets: got %v, want [meta]", names)
		}
		return nil
	})
}
