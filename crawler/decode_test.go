package crawler

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/internal/hostile"
)

const decodedPage = `<html><body><a href="/zcwj/">政策文件</a></body></html>`

// compress returns decodedPage compressed with coding.
func compress(t *testing.T, coding string) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "zlib":
		w = zlib.NewWriter(&b)
	case "deflate":
		w, _ = flate.NewWriter(&b, flate.DefaultCompression)
	}
	if _, err := io.WriteString(w, decodedPage); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFetchDecodes reads every coding the crawler asks for, and a .gz
// address served as a gzip file.
func TestFetchDecodes(t *testing.T) {
	gz, zl, raw := compress(t, "gzip"), compress(t, "zlib"), compress(t, "deflate")
	var twice bytes.Buffer
	w := gzip.NewWriter(&twice)
	w.Write(gz)
	w.Close()
	var gotAE atomic.Value
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAE.Store(r.Header.Get("Accept-Encoding"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
		case "/x-gzip":
			w.Header().Set("Content-Encoding", "x-gzip")
			w.Write(gz)
		case "/zlib":
			w.Header().Set("Content-Encoding", "deflate")
			w.Write(zl)
		case "/raw-deflate":
			w.Header().Set("Content-Encoding", "deflate")
			w.Write(raw)
		case "/twice":
			w.Header().Set("Content-Encoding", "gzip, gzip")
			w.Write(twice.Bytes())
		case "/page.html.gz":
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(gz)
		case "/not-really.gz":
			w.Write([]byte(decodedPage))
		case "/plain":
			w.Write([]byte(decodedPage))
		case "/empty-gzip-404":
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")
	for _, path := range []string{"/gzip", "/x-gzip", "/zlib", "/raw-deflate", "/twice", "/page.html.gz", "/not-really.gz", "/plain"} {
		t.Run(path, func(t *testing.T) {
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+path, 1)
			if !p.OK() || string(p.Body) != decodedPage {
				t.Errorf("got err %v body %q, want %q", p.Err, p.Body, decodedPage)
			}
		})
	}
	t.Run("/empty-gzip-404", func(t *testing.T) {
		p := f.Fetch(context.Background(), "http://www.a.gov.cn/empty-gzip-404", 1)
		if kind(p) != govaudit.ErrHTTP4xx || len(p.Body) != 0 {
			t.Errorf("got %v with %d bytes, want http_4xx and an empty body", p.Err, len(p.Body))
		}
	})
	if got := gotAE.Load(); got != acceptEncoding {
		t.Errorf("Accept-Encoding %q, want %q", got, acceptEncoding)
	}
}

// TestFetchBombs serves 1 GiB of zeros compressed to about 1 MB in every
// coding colly or net/http would have expanded whole: each is a too_large
// finding, decoded no further than the limit, in bounded memory. (The
// whole megabyte fits in loopback socket buffers, so what the server
// managed to send says nothing.)
func TestFetchBombs(t *testing.T) {
	const limit = 1 << 20
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		coding := strings.TrimPrefix(r.URL.Path, "/")
		w.Header().Set("Content-Type", "text/html")
		switch coding {
		case "gzip", "x-gzip", "deflate":
			w.Header().Set("Content-Encoding", coding)
		case "zlib":
			w.Header().Set("Content-Encoding", "deflate")
		case "sitemap.xml.gz":
			w.Header().Set("Content-Type", "application/x-gzip")
			coding = "gzip"
		}
		hostile.WriteBomb(w, coding, hostile.GiB)
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.MaxBodyBytes = limit
	f := newTestCrawler(t, opts, n).Site("ln-a")
	for _, path := range []string{"/gzip", "/x-gzip", "/zlib", "/deflate", "/sitemap.xml.gz"} {
		t.Run(path, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+path, 1)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if kind(p) != govaudit.ErrTooLarge || p.Body != nil {
				t.Fatalf("got kind %q (%v), body %d bytes; want too_large and no body", kind(p), p.Err, len(p.Body))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("allocated %d bytes (client and server) for a %d-byte limit", alloc, limit)
			}
			if elapsed > 10*time.Second {
				t.Errorf("took %s", elapsed)
			}
		})
	}
}

// TestFetchUndecodable: a coding the crawler did not ask for (br: no brotli
// decoder among the dependencies), corrupt gzip, and a compressed stream
// that decodes to nothing for ever are findings, not crashes or hangs.
func TestFetchUndecodable(t *testing.T) {
	const limit = 64 << 10
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/br":
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte{0x1b, 0x03, 0x00, 0xf8, 0xa5})
		case "/corrupt":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write([]byte("this is not gzip at all"))
		case "/truncated":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(compress(t, "gzip")[:20])
		case "/thrice":
			w.Header().Set("Content-Encoding", "gzip, gzip, gzip")
			w.Write(compress(t, "gzip"))
		case "/empty-blocks":
			// Raw deflate: empty stored blocks (not final), each 5 bytes
			// that decode to nothing.
			w.Header().Set("Content-Encoding", "deflate")
			block := bytes.Repeat([]byte{0x00, 0x00, 0x00, 0xff, 0xff}, 1024)
			for range 4 * limit / len(block) {
				if _, err := w.Write(block); err != nil {
					return
				}
			}
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.MaxBodyBytes = limit
	f := newTestCrawler(t, opts, n).Site("ln-a")
	tests := []struct {
		path string
		kind govaudit.ErrorKind
		msg  string
	}{
		{"/br", govaudit.ErrOther, `content encoding "br"`},
		{"/corrupt", govaudit.ErrOther, "gzip body cannot be decoded"},
		{"/truncated", govaudit.ErrOther, "gzip body cannot be decoded"},
		{"/thrice", govaudit.ErrOther, "too many content codings"},
		{"/empty-blocks", govaudit.ErrTooLarge, "compressed body larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+tt.path, 1)
			if kind(p) != tt.kind || !strings.Contains(p.Err.Message, tt.msg) {
				t.Errorf("got %v, want kind %s with %q", p.Err, tt.kind, tt.msg)
			}
		})
	}
}
