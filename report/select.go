package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/govaudit/govaudit"
)

// Selection narrows an export to some sites: the same filters in the CLI
// (--site, --city, --level, --department, --status, --verdict), the HTTP
// API (?site=&city=&level=&department=&status=&verdict=) and the web UI's
// overview, so that a download holds what the page shows. Empty fields
// select everything.
type Selection struct {
	City, Level, Department string
	// Status keeps the sites with at least one requirement in it.
	Status string
	// Verdict is a VerdictKey: pass, warning, fail, not_judged, or none for
	// a site without an audit.
	Verdict string
}

// PortalDepartment selects government portals in Selection.Department:
// portals have no department code, and no department code is "portal".
const PortalDepartment = "portal"

// NotAudited is the verdict key of a site without an audit.
const NotAudited = "none"

// VerdictKeys are the values Selection.Verdict takes, in the order help
// texts list them.
var VerdictKeys = []string{"pass", "warning", "fail", "not_judged", NotAudited}

// VerdictKey is the stable ASCII name of a scorecard's verdict, as URLs and
// flags write it: pass, warning, fail, not_judged, or none without an audit.
func VerdictKey(sc Scorecard) string {
	if !sc.Audited() {
		return NotAudited
	}
	switch sc.Verdict {
	case govaudit.SitePass:
		return "pass"
	case govaudit.SiteWarning:
		return "warning"
	case govaudit.SiteFail:
		return "fail"
	}
	return string(sc.Verdict)
}

// Check reports every value that cannot select anything because it is not
// one of a fixed set; a city or department nobody has simply matches no
// site.
func (s Selection) Check() error {
	var bad []string
	if s.Level != "" && !slices.Contains([]govaudit.Level{govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty}, govaudit.Level(s.Level)) {
		bad = append(bad, fmt.Sprintf("level %q (use province, city or county)", s.Level))
	}
	if s.Status != "" && !govaudit.Status(s.Status).Valid() {
		names := make([]string, len(govaudit.Statuses))
		for i, st := range govaudit.Statuses {
			names[i] = string(st)
		}
		bad = append(bad, fmt.Sprintf("status %q (use one of %s)", s.Status, strings.Join(names, ", ")))
	}
	if s.Verdict != "" && !slices.Contains(VerdictKeys, s.Verdict) {
		bad = append(bad, fmt.Sprintf("verdict %q (use one of %s)", s.Verdict, strings.Join(VerdictKeys, ", ")))
	}
	if len(bad) > 0 {
		return fmt.Errorf("unknown %s", strings.Join(bad, "; "))
	}
	return nil
}

// Active reports whether the selection leaves any site out.
func (s Selection) Active() bool { return s != Selection{} }

// Keeps reports whether the selection keeps a scorecard.
func (s Selection) Keeps(sc Scorecard) bool {
	switch {
	case s.City != "" && sc.City != s.City:
		return false
	case s.Level != "" && string(sc.Level) != s.Level:
		return false
	case s.Department == PortalDepartment && sc.Department != "":
		return false
	case s.Department != "" && s.Department != PortalDepartment && sc.Department != s.Department:
		return false
	case s.Verdict != "" && VerdictKey(sc) != s.Verdict:
		return false
	case s.Status != "":
		return slices.ContainsFunc(sc.Requirements, func(r govaudit.Result) bool { return string(r.Status) == s.Status })
	}
	return true
}

// Select returns doc with only the scorecards s keeps, in the same order.
func Select(doc Document, s Selection) Document {
	if !s.Active() {
		return doc
	}
	kept := make([]Scorecard, 0, len(doc.Sites))
	for _, sc := range doc.Sites {
		if s.Keeps(sc) {
			kept = append(kept, sc)
		}
	}
	doc.Sites = kept
	return doc
}
