package page

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The tests run at a fixed moment in China Standard Time.
var (
	cst   = time.FixedZone("CST", 8*3600)
	clock = time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, cst) }

// fixture reads a file of testdata/.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// realPage reads a file of testdata/realpages/ as a crawler would have
// received it. The Handan files were saved as JSP templates: they start
// with "<%@ page …%>" lines and other JSP text before <html>. Those lines
// are an artifact of how the copies were kept, not something a real site
// sends, so everything before <html is dropped here. (The injected
// allow-copy <script> is left in: a parser must cope with scripts anywhere.)
func realPage(t testing.TB, name string) []byte {
	t.Helper()
	b := fixture(t, filepath.Join("realpages", name))
	if bytes.HasPrefix(b, []byte("<%")) {
		if i := bytes.Index(b, []byte("<html")); i > 0 {
			b = b[i:]
		}
	}
	return b
}

func parse(t testing.TB, body []byte) *goquery.Document {
	t.Helper()
	doc, err := Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// checkGolden compares v, as indented JSON, with testdata/golden/name, or
// rewrites the file under -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./checks/page -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}
