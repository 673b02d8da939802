package report

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/govaudit/govaudit"
)

// Sheet names of the XLSX export.
const (
	sheetSummary      = "汇总"
	sheetRequirements = "要求"
	sheetCensus       = "普查"
)

// Number formats of the XLSX export's typed cells.
const (
	numFmtDate     = "yyyy-mm-dd"
	numFmtDateTime = "yyyy-mm-dd hh:mm:ss"
	numFmtScore    = "0.0"
)

// requirementSheetColumns are the CSV columns that a requirement row
// fills; the sheet is the CSV's requirement rows with Chinese headers.
var requirementSheetColumns = []column{
	colSiteID, colSiteName, colSiteURL, colLevel, colDepartment, colCity,
	colAuditedAt, colReachable, colScore, colVerdict,
	colID, colStatus, colColumnURL, colNewestTitle, colNewestURL, colNewestDate,
	colAgeDays, colMaxAgeDays, colDetails, colEvidence,
}

// censusSheetColumns are the CSV columns that a census row fills.
var censusSheetColumns = []column{
	colSiteID, colSiteName, colSiteURL, colLevel, colDepartment, colCity,
	colAuditedAt, colReachable, colScore, colVerdict,
	colRule, colCensusVerdict, colValue, colThreshold, colEvidence,
}

// summaryColumn is one column of the summary sheet.
type summaryColumn struct {
	Name  string
	Label string
	value func(standing) any
}

// summaryColumns rank the sites: their place, who they are, score,
// verdict, and how many requirements are in each status.
var summaryColumns = func() []summaryColumn {
	site := func(c column) summaryColumn {
		return summaryColumn{c.Name, c.Label, func(s standing) any { return c.value(row{site: s.Site}) }}
	}
	cols := []summaryColumn{
		{"rank", "排名", func(s standing) any {
			if s.Rank == 0 {
				return nil
			}
			return s.Rank
		}},
		site(colSiteID), site(colSiteName), site(colCity), site(colLevel), site(colDepartment),
		site(colScore), site(colVerdict),
	}
	for _, st := range summaryStatuses {
		cols = append(cols, summaryColumn{string(st), statusLabels[st], func(s standing) any {
			if !s.Site.Audited() {
				return nil
			}
			return s.Count(st)
		}})
	}
	return append(cols,
		summaryColumn{"census_vetoes", "普查否决项", func(s standing) any {
			if !s.Site.Audited() {
				return nil
			}
			return s.Vetoes
		}},
		site(colAuditedAt), site(colSiteURL),
	)
}()

// WriteXLSX writes the document as an Excel workbook with three sheets:
// 汇总 ranks the sites by score with their verdict and the number of
// requirements in each status; 要求 holds the requirement rows and 普查
// the census rows of the CSV export, under the same column names. Headers
// are Chinese with the CSV column name on a second line; the header row is
// frozen and filtered. Times and days are Excel dates in the configured
// timezone's wall clock, scores and counts are numbers.
func WriteXLSX(w io.Writer, doc Document) error {
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}

	var summary [][]any
	for _, s := range standings(doc) {
		line := make([]any, len(summaryColumns))
		for i, c := range summaryColumns {
			line[i] = c.value(s)
		}
		summary = append(summary, line)
	}
	heads := make([]header, len(summaryColumns))
	for i, c := range summaryColumns {
		heads[i] = header{c.Label, c.Name}
	}
	if err := f.SetSheetName(f.GetSheetName(0), sheetSummary); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := b.table(sheetSummary, heads, summary); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetSummary, err)
	}

	all := rows(doc)
	for _, sheet := range []struct {
		name string
		kind string
		cols []column
	}{
		{sheetRequirements, kindRequirement, requirementSheetColumns},
		{sheetCensus, kindCensus, censusSheetColumns},
	} {
		if _, err := f.NewSheet(sheet.name); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
		var lines [][]any
		for _, r := range all {
			if r.kind != sheet.kind {
				continue
			}
			line := make([]any, len(sheet.cols))
			for i, c := range sheet.cols {
				line[i] = c.value(r)
			}
			lines = append(lines, line)
		}
		heads := make([]header, len(sheet.cols))
		for i, c := range sheet.cols {
			heads[i] = header{c.Label, c.Name}
		}
		if err := b.table(sheet.name, heads, lines); err != nil {
			return fmt.Errorf("write xlsx: sheet %s: %w", sheet.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// header is a column's two-line heading: Chinese label, then field name.
type header struct{ Label, Name string }

// book holds a workbook and the styles its tables share.
type book struct {
	f                                      *excelize.File
	head, date, dateTime, score, text, num int
}

func newBook(f *excelize.File) (*book, error) {
	b := &book{f: f}
	border := []excelize.Border{{Type: "bottom", Color: "404040", Style: 2}}
	styles := []struct {
		dst   *int
		style excelize.Style
	}{
		{&b.head, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    border,
		}},
		{&b.date, excelize.Style{CustomNumFmt: ptr(numFmtDate), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.dateTime, excelize.Style{CustomNumFmt: ptr(numFmtDateTime), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.score, excelize.Style{CustomNumFmt: ptr(numFmtScore), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.num, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return b, nil
}

// table writes a header row and the lines to sheet, with typed cells,
// a frozen and filtered header, fitted column widths and an A4 landscape
// print setup that repeats the header on every page.
func (b *book) table(sheet string, heads []header, lines [][]any) error {
	f := b.f
	widths := make([]float64, len(heads))
	for i, h := range heads {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h.Label+"\n"+h.Name); err != nil {
			return err
		}
		widths[i] = max(displayWidth(h.Label), displayWidth(h.Name))
	}
	last, _ := excelize.CoordinatesToCellName(len(heads), 1)
	if err := f.SetCellStyle(sheet, "A1", last, b.head); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 32); err != nil {
		return err
	}
	for y, line := range lines {
		for x, v := range line {
			cell, _ := excelize.CoordinatesToCellName(x+1, y+2)
			w, err := b.cell(sheet, cell, heads[x].Name, v)
			if err != nil {
				return fmt.Errorf("%s: %w", cell, err)
			}
			widths[x] = max(widths[x], w)
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		// Two characters of padding for the filter button; long texts
		// (titles, evidence) are capped and can be read in the cell.
		if err := f.SetColWidth(sheet, col, col, min(max(w+2, 6), 60)); err != nil {
			return err
		}
	}
	lastCell, _ := excelize.CoordinatesToCellName(len(heads), len(lines)+1)
	if err := f.AutoFilter(sheet, "A1:"+lastCell, nil); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet), Scope: sheet,
	})
}

// cell writes one typed value and returns the width it needs.
func (b *book) cell(sheet, cell, name string, v any) (float64, error) {
	f := b.f
	switch v := v.(type) {
	case nil:
		return 0, nil
	case string:
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			return 0, err
		}
		return displayWidth(v), f.SetCellStyle(sheet, cell, cell, b.text)
	case bool:
		if err := f.SetCellBool(sheet, cell, v); err != nil {
			return 0, err
		}
		return 5, f.SetCellStyle(sheet, cell, cell, b.text)
	case int:
		if err := f.SetCellInt(sheet, cell, int64(v)); err != nil {
			return 0, err
		}
		return float64(len(strconv.Itoa(v))), f.SetCellStyle(sheet, cell, cell, b.num)
	case float64:
		if err := f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
			return 0, err
		}
		style := b.num
		if name == colScore.Name {
			style = b.score
		}
		return float64(len(strconv.FormatFloat(v, 'f', -1, 64))), f.SetCellStyle(sheet, cell, cell, style)
	case time.Time:
		// excelize writes the wall clock of the time's own location, which
		// is the configured timezone: Excel dates have no zone.
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return 0, err
		}
		return float64(len(numFmtDateTime)), f.SetCellStyle(sheet, cell, cell, b.dateTime)
	case govaudit.Date:
		if err := f.SetCellValue(sheet, cell, v.Time); err != nil {
			return 0, err
		}
		return float64(len(numFmtDate)), f.SetCellStyle(sheet, cell, cell, b.date)
	}
	return 0, fmt.Errorf("no XLSX form for %T", v)
}

// displayWidth estimates a text's width in Excel's column units, where a
// Chinese character takes two; a multi-line text takes its longest line.
func displayWidth(s string) float64 {
	var best, n float64
	for _, r := range s {
		if r == '\n' {
			best, n = max(best, n), 0
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return max(best, n)
}

func ptr[T any](v T) *T { return &v }

// sheetNames lists the XLSX sheets in order, for tests and readers.
func sheetNames() []string { return []string{sheetSummary, sheetRequirements, sheetCensus} }
