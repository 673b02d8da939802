package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// sitePage is the content of /sites/{id}.
type sitePage struct {
	ID, Name, URL, City    string
	Level, Department      string
	Audited                bool
	AuditedAt              string
	Reachable              bool
	HomeError              string
	Score, Rank, SiteCount string
	Verdict                mark
	Census                 []censusView
	Requirements           []requirementView
	// OtherCopies are stored pages of the audit that no requirement
	// claims, such as the home page.
	OtherCopies []copyView
	// HomeCopies are the stored copies of the home page.
	HomeCopies   []copyView
	CopiesError  string
	Trend        *siteTrend
	TrendError   string
	History      []historyView
	HistoryError string
	Downloads    []link
}

type censusView struct {
	Rule, Label      string
	Verdict          mark
	Value, Threshold string
	Evidence         []string
	Copies           []copyView
}

type requirementView struct {
	ID, Title   string
	Status      mark
	ColumnURL   string
	NewestTitle string
	NewestURL   string
	NewestDate  string
	Age, MaxAge string
	Evidence    []string
	Details     []string
	Compliant   string
	Shortfalls  []govaudit.Shortfall
	Copies      []copyView
	// Unstored are the pages that decided the result but have no stored
	// copy (an audit made before copies were kept, or a failed fetch).
	Unstored []string
}

// copyView links a stored copy of a page.
type copyView struct {
	Href, URL, FetchedAt string
	Status               int
	Hash                 string
	// ScreenshotHref shows the page as a browser rendered it, "" for none.
	ScreenshotHref string
}

type historyView struct {
	ID, Title string
	Changes   []changeView
}

type changeView struct {
	At       string
	From, To mark
	// First is the first audit of the requirement: there is no From.
	First  bool
	Newest string
}

func (h *handler) site(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	snap := h.snapshot()
	if _, ok := snap.Site(id); !ok {
		h.fail(w, http.StatusNotFound, "未找到网站", "No configured site has the id "+strconv.Quote(id)+".")
		return
	}
	idx := h.index(snap)
	one, err := report.Build(snap, []string{id}, h.now(), h.loc)
	if err == nil {
		err = idx.err
	}
	if err != nil {
		h.log.Error("build site page", "site", id, "err", err)
		h.fail(w, http.StatusInternalServerError, "无法生成评分表", err.Error())
		return
	}
	sc := one.Sites[0]
	i := slices.IndexFunc(idx.doc.Sites, func(sc report.Scorecard) bool { return sc.ID == id })
	// The scorecard's time is cut to the second for the exports; the
	// store keys an audit's evidence by the exact time.
	sum, _ := snap.Summary(id)
	p := h.sitePage(sc, sum.AuditedAt)
	if i >= 0 && idx.ranks[i] > 0 {
		rk := idx.ranks[i]
		p.Rank = strconv.Itoa(rk)
	}
	p.SiteCount = strconv.Itoa(len(idx.doc.Sites))
	h.render(w, http.StatusOK, "site", sc.Name, "site", p)
}

func (h *handler) sitePage(sc report.Scorecard, auditedAt time.Time) sitePage {
	p := sitePage{ID: sc.ID, Name: sc.Name, URL: sc.URL, City: sc.City, Level: report.LevelLabel(sc.Level),
		Department: departmentLabel(sc.Department, sc.Level), Audited: sc.Audited(), Reachable: sc.Reachable,
		Score: scoreText(sc.Score), Verdict: siteVerdictMark(sc), Downloads: exportLinks(sc.ID, report.Selection{})}
	if sc.HomeError != nil {
		p.HomeError = sc.HomeError.Error()
	}
	copies := map[string][]copyView{}
	if sc.Audited() {
		p.AuditedAt = timeText(*sc.AuditedAt, h.loc)
		refs, err := h.store.EvidenceFor(sc.ID, auditedAt)
		if err != nil {
			h.log.Warn("read evidence list", "site", sc.ID, "err", err)
			p.CopiesError = err.Error()
		}
		for _, ref := range refs {
			cv := copyView{Href: "/evidence/" + ref.Hash,
				URL: ref.URL, FetchedAt: timeText(ref.FetchedAt, h.loc), Status: ref.Status, Hash: ref.Hash}
			if ref.Screenshot != "" {
				cv.ScreenshotHref = "/evidence/" + ref.Screenshot
			}
			copies[ref.Requirement] = append(copies[ref.Requirement], cv)
		}
	}
	for _, f := range sc.Census {
		key := report.CensusEvidenceKey(f.Rule)
		p.Census = append(p.Census, censusView{Rule: f.Rule, Label: report.RuleLabel(f.Rule),
			Verdict: censusMark(f.Verdict), Value: number(f.Value), Threshold: number(f.Threshold), Evidence: f.Evidence,
			Copies: copies[key]})
		delete(copies, key)
	}
	p.HomeCopies = copies[report.HomeEvidenceKey]
	delete(copies, report.HomeEvidenceKey)
	for _, res := range sc.Requirements {
		p.Requirements = append(p.Requirements, h.requirementView(res, copies[res.ID]))
		delete(copies, res.ID)
	}
	for _, id := range sortedKeys(keySet(copies)) {
		p.OtherCopies = append(p.OtherCopies, copies[id]...)
	}
	p.History, p.HistoryError = h.history(sc)
	p.Trend, p.TrendError = h.siteTrend(sc)
	return p
}

func (h *handler) requirementView(res govaudit.Result, copies []copyView) requirementView {
	v := requirementView{ID: res.ID, Status: statusMark(res.Status), ColumnURL: res.ColumnURL,
		Evidence: res.Evidence, Details: report.DetailSentences(res.Details), Copies: copies,
		Compliant: report.CompliantLabel(res.Compliant), Shortfalls: res.Shortfalls}
	if req, ok := h.catalog.Lookup(res.ID); ok {
		v.Title = req.Title
	}
	if it := res.NewestItem; it != nil {
		v.NewestTitle, v.NewestURL, v.NewestDate = it.Title, it.URL, it.Date.String()
	}
	if res.AgeDays != nil {
		v.Age = strconv.Itoa(*res.AgeDays)
	}
	if res.MaxAgeDays > 0 {
		v.MaxAge = strconv.Itoa(res.MaxAgeDays)
	}
	for _, src := range res.Sources {
		if !slices.ContainsFunc(copies, func(c copyView) bool { return c.URL == src }) {
			v.Unstored = append(v.Unstored, src)
		}
	}
	return v
}

// history is the site's timeline of status changes per requirement, in
// the order of the scorecard, then any requirement no longer audited.
func (h *handler) history(sc report.Scorecard) ([]historyView, string) {
	tl, err := h.store.SiteTimeline(sc.ID)
	if err != nil {
		h.log.Warn("read timeline", "site", sc.ID, "err", err)
		return nil, err.Error()
	}
	var order []string
	for _, r := range sc.Requirements {
		if _, ok := tl[r.ID]; ok {
			order = append(order, r.ID)
		}
	}
	for _, id := range sortedKeys(keySet(tl)) {
		if !slices.Contains(order, id) {
			order = append(order, id)
		}
	}
	var out []historyView
	for _, id := range order {
		hv := historyView{ID: id}
		if req, ok := h.catalog.Lookup(id); ok {
			hv.Title = req.Title
		}
		for _, c := range tl[id] {
			hv.Changes = append(hv.Changes, changeView{At: timeText(c.At, h.loc), From: statusMark(c.From),
				To: statusMark(c.To), First: c.From == "", Newest: c.Newest})
		}
		if len(hv.Changes) > 0 {
			out = append(out, hv)
		}
	}
	return out, ""
}

func keySet[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
