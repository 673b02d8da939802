package deploy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/govaudit/govaudit"
)

// The calendar of National Day 2026 as a config would state it: 1–7
// October off, Sunday 20 September and Saturday 10 October worked (调休).
var (
	nationalDay2026 = calendarDays("2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07")
	tiaoxiu2026     = calendarDays("2026-09-20", "2026-10-10")
)

func calendarDays(ss ...string) []govaudit.Date {
	out := make([]govaudit.Date, len(ss))
	for i, s := range ss {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		out[i] = govaudit.Date{Time: d}
	}
	return out
}

// officeHoursCases are moments of that calendar and whether site
// notifications must be held then.
func officeHoursCases(t *testing.T) []struct {
	name  string
	at    time.Time
	muted bool
} {
	t.Helper()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	return []struct {
		name  string
		at    time.Time
		muted bool
	}{
		{"public holiday, Thursday 1 October 10:00", at("2026-10-01 10:00"), true},
		{"调休 Saturday 10 October 10:00", at("2026-10-10 10:00"), false},
		{"调休 Sunday 20 September 10:00", at("2026-09-20 10:00"), false},
		{"ordinary Saturday 17 October 10:00", at("2026-10-17 10:00"), true},
		{"working day, Friday 9 October 10:00", at("2026-10-09 10:00"), false},
		{"working day, Friday 9 October 20:00", at("2026-10-09 20:00"), true},
	}
}

// officeOpen is the value govaudit exports as govaudit_office_open at t
// with the calendar above and the default office hours.
func officeOpen(t time.Time) int {
	if govaudit.DefaultOfficeHours.Open(t, t.Location(), nationalDay2026, tiaoxiu2026) {
		return 1
	}
	return 0
}

// TestOfficeHoursRuleOnCalendar feeds the values govaudit's calendar gives
// govaudit_office_open at each case's moment to the rule file under
// promtool, and requires GovauditOutsideOfficeHours to fire exactly on the
// muted ones: a public holiday is muted, a 调休 Saturday is not.
func TestOfficeHoursRuleOnCalendar(t *testing.T) {
	promtool := needTool(t, "promtool", "prometheus")
	rules, err := filepath.Abs(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	type sample struct {
		Labels string `yaml:"labels"`
		Value  int    `yaml:"value"`
	}
	type exprTest struct {
		Expr       string   `yaml:"expr"`
		EvalTime   string   `yaml:"eval_time"`
		ExpSamples []sample `yaml:"exp_samples"`
	}
	type series struct {
		Series string `yaml:"series"`
		Values string `yaml:"values"`
	}
	type unitTest struct {
		Name        string     `yaml:"name"`
		Interval    string     `yaml:"interval"`
		InputSeries []series   `yaml:"input_series"`
		ExprTests   []exprTest `yaml:"promql_expr_test"`
	}
	file := struct {
		RuleFiles          []string   `yaml:"rule_files"`
		EvaluationInterval string     `yaml:"evaluation_interval"`
		Tests              []unitTest `yaml:"tests"`
	}{RuleFiles: []string{rules}, EvaluationInterval: "1m"}

	firing := `ALERTS{alertname="GovauditOutsideOfficeHours",alertstate="firing",severity="info",audience="none",check="office-hours",job="govaudit",instance="govaudit:9464"}`
	for _, c := range officeHoursCases(t) {
		ut := unitTest{
			Name:     fmt.Sprintf("%s: govaudit_office_open %d", c.name, officeOpen(c.at)),
			Interval: "1m",
			InputSeries: []series{{
				Series: `govaudit_office_open{job="govaudit",instance="govaudit:9464"}`,
				Values: fmt.Sprintf("%dx10", officeOpen(c.at)),
			}},
		}
		want := []sample{}
		if c.muted {
			want = []sample{{Labels: firing, Value: 1}}
		}
		ut.ExprTests = []exprTest{{Expr: `ALERTS{alertname="GovauditOutsideOfficeHours"}`, EvalTime: "5m", ExpSamples: want}}
		file.Tests = append(file.Tests, ut)
	}
	b, err := yaml.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "officehours.test.yml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runTool(t, promtool, "test", "rules", path)
	if err != nil || !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool test rules: %v\n%s\ntest file:\n%s", err, out, b)
	}
}

// TestAlertmanagerOfficeHours runs the real Alertmanager with the config:
// while GovauditOutsideOfficeHours fires (a public holiday), the
// notifications of site alerts are held and govaudit's own health alerts
// are not; when it does not (a 调休 Saturday), nothing is held but what a
// critical alert inhibits anyway.
func TestAlertmanagerOfficeHours(t *testing.T) {
	var mute map[string]string
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert == "GovauditOutsideOfficeHours" {
				mute = map[string]string{"alertname": r.Alert, "job": "govaudit", "instance": "govaudit:9464",
					"govaudit_url": "http://govaudit.example:9464"}
				for k, v := range r.Labels {
					mute[k] = v
				}
			}
		}
	}
	if mute == nil {
		t.Fatalf("no GovauditOutsideOfficeHours in %s", rulesFile)
	}
	for _, c := range officeHoursCases(t)[:2] {
		t.Run(c.name, func(t *testing.T) {
			base := startAlertmanager(t, alertmanagerFile)
			want := map[string]bool{
				labelKey(govauditAlert("GovauditColumnStale", "critical", "office", "column-freshness", "site", "dalian", "requirement", "all-10")):                                                                     c.muted,
				labelKey(govauditAlert("GovauditColumnStaleSoon", "warning", "owner", "column-freshness", "site", "dalian", "requirement", "all-10")):                                                                   true, // by the critical
				labelKey(govauditAlert("GovauditColumnEmpty", "warning", "owner", "column-presence", "site", "benxi", "requirement", "all-05")):                                                                         c.muted,
				labelKey(govauditAlert("GovauditCensusVeto", "critical", "office", "census", "site", "ln-gov", "rule", "tampering")):                                                                                    c.muted,
				labelKey(govauditAlert("GovauditTargetDown", "critical", "operator", "govaudit", "instance", "govaudit:9464")):                                                                                          false,
				labelKey(govauditAlert("GovauditNoRecentAudit", "critical", "operator", "govaudit", "instance", "govaudit:9464")):                                                                                       true, // by GovauditTargetDown
				labelKey(govauditAlert("GovauditStoreErrors", "critical", "operator", "govaudit", "instance", "other:9464", "job", "other")):                                                                            false,
				labelKey(map[string]string{"alertname": "SomethingElse", "severity": "warning", "audience": "owner", "site": "dalian", "job": "node"}):                                                                  false, // not govaudit's
				labelKey(map[string]string{"alertname": "GovauditColumnMissing", "severity": "warning", "audience": "owner", "check": "column-presence", "site": "anshan", "requirement": "all-01", "job": "govaudit"}): c.muted,
			}
			if c.muted {
				want[labelKey(mute)] = false
			}
			postAlerts(t, base, want)
		})
	}
}
