package tamper

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// scanBoth scans body with both tokenizers and fails t when the fast scan,
// not refused, finds anything else than the x/net/html one. It reports
// whether the fast tokenizer refused the page.
func scanBoth(t *testing.T, name string, body []byte) bool {
	t.Helper()
	got, ok := scan(body, pageURL, true)
	want, _ := scan(body, pageURL, false)
	if !ok {
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: fast scan found\n%s\nwant\n%s", name, dump(got), dump(want))
	}
	return false
}

// TestFastTokenizerSameFindings holds the fast path of Scan to the
// findings of x/net/html's tokenizer on every fixture, spam and decoys
// included, and on pages stitched from their pieces.
func TestFastTokenizerSameFindings(t *testing.T) {
	paths, err := filepath.Glob("testdata/synthetic/*.html")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no synthetic fixtures: %v", err)
	}
	paths = append(paths, realPageFiles(t)...)
	var pieces []string
	refused, findings := 0, 0
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if scanBoth(t, p, body) {
			refused++
		}
		got, _ := scan(body, pageURL, false)
		findings += len(got)
		pieces = append(pieces, strings.SplitAfter(string(body), ">")...)
	}
	if findings == 0 {
		t.Fatal("no fixture has findings: the comparison proves nothing")
	}
	t.Logf("%d pages, %d refused by the fast tokenizer, %d findings compared", len(paths), refused, findings)
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 2000 && !t.Failed(); i++ {
		var b strings.Builder
		for k := r.IntN(200); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		scanBoth(t, fmt.Sprintf("stitched page %d", i), []byte(b.String()))
	}
}

// BenchmarkScanTokenizers compares the two tokenizers under the same scan.
func BenchmarkScanTokenizers(b *testing.B) {
	body := benchPage()
	for _, fast := range []bool{true, false} {
		b.Run(map[bool]string{true: "htmltree", false: "x-net-html"}[fast], func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				scan(body, pageURL, fast)
			}
		})
	}
}
