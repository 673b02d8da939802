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
	sheetCities       = "按城市"
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
	colID, colTitle, colStatus, colColumnURL, colNewestTitle, colNewestURL, colNewestDate,
	colAgeDays, colMaxAgeDays, colDetails, colEvidence,
}

// censusSheetColumns are the CSV columns that a census row fills.
var censusSheetColumns = []column{
	colSiteID, colSiteName, colSiteURL, colLevel, colDepartment, colCity,
	colAuditedAt, colReachable, colScore, colVerdict,
	colRule, colTitle, colCensusVerdict, colValue, colThreshold, colEvidence,
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

// WriteXLSX writes the document as an Excel workbook with four sheets:
// 汇总 ranks the sites by score with their verdict and the number of
// requirements in each status; 要求 holds the requirement rows and 普查
// the census rows of the CSV export, under the same column names; 按城市
// counts the sites and their verdicts by city. Headers are Chinese with the
// CSV column name on a second line; the header row is frozen and filtered.
// Times and days are Excel dates in the configured timezone's wall clock,
// scores and counts are numbers.
func WriteXLSX(w io.Writer, doc Document) error {
	return StreamXLSX(w, doc.Stream())
}

// StreamXLSX writes the stream as WriteXLSX writes a document, through
// excelize's StreamWriter: the rows of the requirement and census sheets
// are written as each site is read, and only a line per site is kept for
// the summary and city sheets, which need every site's score before the
// first line.
func StreamXLSX(w io.Writer, s Stream) error {
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.SetSheetName(f.GetSheetName(0), sheetSummary); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for _, name := range sheetNames()[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	reqs, err := b.newTable(sheetRequirements, columnHeads(requirementSheetColumns))
	if err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetRequirements, err)
	}
	census, err := b.newTable(sheetCensus, columnHeads(censusSheetColumns))
	if err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetCensus, err)
	}
	var sites []standing
	err = s.Each(func(sc *Scorecard) error {
		for _, r := range rowsOf(sc) {
			t, cols := reqs, requirementSheetColumns
			switch r.kind {
			case kindCensus:
				t, cols = census, censusSheetColumns
			case kindSite:
				continue
			}
			if err := t.add(lineOf(cols, r)); err != nil {
				return fmt.Errorf("sheet %s: %w", t.sheet, err)
			}
		}
		// The summary keeps a line per site, not its scorecard: kept
		// whole, every site's results stayed in memory to the end.
		st := standingOf(sc)
		line := *sc
		line.Requirements, line.Census, line.HomeError = nil, nil, nil
		st.Site = &line
		sites = append(sites, st)
		return nil
	})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for _, t := range []*table{reqs, census} {
		if err := t.close(); err != nil {
			return fmt.Errorf("write xlsx: sheet %s: %w", t.sheet, err)
		}
	}

	cities := cityLines(sites) // before ranking: in configuration order
	rankStandings(sites)
	sum, err := b.newTable(sheetSummary, summaryHeads())
	if err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetSummary, err)
	}
	for _, st := range sites {
		line := make([]any, len(summaryColumns))
		for i, c := range summaryColumns {
			line[i] = c.value(st)
		}
		if err := sum.add(line); err != nil {
			return fmt.Errorf("write xlsx: sheet %s: %w", sheetSummary, err)
		}
	}
	if err := sum.close(); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetSummary, err)
	}
	if err := writeCitySheet(b, cities); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", sheetCities, err)
	}
	// The first sheet is the active one of a new workbook. SetActiveSheet
	// would read every streamed sheet back into memory to mark it.
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// lineOf is a row's values in the given columns.
func lineOf(cols []column, r row) []any {
	line := make([]any, len(cols))
	for i, c := range cols {
		line[i] = c.value(r)
	}
	return line
}

func columnHeads(cols []column) []header {
	heads := make([]header, len(cols))
	for i, c := range cols {
		heads[i] = header{c.Label, c.Name}
	}
	return heads
}

func summaryHeads() []header {
	heads := make([]header, len(summaryColumns))
	for i, c := range summaryColumns {
		heads[i] = header{c.Label, c.Name}
	}
	return heads
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

// widthSample is how many lines a table holds back to fit its column
// widths, which a StreamWriter must be given before the first row.
const widthSample = 500

// table streams a header row and lines to a sheet, with typed cells, a
// frozen and filtered header, column widths fitted to the first lines and
// an A4 landscape print setup that repeats the header on every page.
type table struct {
	b       *book
	sheet   string
	heads   []header
	sw      *excelize.StreamWriter
	pending [][]any
	started bool
	lines   int
}

func (b *book) newTable(sheet string, heads []header) (*table, error) {
	f := b.f
	// Sheet properties and page setup go into the sheet before the stream
	// writer takes it over; the writer writes them out as they are.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	return &table{b: b, sheet: sheet, heads: heads, sw: sw}, nil
}

// add writes a line, or holds it back while the widths are being fitted.
func (t *table) add(line []any) error {
	if !t.started {
		t.pending = append(t.pending, line)
		if len(t.pending) < widthSample {
			return nil
		}
		return t.start()
	}
	return t.write(line)
}

// start fits the column widths to the header and the lines held back,
// writes the header and then those lines.
func (t *table) start() error {
	t.started = true
	widths := make([]float64, len(t.heads))
	for i, h := range t.heads {
		widths[i] = max(displayWidth(h.Label), displayWidth(h.Name))
	}
	for _, line := range t.pending {
		for x, v := range line {
			_, w := t.b.cellOf(t.heads[x].Name, v)
			widths[x] = max(widths[x], w)
		}
	}
	for i, w := range widths {
		// Two characters of padding for the filter button; long texts
		// (titles, evidence) are capped and can be read in the cell.
		if err := t.sw.SetColWidth(i+1, i+1, min(max(w+2, 6), 60)); err != nil {
			return err
		}
	}
	if err := t.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	head := make([]any, len(t.heads))
	for i, h := range t.heads {
		head[i] = excelize.Cell{StyleID: t.b.head, Value: h.Label + "\n" + h.Name}
	}
	if err := t.sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	pending := t.pending
	t.pending = nil
	for _, line := range pending {
		if err := t.write(line); err != nil {
			return err
		}
	}
	return nil
}

func (t *table) write(line []any) error {
	cells := make([]any, len(line))
	for x, v := range line {
		c, _ := t.b.cellOf(t.heads[x].Name, v)
		cells[x] = c
	}
	t.lines++
	cell, _ := excelize.CoordinatesToCellName(1, t.lines+1)
	if err := t.sw.SetRow(cell, cells); err != nil {
		return fmt.Errorf("%s: %w", cell, err)
	}
	return nil
}

// close writes what is held back, the filter over the whole table, and
// ends the sheet.
func (t *table) close() error {
	if !t.started {
		if err := t.start(); err != nil {
			return err
		}
	}
	lastCell, _ := excelize.CoordinatesToCellName(len(t.heads), t.lines+1)
	// The filter is set on the sheet the stream writer holds, which writes
	// it out at Flush.
	if err := t.b.f.AutoFilter(t.sheet, "A1:"+lastCell, nil); err != nil {
		return err
	}
	if err := t.sw.Flush(); err != nil {
		return err
	}
	return t.b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", t.sheet), Scope: t.sheet,
	})
}

// cellOf is one typed value as a styled cell, and the width it needs.
func (b *book) cellOf(name string, v any) (any, float64) {
	switch v := v.(type) {
	case nil:
		return nil, 0
	case string:
		return excelize.Cell{StyleID: b.text, Value: v}, displayWidth(v)
	case bool:
		return excelize.Cell{StyleID: b.text, Value: v}, 5
	case int:
		return excelize.Cell{StyleID: b.num, Value: v}, float64(len(strconv.Itoa(v)))
	case float64:
		style := b.num
		if name == colScore.Name {
			style = b.score
		}
		return excelize.Cell{StyleID: style, Value: v}, float64(len(strconv.FormatFloat(v, 'f', -1, 64)))
	case time.Time:
		// excelize writes the wall clock of the time's own location, which
		// is the configured timezone: Excel dates have no zone.
		return excelize.Cell{StyleID: b.dateTime, Value: v}, float64(len(numFmtDateTime))
	case govaudit.Date:
		return excelize.Cell{StyleID: b.date, Value: v.Time}, float64(len(numFmtDate))
	}
	panic(fmt.Sprintf("report: no XLSX form for %T", v))
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
func sheetNames() []string {
	return []string{sheetSummary, sheetRequirements, sheetCensus, sheetCities}
}
