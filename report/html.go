package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
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
	if err := scorecardTemplate.Execute(w, newHTMLPage(doc)); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// htmlPage is what the template shows, with every value already worded.
type htmlPage struct {
	GeneratedAt string
	AsOf        string
	Count       int
	Verdicts    []htmlTally
	NotAudited  int
	Statuses    []htmlStatus // the legend and the summary's count columns
	Standings   []htmlStanding
	Sites       []htmlSite
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
}

type htmlCensus struct {
	Rule, Label      string
	Verdict          htmlMark
	Value, Threshold string
	Evidence         []string
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
	Details     []htmlDetail
}

type htmlDetail struct{ Key, Value string }

func newHTMLPage(doc Document) htmlPage {
	p := htmlPage{GeneratedAt: doc.GeneratedAt.Format(time.DateTime), Count: len(doc.Sites)}
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
		p.Sites = append(p.Sites, newHTMLSite(sc))
	}
	return p
}

func newHTMLSite(sc Scorecard) htmlSite {
	h := htmlSite{ID: sc.ID, Name: sc.Name, URL: sc.URL, Level: labelOr(levelLabels, sc.Level),
		Department: departmentText(sc.Department, sc.Level), City: sc.City, Audited: sc.Audited(),
		Reachable: sc.Reachable, Score: scoreText(sc.Score), Verdict: siteVerdict(sc)}
	if sc.Audited() {
		h.AuditedAt = sc.AuditedAt.Format(time.DateTime + " -07:00")
	}
	if sc.HomeError != nil {
		h.HomeError = sc.HomeError.Error()
	}
	for _, f := range sc.Census {
		h.Census = append(h.Census, htmlCensus{
			Rule: f.Rule, Label: labelOr(ruleLabels, f.Rule),
			Verdict: htmlMark{Label: labelOr(censusVerdictLabels, f.Verdict), Mark: censusMark(f.Verdict), Class: "cv-" + string(f.Verdict)},
			Value:   strconv.FormatFloat(f.Value, 'f', -1, 64), Threshold: strconv.FormatFloat(f.Threshold, 'f', -1, 64),
			Evidence: f.Evidence,
		})
	}
	catalog := govaudit.DefaultCatalog()
	for _, r := range sc.Requirements {
		hr := htmlRequirement{ID: r.ID, ColumnURL: r.ColumnURL, Evidence: r.Evidence,
			Status: htmlMark{Label: labelOr(statusLabels, r.Status), Mark: statusMarks[r.Status], Class: "st-" + string(r.Status)}}
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
		for _, k := range slices.Sorted(maps.Keys(r.Details)) {
			v, err := json.Marshal(r.Details[k])
			if err != nil {
				continue // details come from JSON; one that cannot go back is left out
			}
			hr.Details = append(hr.Details, htmlDetail{k, string(v)})
		}
		h.Requirements = append(h.Requirements, hr)
	}
	return h
}

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
