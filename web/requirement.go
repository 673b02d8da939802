package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// requirementPage is the content of /requirements/{id}.
type requirementPage struct {
	ID, Title, Kind, Web string
	Cadence, MaxAge      string
	Checked              bool
	AppliesTo            []string
	Keywords             []string
	Counts               []statusCount
	Rows                 []requirementRow
	// NotApplicable counts the configured sites the row does not bind.
	NotApplicable int
	// Narrowed is the status the list is narrowed to (nil for all),
	// Listed how many sites it lists over all its pages.
	Narrowed              *mark
	Listed                int
	Pages                 []pageLink
	PageNumber, PageCount int
	// Sortable lets the script sort in place: only when every listed
	// site is on the page.
	Sortable bool
}

// statusCount is how many sites are in a status, with the link that lists
// only them.
type statusCount struct {
	Mark mark
	N    int
	Href string
}

// requirementRow is one site's standing on the requirement.
type requirementRow struct {
	SiteID, Name, City    string
	Level, Department     string
	Audited               bool
	Status                mark
	ColumnURL             string
	NewestTitle           string
	NewestURL, NewestDate string
	Age, MaxAge           string
	Evidence              string
}

func (h *handler) requirement(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	req, ok := h.catalog.Lookup(id)
	if !ok {
		h.fail(w, http.StatusNotFound, "未找到要求", "No requirement has the id "+strconv.Quote(id)+"; /requirements lists them.")
		return
	}
	q, err := parseRequirementQuery(r.URL.Query())
	if err != nil {
		h.fail(w, http.StatusBadRequest, "参数有误", err.Error())
		return
	}
	snap := h.snapshot()
	idx := h.index(snap)
	if idx.err != nil {
		h.log.Error("build requirement page", "req", id, "err", idx.err)
		h.fail(w, http.StatusInternalServerError, "无法生成页面", idx.err.Error())
		return
	}
	p := requirementPage{ID: req.ID, Title: req.Title, Kind: labelOr(kindLabels, req.Kind), Web: labelOr(webLabels, req.Web),
		Cadence: req.Cadence, Checked: req.Checked(), AppliesTo: applicability(req.AppliesTo), Keywords: req.Keywords}
	if q.status != "" {
		m := statusMark(govaudit.Status(q.status))
		p.Narrowed = &m
	}
	if req.MaxAgeDays > 0 {
		p.MaxAge = strconv.Itoa(req.MaxAgeDays)
	}
	// Which sites are listed, and the counts, come from the index; only
	// the audits of the sites on the page are read whole.
	sites := make(map[string]govaudit.Site, len(snap.Sites))
	for _, s := range snap.Sites {
		sites[s.ID] = s
	}
	counts := map[govaudit.Status]int{}
	var listed []string
	for i := range idx.doc.Sites {
		sc := &idx.doc.Sites[i]
		res, judged := resultOf(*sc, id)
		// The audit is the authority on what applied to a site when it
		// was made; for a site without one, the catalog says.
		if !judged && (sc.Audited() || !req.Applies(sites[sc.ID])) {
			p.NotApplicable++
			continue
		}
		if judged {
			counts[res.Status]++
		}
		if q.status == "" || (judged && string(res.Status) == q.status) {
			listed = append(listed, sc.ID)
		}
	}
	for _, s := range govaudit.Statuses {
		if counts[s] > 0 {
			p.Counts = append(p.Counts, statusCount{statusMark(s), counts[s], requirementQuery{status: string(s)}.href(id)})
		}
	}
	p.Listed = len(listed)
	p.PageCount = max(1, (len(listed)+q.perPage-1)/q.perPage)
	p.PageNumber = min(q.page, p.PageCount)
	from := (p.PageNumber - 1) * q.perPage
	shown := listed[from:min(len(listed), from+q.perPage)]
	p.Sortable = p.PageCount == 1
	p.Pages = pageNav(p.PageCount, p.PageNumber, func(i int) string {
		g := q
		g.page = i
		return g.href(id)
	})
	if len(shown) > 0 {
		doc, err := report.Build(snap, shown, h.now(), h.loc)
		if err != nil {
			h.log.Error("build requirement page", "req", id, "err", err)
			h.fail(w, http.StatusInternalServerError, "无法生成页面", err.Error())
			return
		}
		for _, sc := range doc.Sites {
			p.Rows = append(p.Rows, requirementRowOf(sc, id))
		}
	}
	h.render(w, http.StatusOK, "requirement", req.ID+" "+req.Title, "requirements", p)
}

// requirementRowOf is one site's row on the page of requirement id.
func requirementRowOf(sc report.Scorecard, id string) requirementRow {
	res, judged := resultOf(sc, id)
	row := requirementRow{SiteID: sc.ID, Name: sc.Name, City: sc.City, Level: report.LevelLabel(sc.Level),
		Department: departmentLabel(sc.Department, sc.Level), Audited: judged, Status: noVerdict}
	if !judged {
		return row
	}
	row.Status, row.ColumnURL = statusMark(res.Status), res.ColumnURL
	if it := res.NewestItem; it != nil {
		row.NewestTitle, row.NewestURL, row.NewestDate = it.Title, it.URL, it.Date.String()
	}
	if res.AgeDays != nil {
		row.Age = strconv.Itoa(*res.AgeDays)
	}
	if res.MaxAgeDays > 0 {
		row.MaxAge = strconv.Itoa(res.MaxAgeDays)
	}
	if n := len(res.Evidence); n > 0 {
		row.Evidence = res.Evidence[n-1]
	}
	return row
}

// requirementQuery is what a requirement page's address asks for: the
// sites in one status, and a page of them.
type requirementQuery struct {
	status        string
	page, perPage int
}

var requirementParams = []string{"status", "page", "per_page"}

func parseRequirementQuery(v url.Values) (requirementQuery, error) {
	q := requirementQuery{status: v.Get("status"), page: 1, perPage: defaultPerPage}
	var bad []string
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if k != "" && !slices.Contains(requirementParams, k) {
			bad = append(bad, fmt.Sprintf("parameter %q (use %s)", k, strings.Join(requirementParams, ", ")))
		}
	}
	if q.status != "" && !slices.Contains(govaudit.Statuses, govaudit.Status(q.status)) {
		bad = append(bad, fmt.Sprintf("status %q", q.status))
	}
	if s := v.Get("page"); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 1 {
			bad = append(bad, fmt.Sprintf("page %q (use a number from 1)", s))
		} else {
			q.page = n
		}
	}
	if s := v.Get("per_page"); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 1 || n > maxPerPage {
			bad = append(bad, fmt.Sprintf("per_page %q (use a number from 1 to %d)", s, maxPerPage))
		} else {
			q.perPage = n
		}
	}
	if len(bad) > 0 {
		return q, fmt.Errorf("unknown %s", strings.Join(bad, "; "))
	}
	return q, nil
}

// href is the page's address with the query.
func (q requirementQuery) href(id string) string {
	v := url.Values{}
	if q.status != "" {
		v.Set("status", q.status)
	}
	if q.page > 1 {
		v.Set("page", strconv.Itoa(q.page))
	}
	if q.perPage != 0 && q.perPage != defaultPerPage {
		v.Set("per_page", strconv.Itoa(q.perPage))
	}
	u := "/requirements/" + url.PathEscape(id)
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

func resultOf(sc report.Scorecard, id string) (govaudit.Result, bool) {
	for _, r := range sc.Requirements {
		if r.ID == id {
			return r, true
		}
	}
	return govaudit.Result{}, false
}

// applicability words which sites a requirement binds.
func applicability(a govaudit.Applicability) []string {
	var out []string
	if len(a.Portals) > 0 {
		var ls []string
		for _, l := range a.Portals {
			ls = append(ls, report.LevelLabel(l))
		}
		out = append(out, strings.Join(ls, "、")+"政府门户网站")
	}
	if a.AllDepartments {
		out = append(out, "所有部门网站")
	}
	for _, code := range a.Departments {
		out = append(out, departmentOption(code)+"及其继任部门")
	}
	if a.MarketSupervision {
		out = append(out, "有市场监管职责的部门")
	}
	return out
}

// requirementsPage is the content of /requirements: the catalog with how
// the configured sites stand on each row.
type requirementsPage struct {
	Statuses []mark
	Rows     []requirementsRow
}

type requirementsRow struct {
	ID, Title, Web, MaxAge string
	Checked                bool
	Counts                 []int
	Judged                 int
}

func (h *handler) requirements(w http.ResponseWriter, r *http.Request) {
	idx := h.index(h.snapshot())
	if idx.err != nil {
		h.log.Error("build requirements page", "err", idx.err)
		h.fail(w, http.StatusInternalServerError, "无法生成页面", idx.err.Error())
		return
	}
	counts := map[string]map[govaudit.Status]int{}
	for _, sc := range idx.doc.Sites {
		for _, res := range sc.Requirements {
			if counts[res.ID] == nil {
				counts[res.ID] = map[govaudit.Status]int{}
			}
			counts[res.ID][res.Status]++
		}
	}
	var p requirementsPage
	for _, s := range countedStatuses {
		p.Statuses = append(p.Statuses, statusMark(s))
	}
	for _, req := range h.catalog.All() {
		row := requirementsRow{ID: req.ID, Title: req.Title, Web: labelOr(webLabels, req.Web), Checked: req.Checked()}
		if req.MaxAgeDays > 0 {
			row.MaxAge = strconv.Itoa(req.MaxAgeDays)
		}
		for _, s := range countedStatuses {
			row.Counts = append(row.Counts, counts[req.ID][s])
		}
		for _, n := range counts[req.ID] {
			row.Judged += n
		}
		p.Rows = append(p.Rows, row)
	}
	h.render(w, http.StatusOK, "requirements", "要求目录", "requirements", p)
}
