// Package hostile serves the hostile sites of the fault tests: compression
// bombs, endless bodies, servers that never answer. Only tests import it.
package hostile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"sync"
)

// GiB is the decoded size of the bombs the tests serve.
const GiB = 1 << 30

// MiB is the unit of a bomb's decoded size.
const MiB = 1 << 20

// segments are a raw deflate stream of zeros cut at sync flushes: first
// compresses the first MiB; every further MiB compresses to the same bytes,
// next, because the compressor's window then holds nothing but zeros
// (TestSegmentsRepeat checks it); end closes the stream.
var segments = sync.OnceValue(func() (s struct{ first, next, end []byte }) {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression) // a valid level cannot fail
	zeros := make([]byte, MiB)
	cut := func() []byte {
		w.Write(zeros)
		w.Flush()
		seg := bytes.Clone(b.Bytes())
		b.Reset()
		return seg
	}
	s.first, s.next = cut(), cut()
	w.Close()
	s.end = bytes.Clone(b.Bytes())
	return s
})

// WriteBomb writes decoded bytes of zeros (a whole number of MiB) to w
// compressed with coding: "gzip" (or "x-gzip"), "zlib" (what HTTP calls
// deflate) or "deflate" for raw deflate. The stream is built from
// precompressed segments as it is written: a 1 GiB bomb is about 1 MB on
// the wire, costs no compression and is never held in memory. Writing
// stops at the first error (the client hung up). When w is an
// http.Flusher, every segment is flushed at once, so that the client sees
// the bomb go off without waiting on server buffers.
func WriteBomb(w io.Writer, coding string, decoded int64) error {
	if decoded <= 0 || decoded%MiB != 0 {
		return fmt.Errorf("bomb size %d is not a positive number of MiB", decoded)
	}
	flush := func() {}
	if f, ok := w.(http.Flusher); ok {
		flush = f.Flush
	}
	write := func(p []byte) error {
		_, err := w.Write(p)
		flush()
		return err
	}
	var trailer func() []byte
	switch coding {
	case "gzip", "x-gzip":
		if err := write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}); err != nil {
			return err
		}
		trailer = func() []byte {
			zeros := make([]byte, MiB)
			var crc uint32
			for range decoded / MiB {
				crc = crc32.Update(crc, crc32.IEEETable, zeros)
			}
			t := binary.LittleEndian.AppendUint32(nil, crc)
			return binary.LittleEndian.AppendUint32(t, uint32(decoded))
		}
	case "zlib":
		if err := write([]byte{0x78, 0xda}); err != nil {
			return err
		}
		trailer = func() []byte {
			// Adler-32 of zeros: a stays 1, b adds a once per byte.
			return binary.BigEndian.AppendUint32(nil, uint32(decoded%65521)<<16|1)
		}
	case "deflate":
		trailer = func() []byte { return nil }
	default:
		return fmt.Errorf("unknown bomb coding %q", coding)
	}
	s := segments()
	if err := write(s.first); err != nil {
		return err
	}
	for range decoded/MiB - 1 {
		if err := write(s.next); err != nil {
			return err
		}
	}
	if err := write(s.end); err != nil {
		return err
	}
	return write(trailer())
}

// WireSize returns the size on the wire of WriteBomb's stream, without
// writing it (the gzip trailer's CRC of a GiB of zeros is what costs).
func WireSize(coding string, decoded int64) (int64, error) {
	if decoded <= 0 || decoded%MiB != 0 {
		return 0, fmt.Errorf("bomb size %d is not a positive number of MiB", decoded)
	}
	var wrap int64
	switch coding {
	case "gzip", "x-gzip":
		wrap = 10 + 8
	case "zlib":
		wrap = 2 + 4
	case "deflate":
	default:
		return 0, fmt.Errorf("unknown bomb coding %q", coding)
	}
	s := segments()
	return wrap + int64(len(s.first)) + (decoded/MiB-1)*int64(len(s.next)) + int64(len(s.end)), nil
}
