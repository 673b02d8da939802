package web

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// filter is the overview's query string: which sites to show
// (?city=&level=&department=&status=&verdict=) and how to order them
// (?sort=&dir=). Empty fields select everything and the rank order.
type filter struct {
	City, Level, Department string
	// Status keeps the sites with at least one requirement in it.
	Status string
	// Verdict is pass, warning, fail or none (not audited).
	Verdict   string
	Sort, Dir string
}

// parseFilter reads the query. Values that can only be one of a fixed set
// are checked, so a mistyped link says so instead of showing nothing; a
// city or department nobody has simply matches no site.
func parseFilter(q url.Values) (filter, error) {
	f := filter{City: q.Get("city"), Level: q.Get("level"), Department: q.Get("department"),
		Status: q.Get("status"), Verdict: q.Get("verdict"), Sort: q.Get("sort"), Dir: q.Get("dir")}
	var bad []string
	if f.Level != "" && !slices.Contains(levels, govaudit.Level(f.Level)) {
		bad = append(bad, fmt.Sprintf("level %q (use province, city or county)", f.Level))
	}
	if f.Status != "" && !govaudit.Status(f.Status).Valid() {
		bad = append(bad, fmt.Sprintf("status %q (use one of %s)", f.Status, statusNames()))
	}
	if f.Verdict != "" && f.Verdict != notAudited && !slices.Contains(mapValues(verdictKeys), f.Verdict) {
		bad = append(bad, fmt.Sprintf("verdict %q (use pass, warning, fail or none)", f.Verdict))
	}
	if f.Sort != "" && !slices.ContainsFunc(overviewColumns(), func(c overviewColumn) bool { return c.Key == f.Sort }) {
		bad = append(bad, fmt.Sprintf("sort %q", f.Sort))
	}
	if f.Dir != "" && f.Dir != "asc" && f.Dir != "desc" {
		bad = append(bad, fmt.Sprintf("dir %q (use asc or desc)", f.Dir))
	}
	if len(bad) > 0 {
		return filter{}, fmt.Errorf("unknown %s", strings.Join(bad, "; "))
	}
	return f, nil
}

func statusNames() string {
	names := make([]string, len(govaudit.Statuses))
	for i, s := range govaudit.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// active reports whether the filter leaves any site out.
func (f filter) active() bool {
	return f.City != "" || f.Level != "" || f.Department != "" || f.Status != "" || f.Verdict != ""
}

func (f filter) keeps(row overviewRow) bool {
	switch {
	case f.City != "" && row.City != f.City:
		return false
	case f.Level != "" && row.levelCode != f.Level:
		return false
	case f.Department == portalKey && row.department != "":
		return false
	case f.Department != "" && f.Department != portalKey && row.department != f.Department:
		return false
	case f.Verdict != "" && row.Verdict.Value != f.Verdict:
		return false
	case f.Status != "":
		return slices.ContainsFunc(row.card.Requirements, func(r govaudit.Result) bool { return string(r.Status) == f.Status })
	}
	return true
}

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

// with returns the filter sorted by key in dir.
func (f filter) with(key, dir string) filter {
	f.Sort, f.Dir = key, dir
	return f
}

// query is the filter as a relative link, leaving out empty fields.
func (f filter) query() string {
	q := url.Values{}
	for _, kv := range [][2]string{{"city", f.City}, {"level", f.Level}, {"department", f.Department},
		{"status", f.Status}, {"verdict", f.Verdict}, {"sort", f.Sort}, {"dir", f.Dir}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
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
	if f.Department != "" && f.Department != portalKey {
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
		c.Departments = append(c.Departments, option{portalKey, departmentOption(""), f.Department == portalKey})
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
	c.Verdicts = append(c.Verdicts, option{notAudited, noVerdict.Label, f.Verdict == notAudited})
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
