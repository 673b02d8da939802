package deploy

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ruleFile is the part of a Prometheus rule file the tests read.
type ruleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Record      string            `yaml:"record"`
			Alert       string            `yaml:"alert"`
			Expr        string            `yaml:"expr"`
			For         string            `yaml:"for"`
			Labels      map[string]string `yaml:"labels"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
}

func readRules(t *testing.T) ruleFile {
	t.Helper()
	var rf ruleFile
	readYAML(t, rulesFile, &rf)
	return rf
}

func TestPromtoolCheckRules(t *testing.T) {
	promtool := needTool(t, "promtool", "prometheus")
	out, err := runTool(t, promtool, "check", "rules", rulesFile)
	if err != nil {
		t.Fatalf("promtool check rules %s: %v\n%s", rulesFile, err, out)
	}
}

func TestPromtoolTestRules(t *testing.T) {
	promtool := needTool(t, "promtool", "prometheus")
	out, err := runTool(t, promtool, "test", "rules", rulesTestFile)
	if err != nil {
		t.Fatalf("promtool test rules %s: %v\n%s", rulesTestFile, err, out)
	}
	if !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool test rules printed no SUCCESS:\n%s", out)
	}
}

func TestPromtoolCheckConfig(t *testing.T) {
	promtool := needTool(t, "promtool", "prometheus")
	out, err := runTool(t, promtool, "check", "config", prometheusFile)
	if err != nil {
		t.Fatalf("promtool check config %s: %v\n%s", prometheusFile, err, out)
	}
}

// TestEveryAlertIsUnitTested requires each alert of the rule file to be
// checked both where it must not fire and where it must, so that a new
// alert cannot land without boundary tests.
func TestEveryAlertIsUnitTested(t *testing.T) {
	var tf struct {
		RuleFiles []string `yaml:"rule_files"`
		Tests     []struct {
			AlertRuleTest []struct {
				AlertName string `yaml:"alertname"`
				ExpAlerts []any  `yaml:"exp_alerts"`
			} `yaml:"alert_rule_test"`
		} `yaml:"tests"`
	}
	readYAML(t, rulesTestFile, &tf)
	if !slices.Contains(tf.RuleFiles, "govaudit.rules.yml") {
		t.Errorf("rule_files of %s: got %v, want govaudit.rules.yml", rulesTestFile, tf.RuleFiles)
	}
	silent := map[string]bool{}
	firing := map[string]bool{}
	for _, tc := range tf.Tests {
		for _, a := range tc.AlertRuleTest {
			if len(a.ExpAlerts) == 0 {
				silent[a.AlertName] = true
			} else {
				firing[a.AlertName] = true
			}
		}
	}
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				continue
			}
			if !silent[r.Alert] {
				t.Errorf("%s: no unit test where it must not fire", r.Alert)
			}
			if !firing[r.Alert] {
				t.Errorf("%s: no unit test where it must fire", r.Alert)
			}
		}
	}
}

// TestAlertLabelsAndAnnotations checks the conventions Alertmanager's
// routing and the notification adapters rely on.
func TestAlertLabelsAndAnnotations(t *testing.T) {
	wantAudience := map[string][]string{
		"warning":  {"owner", "operator"},
		"critical": {"office", "operator"},
		// The office-hours switch, which Alertmanager routes to nobody.
		"info": {"none"},
	}
	alerts := 0
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				continue
			}
			alerts++
			sev, aud := r.Labels["severity"], r.Labels["audience"]
			if !slices.Contains(wantAudience[sev], aud) {
				t.Errorf("%s: severity %q with audience %q; want warning→owner|operator, critical→office|operator, info→none", r.Alert, sev, aud)
			}
			if r.Labels["check"] == "" {
				t.Errorf("%s: no check label (the inhibition rules compare it)", r.Alert)
			}
			want := []string{"summary", "summary_zh", "description", "description_zh"}
			if aud == "none" && r.Alert != "GovauditOutsideOfficeHours" {
				t.Errorf("%s: audience none is the office-hours switch's alone: Alertmanager sends it nowhere", r.Alert)
			}
			if aud == "owner" || aud == "office" {
				want = append(want, "scorecard_url")
				if !strings.Contains(r.Expr, "govaudit_site_info") {
					t.Errorf("%s: site alert without the site's name (join govaudit_site_info)", r.Alert)
				}
			}
			for _, k := range want {
				if strings.TrimSpace(r.Annotations[k]) == "" {
					t.Errorf("%s: annotation %s missing", r.Alert, k)
				}
			}
			if su := r.Annotations["scorecard_url"]; su != "" && !strings.Contains(su, "/sites/{{ $labels.site }}") {
				t.Errorf("%s: scorecard_url %q does not link to /sites/<site>", r.Alert, su)
			}
		}
	}
	if alerts == 0 {
		t.Fatalf("no alerts in %s", rulesFile)
	}
}
