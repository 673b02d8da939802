package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"github.com/govaudit/govaudit/app"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/notify"
)

// dingRobot is a loopback DingTalk robot that checks the 加签 signature.
type dingRobot struct {
	srv    *httptest.Server
	secret string
	mu     sync.Mutex
	texts  []string
	down   bool
}

func newDingRobot(t *testing.T, secret string) *dingRobot {
	r := &dingRobot{secret: secret}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		mac := hmac.New(sha256.New, []byte(r.secret))
		mac.Write([]byte(q.Get("timestamp") + "\n" + r.secret))
		var m struct {
			MsgType  string `json:"msgtype"`
			Markdown struct{ Text string }
		}
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		switch {
		case r.down:
			io.WriteString(w, `{"errcode":130101,"errmsg":"send too fast"}`)
		case q.Get("access_token") != "tok" || q.Get("sign") != base64.StdEncoding.EncodeToString(mac.Sum(nil)):
			io.WriteString(w, `{"errcode":310000,"errmsg":"sign not match"}`)
		case json.Unmarshal(body, &m) != nil || m.MsgType != "markdown":
			io.WriteString(w, `{"errcode":40035,"errmsg":"bad message"}`)
		default:
			r.texts = append(r.texts, m.Markdown.Text)
			io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
		}
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *dingRobot) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.texts...)
}

func TestNotifyTestCommand(t *testing.T) {
	robot := newDingRobot(t, "SECcmd")
	cfgPath := filepath.Join(t.TempDir(), "govaudit.yaml")
	cfg := "notify:\n  base_url: http://govaudit.example.gov.cn:9464\n  attempts: 1\n  receivers:\n" +
		"    - {name: office, kind: dingtalk, url: '" + robot.srv.URL + "/robot/send?access_token=tok', secret: SECcmd}\n" +
		"sites: []\n"
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		down     bool
		wantCode int
		wantOut  string
	}{
		{"delivered", []string{"--receiver", "office"}, false, exitOK, "测试消息已发送到 office（dingtalk）"},
		{"robot refuses", []string{"--receiver", "office"}, true, exitError, "refused with code 130101: send too fast"},
		{"unknown receiver", []string{"--receiver", "ops"}, false, exitUsage, `unknown receiver "ops"; configured: [office]`},
		{"no receiver", nil, false, exitUsage, "notify-test needs --receiver NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			robot.mu.Lock()
			robot.down = tt.down
			robot.mu.Unlock()
			before := len(robot.got())
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"notify-test", "--config", cfgPath}, tt.args...), &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.wantOut) {
				t.Errorf("output lacks %q:\n%s", tt.wantOut, out)
			}
			if delivered := len(robot.got()) - before; delivered != map[bool]int{true: 1, false: 0}[tt.wantCode == exitOK] {
				t.Errorf("robot took %d messages", delivered)
			}
		})
	}
	if texts := robot.got(); len(texts) != 1 || !strings.Contains(texts[0], "测试消息") {
		t.Errorf("robot texts %q, want one test message", texts)
	}
}

// TestWebhookRoute posts a notification to the serving API and reads the
// delivery in the robot and in /metrics.
func TestWebhookRoute(t *testing.T) {
	robot := newDingRobot(t, "SECroute")
	cfg := config.Default()
	cfg.Store = filepath.Join(t.TempDir(), "govaudit.db")
	cfg.Notify.BaseURL = "http://govaudit.example.gov.cn:9464"
	cfg.Notify.Receivers = []notify.Receiver{{Name: "office", Kind: notify.DingTalk, URL: robot.srv.URL + "/robot/send?access_token=tok", Secret: "SECroute"}}
	a, err := app.New(&cfg, slog.New(slog.DiscardHandler), app.Options{Command: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.Handler(context.Background()))
	defer srv.Close()

	payload := `{"version":"4","status":"firing","receiver":"office","alerts":[{"status":"firing",
	  "labels":{"alertname":"GovauditColumnEmpty","severity":"warning","site":"benxi","name":"本溪市人民政府","requirement":"all-05","title":"随机抽查事项清单及抽查结果、查处情况","column_url":"https://benxi.example.gov.cn/zwgk/sjjc/"},
	  "annotations":{"summary_zh":"本溪市人民政府：「随机抽查事项清单及抽查结果、查处情况」（all-05）为空白栏目"},
	  "startsAt":"2026-05-11T02:00:00Z"}]}`
	resp, err := http.Post(srv.URL+"/api/v1/alerts/webhook?receiver=office", "application/json", strings.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %s: %s", resp.Status, body)
	}
	texts := robot.got()
	if len(texts) != 1 {
		t.Fatalf("robot took %d messages, want 1", len(texts))
	}
	for _, w := range []string{"【告警·警告】本溪市人民政府", "随机抽查事项清单及抽查结果、查处情况", "https://benxi.example.gov.cn/zwgk/sjjc/", "http://govaudit.example.gov.cn:9464/sites/benxi"} {
		if !strings.Contains(texts[0], w) {
			t.Errorf("message lacks %q:\n%s", w, texts[0])
		}
	}

	resp, err = http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metricsText, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, w := range []string{
		`govaudit_notifications_sent_total{kind="dingtalk",receiver="office"} 1`,
		`govaudit_notifications_failed_total{kind="dingtalk",receiver="office"} 0`,
	} {
		if !strings.Contains(string(metricsText), w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}

	resp, err = http.Get(srv.URL + "/api/v1/alerts/webhook")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET webhook: %s, want 405", resp.Status)
	}
}
