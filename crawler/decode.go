package crawler

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// acceptEncoding is what the crawler asks for. It decodes bodies itself
// (decodeBody) so that the decoded bytes are bounded: net/http's transparent
// gzip and colly's own gunzip read the whole decompressed stream, and a 1 MB
// gzip bomb expands to 1 GiB in memory. No brotli decoder is among the
// module's dependencies, so br is not offered; a server that sends it anyway
// gets an undecodable-body finding.
const acceptEncoding = "gzip, deflate"

// maxEncodingLayers bounds how many codings a Content-Encoding may stack
// ("gzip, gzip" is legal); each layer is a decompressor's window in memory.
const maxEncodingLayers = 2

// bodyTooLargeError is returned by a body reader when the bytes on the wire
// go over max_body_bytes before the decoded bytes do (a stream of empty
// deflate blocks, say): the fetch becomes a too_large finding.
type bodyTooLargeError struct{ limit int64 }

func (e *bodyTooLargeError) Error() string {
	return fmt.Sprintf("compressed body larger than %d bytes", e.limit)
}

// encodingError is a body that cannot be decoded: a coding the crawler
// does not know (br, zstd, compress) or corrupt compressed data.
type encodingError struct {
	coding string
	err    error // nil for an unknown coding
}

func (e *encodingError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("body sent with content encoding %q, which the crawler did not ask for and cannot decode", e.coding)
	}
	return fmt.Sprintf("%s body cannot be decoded: %v", e.coding, e.err)
}

func (e *encodingError) Unwrap() error { return e.err }

// decodeBody replaces resp.Body by its decoded bytes, at most limit+1 of
// them (one over the limit tells a body at the limit from one cut at it),
// with at most limit+1 bytes read from the wire. It decodes the codings of
// Content-Encoding, and a body without one that is a gzip file by its
// Content-Type or a .gz address (what colly gunzipped). resp.Uncompressed
// is set on every response so that colly never decompresses a body again.
func decodeBody(resp *http.Response, limit int64) {
	resp.Uncompressed = true
	if resp.Body == nil || resp.Body == http.NoBody {
		return
	}
	if resp.ContentLength > limit {
		// The header callback refuses it by its Content-Length.
		return
	}
	var codings []string
	for c := range strings.SplitSeq(resp.Header.Get("Content-Encoding"), ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" {
			codings = append(codings, c)
		}
	}
	sniffGzip := false
	if len(codings) == 0 {
		ct := strings.ToLower(resp.Header.Get("Content-Type"))
		path := ""
		if resp.Request != nil && resp.Request.URL != nil {
			path = strings.ToLower(resp.Request.URL.Path)
		}
		if !strings.Contains(ct, "gzip") && !strings.HasSuffix(path, ".gz") {
			return
		}
		// A .gz address may well serve an HTML error page: decode only
		// what starts like gzip.
		codings, sniffGzip = []string{"gzip"}, true
	}
	raw := &wireReader{r: resp.Body, left: limit + 1, limit: limit}
	resp.Body = &decodedBody{
		coding: strings.Join(codings, ", "),
		dec:    &lazyDecoder{raw: raw, codings: codings, sniff: sniffGzip},
		raw:    raw,
		closer: resp.Body,
		left:   limit + 1,
	}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
}

// wireReader counts the bytes read from the connection and fails once more
// than limit+1 have come; it remembers whether the connection failed, so
// that such errors pass through unchanged (a timeout stays a timeout).
type wireReader struct {
	r     io.Reader
	left  int64
	limit int64
	err   error // a read error of r other than EOF
}

func (w *wireReader) Read(p []byte) (int, error) {
	if w.left <= 0 {
		return 0, &bodyTooLargeError{limit: w.limit}
	}
	if int64(len(p)) > w.left {
		p = p[:w.left]
	}
	n, err := w.r.Read(p)
	w.left -= int64(n)
	if err != nil && err != io.EOF {
		w.err = err
	}
	return n, err
}

// lazyDecoder builds its decompressors on the first Read: gzip.NewReader
// reads the header, which must not happen in RoundTrip (a redirect's body
// is never read) nor outside the request's deadline.
type lazyDecoder struct {
	raw     *wireReader
	codings []string
	sniff   bool
	r       io.Reader
	err     error
}

func (d *lazyDecoder) Read(p []byte) (int, error) {
	if d.r == nil && d.err == nil {
		d.r, d.err = d.open()
	}
	if d.err != nil {
		return 0, d.err
	}
	return d.r.Read(p)
}

func (d *lazyDecoder) open() (io.Reader, error) {
	if len(d.codings) > maxEncodingLayers {
		return nil, &encodingError{coding: strings.Join(d.codings, ", "), err: errors.New("too many content codings")}
	}
	var r io.Reader = d.raw
	if d.sniff {
		br := bufio.NewReader(d.raw)
		magic, err := br.Peek(2)
		if err != nil && d.raw.err != nil {
			return nil, d.raw.err
		}
		if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
			return br, nil
		}
		r = br
	}
	// Codings are listed in the order they were applied.
	for i := len(d.codings) - 1; i >= 0; i-- {
		c := d.codings[i]
		var err error
		switch c {
		case "gzip", "x-gzip":
			var zr *gzip.Reader
			if zr, err = gzip.NewReader(r); err == nil {
				r = zr
			}
		case "deflate":
			r, err = newDeflateReader(r)
		default:
			return nil, &encodingError{coding: c}
		}
		if err == io.EOF && d.raw.err == nil {
			// No bytes at all: an empty body labelled compressed, as
			// servers send with 204s and some error pages. net/http's own
			// gunzip reads it as empty too.
			return eofReader{}, nil
		}
		if err != nil {
			if d.raw.err != nil {
				return nil, d.raw.err
			}
			return nil, &encodingError{coding: c, err: err}
		}
	}
	return r, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// newDeflateReader reads "deflate" as RFC 9110 defines it (zlib-wrapped)
// and as many servers send it (raw deflate), telling them apart by the
// zlib header's check bits.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	h, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// decodedBody is the decoded response body: at most limit+1 bytes, then
// EOF. Errors of the decompressor are encodingErrors unless the connection
// failed underneath.
type decodedBody struct {
	coding string
	dec    io.Reader
	raw    *wireReader
	closer io.Closer
	left   int64
}

func (b *decodedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.dec.Read(p)
	b.left -= int64(n)
	if err == nil || err == io.EOF {
		return n, err
	}
	var tooLarge *bodyTooLargeError
	var enc *encodingError
	switch {
	case errors.As(err, &tooLarge), errors.As(err, &enc):
	case b.raw.err != nil:
		err = b.raw.err
	default:
		err = &encodingError{coding: b.coding, err: err}
	}
	return n, err
}

func (b *decodedBody) Close() error { return b.closer.Close() }
