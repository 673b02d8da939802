package deploy

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/prometheus/promql/parser"
)

// dashboard is the part of the Grafana board the tests read.
type dashboard struct {
	UID        string `json:"uid"`
	Title      string `json:"title"`
	Templating struct {
		List []struct {
			Name       string `json:"name"`
			Type       string `json:"type"`
			Definition string `json:"definition"`
			IncludeAll bool   `json:"includeAll"`
			AllValue   string `json:"allValue"`
		} `json:"list"`
	} `json:"templating"`
	Panels []panel `json:"panels"`
}

type panel struct {
	ID         int    `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource struct {
		UID string `json:"uid"`
	} `json:"datasource"`
	GridPos struct {
		H, W, X, Y int
	} `json:"gridPos"`
	Targets []struct {
		RefID      string `json:"refId"`
		Expr       string `json:"expr"`
		Datasource struct {
			UID string `json:"uid"`
		} `json:"datasource"`
	} `json:"targets"`
	FieldConfig json.RawMessage `json:"fieldConfig"`
}

func readDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile(dashboardFile)
	if err != nil {
		t.Fatalf("read %s: %v", dashboardFile, err)
	}
	var d dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("parse %s: %v", dashboardFile, err)
	}
	return d
}

// boardQuery is one PromQL query of the board, ready for Prometheus.
type boardQuery struct {
	name string // panel title and refId
	expr string // with the template variables substituted
}

// grafanaVars are the values the board's variables take when everything
// is selected, and durations for Grafana's interval macros. Longer names
// come first so that $__rate_interval is not read as $__rate.
var grafanaVars = []struct{ name, value string }{
	{"__rate_interval", "2m"},
	{"__interval_ms", "60000"},
	{"__interval", "1m"},
	{"__range_s", "3600"},
	{"__range", "1h"},
	{"department", ".*"},
	{"city", ".*"},
	{"level", ".*"},
}

// substitute replaces $name and ${name} by the values above and fails on any
// variable left.
func substitute(expr string) (string, error) {
	for _, v := range grafanaVars {
		expr = strings.ReplaceAll(expr, "${"+v.name+"}", v.value)
		expr = strings.ReplaceAll(expr, "$"+v.name, v.value)
	}
	if m := regexp.MustCompile(`\$\{?\w+`).FindString(expr); m != "" {
		return "", fmt.Errorf("unknown variable %s", m)
	}
	return expr, nil
}

func boardQueries(t *testing.T, d dashboard) []boardQuery {
	t.Helper()
	var out []boardQuery
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			expr, err := substitute(tg.Expr)
			if err != nil {
				t.Errorf("%s %s: %v", p.Title, tg.RefID, err)
				continue
			}
			out = append(out, boardQuery{name: p.Title + " " + tg.RefID, expr: expr})
		}
	}
	return out
}

// TestDashboardQueriesParse parses every query of the board with
// Prometheus' own parser, and checks that the recording rules it uses exist.
func TestDashboardQueriesParse(t *testing.T) {
	d := readDashboard(t)
	records := map[string]bool{}
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if r.Record != "" {
				records[r.Record] = true
			}
		}
	}
	// The default options: only stable functions and syntax, as Grafana
	// users' Prometheus servers have them.
	p := parser.NewParser(parser.Options{})
	queries := boardQueries(t, d)
	if len(queries) < 20 {
		t.Fatalf("got %d queries, want the whole board (at least 20)", len(queries))
	}
	for _, q := range queries {
		expr, err := p.ParseExpr(q.expr)
		if err != nil {
			t.Errorf("%s: %v\n%s", q.name, err, q.expr)
			continue
		}
		parser.Inspect(expr, func(n parser.Node, _ []parser.Node) error {
			vs, ok := n.(*parser.VectorSelector)
			if !ok {
				return nil
			}
			if strings.Contains(vs.Name, ":") && !records[vs.Name] {
				t.Errorf("%s: recording rule %s is not in %s", q.name, vs.Name, rulesFile)
			}
			if vs.Name != "up" && !strings.HasPrefix(vs.Name, "govaudit") {
				t.Errorf("%s: selects %s, not a govaudit series", q.name, vs.Name)
			}
			return nil
		})
	}
}

func TestDashboardLayout(t *testing.T) {
	d := readDashboard(t)
	if d.UID == "" || d.Title == "" {
		t.Errorf("uid %q, title %q: both must be set for provisioning", d.UID, d.Title)
	}
	ids := map[int]string{}
	type cell struct{ x, y int }
	taken := map[cell]string{}
	for _, p := range d.Panels {
		if prev, dup := ids[p.ID]; dup {
			t.Errorf("panel id %d used by %q and %q", p.ID, prev, p.Title)
		}
		ids[p.ID] = p.Title
		g := p.GridPos
		if g.W <= 0 || g.H <= 0 || g.X < 0 || g.X+g.W > 24 {
			t.Errorf("%s: gridPos %+v outside the 24-column grid", p.Title, g)
		}
		for x := g.X; x < g.X+g.W; x++ {
			for y := g.Y; y < g.Y+g.H; y++ {
				if other, ok := taken[cell{x, y}]; ok {
					t.Fatalf("%s overlaps %s at (%d,%d)", p.Title, other, x, y)
				}
				taken[cell{x, y}] = p.Title
			}
		}
		if p.Type == "row" {
			continue
		}
		if len(p.Targets) == 0 {
			t.Errorf("%s: no query", p.Title)
		}
		if p.Datasource.UID != "${datasource}" {
			t.Errorf("%s: datasource %q, want ${datasource}", p.Title, p.Datasource.UID)
		}
		for _, tg := range p.Targets {
			if tg.Datasource.UID != "${datasource}" {
				t.Errorf("%s %s: datasource %q, want ${datasource}", p.Title, tg.RefID, tg.Datasource.UID)
			}
		}
	}
}

func TestDashboardVariables(t *testing.T) {
	d := readDashboard(t)
	byName := map[string]int{}
	for i, v := range d.Templating.List {
		byName[v.Name] = i
	}
	for _, name := range []string{"city", "level", "department"} {
		i, ok := byName[name]
		if !ok {
			t.Errorf("variable %s missing", name)
			continue
		}
		v := d.Templating.List[i]
		if want := "label_values(govaudit_site_info, " + name + ")"; v.Definition != want {
			t.Errorf("%s: definition %q, want %q", name, v.Definition, want)
		}
		// Portals have no department and province departments no city: "All"
		// must match the empty value too.
		if !v.IncludeAll || v.AllValue != ".*" {
			t.Errorf("%s: includeAll %v allValue %q, want true and .*", name, v.IncludeAll, v.AllValue)
		}
	}
	for _, name := range []string{"datasource", "govaudit_url"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("variable %s missing", name)
		}
	}
	// Every query of per-site series filters by the three variables.
	p := parser.NewParser(parser.Options{})
	for _, q := range boardQueries(t, d) {
		expr, err := p.ParseExpr(q.expr)
		if err != nil {
			continue // reported by TestDashboardQueriesParse
		}
		var perSite []string
		parser.Inspect(expr, func(n parser.Node, _ []parser.Node) error {
			if vs, ok := n.(*parser.VectorSelector); ok && perSiteMetrics[vs.Name] {
				perSite = append(perSite, vs.Name)
			}
			return nil
		})
		if len(perSite) > 0 && !strings.Contains(q.expr, `govaudit_site_info{`) {
			t.Errorf("%s: selects %v without joining the filtered govaudit_site_info", q.name, perSite)
		}
	}
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			if strings.Contains(tg.Expr, "govaudit_site_info{") && !strings.Contains(tg.Expr, `city=~"$city", level=~"$level", department=~"$department"}`) {
				t.Errorf("%s %s: govaudit_site_info without the city/level/department filter", p.Title, tg.RefID)
			}
		}
	}
}

// perSiteMetrics are the series with a site label (README's metrics table),
// and the recording rules derived from them.
var perSiteMetrics = map[string]bool{
	"govaudit_requirement_status":                          true,
	"govaudit_requirement_newest_item_timestamp_seconds":   true,
	"govaudit_site_reachable":                              true,
	"govaudit_site_last_audit_timestamp_seconds":           true,
	"govaudit_site_pages_fetched":                          true,
	"govaudit_census_verdict":                              true,
	"govaudit_site_availability_ratio":                     true,
	"govaudit_site_homepage_newest_item_timestamp_seconds": true,
	"govaudit_site_score":                                  true,
	"govaudit_site_verdict":                                true,
	"govaudit:requirement_age_days":                        true,
	"govaudit:requirement_context:info":                    true,
	"govaudit:site_homepage_age_days":                      true,
}

// TestDashboardScorecardLinks checks that the tables naming sites link to
// their scorecards and the stalest columns to the columns themselves.
func TestDashboardScorecardLinks(t *testing.T) {
	d := readDashboard(t)
	for _, title := range []string{"Sites by score · 站点得分", "Stalest columns · 最久未更新栏目"} {
		i := slices.IndexFunc(d.Panels, func(p panel) bool { return p.Title == title })
		if i < 0 {
			t.Errorf("panel %q missing", title)
			continue
		}
		fc := string(d.Panels[i].FieldConfig)
		if !strings.Contains(fc, `${govaudit_url}/sites/${__data.fields.site}`) {
			t.Errorf("%s: no link to the scorecard /sites/<site>", title)
		}
		if strings.HasPrefix(title, "Stalest") && !strings.Contains(fc, `${__value.raw}`) {
			t.Errorf("%s: column_url is not a link", title)
		}
	}
}
