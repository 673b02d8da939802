package deploy

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/prometheus/promql/parser"
)

// integrationConfig is prometheus.yml for the test: the same rule file and
// job as deploy/prometheus/prometheus.yml, scraped and evaluated every
// second, and govaudit_url pointing at the demo.
const integrationConfig = `global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
  external_labels:
    govaudit_url: http://%[1]s
rule_files:
  - %[2]s
scrape_configs:
  - job_name: govaudit
    static_configs:
      - targets: ['%[1]s']
`

// TestStackAgainstDemo starts `govaudit demo` and a real Prometheus that
// scrapes it with the rule file, then checks that every query of the
// Grafana board parses and returns data, that every rule evaluates without
// error, and that the demo's stale column (ln-sthj all-10: newest item about
// 250 days old, max age 180) raises GovauditColumnStale.
func TestStackAgainstDemo(t *testing.T) {
	promBin := needTool(t, "prometheus", "prometheus")
	if testing.Short() {
		t.Skip("starts govaudit demo and Prometheus; skipped with -short")
	}
	bin := buildGovaudit(t)

	demoAddr := freeAddr(t)
	startProcess(t, "govaudit-demo", bin, "demo", "--listen", demoAddr)
	waitHTTP(t, "http://"+demoAddr+"/healthz", 90*time.Second)

	dir := t.TempDir()
	rules, err := filepath.Abs(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfgPath, []byte(fmt.Sprintf(integrationConfig, demoAddr, rules)), 0o644); err != nil {
		t.Fatal(err)
	}
	promAddr := freeAddr(t)
	startProcess(t, "prometheus", promBin,
		"--config.file="+cfgPath,
		"--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr,
		"--log.level=warn")
	prom := promClient{base: "http://" + promAddr}
	waitHTTP(t, prom.base+"/-/ready", 60*time.Second)

	waitForData := func(expr string) {
		t.Helper()
		waitUntil(t, "data for "+expr, 60*time.Second, func() (bool, string) {
			_, samples, err := prom.query(expr)
			if err != nil {
				return false, err.Error()
			}
			return len(samples) > 0, "no data yet"
		})
	}
	waitForData(`up{job="govaudit"} == 1`)
	waitForData(`govaudit_site_info`)

	// A second audit while Prometheus watches, as the daily schedule does in
	// production: counters and histograms then change between two scrapes,
	// so the board's increase() panels have something to show.
	// The audit takes screenshots of stale, empty and unreadable columns
	// when Chromium is installed: longer than a scrape.
	auditClient := &http.Client{Timeout: 3 * time.Minute}
	resp, err := auditClient.Post("http://"+demoAddr+"/api/v1/audits?wait=1", "", nil)
	if err != nil {
		t.Fatalf("trigger an audit: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusAccepted {
		t.Fatalf("trigger an audit: %s", resp.Status)
	}
	waitForData(`govaudit_audit_runs_total{result="ok"} >= 2`)
	// The recording rules have run on the new data once this exists.
	waitForData(`govaudit:requirement_context:info`)

	t.Run("rules evaluate", func(t *testing.T) {
		var rules struct {
			Data struct {
				Groups []struct {
					Name  string `json:"name"`
					Rules []struct {
						Name      string `json:"name"`
						Health    string `json:"health"`
						LastError string `json:"lastError"`
					} `json:"rules"`
				} `json:"groups"`
			} `json:"data"`
		}
		if err := getJSON(prom.base+"/api/v1/rules", &rules); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range rules.Data.Groups {
			for _, r := range g.Rules {
				n++
				if r.Health == "err" {
					t.Errorf("%s/%s: %s", g.Name, r.Name, r.LastError)
				}
			}
		}
		if n == 0 {
			t.Fatalf("Prometheus loaded no rules from %s", rulesFile)
		}
	})

	t.Run("board queries return data", func(t *testing.T) {
		p := parser.NewParser(parser.Options{})
		for _, q := range boardQueries(t, readDashboard(t)) {
			if _, err := p.ParseExpr(q.expr); err != nil {
				t.Errorf("%s: parse: %v", q.name, err)
				continue
			}
			_, samples, err := prom.query(q.expr)
			if err != nil {
				t.Errorf("%s: %v", q.name, err)
				continue
			}
			if len(samples) == 0 {
				t.Errorf("%s: no data\n%s", q.name, q.expr)
			}
		}
	})

	t.Run("stale column alert", func(t *testing.T) {
		type alert struct {
			Labels      map[string]string `json:"labels"`
			Annotations map[string]string `json:"annotations"`
			State       string            `json:"state"`
			Value       string            `json:"value"`
		}
		var found alert
		waitUntil(t, "GovauditColumnStale for ln-sthj all-10 in /api/v1/alerts", 30*time.Second, func() (bool, string) {
			var answer struct {
				Data struct {
					Alerts []alert `json:"alerts"`
				} `json:"data"`
			}
			if err := getJSON(prom.base+"/api/v1/alerts", &answer); err != nil {
				return false, err.Error()
			}
			var names []string
			for _, a := range answer.Data.Alerts {
				l := a.Labels
				names = append(names, l["alertname"]+"/"+l["site"]+"/"+l["requirement"]+"/"+l["rule"])
				if l["alertname"] == "GovauditColumnStale" && l["site"] == "ln-sthj" && l["requirement"] == "all-10" {
					found = a
					return true, ""
				}
			}
			return false, fmt.Sprintf("alerts: %v", names)
		})
		if found.State != "pending" && found.State != "firing" {
			t.Errorf("state %q, want pending or firing", found.State)
		}
		checks := []struct{ what, got, want string }{
			{"severity", found.Labels["severity"], "critical"},
			{"audience", found.Labels["audience"], "office"},
			{"name", found.Labels["name"], "辽宁省生态环境厅"},
			{"scorecard_url", found.Annotations["scorecard_url"], "http://" + demoAddr + "/sites/ln-sthj"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
			}
		}
		// The requirement's title (govaudit_requirement_info) and the column's
		// address (the column_url label of govaudit_requirement_status) travel with the alert.
		if found.Labels["title"] == "" {
			t.Errorf("no title label: is govaudit_requirement_info exported?")
		}
		if u := found.Labels["column_url"]; !strings.HasPrefix(u, "http://") {
			t.Errorf("column_url label %q: want the demo column's address (is the column_url label of govaudit_requirement_status exported?)", u)
		}
		// The value is the newest item's age in days: past the 180-day max.
		if days, err := strconv.ParseFloat(found.Value, 64); err != nil || days <= 180 {
			t.Errorf("value %q: want the age in days, over 180", found.Value)
		}
		if d := found.Annotations["description"]; !strings.Contains(d, "辽宁省生态环境厅 (ln-sthj)") || !strings.Contains(d, "max age of 180 days") {
			t.Errorf("description %q: want the site's name and id and the 180-day max age", d)
		}
	})
}
