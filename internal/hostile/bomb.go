// Package hostile serves the hostile sites of the fault tests: compression
// bombs, endless bodies, servers that never answer. Only tests import it.
package hostile

import (
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
)

// GiB is the decoded size of the bombs the tests serve.
const GiB = 1 << 30

// WriteBomb writes decoded bytes of zeros to w compressed with coding
// ("gzip", "x-gzip", "zlib" or "deflate" for raw deflate), producing the
// compressed stream as it goes: a 1 GiB bomb is about 1 MB on the wire and
// never held in memory. It stops at the first write error (the client hung
// up). When w is an http.Flusher, every write is flushed at once, so that
// the client sees the bomb go off without waiting on server buffers.
func WriteBomb(w io.Writer, coding string, decoded int64) error {
	if f, ok := w.(http.Flusher); ok {
		w = flushWriter{w, f}
	}
	var zw io.WriteCloser
	var err error
	switch coding {
	case "gzip", "x-gzip":
		zw, err = gzip.NewWriterLevel(w, gzip.BestCompression)
	case "zlib":
		zw, err = zlib.NewWriterLevel(w, zlib.BestCompression)
	case "deflate":
		zw, err = flate.NewWriter(w, flate.BestCompression)
	default:
		return fmt.Errorf("unknown bomb coding %q", coding)
	}
	if err != nil {
		return err
	}
	zeros := make([]byte, 64<<10)
	for left := decoded; left > 0; {
		n := min(left, int64(len(zeros)))
		if _, err := zw.Write(zeros[:n]); err != nil {
			return err
		}
		left -= n
	}
	return zw.Close()
}

// WireSize returns the size on the wire of WriteBomb's stream, by writing
// it to a counter.
func WireSize(coding string, decoded int64) (int64, error) {
	var c counter
	err := WriteBomb(&c, coding, decoded)
	return int64(c), err
}

type flushWriter struct {
	w io.Writer
	f http.Flusher
}

func (fw flushWriter) Write(p []byte) (int, error) {
	n, err := fw.w.Write(p)
	fw.f.Flush()
	return n, err
}

type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
