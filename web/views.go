package web

import (
	"strconv"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// mark is a worded status or verdict: a Chinese label, a sign that keeps
// its meaning in black and white, the class that colours it, and the
// stored value for sorting and for tests.
type mark struct {
	Label, Sign, Class, Value string
}

func statusMark(s govaudit.Status) mark {
	return mark{Label: report.StatusLabel(s), Sign: report.StatusMark(s), Class: "st-" + string(s), Value: string(s)}
}

func censusMark(v govaudit.Verdict) mark {
	return mark{Label: report.CensusVerdictLabel(v), Sign: censusVerdictMarks[v], Class: "cv-" + string(v), Value: string(v)}
}

// siteVerdictMark words a scorecard's verdict; a site without an audit has
// none.
func siteVerdictMark(sc report.Scorecard) mark {
	if !sc.Audited() {
		return noVerdict
	}
	return verdictMark(sc.Verdict)
}

func verdictMark(v govaudit.SiteVerdict) mark {
	key := labelOr(verdictKeys, v)
	return mark{Label: report.SiteVerdictLabel(v), Sign: siteVerdictMarks[v], Class: "v-" + key, Value: key}
}

// noVerdict is the verdict shown for a site without an audit.
var noVerdict = mark{Label: "未审计", Sign: "—", Class: "v-none", Value: notAudited}

// verdictRank orders verdicts for sorting: worse is larger, a site
// without an audit smallest.
func verdictRank(sc report.Scorecard) int {
	if !sc.Audited() {
		return -1
	}
	return sc.Verdict.Code()
}

func scoreText(s *float64) string {
	if s == nil {
		return "—"
	}
	return strconv.FormatFloat(*s, 'f', 1, 64)
}

// timeText writes an instant in the page's timezone, with its offset so
// that a reader in another zone is not misled.
func timeText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04:05 -07:00")
}

// link is a download button or a navigation link.
type link struct {
	Label, Href string
}

// exportLinks are the download buttons of the export served by cmd at
// /api/v1/export, for one site or (site == "") the sites sel keeps: a
// download holds what the page shows.
func exportLinks(site string, sel report.Selection) []link {
	var out []link
	for _, f := range report.Formats() {
		q := selectionValues(sel)
		q.Set("format", f)
		if site != "" {
			q.Set("site", site)
		}
		q.Set("download", "1")
		out = append(out, link{Label: formatLabels[f], Href: "/api/v1/export?" + q.Encode()})
	}
	return out
}

// formatLabels name the export formats on the buttons.
var formatLabels = map[string]string{
	"json": "JSON",
	"csv":  "CSV（Excel 兼容）",
	"xlsx": "Excel 工作簿 (XLSX)",
	"html": "打印版 HTML",
	"pdf":  "通报 PDF",
}
