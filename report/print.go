package report

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report/pdf"
	"github.com/govaudit/govaudit/store"
)

// Extras are what the printable report (HTML and PDF) shows beyond the
// document: who issues it, for which period, and the stored copies of the
// pages the findings rest on.
type Extras struct {
	// Issuer and Period are printed on the cover (config report.issuer
	// and report.period).
	Issuer, Period string
	// Copies are the stored copies of each site's audit, by site id, as
	// store.EvidenceFor lists them.
	Copies map[string][]store.EvidenceRef
	// Thumbs are pictures of the copies' screenshots by screenshot hash
	// (ThumbnailsFromStore); a copy without one is linked only.
	Thumbs map[string]template.URL
	// EvidenceBase is the address of the govaudit server whose
	// /evidence/{hash} serves the copies (config report.base_url); without
	// it the report names each copy by its hash.
	EvidenceBase string
	// PDF tunes the browser that prints the PDF.
	PDF pdf.Options
}

// WriteReport writes the printable HTML report with its extras.
func WriteReport(w io.Writer, doc Document, ex Extras) error {
	if err := scorecardTemplate.Execute(w, newHTMLPage(doc, ex)); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// WritePDF prints the HTML report to PDF with headless Chromium.
func WritePDF(ctx context.Context, w io.Writer, doc Document, ex Extras) error {
	var html bytes.Buffer
	if err := WriteReport(&html, doc, ex); err != nil {
		return err
	}
	opts := ex.PDF
	if opts.Timeout == 0 {
		// The demo's 23 sites print in about a second each on a loaded
		// machine (docs/report.md); a province of thousands needs longer
		// than pdf's default.
		opts.Timeout = max(2*time.Minute, time.Duration(len(doc.Sites))*3*time.Second)
	}
	if opts.Footer == "" {
		opts.Footer = "政府网站监测评估报告"
		if ex.Issuer != "" {
			opts.Footer = ex.Issuer + " · " + opts.Footer
		}
	}
	out, err := pdf.Print(ctx, html.Bytes(), opts)
	if err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// WriteWith writes doc in the named format; html and pdf show the extras,
// the other formats ignore them.
func WriteWith(ctx context.Context, w io.Writer, name string, doc Document, ex Extras) error {
	switch name {
	case "html":
		return WriteReport(w, doc, ex)
	case "pdf":
		return WritePDF(ctx, w, doc, ex)
	}
	return Write(w, name, doc)
}

// CopiesFromStore lists the stored copies of the audits doc rests on, by
// site id. The store keys copies by the audit's exact time, which the
// document has cut to the second, so the audits are looked up again: the
// latest ones, or those as of doc.AsOf.
func CopiesFromStore(st *store.Store, doc Document, loc *time.Location) (map[string][]store.EvidenceRef, error) {
	snap := st.Snapshot()
	end := EndOfDay(inLocation(doc.AsOf, loc))
	out := map[string][]store.EvidenceRef{}
	for _, sc := range doc.Sites {
		if !sc.Audited() {
			continue
		}
		var at time.Time
		if doc.AsOf.IsZero() {
			sum, ok := snap.Summary(sc.ID)
			if !ok {
				continue
			}
			at = sum.AuditedAt
		} else {
			a, ok, err := st.AuditAsOf(sc.ID, end)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			at = a.AuditedAt
		}
		refs, err := st.EvidenceFor(sc.ID, at)
		if err != nil {
			return nil, err
		}
		out[sc.ID] = refs
	}
	return out, nil
}

// CensusEvidenceKey is the EvidenceRef.Requirement under which the pages a
// census rule rests on are stored.
func CensusEvidenceKey(rule string) string { return "census:" + rule }

// notJudged reports whether nothing could be said of the site: no audit,
// the not_judged verdict, or no requirement that could be judged (no
// score).
func notJudged(sc Scorecard) bool {
	return !sc.Audited() || VerdictKey(sc) == "not_judged" || sc.Score == nil
}

// rateRow is one line of a pass-rate table.
type rateRow struct {
	Label                                  string
	Sites, Judged, Pass, Warning, Fail, NJ int
	Rate                                   string
}

func (r *rateRow) add(sc Scorecard) {
	r.Sites++
	if notJudged(sc) {
		r.NJ++
		return
	}
	r.Judged++
	switch VerdictKey(sc) {
	case "pass":
		r.Pass++
	case "warning":
		r.Warning++
	case "fail":
		r.Fail++
	}
}

func (r *rateRow) finish() {
	r.Rate = "—"
	if r.Judged > 0 {
		r.Rate = strconv.FormatFloat(100*float64(r.Pass)/float64(r.Judged), 'f', 1, 64) + "%"
	}
}

// summary is the report's province summary beyond the ranking.
type summary struct {
	AuditDates string
	Total      rateRow
	ByLevel    []rateRow
	ByCity     []rateRow
	Vetoed     []siteNote
	NotJudged  []siteNote
	Shortfalls []shortfallCount
	Problems   []problemCount
}

type siteNote struct{ ID, Name, Note string }

type shortfallCount struct {
	Code, Text string
	Sites      int
}

type problemCount struct {
	ID, Title string
	Sites     int
	Statuses  string
}

func newSummary(doc Document) summary {
	var s summary
	s.Total.Label = "合计"
	levels := map[govaudit.Level]*rateRow{}
	cities := map[string]*rateRow{}
	var first, last time.Time
	for _, sc := range doc.Sites {
		s.Total.add(sc)
		lr := levels[sc.Level]
		if lr == nil {
			lr = &rateRow{Label: LevelLabel(sc.Level)}
			levels[sc.Level] = lr
		}
		lr.add(sc)
		city := sc.City
		if sc.Level == govaudit.LevelProvince {
			city = ""
		}
		cr := cities[city]
		if cr == nil {
			cr = &rateRow{Label: cmp.Or(city, "省直部门及省政府")}
			cities[city] = cr
		}
		cr.add(sc)
		if sc.Audited() {
			if first.IsZero() || sc.AuditedAt.Before(first) {
				first = *sc.AuditedAt
			}
			if sc.AuditedAt.After(last) {
				last = *sc.AuditedAt
			}
		}
	}
	s.Total.finish()
	for _, l := range []govaudit.Level{govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty} {
		if r := levels[l]; r != nil {
			r.finish()
			s.ByLevel = append(s.ByLevel, *r)
		}
	}
	names := make([]string, 0, len(cities))
	for c := range cities {
		names = append(names, c)
	}
	// The provincial sites first, then the cities in administrative order.
	slices.SortFunc(names, func(a, b string) int {
		if (a == "") != (b == "") {
			return boolFirst(a == "")
		}
		return CompareCities(a, b)
	})
	for _, c := range names {
		cities[c].finish()
		s.ByCity = append(s.ByCity, *cities[c])
	}
	switch {
	case first.IsZero():
		s.AuditDates = "—"
	case first.Format(dayLayout) == last.Format(dayLayout):
		s.AuditDates = first.Format(dayLayout)
	default:
		s.AuditDates = first.Format(dayLayout) + " 至 " + last.Format(dayLayout)
	}

	catalog := govaudit.DefaultCatalog()
	shortfalls := map[string]*shortfallCount{}
	problems := map[string]*problemCount{}
	problemStatuses := map[string]map[govaudit.Status]int{}
	for _, sc := range doc.Sites {
		if !sc.Audited() {
			s.NotJudged = append(s.NotJudged, siteNote{sc.ID, sc.Name, "未审计"})
			continue
		}
		var vetoes []string
		for _, f := range sc.Census {
			if f.Verdict == govaudit.VerdictVeto {
				vetoes = append(vetoes, RuleLabel(f.Rule))
			}
		}
		if len(vetoes) > 0 {
			s.Vetoed = append(s.Vetoed, siteNote{sc.ID, sc.Name, strings.Join(vetoes, "、")})
		}
		if notJudged(sc) {
			s.NotJudged = append(s.NotJudged, siteNote{sc.ID, sc.Name, notJudgedReason(sc)})
		}
		seenCode := map[string]bool{}
		for _, r := range sc.Requirements {
			for _, sf := range r.Shortfalls {
				c := shortfalls[sf.Code]
				if c == nil {
					c = &shortfallCount{Code: sf.Code, Text: sf.Text}
					shortfalls[sf.Code] = c
				}
				if !seenCode[sf.Code] {
					c.Sites++
					seenCode[sf.Code] = true
				}
			}
			if r.Compliant == govaudit.CompliantNo || problemStatus(r.Status) {
				p := problems[r.ID]
				if p == nil {
					p = &problemCount{ID: r.ID}
					if req, ok := catalog.Lookup(r.ID); ok {
						p.Title = req.Title
					}
					problems[r.ID] = p
					problemStatuses[r.ID] = map[govaudit.Status]int{}
				}
				p.Sites++
				problemStatuses[r.ID][r.Status]++
			}
		}
	}
	for _, c := range shortfalls {
		s.Shortfalls = append(s.Shortfalls, *c)
	}
	slices.SortFunc(s.Shortfalls, func(a, b shortfallCount) int {
		return cmp.Or(cmp.Compare(b.Sites, a.Sites), cmp.Compare(a.Code, b.Code))
	})
	s.Shortfalls = s.Shortfalls[:min(len(s.Shortfalls), 10)]
	for id, p := range problems {
		var parts []string
		for _, st := range govaudit.Statuses {
			if n := problemStatuses[id][st]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", StatusLabel(st), n))
			}
		}
		p.Statuses = strings.Join(parts, "，")
		s.Problems = append(s.Problems, *p)
	}
	slices.SortFunc(s.Problems, func(a, b problemCount) int {
		return cmp.Or(cmp.Compare(b.Sites, a.Sites), cmp.Compare(a.ID, b.ID))
	})
	s.Problems = s.Problems[:min(len(s.Problems), 10)]
	return s
}

// problemStatus reports whether a status is a finding against the site.
func problemStatus(s govaudit.Status) bool {
	return s == govaudit.StatusStale || s == govaudit.StatusEmpty || s == govaudit.StatusMissing
}

// notJudgedReason says why an audited site could not be judged.
func notJudgedReason(sc Scorecard) string {
	counts := map[govaudit.Status]int{}
	for _, r := range sc.Requirements {
		counts[r.Status]++
	}
	var parts []string
	for _, st := range govaudit.Statuses {
		if n := counts[st]; n > 0 && !problemStatus(st) && st != govaudit.StatusFresh {
			parts = append(parts, fmt.Sprintf("%s %d 项", StatusLabel(st), n))
		}
	}
	why := "没有可判定的要求"
	if !sc.Reachable {
		why = "首页无法访问"
	}
	if len(parts) > 0 {
		why += "（" + strings.Join(parts, "，") + "）"
	}
	return why
}

func boolFirst(a bool) int {
	if a {
		return -1
	}
	return 1
}
