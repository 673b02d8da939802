package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/govaudit/govaudit"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sofficeFilter converts every sheet of a workbook to its own CSV file:
// comma, double quote, UTF-8 (76), from line 1, values not "as shown" (so
// numbers keep their precision; dates are still written in their number
// format), and -1 for all sheets, which LibreOffice ≥ 7.2 supports.
const sofficeFilter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`

// TestLibreOfficeReadsXLSX has a real spreadsheet program read the XLSX
// export and checks the values it sees against the JSON export of the same
// document: scores, verdicts, statuses, counts, days and times. It needs
// soffice (Debian package libreoffice-calc-nogui); without it the test is
// skipped, unless GOVAUDIT_REQUIRE_SOFFICE=1, as CI sets it.
func TestLibreOfficeReadsXLSX(t *testing.T) {
	soffice := lookSoffice(t)
	doc := fixtureDocument(t)
	dir := t.TempDir()
	xlsxPath := filepath.Join(dir, "export.xlsx")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsxPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out := convertWithSoffice(t, soffice, xlsxPath, sofficeFilter)
	outDir := filepath.Join(dir, "out")
	sheets := map[string][]map[string]string{}
	for _, sheet := range sheetNames() {
		path := filepath.Join(outDir, "export-"+sheet+".csv")
		b, err := os.ReadFile(path)
		if err != nil {
			version, _ := exec.Command(soffice, "--version").Output()
			t.Fatalf("soffice wrote no %s (exporting every sheet needs LibreOffice ≥ 7.2; this is %s): %v\n%s",
				filepath.Base(path), strings.TrimSpace(string(version)), err, out)
		}
		sheets[sheet] = readSheetCSV(t, b)
	}

	var buf2 bytes.Buffer
	if err := WriteJSON(&buf2, doc); err != nil {
		t.Fatal(err)
	}
	var exported jsonExport
	if err := json.Unmarshal(buf2.Bytes(), &exported); err != nil {
		t.Fatal(err)
	}

	// 汇总: one row per site with its score, verdict and counts.
	bySite := map[string]map[string]string{}
	for _, r := range sheets[sheetSummary] {
		bySite[r["site_id"]] = r
	}
	if got, want := len(sheets[sheetSummary]), len(exported.Sites); got != want {
		t.Errorf("%s: %d rows, want %d", sheetSummary, got, want)
	}
	var wantReqs, wantCensus []map[string]string
	for _, s := range exported.Sites {
		t.Run(sheetSummary+"/"+s.ID, func(t *testing.T) {
			r, ok := bySite[s.ID]
			if !ok {
				t.Fatal("site missing")
			}
			checkCell(t, r, "score", numberText(s.Score))
			// The files show the verdict's Chinese label, the JSON its code.
			checkCell(t, r, "verdict", SiteVerdictLabel(govaudit.SiteVerdict(s.Verdict)))
			checkCell(t, r, "audited_at", timeText(t, s.AuditedAt))
			counts := map[string]int{}
			for _, q := range s.Requirements {
				counts[q.Status]++
			}
			for _, st := range summaryStatuses {
				want := ""
				if s.AuditedAt != nil {
					want = strconv.Itoa(counts[string(st)])
				}
				checkCell(t, r, string(st), want)
			}
		})
		for _, q := range s.Requirements {
			row := map[string]string{
				"site_id": s.ID, "id": q.ID, "status": q.Status, "score": numberText(s.Score),
				"verdict": SiteVerdictLabel(govaudit.SiteVerdict(s.Verdict)), "audited_at": timeText(t, s.AuditedAt), "reachable": strings.ToUpper(strconv.FormatBool(s.Reachable)),
				"column_url": q.ColumnURL, "age_days": numberText(q.AgeDays), "max_age_days": numberText(q.MaxAgeDays),
			}
			if q.NewestItem != nil {
				row["newest_date"], row["newest_title"] = q.NewestItem.Date, q.NewestItem.Title
			}
			wantReqs = append(wantReqs, row)
		}
		for _, c := range s.Census {
			wantCensus = append(wantCensus, map[string]string{
				"site_id": s.ID, "id": c.Rule, "status": c.Verdict,
				"value": numberText(&c.Value), "threshold": numberText(&c.Threshold),
			})
		}
	}
	for _, tt := range []struct {
		sheet string
		want  []map[string]string
	}{{sheetRequirements, wantReqs}, {sheetCensus, wantCensus}} {
		got := sheets[tt.sheet]
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d rows, want %d", tt.sheet, len(got), len(tt.want))
			continue
		}
		for i, want := range tt.want {
			t.Run(fmt.Sprintf("%s/%d/%s/%s", tt.sheet, i+2, want["site_id"], want["id"]), func(t *testing.T) {
				for k, v := range want {
					checkCell(t, got[i], k, v)
				}
			})
		}
	}
}

// TestLibreOfficeSeesTypes has LibreOffice convert the XLSX export to a
// flat OpenDocument spreadsheet, which records each cell's type, and checks
// that days and times are dates, scores and counts numbers, and
// reachability a boolean: the CSV read-back alone cannot tell a date from
// text that looks like one.
func TestLibreOfficeSeesTypes(t *testing.T) {
	soffice := lookSoffice(t)
	dir := t.TempDir()
	xlsxPath := filepath.Join(dir, "export.xlsx")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, fixtureDocument(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsxPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	convertWithSoffice(t, soffice, xlsxPath, "fods")
	b, err := os.ReadFile(filepath.Join(dir, "out", "export.fods"))
	if err != nil {
		t.Fatal(err)
	}
	book := readFODS(t, b)
	// Calc has no boolean cells: it reads an XLSX boolean as the number 1
	// or 0 computed by =TRUE() or =FALSE(), shown as TRUE or FALSE.
	wantType := map[string]string{
		"audited_at": "date", "newest_date": "date", "reachable": "float",
		"rank": "float", "score": "float", "age_days": "float", "max_age_days": "float",
		"value": "float", "threshold": "float", "fresh": "float", "census_vetoes": "float",
		"site_id": "string", "status": "string", "newest_title": "string",
		"sites": "float", "pass_rate": "float", "city": "string",
	}
	for _, sheet := range sheetNames() {
		grid := book[sheet]
		if len(grid) < 2 {
			t.Errorf("%s: %d rows in LibreOffice, want a header and data", sheet, len(grid))
			continue
		}
		checked := 0
		for col, h := range grid[0] {
			_, name, _ := strings.Cut(h.text, "\n")
			want, ok := wantType[name]
			if !ok {
				continue
			}
			for y, row := range grid[1:] {
				if col >= len(row) || row[col].text == "" {
					continue
				}
				checked++
				if got := row[col].typ; got != want {
					t.Errorf("%s row %d %s: LibreOffice sees %s %q, want %s", sheet, y+2, name, got, row[col].text, want)
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no typed cell checked", sheet)
		}
	}
}

// lookSoffice finds soffice or skips the test (fails with
// GOVAUDIT_REQUIRE_SOFFICE=1, as CI sets it).
func lookSoffice(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GOVAUDIT_REQUIRE_SOFFICE") == "1" {
			t.Fatal("soffice not found and GOVAUDIT_REQUIRE_SOFFICE=1: install the Debian package libreoffice-calc-nogui")
		}
		t.Skip("soffice not found: install the Debian package libreoffice-calc-nogui to read the XLSX back with LibreOffice")
	}
	if testing.Short() {
		t.Skip("starts LibreOffice; skipped in -short mode")
	}
	return soffice
}

// convertWithSoffice converts path with LibreOffice headless into the
// directory "out" beside it, with a fresh profile and HOME, so that no
// user settings apply and no running instance takes the job over.
func convertWithSoffice(t *testing.T, soffice, path, filter string) []byte {
	t.Helper()
	dir := filepath.Dir(path)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(dir, "profile")}).String()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", filter, "--outdir", filepath.Join(dir, "out"), path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return out
}

// fodsCell is a cell of a flat OpenDocument spreadsheet.
type fodsCell struct{ typ, text string }

// readFODS reads each table of a flat OpenDocument spreadsheet into rows
// of cells, expanding repeated cells and rows (a long trailing run of
// empty ones is dropped).
func readFODS(t *testing.T, b []byte) map[string][][]fodsCell {
	t.Helper()
	const (
		tableNS  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
		officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
		textNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	)
	attr := func(e xml.StartElement, space, local string) string {
		for _, a := range e.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	repeat := func(e xml.StartElement, local string) int {
		n, err := strconv.Atoi(attr(e, tableNS, local))
		if err != nil || n < 1 {
			return 1
		}
		return n
	}
	book := map[string][][]fodsCell{}
	var sheet string
	var row []fodsCell
	var rowRepeat int
	var cell *fodsCell
	var cellRepeat int
	var paragraphs []string
	var inP bool
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("fods: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Space == tableNS && e.Name.Local == "table":
				sheet = attr(e, tableNS, "name")
			case e.Name.Space == tableNS && e.Name.Local == "table-row":
				row, rowRepeat = nil, repeat(e, "number-rows-repeated")
			case e.Name.Space == tableNS && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell"):
				cell = &fodsCell{typ: attr(e, officeNS, "value-type")}
				cellRepeat, paragraphs = repeat(e, "number-columns-repeated"), nil
			case e.Name.Space == textNS && e.Name.Local == "p":
				inP = true
				paragraphs = append(paragraphs, "")
			}
		case xml.CharData:
			if inP && len(paragraphs) > 0 {
				paragraphs[len(paragraphs)-1] += string(e)
			}
		case xml.EndElement:
			switch {
			case e.Name.Space == textNS && e.Name.Local == "p":
				inP = false
			case e.Name.Space == tableNS && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell"):
				cell.text = strings.Join(paragraphs, "\n")
				if cell.text == "" && cellRepeat > 100 {
					cellRepeat = 0
				}
				for range cellRepeat {
					row = append(row, *cell)
				}
			case e.Name.Space == tableNS && e.Name.Local == "table-row":
				empty := true
				for _, c := range row {
					empty = empty && c.text == ""
				}
				if empty {
					continue
				}
				for range rowRepeat {
					book[sheet] = append(book[sheet], row)
				}
			}
		}
	}
	return book
}

// jsonExport is the part of the JSON export the read-back compares.
type jsonExport struct {
	Sites []struct {
		ID           string   `json:"id"`
		AuditedAt    *string  `json:"audited_at"`
		Reachable    bool     `json:"reachable"`
		Score        *float64 `json:"score"`
		Verdict      string   `json:"verdict"`
		Requirements []struct {
			ID         string `json:"id"`
			Status     string `json:"status"`
			ColumnURL  string `json:"column_url"`
			NewestItem *struct {
				Title string `json:"title"`
				Date  string `json:"date"`
			} `json:"newest_item"`
			AgeDays    *int `json:"age_days"`
			MaxAgeDays *int `json:"max_age_days"`
		} `json:"requirements"`
		Census []struct {
			Rule      string  `json:"rule"`
			Verdict   string  `json:"verdict"`
			Value     float64 `json:"value"`
			Threshold float64 `json:"threshold"`
		} `json:"census"`
	} `json:"sites"`
}

// readSheetCSV reads a converted sheet into maps keyed by the column name
// on the second line of each header cell.
func readSheetCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice CSV does not parse: %v", err)
	}
	var names []string
	for _, h := range records[0] {
		_, name, _ := strings.Cut(h, "\n")
		names = append(names, name)
	}
	var out []map[string]string
	for _, rec := range records[1:] {
		m := map[string]string{}
		for i, v := range rec {
			m[names[i]] = v
		}
		out = append(out, m)
	}
	return out
}

func checkCell(t *testing.T, row map[string]string, column, want string) {
	t.Helper()
	if got := row[column]; got != want {
		t.Errorf("%s: LibreOffice read %q, JSON has %q", column, got, want)
	}
}

// numberText is a JSON number as a spreadsheet writes it unformatted.
func numberText[N int | float64](v *N) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(float64(*v), 'f', -1, 64)
}

// timeText is a JSON time as the workbook's date-time format shows it: the
// wall clock of the configured zone.
func timeText(t *testing.T, s *string) string {
	t.Helper()
	if s == nil {
		return ""
	}
	v, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		t.Fatal(err)
	}
	return v.Format("2006-01-02 15:04:05")
}
