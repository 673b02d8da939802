package web

import (
	"net/http"
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
}

type statusCount struct {
	Mark mark
	N    int
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
	// One site's audit at a time: the page shows one result of each.
	snap := h.snapshot()
	stream, err := report.SnapshotStream(snap, nil, h.now(), h.loc)
	if err != nil {
		h.log.Error("build requirement page", "req", id, "err", err)
		h.fail(w, http.StatusInternalServerError, "无法生成页面", err.Error())
		return
	}
	p := requirementPage{ID: req.ID, Title: req.Title, Kind: labelOr(kindLabels, req.Kind), Web: labelOr(webLabels, req.Web),
		Cadence: req.Cadence, Checked: req.Checked(), AppliesTo: applicability(req.AppliesTo), Keywords: req.Keywords}
	if req.MaxAgeDays > 0 {
		p.MaxAge = strconv.Itoa(req.MaxAgeDays)
	}
	counts := map[govaudit.Status]int{}
	err = stream.Each(func(sc *report.Scorecard) error {
		site, _ := snap.Site(sc.ID)
		res, judged := resultOf(*sc, id)
		// The audit is the authority on what applied to a site when it
		// was made; for a site without one, the catalog says.
		if !judged && (sc.Audited() || !req.Applies(site)) {
			p.NotApplicable++
			return nil
		}
		row := requirementRow{SiteID: sc.ID, Name: sc.Name, City: sc.City, Level: report.LevelLabel(sc.Level),
			Department: departmentLabel(sc.Department, sc.Level), Audited: judged, Status: noVerdict}
		if judged {
			counts[res.Status]++
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
		}
		p.Rows = append(p.Rows, row)
		return nil
	})
	if err != nil {
		h.log.Error("build requirement page", "req", id, "err", err)
		h.fail(w, http.StatusInternalServerError, "无法生成页面", err.Error())
		return
	}
	for _, s := range govaudit.Statuses {
		if counts[s] > 0 {
			p.Counts = append(p.Counts, statusCount{statusMark(s), counts[s]})
		}
	}
	h.render(w, http.StatusOK, "requirement", req.ID+" "+req.Title, "requirements", p)
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
