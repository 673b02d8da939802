package store

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sync"
)

// appendFill is the FillPercent of buckets whose keys only grow (a site's
// history, evidence lists and probes, keyed by time; the runs): a page
// split there keeps the left page full, where bbolt's default of half
// would leave every page of an append-only bucket half empty for good.
const appendFill = 1.0

// Stored JSON values — audits in history, evidence index entries — are
// DEFLATE-compressed over a preset dictionary: a sample of audits as
// govaudit writes them. An audit repeats the catalogue's keys, statuses
// and Chinese sentences; gzip alone finds each of them once per audit,
// the dictionary has them all already. Unchanged audits are most of what
// a store grows by, and their history entries shrink to about a third of
// their gzip size.
//
// The dictionary is part of the file format: a value written with
// dictionary 1 is read with dictionary 1 for ever. A better sample is a
// new file (dict/json-2.json), a new magic and a new case in storedJSON,
// never an edit of this one; TestJSONDictionaryFrozen holds it to its hash.
//
// Values carry their encoding in their first bytes, so every earlier
// encoding is still read: plain JSON (store schema 1) and gzip (schema 2
// before the dictionary).

//go:embed dict/json-1.json
var jsonDict1 []byte

// jsonDict1SHA256 is the hash dict/json-1.json must keep.
const jsonDict1SHA256 = "1506e79f5a94f48bdf7310cc8f0514001af9be4304d87ae553460e7389bb17c2"

// dictMagic1 starts a value compressed over dictionary 1. Neither JSON
// nor gzip starts with a zero byte.
var dictMagic1 = []byte{0x00, 'g', 'd', '1'}

// The compressors hold about 600 KB of state each; they are reset, not
// made anew, for each value.
var (
	dictWriters = sync.Pool{New: func() any {
		w, err := flate.NewWriterDict(nil, flate.BestCompression, jsonDict1)
		if err != nil {
			panic(err) // only for a bad level, which is a constant
		}
		return w
	}}
	dictReaders sync.Pool // io.ReadCloser that is also a flate.Resetter
	gzipReaders sync.Pool
)

// compressJSON encodes a JSON value for the store.
func compressJSON(v []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(dictMagic1) + len(v)/8)
	buf.Write(dictMagic1)
	w := dictWriters.Get().(*flate.Writer)
	defer dictWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(v); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// storedJSON returns the JSON of a stored value, whichever way it was
// written.
func storedJSON(v []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(v, dictMagic1):
		return inflateDict(v[len(dictMagic1):])
	case len(v) >= 2 && v[0] == 0x1f && v[1] == 0x8b:
		return gunzip(v)
	}
	return v, nil
}

func inflateDict(v []byte) ([]byte, error) {
	var zr io.ReadCloser
	if p, ok := dictReaders.Get().(io.ReadCloser); ok {
		zr = p
		if err := zr.(flate.Resetter).Reset(bytes.NewReader(v), jsonDict1); err != nil {
			return nil, err
		}
	} else {
		zr = flate.NewReaderDict(bytes.NewReader(v), jsonDict1)
	}
	defer dictReaders.Put(zr)
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	return b, nil
}

func gunzip(v []byte) ([]byte, error) {
	var zr *gzip.Reader
	if p, ok := gzipReaders.Get().(*gzip.Reader); ok {
		zr = p
		if err := zr.Reset(bytes.NewReader(v)); err != nil {
			return nil, err
		}
	} else {
		var err error
		if zr, err = gzip.NewReader(bytes.NewReader(v)); err != nil {
			return nil, err
		}
	}
	defer gzipReaders.Put(zr)
	return io.ReadAll(zr)
}
