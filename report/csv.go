package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/govaudit/govaudit"
)

// utf8BOM starts the CSV so that spreadsheet programs in Chinese locales
// read it as UTF-8 rather than GBK.
const utf8BOM = "\ufeff"

// WriteCSV writes the document as CSV: UTF-8 with a byte-order mark, CRLF
// line ends (RFC 4180), one header line and then, per site in document
// order, one row per requirement and one per census finding.
//
// The header is, in this order (names are the JSON fields they mirror, and
// stay stable; new columns are only ever added at the end):
//
//	site_id, site_name, site_url, level, department, city, audited_at,
//	reachable, score, verdict, kind, id, status, column_url, newest_title,
//	newest_url, newest_date, age_days, max_age_days, value, threshold,
//	details, evidence
//
// kind is "requirement" (id is the requirement id, status its status),
// "census" (id is the census rule, status its verdict: ok, warning, veto)
// or "site": the one row of a site without an audit, whose audited_at,
// reachable, score and verdict are empty. verdict is the site's overall
// verdict (合格, warning, 不合格). Fields that do not apply to a row are
// empty: column_url to age_days and details on census rows, value and
// threshold on requirement rows.
//
// audited_at is RFC 3339 in the configured timezone; newest_date is
// YYYY-MM-DD; numbers are plain decimals; reachable is true or false;
// details is the JSON object of the requirement's details; evidence is the
// evidence lines joined with " | ".
//
// A text cell that begins with =, +, -, @, a tab or a carriage return gets
// a leading apostrophe, so that a page title crafted as a formula is shown,
// not run, when the file is opened in a spreadsheet program.
func WriteCSV(w io.Writer, doc Document) error {
	return StreamCSV(w, doc.Stream())
}

// StreamCSV writes the stream as WriteCSV writes a document, one site's
// rows at a time.
func StreamCSV(w io.Writer, s Stream) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	record := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		record[i] = c.Label
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	err := s.Each(func(sc *Scorecard) error {
		for _, r := range rowsOf(sc) {
			for i, c := range csvColumns {
				record[i] = csvCell(c.value(r))
			}
			if err := cw.Write(record); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvCell formats one cell value of a column.
func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return defuseFormula(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case govaudit.Date:
		return v.String()
	}
	panic(fmt.Sprintf("report: no CSV form for %T", v))
}

// defuseFormula prefixes text that a spreadsheet would take for a formula.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
