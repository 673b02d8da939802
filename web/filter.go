package web

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// filter is the overview's query string: which sites to show (the
// export's selection, ?city=&level=&department=&status=&verdict=), how to
// order them (?sort=&dir=) and which page of them (?page=&per_page=).
// Empty fields select everything, the rank order and the first page.
type filter struct {
	report.Selection
	Sort, Dir     string
	Page, PerPage int
}

// defaultPerPage is how many rows a page of the overview shows, and
// maxPerPage the most it shows at once: the page stays fast with
// thousands of sites.
const (
	defaultPerPage = 100
	maxPerPage     = 1000
)

// overviewParams are the query parameters the overview takes; any other
// is an error, so that a mistyped link says so instead of showing
// everything.
var overviewParams = []string{"city", "level", "department", "status", "verdict", "sort", "dir", "page", "per_page"}

// parseFilter reads the query. Values that can only be one of a fixed set
// are checked, so a mistyped link says so instead of showing nothing; a
// city or department nobody has simply matches no site.
func parseFilter(q url.Values) (filter, error) {
	f := filter{Selection: report.Selection{City: q.Get("city"), Level: q.Get("level"), Department: q.Get("department"),
		Status: q.Get("status"), Verdict: q.Get("verdict")}, Sort: q.Get("sort"), Dir: q.Get("dir"), Page: 1, PerPage: defaultPerPage}
	var bad []string
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if k != "" && !slices.Contains(overviewParams, k) {
			bad = append(bad, fmt.Sprintf("parameter %q (use %s)", k, strings.Join(overviewParams, ", ")))
		}
	}
	if err := f.Selection.Check(); err != nil {
		bad = append(bad, strings.TrimPrefix(err.Error(), "unknown "))
	}
	if f.Sort != "" && !slices.ContainsFunc(overviewColumns(), func(c overviewColumn) bool { return c.Key == f.Sort }) {
		bad = append(bad, fmt.Sprintf("sort %q", f.Sort))
	}
	if f.Dir != "" && f.Dir != "asc" && f.Dir != "desc" {
		bad = append(bad, fmt.Sprintf("dir %q (use asc or desc)", f.Dir))
	}
	if v := q.Get("page"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			bad = append(bad, fmt.Sprintf("page %q (use a number from 1)", v))
		} else {
			f.Page = n
		}
	}
	if v := q.Get("per_page"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > maxPerPage {
			bad = append(bad, fmt.Sprintf("per_page %q (use a number from 1 to %d)", v, maxPerPage))
		} else {
			f.PerPage = n
		}
	}
	if len(bad) > 0 {
		return filter{}, fmt.Errorf("unknown %s", strings.Join(bad, "; "))
	}
	return f, nil
}

// active reports whether the filter leaves any site out.
func (f filter) active() bool { return f.Selection.Active() }

func (f filter) keeps(row *overviewRow) bool { return f.Selection.Keeps(*row.card) }

func (f filter) sortKey() string {
	if f.Sort == "" {
		return "rank"
	}
	return f.Sort
}

// direction is the sort direction asked for, or the column's natural one.
func (f filter) direction(cols []overviewColumn) string {
	if f.Dir != "" {
		return f.Dir
	}
	for _, c := range cols {
		if c.Key == f.sortKey() {
			return c.Dir
		}
	}
	return "asc"
}

// with returns the filter sorted by key in dir, from its first page.
func (f filter) with(key, dir string) filter {
	f.Sort, f.Dir, f.Page = key, dir, 1
	return f
}

// values is the filter as a query, leaving out empty fields and defaults.
func (f filter) values() url.Values {
	q := selectionValues(f.Selection)
	for _, kv := range [][2]string{{"sort", f.Sort}, {"dir", f.Dir}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if f.Page > 1 {
		q.Set("page", strconv.Itoa(f.Page))
	}
	if f.PerPage != defaultPerPage && f.PerPage > 0 {
		q.Set("per_page", strconv.Itoa(f.PerPage))
	}
	return q
}

// query is the filter as a relative link.
func (f filter) query() string {
	q := f.values()
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

// selectionValues is a selection as the query parameters the overview and
// /api/v1/export share.
func selectionValues(s report.Selection) url.Values {
	q := url.Values{}
	for _, kv := range [][2]string{{"city", s.City}, {"level", s.Level}, {"department", s.Department},
		{"status", s.Status}, {"verdict", s.Verdict}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	return q
}

// option is one choice of a filter's select.
type option struct {
	Value, Label string
	Selected     bool
}

// filterChoices are the selects of the filter form: the cities, levels and
// departments of the configured sites, and every status and verdict.
type filterChoices struct {
	Cities, Levels, Departments, Statuses, Verdicts []option
}

func choicesFor(doc report.Document, f filter) filterChoices {
	var c filterChoices
	cities, depts := map[string]bool{}, map[string]bool{}
	levelSeen := map[govaudit.Level]bool{}
	portals := false
	for _, sc := range doc.Sites {
		if sc.City != "" {
			cities[sc.City] = true
		}
		if sc.Department == "" {
			portals = true
		} else {
			depts[sc.Department] = true
		}
		levelSeen[sc.Level] = true
	}
	// A value chosen by a link from an earlier configuration stays shown
	// as chosen, so the form says why the table is empty.
	if f.City != "" {
		cities[f.City] = true
	}
	if f.Department != "" && f.Department != report.PortalDepartment {
		depts[f.Department] = true
	}
	cityList := sortedKeys(cities)
	slices.SortFunc(cityList, govaudit.CompareCities) // administrative order, not Unicode
	for _, city := range cityList {
		c.Cities = append(c.Cities, option{city, city, city == f.City})
	}
	for _, l := range levels {
		if levelSeen[l] {
			c.Levels = append(c.Levels, option{string(l), report.LevelLabel(l), string(l) == f.Level})
		}
	}
	if portals {
		c.Departments = append(c.Departments, option{report.PortalDepartment, departmentOption(""), f.Department == report.PortalDepartment})
	}
	for _, d := range sortedKeys(depts) {
		c.Departments = append(c.Departments, option{d, departmentOption(d), d == f.Department})
	}
	for _, s := range govaudit.Statuses {
		c.Statuses = append(c.Statuses, option{string(s), "含「" + report.StatusLabel(s) + "」", string(s) == f.Status})
	}
	for _, v := range govaudit.SiteVerdicts {
		m := verdictMark(v)
		c.Verdicts = append(c.Verdicts, option{m.Value, m.Label, m.Value == f.Verdict})
	}
	c.Verdicts = append(c.Verdicts, option{report.NotAudited, noVerdict.Label, f.Verdict == report.NotAudited})
	return c
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
