package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
)

//go:embed scorecard.html.tmpl
var scorecardSource string

// scorecardTemplate is the printable HTML export. It is self-contained: one
// inline stylesheet, no script, no image, no web font, so that it opens
// offline and prints the same everywhere.
var scorecardTemplate = template.Must(template.New("scorecard").Parse(scorecardSource))

// WriteHTML writes the document as one printable HTML page: a province
// summary ranking the sites, then one scorecard per site, each starting on
// a new page when printed (A4). Statuses are marked by a Chinese label and
// a sign (√ × ？ —) as well as by colour, so a black-and-white print loses
// nothing.
func WriteHTML(w io.Writer, doc Document) error {
	if err := scorecardTemplate.Execute(w, newHTMLPage(doc, Extras{})); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// htmlPage is what the template shows, with every value already worded.
type htmlPage struct {
	Issuer, Period string
	Summary        summary
	GeneratedAt    string
	AsOf           string
	Count          int
	Verdicts       []htmlTally
	NotAudited     int
	Statuses       []htmlStatus // the legend and the summary's count columns
	Standings      []htmlStanding
	Sites          []htmlSite
}

type htmlTally struct {
	Label, Class string
	N            int
}

type htmlStatus struct {
	Code, Label, Mark string
}

// htmlMark is a worded status or verdict with the class that colours it.
type htmlMark struct {
	Label, Mark, Class string
}

type htmlStanding struct {
	Rank              string
	ID, Name, City    string
	Level, Department string
	Score             string
	Verdict           htmlMark
	Audited           bool
	Counts            []int
	Vetoes            int
}

type htmlSite struct {
	ID, Name, URL     string
	Level, Department string
	City              string
	Audited           bool
	AuditedAt         string
	Reachable         bool
	HomeError         string
	Score             string
	Verdict           htmlMark
	Census            []htmlCensus
	Requirements      []htmlRequirement
	// HomeCopies are the stored copies of the home page.
	HomeCopies []htmlCopy
}

// htmlCopy is a stored copy of a page a finding rests on.
type htmlCopy struct {
	URL, Href, Hash, FetchedAt string
	// Thumb is the picture of the page's screenshot, when the report
	// shows one.
	Thumb template.URL
	shot  string // the screenshot's hash, "" for none
}

// withThumbs returns copies with the pictures of their screenshots, each
// screenshot once per site (shown records those already placed): only
// under the findings screenshots are taken for, a stale, empty or
// unreadable column and a census veto, where a copy backing a finding
// that passed shows none.
func withThumbs(copies []htmlCopy, thumbs map[string]template.URL, shown map[string]bool) []htmlCopy {
	out := make([]htmlCopy, len(copies))
	copy(out, copies)
	for i := range out {
		if t, ok := thumbs[out[i].shot]; ok && !shown[out[i].shot] {
			out[i].Thumb = t
			shown[out[i].shot] = true
		}
	}
	return out
}

type htmlCensus struct {
	Rule, Label      string
	Verdict          htmlMark
	Value, Threshold string
	Evidence         []string
	Copies           []htmlCopy
}

type htmlRequirement struct {
	ID, Title   string
	Status      htmlMark
	ColumnURL   string
	NewestTitle string
	NewestURL   string
	NewestDate  string
	Age         string
	MaxAge      string
	Evidence    []string
	Details     []string
	Compliant   string
	Shortfalls  []govaudit.Shortfall
	Copies      []htmlCopy
}

// CompliantLabel is the Chinese word for whether a requirement's duty is
// met; "" when the audit did not say.
func CompliantLabel(c govaudit.Compliance) string { return compliantLabels[c] }

// compliantLabels word Result.Compliant.
var compliantLabels = map[govaudit.Compliance]string{
	govaudit.CompliantYes:     "履行",
	govaudit.CompliantNo:      "未履行",
	govaudit.CompliantUnknown: "无法判定",
}

func newHTMLPage(doc Document, ex Extras) htmlPage {
	p := htmlPage{Issuer: ex.Issuer, Period: ex.Period, Summary: newSummary(doc),
		GeneratedAt: doc.GeneratedAt.Format(time.DateTime), Count: len(doc.Sites)}
	if !doc.AsOf.IsZero() {
		p.AsOf = doc.AsOf.String()
	}
	for _, st := range summaryStatuses {
		p.Statuses = append(p.Statuses, htmlStatus{string(st), statusLabels[st], statusMarks[st]})
	}
	tally := map[govaudit.SiteVerdict]int{}
	for _, sc := range doc.Sites {
		if sc.Audited() {
			tally[sc.Verdict]++
		} else {
			p.NotAudited++
		}
	}
	for _, v := range govaudit.SiteVerdicts {
		p.Verdicts = append(p.Verdicts, htmlTally{siteVerdictLabels[v], verdictClass(v), tally[v]})
	}
	for _, s := range standings(doc) {
		sc := s.Site
		h := htmlStanding{ID: sc.ID, Name: sc.Name, City: sc.City, Level: labelOr(levelLabels, sc.Level),
			Department: sc.Department, Score: scoreText(sc.Score), Verdict: siteVerdict(*sc),
			Audited: sc.Audited(), Vetoes: s.Vetoes}
		if s.Rank > 0 {
			h.Rank = strconv.Itoa(s.Rank)
		}
		for _, st := range summaryStatuses {
			h.Counts = append(h.Counts, s.Count(st))
		}
		p.Standings = append(p.Standings, h)
	}
	for _, sc := range doc.Sites {
		p.Sites = append(p.Sites, newHTMLSite(sc, ex))
	}
	return p
}

func newHTMLSite(sc Scorecard, ex Extras) htmlSite {
	copies := map[string][]htmlCopy{}
	for _, ref := range ex.Copies[sc.ID] {
		at := ref.FetchedAt
		if sc.Audited() {
			at = at.In(sc.AuditedAt.Location())
		}
		c := htmlCopy{URL: ref.URL, Hash: ref.Hash, FetchedAt: at.Format(time.DateTime), shot: ref.Screenshot}
		if ex.EvidenceBase != "" {
			c.Href = strings.TrimSuffix(ex.EvidenceBase, "/") + "/evidence/" + ref.Hash
		}
		copies[ref.Requirement] = append(copies[ref.Requirement], c)
	}
	h := htmlSite{ID: sc.ID, Name: sc.Name, URL: sc.URL, Level: labelOr(levelLabels, sc.Level),
		Department: departmentText(sc.Department, sc.Level), City: sc.City, Audited: sc.Audited(),
		Reachable: sc.Reachable, Score: scoreText(sc.Score), Verdict: siteVerdict(sc)}
	if sc.Audited() {
		h.AuditedAt = sc.AuditedAt.Format(time.DateTime + " -07:00")
	}
	if sc.HomeError != nil {
		h.HomeError = sc.HomeError.Error()
	}
	shown := map[string]bool{}
	for _, f := range sc.Census {
		fc := copies[CensusEvidenceKey(f.Rule)]
		if f.Verdict == govaudit.VerdictVeto {
			fc = withThumbs(fc, ex.Thumbs, shown)
		}
		h.Census = append(h.Census, htmlCensus{
			Rule: f.Rule, Label: labelOr(ruleLabels, f.Rule),
			Verdict: htmlMark{Label: labelOr(censusVerdictLabels, f.Verdict), Mark: censusMark(f.Verdict), Class: "cv-" + string(f.Verdict)},
			Value:   strconv.FormatFloat(f.Value, 'f', -1, 64), Threshold: strconv.FormatFloat(f.Threshold, 'f', -1, 64),
			Evidence: f.Evidence, Copies: fc,
		})
	}
	catalog := govaudit.DefaultCatalog()
	for _, r := range sc.Requirements {
		hr := htmlRequirement{ID: r.ID, ColumnURL: r.ColumnURL, Evidence: r.Evidence, Details: DetailSentences(r.Details),
			Compliant: compliantLabels[r.Compliant], Shortfalls: r.Shortfalls, Copies: copies[r.ID],
			Status: htmlMark{Label: labelOr(statusLabels, r.Status), Mark: statusMarks[r.Status], Class: "st-" + string(r.Status)}}
		if r.Status.Screenshotted() {
			hr.Copies = withThumbs(hr.Copies, ex.Thumbs, shown)
		}
		if req, ok := catalog.Lookup(r.ID); ok {
			hr.Title = req.Title
		}
		if it := r.NewestItem; it != nil {
			hr.NewestTitle, hr.NewestURL, hr.NewestDate = it.Title, it.URL, it.Date.String()
		}
		if r.AgeDays != nil {
			hr.Age = strconv.Itoa(*r.AgeDays)
		}
		if r.MaxAgeDays > 0 {
			hr.MaxAge = strconv.Itoa(r.MaxAgeDays)
		}
		h.Requirements = append(h.Requirements, hr)
	}
	h.HomeCopies = copies[HomeEvidenceKey]
	return h
}

// HomeEvidenceKey is the EvidenceRef.Requirement under which the home page
// is stored when a finding rests on it (a missing column, the census'
// 网站不更新).
const HomeEvidenceKey = "home"

func siteVerdict(sc Scorecard) htmlMark {
	if !sc.Audited() {
		return htmlMark{Label: "未审计", Mark: "—", Class: "v-none"}
	}
	marks := map[govaudit.SiteVerdict]string{govaudit.SitePass: "√", govaudit.SiteWarning: "△", govaudit.SiteFail: "×", govaudit.SiteNotJudged: "？"}
	return htmlMark{Label: labelOr(siteVerdictLabels, sc.Verdict), Mark: marks[sc.Verdict], Class: verdictClass(sc.Verdict)}
}

func verdictClass(v govaudit.SiteVerdict) string {
	switch v {
	case govaudit.SitePass:
		return "v-pass"
	case govaudit.SiteWarning:
		return "v-warning"
	case govaudit.SiteFail:
		return "v-fail"
	case govaudit.SiteNotJudged:
		return "v-not-judged"
	}
	return "v-none"
}

func censusMark(v govaudit.Verdict) string {
	switch v {
	case govaudit.VerdictOK:
		return "√"
	case govaudit.VerdictWarning:
		return "△"
	case govaudit.VerdictVeto:
		return "×"
	}
	return ""
}

func scoreText(s *float64) string {
	if s == nil {
		return "—"
	}
	return strconv.FormatFloat(*s, 'f', 1, 64)
}

// departmentText is the department code with its name at the site's level
// (a city's 生态环境局, not the province's 生态环境厅), when known.
func departmentText(code string, level govaudit.Level) string {
	if code == "" {
		return "政府门户网站"
	}
	if name := govaudit.DepartmentNameAt(code, level); name != "" {
		return code + "（" + name + "）"
	}
	return code
}
