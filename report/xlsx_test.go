package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func writeFixtureXLSX(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, fixtureDocument(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("read xlsx back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// headerIndex maps a sheet's column names (second line of the header) to
// their column letters.
func headerIndex(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	out := map[string]string{}
	for i, h := range rows[0] {
		_, name, ok := strings.Cut(h, "\n")
		if !ok {
			t.Errorf("%s header %q lacks the column name line", sheet, h)
		}
		out[name], _ = excelize.ColumnNumberToName(i + 1)
	}
	return out
}

// TestXLSXLayout checks what a reader of the workbook relies on beyond its
// values: frozen header, filter over the whole table, widths, print setup.
func TestXLSXLayout(t *testing.T) {
	f := writeFixtureXLSX(t)
	doc := fixtureDocument(t)
	var reqs, census int
	for _, sc := range doc.Sites {
		reqs += len(sc.Requirements)
		census += len(sc.Census)
	}
	tests := []struct {
		sheet    string
		cols     int
		dataRows int
	}{
		{sheetSummary, len(summaryColumns), len(doc.Sites)},
		{sheetRequirements, len(requirementSheetColumns), reqs},
		{sheetCensus, len(censusSheetColumns), census},
	}
	filters := map[string]string{}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		switch dn.Name {
		case "_xlnm._FilterDatabase":
			filters[dn.Scope] = dn.RefersTo
		case "_xlnm.Print_Titles":
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			panes, err := f.GetPanes(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
				t.Errorf("panes %+v, want the first row frozen", panes)
			}
			lastCol, _ := excelize.ColumnNumberToName(tt.cols)
			if got, want := filters[tt.sheet], fmt.Sprintf("'%s'!$A$1:$%s$%d", tt.sheet, lastCol, tt.dataRows+1); got != want {
				t.Errorf("auto filter %q, want %q", got, want)
			}
			if got, want := titles[tt.sheet], fmt.Sprintf("'%s'!$1:$1", tt.sheet); got != want {
				t.Errorf("print titles %q, want %q", got, want)
			}
			layout, err := f.GetPageLayout(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" {
				t.Errorf("page layout size %v orientation %v, want A4 (9) landscape", layout.Size, layout.Orientation)
			}
			for i := 1; i <= tt.cols; i++ {
				col, _ := excelize.ColumnNumberToName(i)
				w, err := f.GetColWidth(tt.sheet, col)
				if err != nil {
					t.Fatal(err)
				}
				if w < 6 || w > 62 {
					t.Errorf("column %s width %v, want between 6 and 62", col, w)
				}
			}
			rows, _ := f.GetRows(tt.sheet)
			if got := len(rows) - 1; got != tt.dataRows {
				t.Errorf("%d data rows, want %d", got, tt.dataRows)
			}
			head, _ := f.GetCellStyle(tt.sheet, "A1")
			style, err := f.GetStyle(head)
			if err != nil {
				t.Fatal(err)
			}
			if style.Font == nil || !style.Font.Bold || style.Alignment == nil || !style.Alignment.WrapText {
				t.Errorf("header style %+v, want bold and wrapped", style)
			}
		})
	}
	// A column of Chinese names is wider than the rank column.
	rank, _ := f.GetColWidth(sheetSummary, "A")
	name, _ := f.GetColWidth(sheetSummary, "C")
	if name <= rank {
		t.Errorf("name column width %v not wider than rank column %v", name, rank)
	}
}

// TestXLSXTypedCells checks that days and times are Excel dates with a
// date number format and that scores and counts are numbers, each read
// back to the fixture's value.
func TestXLSXTypedCells(t *testing.T) {
	f := writeFixtureXLSX(t)
	loc := shanghai(t)
	raw := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	numFmt := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if s.CustomNumFmt == nil {
			return fmt.Sprintf("builtin %d", s.NumFmt)
		}
		return *s.CustomNumFmt
	}
	sum := headerIndex(t, f, sheetSummary)
	req := headerIndex(t, f, sheetRequirements)
	cen := headerIndex(t, f, sheetCensus)

	dates := []struct {
		sheet, cell string
		fmt         string
		want        time.Time
	}{
		// requirement row 2 is ln-fgw fgw-3; summary row 4 is ln-fgw (rank 3)
		{sheetRequirements, req["audited_at"] + "2", numFmtDateTime, time.Date(2026, 11, 25, 2, 0, 41, 0, loc)},
		{sheetRequirements, req["newest_date"] + "2", numFmtDate, time.Date(2026, 11, 18, 0, 0, 0, 0, loc)},
		{sheetRequirements, req["newest_date"] + "3", numFmtDate, time.Date(2026, 1, 5, 0, 0, 0, 0, loc)},
		{sheetSummary, sum["audited_at"] + "4", numFmtDateTime, time.Date(2026, 11, 25, 2, 0, 41, 0, loc)},
		{sheetCensus, cen["audited_at"] + "2", numFmtDateTime, time.Date(2026, 11, 25, 2, 0, 41, 0, loc)},
	}
	for _, tt := range dates {
		t.Run(tt.sheet+"!"+tt.cell, func(t *testing.T) {
			if got := numFmt(tt.sheet, tt.cell); got != tt.fmt {
				t.Errorf("number format %q, want %q", got, tt.fmt)
			}
			serial, err := strconv.ParseFloat(raw(tt.sheet, tt.cell), 64)
			if err != nil {
				t.Fatalf("cell is not a number: %v", err)
			}
			got, err := excelize.ExcelDateToTime(serial, false)
			if err != nil {
				t.Fatal(err)
			}
			// Excel dates carry the configured zone's wall clock.
			want := time.Date(tt.want.Year(), tt.want.Month(), tt.want.Day(), tt.want.Hour(), tt.want.Minute(), tt.want.Second(), 0, time.UTC)
			if d := got.Sub(want); d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("date %v, want %v", got, want)
			}
		})
	}

	numbers := []struct {
		sheet, cell string
		want        float64
	}{
		{sheetSummary, sum["rank"] + "2", 1},
		{sheetSummary, sum["score"] + "2", 100},
		{sheetSummary, sum["score"] + "4", 45.6},
		{sheetSummary, sum["stale"] + "4", 1},
		{sheetSummary, sum["unreachable"] + "5", 2},
		{sheetSummary, sum["census_vetoes"] + "4", 1},
		{sheetRequirements, req["score"] + "2", 45.6},
		{sheetRequirements, req["age_days"] + "3", 324},
		{sheetRequirements, req["max_age_days"] + "3", 180},
		{sheetCensus, cen["value"] + "3", 20},
		{sheetCensus, cen["threshold"] + "3", 14},
	}
	for _, tt := range numbers {
		t.Run(tt.sheet+"!"+tt.cell, func(t *testing.T) {
			typ, err := f.GetCellType(tt.sheet, tt.cell)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("cell type %v, want a number", typ)
			}
			got, err := strconv.ParseFloat(raw(tt.sheet, tt.cell), 64)
			if err != nil {
				t.Fatalf("cell is not a number: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if got := numFmt(sheetSummary, sum["score"]+"2"); got != numFmtScore {
		t.Errorf("score number format %q, want %q", got, numFmtScore)
	}
	// A crafted title stays text in the workbook: no formula is set.
	formula, err := f.GetCellFormula(sheetRequirements, req["newest_title"]+"7")
	if err != nil {
		t.Fatal(err)
	}
	if formula != "" {
		t.Errorf("title cell has formula %q, want none", formula)
	}
	if got := raw(sheetRequirements, req["newest_title"]+"7"); !strings.HasPrefix(got, "=HYPERLINK") {
		t.Errorf("title cell %q, want the title as text", got)
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"score", 5},
		{"得分", 4},
		{"得分\nscore", 5},
		{"辽宁省财政厅 czt", 16},
	}
	for _, tt := range tests {
		if got := displayWidth(tt.in); got != tt.want {
			t.Errorf("displayWidth(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// BenchmarkWriteXLSX measures a workbook of the size of the Liaoning seed
// list: the fixture's sites repeated to 135 sites.
func BenchmarkWriteXLSX(b *testing.B) {
	base := fixtureDocument(b)
	doc := Document{GeneratedAt: base.GeneratedAt}
	for i := 0; len(doc.Sites) < 135; i++ {
		for _, sc := range base.Sites {
			sc.ID = fmt.Sprintf("%s-%d", sc.ID, i)
			doc.Sites = append(doc.Sites, sc)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteXLSX(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}
