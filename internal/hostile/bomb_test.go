package hostile

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"testing"
)

// TestSegmentsRepeat checks the premise of WriteBomb: after the first MiB,
// every MiB of zeros compresses to the same bytes.
func TestSegmentsRepeat(t *testing.T) {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	zeros := make([]byte, MiB)
	s := segments()
	for i := range 4 {
		b.Reset()
		w.Write(zeros)
		w.Flush()
		want := s.next
		if i == 0 {
			want = s.first
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("MiB %d compresses to %d bytes unlike the segment's %d", i, b.Len(), len(want))
		}
	}
}

// TestBombDecodes decodes whole bombs: exactly the zeros announced, with
// valid checksums, from a stream about a thousandth of their size.
func TestBombDecodes(t *testing.T) {
	const size = 64 * MiB
	for _, coding := range []string{"gzip", "zlib", "deflate"} {
		t.Run(coding, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteBomb(&b, coding, size); err != nil {
				t.Fatal(err)
			}
			wire := b.Len()
			var r io.Reader
			var err error
			switch coding {
			case "gzip":
				r, err = gzip.NewReader(&b)
			case "zlib":
				r, err = zlib.NewReader(&b)
			case "deflate":
				r = flate.NewReader(&b)
			}
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, MiB)
			var n int64
			for {
				k, err := r.Read(buf)
				if bytes.ContainsFunc(buf[:k], func(r rune) bool { return r != 0 }) {
					t.Fatal("decoded a byte that is not zero")
				}
				n += int64(k)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("after %d bytes: %v", n, err)
				}
			}
			if ws, err := WireSize(coding, size); err != nil || ws != int64(wire) {
				t.Errorf("WireSize %d, %v; the stream was %d bytes", ws, err, wire)
			}
			if n != size || wire > size/900 {
				t.Errorf("decoded %d bytes from %d, want %d from about a thousandth", n, wire, size)
			}
		})
	}
	n, err := WireSize("gzip", GiB)
	if err != nil || n > 1_100_000 {
		t.Errorf("1 GiB gzip bomb: %d bytes on the wire, %v; want about 1 MB", n, err)
	}
	t.Logf("a 1 GiB gzip bomb is %d bytes on the wire", n)
}
