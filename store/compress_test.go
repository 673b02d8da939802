package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestJSONDictionaryFrozen: values in users' files were compressed over
// this dictionary; changing it would make them unreadable.
func TestJSONDictionaryFrozen(t *testing.T) {
	sum := sha256.Sum256(jsonDict1)
	if got := hex.EncodeToString(sum[:]); got != jsonDict1SHA256 {
		t.Errorf("dict/json-1.json hash: got %s, want %s: a new dictionary is a new file and magic, never an edit", got, jsonDict1SHA256)
	}
	if len(jsonDict1) > 32<<10 {
		t.Errorf("dictionary of %d bytes: DEFLATE uses only the last 32 KiB", len(jsonDict1))
	}
}

func TestStoredJSON(t *testing.T) {
	audit := []byte(`{"site_id":"ln-rst","requirements":[{"id":"all-01","status":"missing","compliant":"no","evidence":["首页和政府信息公开专栏均未找到名称如“决策预公开”的栏目"]}]}`)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(audit)
	zw.Close()
	dict, err := compressJSON(audit)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		stored []byte
	}{
		{"plain JSON (schema 1)", audit},
		{"gzip (schema 2)", gz.Bytes()},
		{"dictionary 1", dict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := storedJSON(tt.stored)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, audit) {
				t.Errorf("got %q, want %q", got, audit)
			}
		})
	}
	if len(dict) >= gz.Len() {
		t.Errorf("dictionary encoding: got %d bytes, want fewer than gzip's %d", len(dict), gz.Len())
	}
	t.Run("torn", func(t *testing.T) {
		if _, err := storedJSON(dict[:len(dict)-3]); err == nil || !strings.Contains(err.Error(), "decompress") {
			t.Errorf("torn value: got %v, want a decompress error", err)
		}
	})
}

func FuzzStoredJSON(f *testing.F) {
	v, _ := compressJSON([]byte(`{"site_id":"a"}`))
	f.Add(v)
	f.Add([]byte(`{"site_id":"a"}`))
	f.Add(append(append([]byte(nil), dictMagic1...), 0xff, 0x00))
	f.Fuzz(func(t *testing.T, v []byte) {
		storedJSON(v) // must not panic or hang
	})
}
