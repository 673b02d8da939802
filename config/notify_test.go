package config

import (
	"reflect"
	"testing"
	"time"

	"github.com/govaudit/govaudit/notify"
)

const oneSite = "sites:\n  - {id: ln, name: 辽宁省人民政府, url: https://www.ln.gov.cn/, level: province}\n"

// TestNotifyValues checks that each notify key lands in its field.
func TestNotifyValues(t *testing.T) {
	const data = `
notify:
  base_url: https://audit.example.gov.cn/govaudit/
  webhook_token: s3cret-token
  attempts: 5
  backoff: 500ms
  timeout: 30s
  receivers:
    - name: office
      kind: dingtalk
      url: https://oapi.dingtalk.com/robot/send?access_token=t
      secret: SECs
    - {name: wecom-1, kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"}
    - name: ops_feishu
      kind: feishu
      url: https://open.feishu.cn/open-apis/bot/v2/hook/h
    - name: mail
      kind: email
      host: smtp.example.gov.cn
      port: 587
      tls: starttls
      username: a@example.gov.cn
      password: p
      from: "govaudit 告警 <a@example.gov.cn>"
      to: [b@example.gov.cn, "办公室 <c@example.gov.cn>"]
` + oneSite
	c, err := Parse([]byte(data), "n.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := notify.Config{
		BaseURL: "https://audit.example.gov.cn/govaudit/", WebhookToken: "s3cret-token", Attempts: 5, Backoff: 500 * time.Millisecond, Timeout: 30 * time.Second,
		Receivers: []notify.Receiver{
			{Name: "office", Kind: notify.DingTalk, URL: "https://oapi.dingtalk.com/robot/send?access_token=t", Secret: "SECs"},
			{Name: "wecom-1", Kind: notify.WeCom, URL: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"},
			{Name: "ops_feishu", Kind: notify.Feishu, URL: "https://open.feishu.cn/open-apis/bot/v2/hook/h"},
			{Name: "mail", Kind: notify.Email, Host: "smtp.example.gov.cn", Port: 587, TLS: notify.StartTLS,
				Username: "a@example.gov.cn", Password: "p", From: "govaudit 告警 <a@example.gov.cn>",
				To: []string{"b@example.gov.cn", "办公室 <c@example.gov.cn>"}},
		},
	}
	if !reflect.DeepEqual(c.Notify, want) {
		t.Errorf("got  %+v\nwant %+v", c.Notify, want)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings: %v", c.Warnings)
	}
	if _, err := notify.New(c.Notify, notify.Options{}); err != nil {
		t.Errorf("the notify package refuses what the config accepted: %v", err)
	}
}

func TestNotifyDefaultsAndWarnings(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []Problem
	}{
		{"no notify key", oneSite, nil},
		{"empty notify", "notify:\n" + oneSite, nil},
		{"receivers without base_url", "notify:\n  receivers:\n    - {name: a, kind: wecom, url: 'https://q.example/x?key=k'}\n" + oneSite, []Problem{
			{2, 3, "notify: no base_url; messages link to scorecards only if Prometheus sets the govaudit_url external label"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.data), "n.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(c.Warnings, tt.want) {
				t.Errorf("warnings %+v, want %+v", c.Warnings, tt.want)
			}
			if c.Notify.Attempts != notify.DefaultAttempts || c.Notify.Backoff != notify.DefaultBackoff || c.Notify.Timeout != notify.DefaultTimeout {
				t.Errorf("defaults %+v", c.Notify)
			}
		})
	}
}

// TestExampleHasEveryKind: the example shows one receiver of each kind.
func TestExampleHasEveryKind(t *testing.T) {
	c, err := Load("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[notify.Kind]bool{}
	for _, r := range c.Notify.Receivers {
		kinds[r.Kind] = true
	}
	for _, k := range notify.Kinds {
		if !kinds[k] {
			t.Errorf("example.yaml has no %s receiver", k)
		}
	}
	if c.Notify.BaseURL == "" {
		t.Error("example.yaml sets no notify.base_url")
	}
}
