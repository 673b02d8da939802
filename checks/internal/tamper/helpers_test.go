package tamper

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture reads a file of testdata/.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(fixturePath(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// want is an expected finding: its kind and URL exactly, and a piece of its
// evidence.
type want struct {
	kind, url, evidence string
}

// checkFindings compares findings with wants, in order.
func checkFindings(t *testing.T, got []Finding, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wants), dump(got))
	}
	for i, w := range wants {
		g := got[i]
		if g.Kind != w.kind || g.URL != w.url || !strings.Contains(g.Evidence, w.evidence) {
			t.Errorf("finding %d: got %+v, want kind %q, URL %q, evidence containing %q", i, g, w.kind, w.url, w.evidence)
		}
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s %s %s\n", f.Kind, f.URL, f.Evidence)
	}
	return b.String()
}

// realPagesDir holds the real government pages (copied once, for package
// page, from the shared material with their MANIFEST).
var realPagesDir = filepath.Join("..", "page", "testdata", "realpages")

// fixturePath maps "realpages/…" to the shared copy and anything else to
// this package's testdata.
func fixturePath(name string) string {
	if rest, ok := strings.CutPrefix(name, "realpages/"); ok {
		return filepath.Join(realPagesDir, rest)
	}
	return filepath.Join("testdata", name)
}

// realPageFiles lists the real pages (not their MANIFEST).
func realPageFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realPagesDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".md") {
			out = append(out, f)
		}
	}
	return out
}
