package seeds

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"

	"github.com/govaudit/govaudit"
)

// docPath is the Liaoning site list in the shared tree beside the checkout.
var docPath = filepath.Join("..", "..", "shared", "spec", "liaoning-sites.md")

// extraDepartments are the codes this seed introduces for departments that
// docs/requirements.md does not name; listing them makes a typo fail.
var extraDepartments = map[string]string{
	"gxt":  "工业和信息化厅",
	"kjt":  "科学技术厅",
	"swt":  "商务厅",
	"jtt":  "交通运输厅",
	"slt":  "水利厅",
	"zrzy": "自然资源厅",
	"tjj":  "统计局",
	"ggzy": "公共资源交易",
}

// crossDomainHints are the hints whose column is on another registrable
// domain than the site, each as liaoning-sites.md gives it.
var crossDomainHints = map[string]string{
	// 大连: one central platform holds every district's budget column.
	"dl-zs": "dl.gov.cn", "dl-xg": "dl.gov.cn", "dl-shk": "dl.gov.cn", "dl-gjz": "dl.gov.cn", "dl-lsk": "dl.gov.cn",
	"dl-jz": "dl.gov.cn", "dl-pld": "dl.gov.cn", "dl-ch": "dl.gov.cn", "dl-wfd": "dl.gov.cn", "dl-zh": "dl.gov.cn",
	// 抚顺: the city finance bureau hosts the districts' budgets.
	"fs-xf": "fushun.gov.cn", "fs-dz": "fushun.gov.cn", "fs-wh": "fushun.gov.cn", "fs-sc": "fushun.gov.cn", "fs-fs": "fushun.gov.cn",
	// 朝阳: a shared Epoint platform on zwfw.chaoyang.gov.cn:8213.
	"cy-st": "chaoyang.gov.cn", "cy-lc": "chaoyang.gov.cn", "cy-cy": "chaoyang.gov.cn",
	"cy-jp": "chaoyang.gov.cn", "cy-bp": "chaoyang.gov.cn", "cy-ly": "chaoyang.gov.cn",
	// 葫芦岛: the city portal's shared 预决算 topic page.
	"hld-ls": "hld.gov.cn", "hld-lg": "hld.gov.cn", "hld-jc": "hld.gov.cn",
	// Flagged as doubtful in the YAML: the document gives another domain.
	"jz-th": "jzthq.gov.cn",
	"jz-bz": "beizhen.gov.cn",
}

var idPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

func loadLiaoning(t *testing.T) Seed {
	t.Helper()
	s, err := Load("liaoning")
	if err != nil {
		t.Fatalf("Load(liaoning): %v", err)
	}
	return s
}

func TestLiaoningHeader(t *testing.T) {
	s := loadLiaoning(t)
	if s.Name != "liaoning" {
		t.Errorf("got name %q, want liaoning", s.Name)
	}
	if s.Title == "" {
		t.Error("got an empty title, want one")
	}
}

func TestLiaoningIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range loadLiaoning(t).Sites {
		if !idPattern.MatchString(s.ID) {
			t.Errorf("id %q does not match %s", s.ID, idPattern)
		}
		if seen[s.ID] {
			t.Errorf("id %q is used twice", s.ID)
		}
		seen[s.ID] = true
	}
}

// TestLiaoningNamesUnique: scorecards list sites by name, so two sites with
// one name (there are two 铁西区) would be indistinguishable.
func TestLiaoningNamesUnique(t *testing.T) {
	seen := map[string]string{}
	for _, s := range loadLiaoning(t).Sites {
		if other, dup := seen[s.Name]; dup {
			t.Errorf("name %q is used by %s and %s", s.Name, other, s.ID)
		}
		seen[s.Name] = s.ID
	}
}

// TestLiaoningIDScheme pins the id scheme the YAML header documents.
func TestLiaoningIDScheme(t *testing.T) {
	cityIDs := map[string]string{}
	for _, s := range loadLiaoning(t).Sites {
		if s.Level == govaudit.LevelCity {
			cityIDs[s.City] = s.ID
		}
	}
	for _, s := range loadLiaoning(t).Sites {
		var want string
		switch {
		case s.Level == govaudit.LevelProvince && s.IsPortal():
			want = "ln"
		case s.Level == govaudit.LevelProvince:
			want = "ln-" + s.Department
		case s.Level == govaudit.LevelCity:
			want = cityIDs[s.City]
		default:
			prefix := cityIDs[s.City] + "-"
			if !strings.HasPrefix(s.ID, prefix) || len(s.ID) == len(prefix) {
				t.Errorf("%s (%s): got id %q, want %s<county>", s.ID, s.Name, s.ID, prefix)
			}
			continue
		}
		if s.ID != want {
			t.Errorf("%s (%s): got id %q, want %q", s.ID, s.Name, s.ID, want)
		}
	}
}

func TestLiaoningURLs(t *testing.T) {
	for _, s := range loadLiaoning(t).Sites {
		u, err := url.Parse(s.URL)
		if err != nil {
			t.Errorf("%s: url %q: %v", s.ID, s.URL, err)
			continue
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
			t.Errorf("%s: url %q is not an absolute http(s) address with a host", s.ID, s.URL)
		}
		if u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
			t.Errorf("%s: url %q: got path %q, want a home page ending in /", s.ID, s.URL, u.Path)
		}
	}
}

// TestLiaoningLevels checks each level's shape: portals carry no
// department, departments are province-level, and every city or county
// names its city.
func TestLiaoningLevels(t *testing.T) {
	cities := map[string]bool{}
	sites := loadLiaoning(t).Sites
	for _, s := range sites {
		if s.Level == govaudit.LevelCity {
			cities[s.City] = true
		}
	}
	for _, s := range sites {
		switch s.Level {
		case govaudit.LevelProvince:
			if s.City != "" {
				t.Errorf("%s: province site has city %q, want none", s.ID, s.City)
			}
		case govaudit.LevelCity:
			if s.City != s.Name {
				t.Errorf("%s: got city %q, want its own name %q", s.ID, s.City, s.Name)
			}
		case govaudit.LevelCounty:
			if !cities[s.City] {
				t.Errorf("%s: got city %q, want one of the seed's cities", s.ID, s.City)
			}
			if !strings.HasPrefix(s.Name, s.City) {
				t.Errorf("%s: got name %q, want it prefixed with its city %q", s.ID, s.Name, s.City)
			}
		default:
			t.Errorf("%s: got level %q, want province, city or county", s.ID, s.Level)
		}
		if s.Level != govaudit.LevelProvince && !s.IsPortal() {
			t.Errorf("%s: %s site has department %q, want a portal", s.ID, s.Level, s.Department)
		}
	}
}

func TestLiaoningDepartments(t *testing.T) {
	used := map[string]bool{}
	for _, s := range loadLiaoning(t).Sites {
		if s.IsPortal() {
			continue
		}
		used[s.Department] = true
		_, extra := extraDepartments[s.Department]
		if !govaudit.KnownDepartment(s.Department) && !extra {
			t.Errorf("%s: department %q is neither a code of docs/requirements.md nor in extraDepartments", s.ID, s.Department)
		}
	}
	for code := range extraDepartments {
		if govaudit.KnownDepartment(code) {
			t.Errorf("extraDepartments lists %q, which checks already knows; drop it", code)
		}
		if !used[code] {
			t.Errorf("extraDepartments lists %q, which no site uses", code)
		}
	}
}

func TestLiaoningHints(t *testing.T) {
	catalog := govaudit.DefaultCatalog()
	for _, s := range loadLiaoning(t).Sites {
		siteDomain := registrableDomain(t, s.URL)
		for id, hint := range s.Hints {
			r, ok := catalog.Lookup(id)
			if !ok {
				t.Errorf("%s: hint key %q is not a requirement id", s.ID, id)
				continue
			}
			// A hint the audit never reads would be a silent no-op (and a
			// config warning for everyone who includes the seed).
			if !r.Checked() || !r.Applies(s) {
				t.Errorf("%s: hint %s is for a requirement that is not audited on this site", s.ID, id)
			}
			u, err := url.Parse(hint)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
				t.Errorf("%s: hint %s = %q is not an absolute http(s) address", s.ID, id, hint)
				continue
			}
			got := registrableDomain(t, hint)
			want := siteDomain
			if allowed, ok := crossDomainHints[s.ID]; ok {
				want = allowed
			}
			if got != want {
				t.Errorf("%s: hint %s = %q is on %s, want %s", s.ID, id, hint, got, want)
			}
		}
	}
	// An allowance nobody needs any more hides the next real mistake.
	sites := map[string]govaudit.Site{}
	for _, s := range loadLiaoning(t).Sites {
		sites[s.ID] = s
	}
	for id, domain := range crossDomainHints {
		s, ok := sites[id]
		if !ok {
			t.Errorf("crossDomainHints names %s, which is not a site", id)
			continue
		}
		if registrableDomain(t, s.URL) == domain {
			t.Errorf("crossDomainHints allows %s for %s, which is the site's own domain", domain, id)
		}
	}
}

func registrableDomain(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(u.Hostname())
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	return d
}

// TestLiaoningCounts pins what liaoning-sites.md lists: the portal, 17
// province departments, the 14 cities and their 100 districts and counties.
func TestLiaoningCounts(t *testing.T) {
	var portals, departments, cities, counties int
	perCity := map[string]int{}
	for _, s := range loadLiaoning(t).Sites {
		switch {
		case s.Level == govaudit.LevelProvince && s.IsPortal():
			portals++
		case s.Level == govaudit.LevelProvince:
			departments++
		case s.Level == govaudit.LevelCity:
			cities++
		case s.Level == govaudit.LevelCounty:
			counties++
			perCity[s.City]++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"province portals", portals, 1},
		{"province departments", departments, 17},
		{"cities", cities, 14},
		{"districts and counties", counties, 100},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, c.got, c.want)
		}
	}
	want := map[string]int{
		"沈阳市": 13, "大连市": 10, "鞍山市": 7, "抚顺市": 7, "本溪市": 6, "丹东市": 6, "锦州市": 7,
		"营口市": 6, "阜新市": 7, "辽阳市": 7, "盘锦市": 4, "铁岭市": 7, "朝阳市": 7, "葫芦岛市": 6,
	}
	for city, n := range want {
		if perCity[city] != n {
			t.Errorf("%s: got %d districts and counties, want %d", city, perCity[city], n)
		}
	}
	if len(perCity) != len(want) {
		t.Errorf("got counties in %d cities, want %d", len(perCity), len(want))
	}
}

// docRow is a row of a table in liaoning-sites.md.
type docRow struct{ cells []string }

// readDoc returns liaoning-sites.md, or skips when the shared tree is not
// beside the checkout.
func readDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(docPath)
	if os.IsNotExist(err) {
		t.Skipf("%s not found; the cross-check against the document needs the shared tree", docPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tableRows returns the rows of the tables in doc between the headings
// from and to, without header and separator rows.
func tableRows(t *testing.T, doc, from, to string) []docRow {
	t.Helper()
	start := strings.Index(doc, from)
	end := strings.Index(doc, to)
	if start < 0 || end < start {
		t.Fatalf("headings %q … %q not found in %s", from, to, docPath)
	}
	var rows []docRow
	for _, line := range strings.Split(doc[start:end], "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "|---") {
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows = append(rows, docRow{cells})
	}
	return rows[1:] // the header row
}

// withSlash adds "/" to a bare host, as the seed does.
func withSlash(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Path == "" {
		return raw + "/"
	}
	return raw
}

// TestLiaoningMatchesDocument checks the seed against liaoning-sites.md both
// ways: every address in the seed is one the document gives (nothing
// invented), and every site the document lists is in the seed.
func TestLiaoningMatchesDocument(t *testing.T) {
	doc := readDoc(t)
	seed := loadLiaoning(t)
	byURL := map[string]govaudit.Site{}
	for _, s := range seed.Sites {
		byURL[s.URL] = s
	}

	t.Run("section 1", func(t *testing.T) {
		rows := tableRows(t, doc, "## 1.", "## 2.")
		if got, want := len(rows), 18; got != want {
			t.Fatalf("got %d rows in §1, want %d", got, want)
		}
		for _, r := range rows {
			s, ok := byURL[withSlash(r.cells[1])]
			if !ok {
				t.Errorf("§1 %s %s: no site in the seed", r.cells[0], r.cells[1])
				continue
			}
			name := strings.TrimSuffix(r.cells[0], " (portal)")
			if s.Name != name && s.Name != "辽宁省"+name {
				t.Errorf("§1 %s: got name %q, want %q or 辽宁省%s", s.ID, s.Name, name, name)
			}
			if s.Level != govaudit.LevelProvince {
				t.Errorf("§1 %s: got level %q, want province", s.ID, s.Level)
			}
		}
	})

	t.Run("section 2", func(t *testing.T) {
		rows := tableRows(t, doc, "## 2.", "## 3.")
		if got, want := len(rows), 1+14+100; got != want {
			t.Fatalf("got %d rows in §2, want %d", got, want)
		}
		for _, r := range rows {
			kind, name, portal, budget := r.cells[0], r.cells[1], r.cells[2], r.cells[3]
			s, ok := byURL[portal]
			if !ok {
				t.Errorf("§2 %s %s: no site with url %s", kind, name, portal)
				continue
			}
			var wantLevel govaudit.Level
			wantName, wantCity := name, name
			switch {
			case kind == "省":
				wantLevel, wantName, wantCity = govaudit.LevelProvince, "辽宁省人民政府", ""
			case kind == "市":
				wantLevel = govaudit.LevelCity
			case strings.HasPrefix(kind, "县区:"):
				wantCity = strings.TrimPrefix(kind, "县区:")
				wantLevel, wantName = govaudit.LevelCounty, wantCity+name
			default:
				t.Fatalf("§2: unexpected row kind %q", kind)
			}
			if s.Level != wantLevel || s.Name != wantName || s.City != wantCity {
				t.Errorf("§2 %s: got level %q name %q city %q, want %q %q %q",
					s.ID, s.Level, s.Name, s.City, wantLevel, wantName, wantCity)
			}
			// The budget page is the czt-1 hint, except where the document
			// gives only a finance bureau's home page, which is no column.
			wantHint := budget
			if u, err := url.Parse(budget); err == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == "" {
				wantHint = ""
			}
			if got := s.Hints["czt-1"]; got != wantHint {
				t.Errorf("§2 %s: got czt-1 hint %q, want %q", s.ID, got, wantHint)
			}
		}
	})

	t.Run("every address is in the document", func(t *testing.T) {
		for _, s := range seed.Sites {
			if !strings.Contains(doc, strings.TrimSuffix(s.URL, "/")) {
				t.Errorf("%s: url %s is not in the document", s.ID, s.URL)
			}
			keys := make([]string, 0, len(s.Hints))
			for k := range s.Hints {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				hint := s.Hints[k]
				if strings.Contains(doc, hint) {
					continue
				}
				// §1 gives department columns as paths on the department's host.
				u, _ := url.Parse(hint)
				site, _ := url.Parse(s.URL)
				if u.Host == site.Host && strings.Contains(doc, u.RequestURI()) {
					continue
				}
				t.Errorf("%s: hint %s = %s is not in the document", s.ID, k, hint)
			}
		}
	})
}
