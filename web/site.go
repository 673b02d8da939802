package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
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
	OtherCopies  []copyView
	CopiesError  string
	History      []historyView
	HistoryError string
	Downloads    []link
}

type censusView struct {
	Rule, Label      string
	Verdict          mark
	Value, Threshold string
	Evidence         []string
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
	Details     []detailView
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
	snap, doc, err := h.document()
	if err != nil {
		h.log.Error("build site page", "site", id, "err", err)
		h.fail(w, http.StatusInternalServerError, "无法生成评分表", err.Error())
		return
	}
	i := slices.IndexFunc(doc.Sites, func(sc report.Scorecard) bool { return sc.ID == id })
	if i < 0 {
		h.fail(w, http.StatusNotFound, "未找到网站", "No configured site has the id "+strconv.Quote(id)+".")
		return
	}
	sc := doc.Sites[i]
	// The scorecard's time is cut to the second for the exports; the
	// store keys an audit's evidence by the exact time.
	sum, _ := snap.Summary(id)
	p := h.sitePage(sc, sum.AuditedAt)
	if rk := report.Ranks(doc)[i]; rk > 0 {
		p.Rank = strconv.Itoa(rk)
	}
	p.SiteCount = strconv.Itoa(len(doc.Sites))
	h.render(w, http.StatusOK, "site", sc.Name, "site", p)
}

func (h *handler) sitePage(sc report.Scorecard, auditedAt time.Time) sitePage {
	p := sitePage{ID: sc.ID, Name: sc.Name, URL: sc.URL, City: sc.City, Level: report.LevelLabel(sc.Level),
		Department: departmentLabel(sc.Department), Audited: sc.Audited(), Reachable: sc.Reachable,
		Score: scoreText(sc.Score), Verdict: siteVerdictMark(sc), Downloads: exportLinks(sc.ID)}
	if sc.HomeError != nil {
		p.HomeError = sc.HomeError.Error()
	}
	for _, f := range sc.Census {
		p.Census = append(p.Census, censusView{Rule: f.Rule, Label: report.RuleLabel(f.Rule),
			Verdict: censusMark(f.Verdict), Value: number(f.Value), Threshold: number(f.Threshold), Evidence: f.Evidence})
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
			copies[ref.Requirement] = append(copies[ref.Requirement], copyView{Href: "/evidence/" + ref.Hash,
				URL: ref.URL, FetchedAt: timeText(ref.FetchedAt, h.loc), Status: ref.Status, Hash: ref.Hash})
		}
	}
	for _, res := range sc.Requirements {
		p.Requirements = append(p.Requirements, h.requirementView(res, copies[res.ID]))
		delete(copies, res.ID)
	}
	for _, id := range sortedKeys(keySet(copies)) {
		p.OtherCopies = append(p.OtherCopies, copies[id]...)
	}
	p.History, p.HistoryError = h.history(sc)
	return p
}

func (h *handler) requirementView(res govaudit.Result, copies []copyView) requirementView {
	v := requirementView{ID: res.ID, Status: statusMark(res.Status), ColumnURL: res.ColumnURL,
		Evidence: res.Evidence, Details: details(res.Details), Copies: copies}
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

// detailView is one entry of a result's details: a label and either a text
// or a list.
type detailView struct {
	Key, Label string
	Text       string
	Items      []string
}

// details words a result's details. They have been through JSON, so
// numbers are float64, lists []any and objects map[string]any.
func details(d map[string]any) []detailView {
	var out []detailView
	keys := sortedKeys(keySet(d))
	slices.SortStableFunc(keys, func(a, b string) int { return detailRank(a) - detailRank(b) })
	for _, k := range keys {
		v := detailView{Key: k, Label: labelOr(detailLabels, k)}
		switch x := d[k].(type) {
		case []any:
			for _, e := range x {
				v.Items = append(v.Items, detailText(e))
			}
		case map[string]any:
			for _, kk := range sortedKeys(keySet(x)) {
				v.Items = append(v.Items, kk+"："+detailText(x[kk]))
			}
		default:
			v.Text = detailText(x)
		}
		out = append(out, v)
	}
	return out
}

// detailRank orders the known details as a reader asks about them (how
// many were checked, how many passed, then the breakdown), the others
// after them by name.
func detailRank(key string) int {
	if i := slices.Index(detailOrder, key); i >= 0 {
		return i
	}
	return len(detailOrder)
}

var detailOrder = []string{"documents_checked", "validity_labelled", "labels", "unlabelled", "interpreted", "interpreted_share",
	"documents_column", "fields", "companions", "budget_year", "budget_published", "budget_item", "final_year", "final_published", "final_item"}

func detailText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case float64:
		return number(x)
	case int:
		return strconv.Itoa(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = detailText(e)
		}
		return strings.Join(parts, "、")
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(keySet(x)) {
			parts = append(parts, k+"："+detailText(x[k]))
		}
		return strings.Join(parts, "；")
	}
	return fmt.Sprint(v)
}
