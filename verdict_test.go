package govaudit

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSiteVerdictOf(t *testing.T) {
	fresh := []Result{{ID: "a", Status: StatusFresh, Compliant: CompliantYes}, {ID: "b", Status: StatusBlocked, Compliant: CompliantUnknown}}
	blocked := []Result{{ID: "a", Status: StatusBlocked, Compliant: CompliantUnknown}, {ID: "b", Status: StatusNotWebCheckable, Compliant: CompliantUnknown}}
	finding := func(rule string, v Verdict) CensusFinding { return CensusFinding{Rule: rule, Verdict: v} }
	down := &FetchError{Kind: ErrTimeout, Message: "no answer in 20s"}
	tests := []struct {
		name  string
		audit SiteAudit
		want  SiteVerdict
	}{
		{"judged, all ok", SiteAudit{Reachable: true, Results: fresh, Census: []CensusFinding{finding(RuleTampering, VerdictOK)}}, SitePass},
		{"judged, a warning", SiteAudit{Reachable: true, Results: fresh, Census: []CensusFinding{finding(RuleEmptyColumns, VerdictWarning)}}, SiteWarning},
		{"judged, a veto", SiteAudit{Reachable: true, Results: fresh,
			Census: []CensusFinding{finding(RuleEmptyColumns, VerdictWarning), finding(RuleTampering, VerdictVeto)}}, SiteFail},
		{"down at the audit, availability only warns", SiteAudit{HomeError: down, Results: []Result{{ID: "a", Status: StatusUnreachable}},
			Census: []CensusFinding{finding(RuleAvailability, VerdictWarning)}}, SiteNotJudged},
		{"down, and a week of probes vetoes", SiteAudit{HomeError: down, Results: []Result{{ID: "a", Status: StatusUnreachable}},
			Census: []CensusFinding{finding(RuleAvailability, VerdictVeto)}}, SiteFail},
		{"home page behind a wall", SiteAudit{HomeError: &FetchError{Kind: ErrBlocked}, Results: blocked}, SiteNotJudged},
		{"every requirement behind a wall", SiteAudit{Reachable: true, Results: blocked,
			Census: []CensusFinding{finding(RuleHomepageNotUpdated, VerdictVeto)}}, SiteNotJudged},
		{"stored before compliance: status decides", SiteAudit{Reachable: true, Results: []Result{{ID: "a", Status: StatusStale}}}, SitePass},
		{"no results at all", SiteAudit{Reachable: true}, SiteNotJudged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SiteVerdictOf(tt.audit); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSiteVerdictJSON(t *testing.T) {
	tests := []struct {
		in   string
		want SiteVerdict
	}{
		{`"pass"`, SitePass}, {`"warning"`, SiteWarning}, {`"fail"`, SiteFail}, {`"not_judged"`, SiteNotJudged},
		{`"合格"`, SitePass}, {`"不合格"`, SiteFail}, {`"预警"`, SiteWarning}, {`"无法判定"`, SiteNotJudged},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got SiteVerdict
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			out, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != `"`+string(tt.want)+`"` {
				t.Errorf("marshals as %s, want the code %q", out, tt.want)
			}
		})
	}
	var v SiteVerdict
	if err := json.Unmarshal([]byte(`3`), &v); err == nil {
		t.Errorf("a number decoded as %q, want an error", v)
	}
	for i, v := range SiteVerdicts {
		if v.Code() != i {
			t.Errorf("%s: code %d, want %d", v, v.Code(), i)
		}
	}
}

func TestJudgeAvailabilityCoverage(t *testing.T) {
	th := DefaultCensusThresholds
	week := []int{20, 24, 20, 30, 20, 20, 21}
	tests := []struct {
		name          string
		total, failed int
		perDay        []int
		want          Verdict
	}{
		{"a week at 5 % vetoes", 155, 8, week, VerdictVeto},
		{"a week at 3 % warns", 155, 5, week, VerdictWarning},
		{"one probe, failed, warns", 1, 1, []int{1, 0, 0, 0, 0, 0, 0}, VerdictWarning},
		{"a day short of 20 warns", 154, 80, []int{20, 24, 20, 30, 19, 20, 21}, VerdictWarning},
		{"six days warn", 135, 80, week[:6], VerdictWarning},
		{"a week, all answered", 155, 0, week, VerdictOK},
		{"no probes", 0, 0, nil, VerdictOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := th.JudgeAvailability(tt.total, tt.failed, tt.perDay)
			if f.Verdict != tt.want {
				t.Errorf("got %s, want %s (evidence %q)", f.Verdict, tt.want, f.Evidence)
			}
		})
	}
}

func TestSiteScoreCompliance(t *testing.T) {
	w := DefaultScoreWeights
	tests := []struct {
		name    string
		results []Result
		want    float64
		ok      bool
	}{
		{"compliant", []Result{{Status: StatusFresh, Compliant: CompliantYes}}, 100, true},
		{"fresh, duty unmet", []Result{{Status: StatusFresh, Compliant: CompliantNo}}, 50, true},
		{"fresh, stored before compliance", []Result{{Status: StatusFresh}}, 100, true},
		{"one of each", []Result{{Status: StatusFresh, Compliant: CompliantYes}, {Status: StatusFresh, Compliant: CompliantNo},
			{Status: StatusStale, Compliant: CompliantNo}, {Status: StatusMissing, Compliant: CompliantNo}}, 50, true},
		{"coverage gaps left out", []Result{{Status: StatusFresh, Compliant: CompliantNo}, {Status: StatusBlocked},
			{Status: StatusUnreadable}, {Status: StatusError}}, 50, true},
		{"nothing judged", []Result{{Status: StatusBlocked}}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SiteScore(tt.results, nil, w)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %v %v, want %v %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestDepartmentNameAt(t *testing.T) {
	tests := []struct {
		code  string
		level Level
		want  string
	}{
		{"sthj", LevelProvince, "省生态环境厅"},
		{"sthj", LevelCity, "市生态环境局"},
		{"sthj", LevelCounty, "县（区）生态环境分局"},
		{"czt", LevelCity, "市财政局"},
		{"czt", LevelCounty, "县（区）财政局"},
		{"fgw", LevelProvince, "省发展改革委"},
		{"fgw", LevelCity, "市发展改革委"},
		{"fgw", LevelCounty, "县（区）发展和改革局"},
		{"scjg", LevelCity, "市市场监督管理局"},
		{"xyz", LevelCity, ""},
		{"xyz", LevelProvince, ""},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+string(tt.level), func(t *testing.T) {
			if got := DepartmentNameAt(tt.code, tt.level); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	for code := range departments2016 {
		if localNames[code] == "" {
			t.Errorf("%s: no local name", code)
		}
	}
	for code := range successors {
		if localNames[code] == "" {
			t.Errorf("%s: no local name", code)
		}
	}
}

func TestCompareCities(t *testing.T) {
	in := []string{"葫芦岛市", "", "大连市", "朝阳", "某某市", "沈阳市", "丹东市", "铁岭市", "本溪市", "阜新市", "锦州市",
		"鞍山市", "抚顺市", "营口市", "辽阳市", "盘锦市", "阿城市"}
	want := []string{"沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市", "营口市", "阜新市", "辽阳市",
		"盘锦市", "铁岭市", "朝阳", "葫芦岛市", "某某市", "阿城市", ""}
	got := slices.Clone(in)
	slices.SortFunc(got, CompareCities)
	if !slices.Equal(got, want) {
		t.Errorf("CompareCities order:\n got %q\nwant %q", got, want)
	}
	byKey := slices.Clone(in)
	slices.SortFunc(byKey, func(a, b string) int { return strings.Compare(CitySortKey(a), CitySortKey(b)) })
	// The empty key sorts first by text; tables put missing values last
	// on their own.
	if !slices.Equal(byKey[1:], want[:len(want)-1]) || byKey[0] != "" {
		t.Errorf("CitySortKey order:\n got %q\nwant %q then \"\"", byKey, want[:len(want)-1])
	}
}
