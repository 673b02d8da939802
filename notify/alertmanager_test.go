package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealAlertmanager runs Debian's Alertmanager against the webhook
// handler: an alert posted to Alertmanager reaches a loopback DingTalk robot
// as a Chinese message, and so does its resolution. It checks that the
// payload this package decodes is the one Alertmanager sends, with the
// bearer token of http_config.authorization.
func TestRealAlertmanager(t *testing.T) {
	bin, err := exec.LookPath("prometheus-alertmanager")
	if err != nil {
		if bin, err = exec.LookPath("alertmanager"); err != nil {
			t.Skip("prometheus-alertmanager not found on PATH: install the Debian package prometheus-alertmanager to run this test")
		}
	}
	if testing.Short() {
		t.Skip("starts Alertmanager; skipped with -short")
	}
	const secret = "SECalertmanager-test"
	ding := newFakeRobot(t, DingTalk, "tok", secret)
	d, err := New(Config{BaseURL: "http://govaudit.example.gov.cn:9464", Backoff: time.Millisecond, WebhookToken: "am-token",
		Receivers: []Receiver{{Name: "office", Kind: DingTalk, URL: ding.URL(), Secret: secret}}},
		Options{Spacing: noSpacing, Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewServer(WebhookHandler(d))
	defer hook.Close()

	dir := t.TempDir()
	cfg := filepath.Join(dir, "alertmanager.yml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`route:
  receiver: govaudit
  group_by: [site]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: govaudit
    webhook_configs:
      - url: '%s/api/v1/alerts/webhook?receiver=office'
        send_resolved: true
        http_config:
          authorization:
            credentials: am-token
`, hook.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var out bytes.Buffer
	cmd := exec.Command(bin, "--config.file="+cfg, "--storage.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+addr, "--cluster.listen-address=", "--log.level=warn")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	defer func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("alertmanager output:\n%s", out.String())
		}
	}()
	base := "http://" + addr
	waitFor(t, "alertmanager ready", 30*time.Second, exited, func() bool {
		resp, err := http.Get(base + "/-/ready")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})

	alert := map[string]any{
		"labels": map[string]string{
			"alertname": "GovauditColumnStale", "severity": "critical", "audience": "office", "check": "column-freshness",
			"site": "dalian", "name": "大连市人民政府", "requirement": "all-10",
			"title": "部门规章和政策性文件清理结果公开、文件有效性标注", "column_url": "https://dalian.example.gov.cn/zwgk/zcwj/",
		},
		"annotations": map[string]string{
			"summary_zh":    "大连市人民政府：「部门规章和政策性文件清理结果公开、文件有效性标注」（all-10）栏目已 181 天未更新，已超期",
			"scorecard_url": "/sites/dalian",
		},
		"startsAt": time.Now().Add(-time.Minute).Format(time.RFC3339),
	}
	post := func() {
		t.Helper()
		body, _ := json.Marshal([]any{alert})
		resp, err := http.Post(base+"/api/v2/alerts", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("post alert: %s", resp.Status)
		}
	}
	want := func(n int, parts ...string) {
		t.Helper()
		waitFor(t, fmt.Sprintf("message %d at the robot", n), 30*time.Second, exited, func() bool { return len(ding.messages()) >= n })
		if p := ding.refused(); len(p) > 0 {
			t.Fatalf("robot refused: %v", p)
		}
		m := ding.messages()[n-1]
		for _, w := range parts {
			if !strings.Contains(m.Title+"\n"+m.Text, w) {
				t.Errorf("message %d lacks %q:\n%s\n%s", n, w, m.Title, m.Text)
			}
		}
	}

	post()
	want(1, "【告警·严重】大连市人民政府：「部门规章和政策性文件清理结果公开、文件有效性标注」（all-10）栏目已 181 天未更新",
		"站点：大连市人民政府（dalian）", "https://dalian.example.gov.cn/zwgk/zcwj/", "http://govaudit.example.gov.cn:9464/sites/dalian")
	alert["endsAt"] = time.Now().Format(time.RFC3339)
	post()
	want(2, "【已恢复】大连市人民政府", "恢复时间：")
	if got := len(ding.messages()); got != 2 {
		t.Errorf("robot has %d messages, want 2", got)
	}
}

// waitFor polls cond until it holds, the process exits or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, exited <-chan struct{}, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		select {
		case <-exited:
			t.Fatalf("%s: alertmanager exited", what)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, limit)
		}
	}
}
