package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestAmtoolCheckConfig(t *testing.T) {
	amtool := needTool(t, "amtool", "prometheus-alertmanager")
	out, err := runTool(t, amtool, "check-config", alertmanagerFile)
	if err != nil {
		t.Fatalf("amtool check-config %s: %v\n%s", alertmanagerFile, err, out)
	}
}

// TestAlertmanagerRoutes asks amtool which receivers the label sets of
// govaudit's alerts reach.
func TestAlertmanagerRoutes(t *testing.T) {
	amtool := needTool(t, "amtool", "prometheus-alertmanager")
	tests := []struct {
		name   string
		labels []string
		want   string
	}{
		{"warning to the owner unit",
			[]string{"alertname=GovauditColumnStaleSoon", "severity=warning", "audience=owner", "site=dalian"},
			"owner-units"},
		{"critical to the General Office and a copy to the owner unit",
			[]string{"alertname=GovauditColumnStale", "severity=critical", "audience=office", "site=dalian"},
			"general-office,owner-units"},
		{"census veto to the General Office and a copy to the owner unit",
			[]string{"alertname=GovauditCensusVeto", "severity=critical", "audience=office", "site=ln-gov", "rule=tampering"},
			"general-office,owner-units"},
		{"govaudit's health to its operators",
			[]string{"alertname=GovauditTargetDown", "severity=critical", "audience=operator"},
			"govaudit-operators"},
		{"the office-hours switch to nobody",
			[]string{"alertname=GovauditOutsideOfficeHours", "severity=info", "audience=none", "check=office-hours"},
			"nobody"},
		{"anything else to the General Office",
			[]string{"alertname=Other"},
			"general-office"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"config", "routes", "test", "--config.file=" + alertmanagerFile}, tt.labels...)
			out, err := runTool(t, amtool, args...)
			if err != nil {
				t.Fatalf("amtool %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			// amtool also prints a warning about --alertmanager.url.
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if got := lines[len(lines)-1]; got != tt.want {
				t.Errorf("receivers: got %q, want %q", got, tt.want)
			}
		})
	}
}

// amAlert is an alert as Alertmanager's v2 API takes and returns it.
type amAlert struct {
	Labels   map[string]string `json:"labels"`
	StartsAt time.Time         `json:"startsAt,omitzero"`
	Status   struct {
		InhibitedBy []string `json:"inhibitedBy"`
	} `json:"status,omitzero"`
}

// TestAlertmanagerInhibition runs the real Alertmanager with the config and
// checks that a critical alert inhibits its own warning, and only that.
func TestAlertmanagerInhibition(t *testing.T) {
	base := startAlertmanager(t, alertmanagerFile)
	sent := []struct {
		labels    map[string]string
		inhibited bool
	}{
		{govauditAlert("GovauditColumnStale", "critical", "office", "column-freshness", "site", "dalian", "requirement", "all-10"), false},
		{govauditAlert("GovauditColumnStaleSoon", "warning", "owner", "column-freshness", "site", "dalian", "requirement", "all-10"), true},
		{govauditAlert("GovauditColumnStaleSoon", "warning", "owner", "column-freshness", "site", "dalian", "requirement", "all-05"), false},
		{govauditAlert("GovauditColumnStaleSoon", "warning", "owner", "column-freshness", "site", "benxi", "requirement", "all-10"), false},
		{govauditAlert("GovauditColumnEmpty", "warning", "owner", "column-presence", "site", "dalian", "requirement", "all-10"), false},
		{govauditAlert("GovauditCensusVeto", "critical", "office", "census", "site", "ln-gov", "rule", "empty-columns"), false},
		{govauditAlert("GovauditCensusWarning", "warning", "owner", "census", "site", "ln-gov", "rule", "empty-columns"), true},
		{govauditAlert("GovauditCensusWarning", "warning", "owner", "census", "site", "ln-gov", "rule", "tampering"), false},
		{govauditAlert("GovauditAvailabilityCritical", "critical", "office", "availability", "site", "yingkou"), false},
		{govauditAlert("GovauditAvailabilityLow", "warning", "owner", "availability", "site", "yingkou"), true},
		{govauditAlert("GovauditHomepageNotUpdated", "warning", "owner", "homepage", "site", "yingkou"), false},
		{govauditAlert("GovauditTargetDown", "critical", "operator", "govaudit", "instance", "govaudit:9464"), false},
		{govauditAlert("GovauditAuditRunErrors", "warning", "operator", "govaudit", "instance", "govaudit:9464", "result", "error"), true},
	}
	want := map[string]bool{}
	for _, s := range sent {
		want[labelKey(s.labels)] = s.inhibited
	}
	postAlerts(t, base, want)
}

// govauditAlert is what Prometheus would send: the rules' labels plus the
// target's job and the external label.
func govauditAlert(name, severity, audience, check string, kv ...string) map[string]string {
	l := map[string]string{"alertname": name, "severity": severity, "audience": audience, "check": check,
		"job": "govaudit", "govaudit_url": "http://govaudit.example:9464"}
	for i := 0; i+1 < len(kv); i += 2 {
		l[kv[i]] = kv[i+1]
	}
	return l
}

// startAlertmanager runs the real Alertmanager on a config file and returns
// its base URL once it is ready.
func startAlertmanager(t *testing.T, config string) string {
	t.Helper()
	bin := needTool(t, "prometheus-alertmanager", "prometheus-alertmanager")
	if testing.Short() {
		t.Skip("starts Alertmanager; skipped with -short")
	}
	addr := freeAddr(t)
	startProcess(t, "alertmanager", bin,
		"--config.file="+config,
		"--storage.path="+filepath.Join(t.TempDir(), "am"),
		"--web.listen-address="+addr,
		"--cluster.listen-address=",
		"--log.level=warn")
	base := "http://" + addr
	waitHTTP(t, base+"/-/ready", 30*time.Second)
	return base
}

// labelKey identifies an alert by its label set.
func labelKey(l map[string]string) string {
	var parts []string
	for k, v := range l {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// postAlerts sends the alerts keyed in want (labelKey → inhibited) as
// firing now, and waits until Alertmanager holds exactly them, each
// inhibited or not as want says.
func postAlerts(t *testing.T, base string, want map[string]bool) {
	t.Helper()
	var post []amAlert
	for k := range want {
		l := map[string]string{}
		for _, kv := range strings.Split(k, ",") {
			name, value, _ := strings.Cut(kv, "=")
			l[name] = value
		}
		post = append(post, amAlert{Labels: l, StartsAt: time.Now()})
	}
	body, err := json.Marshal(post)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := httpClient.Post(base+"/api/v2/alerts", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("post alerts: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("post alerts: %s: %s", resp.Status, b)
	}

	// Alertmanager takes alerts in asynchronously and computes inhibition
	// when asked: poll until every alert is there with the expected status.
	waitUntil(t, "inhibition as expected", 30*time.Second, func() (bool, string) {
		var got []amAlert
		if err := getJSON(base+"/api/v2/alerts", &got); err != nil {
			return false, err.Error()
		}
		if len(got) != len(want) {
			return false, fmt.Sprintf("got %d alerts, want %d", len(got), len(want))
		}
		var wrong []string
		for _, a := range got {
			k := labelKey(a.Labels)
			inhibited, ok := want[k]
			if !ok {
				return false, "unexpected alert " + k
			}
			if (len(a.Status.InhibitedBy) > 0) != inhibited {
				wrong = append(wrong, fmt.Sprintf("%s %s: inhibited %v, want %v",
					a.Labels["alertname"], a.Labels["site"]+a.Labels["requirement"]+a.Labels["rule"]+a.Labels["instance"], !inhibited, inhibited))
			}
		}
		return len(wrong) == 0, strings.Join(wrong, "; ")
	})
}
