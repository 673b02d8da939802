package demo

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govaudit/govaudit"
)

// TestCensusCoversRules checks that every site has a census expectation
// for exactly the rules its audit judges: all of them when the home page
// can be read, availability alone when it cannot.
func TestCensusCoversRules(t *testing.T) {
	for name, p := range map[string]*Province{"New": New(testNow), "Synthetic": Synthetic(20, testNow)} {
		t.Run(name, func(t *testing.T) {
			for _, s := range p.sites {
				want := govaudit.CensusRules
				if s.mode != modeNormal {
					want = []string{govaudit.RuleAvailability}
				}
				var got []string
				for rule := range p.Census[s.ID] {
					got = append(got, rule)
				}
				slices.Sort(got)
				want = slices.Sorted(slices.Values(want))
				if !slices.Equal(got, want) {
					t.Errorf("%s: got census rules %v, want %v", s.ID, got, want)
				}
			}
		})
	}
}

// TestCensusVerdicts pins what each site of the province was built to
// show, and checks that between them every census rule reaches each of
// its verdicts.
func TestCensusVerdicts(t *testing.T) {
	p := New(testNow)
	for _, tc := range []struct {
		site, rule string
		verdict    govaudit.Verdict
		value      float64
	}{
		// Down for the whole burst, but the burst is not the census's
		// week: availability warns, and the site is not judged.
		{"jinzhou", govaudit.RuleAvailability, govaudit.VerdictWarning, 100},
		{"panjin", govaudit.RuleAvailability, govaudit.VerdictWarning, 100},
		{"yingkou", govaudit.RuleAvailability, govaudit.VerdictOK, 0},
		{"ln-rst", govaudit.RuleAvailability, govaudit.VerdictWarning, 3.23},
		{"xinmin", govaudit.RuleHomepageNotUpdated, govaudit.VerdictVeto, 20},
		{"kangping", govaudit.RuleHomepageNotUpdated, govaudit.VerdictWarning, 10},
		{"xinmin", govaudit.RuleColumnsNotUpdated, govaudit.VerdictVeto, 5},
		{"kangping", govaudit.RuleColumnsNotUpdated, govaudit.VerdictWarning, 3},
		{"wafangdian", govaudit.RuleLongUnupdatedColumns, govaudit.VerdictVeto, 10},
		{"zhuanghe", govaudit.RuleLongUnupdatedColumns, govaudit.VerdictWarning, 7},
		{"zhuanghe", govaudit.RuleEmptyColumns, govaudit.VerdictVeto, 5},
		{"wafangdian", govaudit.RuleEmptyColumns, govaudit.VerdictWarning, 3},
		{"dandong", govaudit.RuleInteraction, govaudit.VerdictVeto, 2},
		{"faku", govaudit.RuleTampering, govaudit.VerdictVeto, 4},
		{"ln-sthj", govaudit.RuleColumnsNotUpdated, govaudit.VerdictOK, 1},
		{"dalian", govaudit.RuleLongUnupdatedColumns, govaudit.VerdictOK, 4},
	} {
		if got := p.Census[tc.site][tc.rule]; got.Verdict != tc.verdict || got.Value != tc.value {
			t.Errorf("%s %s: got %s %v, want %s %v", tc.site, tc.rule, got.Verdict, got.Value, tc.verdict, tc.value)
		}
	}

	for site, want := range map[string]govaudit.SiteVerdict{
		"jinzhou": govaudit.SiteNotJudged, "panjin": govaudit.SiteNotJudged, "yingkou": govaudit.SiteNotJudged,
		"faku": govaudit.SiteFail, "ln-rst": govaudit.SiteWarning,
	} {
		if got := p.Verdicts[site]; got != want {
			t.Errorf("%s: site verdict %s, want %s", site, got, want)
		}
	}
	for _, s := range p.sites {
		if p.Verdicts[s.ID] == govaudit.SitePass && s.mode != modeNormal {
			t.Errorf("%s: a site that cannot be read is pass", s.ID)
		}
	}

	seen := map[string]bool{}
	for _, rules := range p.Census {
		for rule, e := range rules {
			seen[rule+" "+string(e.Verdict)] = true
		}
	}
	for _, rule := range govaudit.CensusRules {
		verdicts := []govaudit.Verdict{govaudit.VerdictOK, govaudit.VerdictWarning, govaudit.VerdictVeto}
		switch rule {
		case govaudit.RuleTampering, govaudit.RuleInteraction:
			verdicts = []govaudit.Verdict{govaudit.VerdictOK, govaudit.VerdictVeto} // any finding is a veto
		case govaudit.RuleAvailability:
			verdicts = verdicts[:2] // the demo's probes never cover the census's week
		}
		for _, v := range verdicts {
			if !seen[rule+" "+string(v)] {
				t.Errorf("no site of the province has %s %s", rule, v)
			}
		}
	}
}

// TestCensusColumnsFitTheAudit checks that the census can count every
// column of every site: no site links more menu columns than the audit
// reads, and every menu column's label is a menu's (short) label.
func TestCensusColumnsFitTheAudit(t *testing.T) {
	const maxCensusColumns = 30 // what an audit reads per site
	for _, p := range []*Province{New(testNow), Synthetic(40, testNow)} {
		for _, s := range p.sites {
			cols := s.censusColumns()
			if len(cols) > maxCensusColumns {
				t.Errorf("%s: %d census columns, want at most %d", s.ID, len(cols), maxCensusColumns)
			}
			for _, c := range cols {
				if utf8.RuneCountInString(c.label) > maxMenuLabel {
					t.Errorf("%s: census column label %q is longer than a menu's", s.ID, c.label)
				}
			}
		}
	}
}

// TestRequirementLinks checks the model against the catalog's words:
// every column or link that answers a requirement is linked from the home
// page or the disclosure portal under a label that names it, and no other
// menu link's label names a requirement that applies to the site, which
// would make it that requirement's column by accident. A requirement met
// by a link may have several (政务服务 in the menu and on a banner); the
// site's own column comes first.
func TestRequirementLinks(t *testing.T) {
	names := func(label string, r govaudit.Requirement) bool {
		for _, kw := range r.Keywords {
			if label == kw || utf8.RuneCountInString(kw) >= 3 && strings.Contains(label, kw) {
				return true
			}
		}
		return false
	}
	for _, p := range []*Province{New(testNow), Synthetic(40, testNow)} {
		for _, s := range p.sites {
			if s.mode != modeNormal {
				continue
			}
			links := append(s.navMenus(), s.menus...)
			for _, r := range govaudit.DefaultCatalog().Audited(s.Site) {
				if !r.Checked() {
					continue
				}
				want := s.column(r.ID)
				for _, l := range links {
					if !names(l.label, r) {
						continue
					}
					answers := l.req == r.ID || want != nil && l.col == want
					if !answers && r.Kind != govaudit.KindLink {
						t.Errorf("%s: menu link %q (%s) names %s but is not its column", s.ID, l.label, l.href, r.ID)
					}
				}
				if want == nil {
					continue
				}
				linked := slices.ContainsFunc(links, func(l menuLink) bool { return l.col == want && names(l.label, r) })
				if !linked {
					t.Errorf("%s: %s's column %q is not linked under a label that names it", s.ID, r.ID, want.label)
				}
			}
		}
	}
}

// TestFlakyHome checks that the flaky site's server drops exactly one
// request for its home page, the flakyRequest-th, and that requests for
// other pages neither fail nor count.
func TestFlakyHome(t *testing.T) {
	p := New(testNow)
	s := p.siteByID("ln-rst")
	if s.flakyAt != flakyRequest {
		t.Fatalf("ln-rst: flaky at request %d, want %d", s.flakyAt, flakyRequest)
	}
	var failed []int
	for i := 1; i <= ProbeRounds+5; i++ {
		if w := get(p, s.base()+"/zwgk/index.shtml"); w.Code != http.StatusOK {
			t.Fatalf("portal page: got %d, want 200", w.Code)
		}
		if w := get(p, s.base()+"/"); w.Code != http.StatusOK {
			failed = append(failed, i)
			if w.Code != http.StatusServiceUnavailable {
				t.Errorf("home request %d: got %d, want 503", i, w.Code)
			}
		}
		if w := get(p, "http://www.ln.test/"); w.Code != http.StatusOK {
			t.Errorf("ln-gov home request %d: got %d, want 200", i, w.Code)
		}
	}
	if fmt.Sprint(failed) != fmt.Sprint([]int{flakyRequest}) {
		t.Errorf("home requests that failed: %v, want [%d]", failed, flakyRequest)
	}
	if e := p.Census["ln-rst"][govaudit.RuleAvailability]; e.Verdict != govaudit.VerdictWarning || e.Value != 3.23 {
		t.Errorf("ln-rst availability: got %+v, want warning 3.23", e)
	}
}
