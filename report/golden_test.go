package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govaudit/govaudit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestFixtureIsConsistent guards the hand-built document: its scores and
// verdicts are what the checks package would derive, so the goldens show
// real combinations.
func TestFixtureIsConsistent(t *testing.T) {
	for _, sc := range fixtureDocument(t).Sites {
		t.Run(sc.ID, func(t *testing.T) {
			s, ok := govaudit.SiteScore(sc.Requirements, sc.Census, govaudit.DefaultScoreWeights)
			switch {
			case !ok && sc.Score != nil:
				t.Errorf("score %v, want none", *sc.Score)
			case ok && (sc.Score == nil || *sc.Score != s):
				t.Errorf("score %v, want %v", sc.Score, s)
			}
			if sc.Audited() {
				a := govaudit.SiteAudit{Reachable: sc.Reachable, HomeError: sc.HomeError, Results: sc.Requirements, Census: sc.Census}
				if got, want := sc.Verdict, govaudit.SiteVerdictOf(a); got != want {
					t.Errorf("verdict %q, want %q", got, want)
				}
			}
		})
	}
}

// TestGolden writes the fixture in every format and compares with
// testdata/golden; `go test ./report -update` rewrites them. The XLSX is
// compared as the cell values excelize reads back, one TSV block per sheet,
// since the zip itself carries timestamps.
func TestGolden(t *testing.T) {
	doc := fixtureDocument(t)
	tests := []struct {
		format, golden string
		text           func(t *testing.T, b []byte) []byte
	}{
		{"json", "export.json", nil},
		{"csv", "export.csv", nil},
		{"html", "export.html", nil},
		{"xlsx", "export.xlsx.tsv", xlsxAsTSV},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, doc); err != nil {
				t.Fatalf("Write(%s): %v", tt.format, err)
			}
			got := buf.Bytes()
			if tt.text != nil {
				got = tt.text(t, got)
			}
			path := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test ./report -update if the change is intended):\n%s",
					tt.format, path, firstDifference(string(got), string(want)))
			}
		})
	}
}

// xlsxAsTSV renders every sheet's cell values, as formatted by their
// number formats, as tab-separated lines under a "## sheet" heading.
func xlsxAsTSV(t *testing.T, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("read xlsx back: %v", err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), strings.Join(sheetNames(), ","); got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	var out strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("rows of %s: %v", sheet, err)
		}
		out.WriteString("## " + sheet + "\n")
		for _, r := range rows {
			for i := range r {
				r[i] = strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(r[i])
			}
			out.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return []byte(out.String())
}

// firstDifference shows the first differing line of two texts.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same lines, different bytes)"
}
