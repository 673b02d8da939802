package notify

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestDecodePayload(t *testing.T) {
	p := loadPayload(t, "firing.json")
	if p.Status != StatusFiring || len(p.Alerts) != 2 || p.Receiver != "owner-units" || p.GroupLabels["site"] != "dalian" {
		t.Errorf("decoded %+v", p)
	}
	a := p.Alerts[1]
	if a.Labels["column_url"] != "https://dalian.example.gov.cn/zwgk/zcwj/" || a.Fingerprint != "a3c94d1e8f7b2605" ||
		!a.StartsAt.Equal(time.Date(2026, 5, 11, 2, 0, 0, 0, time.UTC)) || !a.EndsAt.IsZero() {
		t.Errorf("alert %+v", a)
	}

	tests := []struct {
		name, body, want string // want: "" for success, else part of the error
		status           string // the notification's status after decoding
	}{
		{"statuses filled in", `{"alerts":[{"status":"resolved"},{}]}`, "", StatusFiring},
		{"all resolved", `{"alerts":[{"status":"resolved"}]}`, "", StatusResolved},
		{"unknown fields ignored", `{"version":"4","status":"firing","alerts":[{}],"new":1}`, "", StatusFiring},
		{"trailing data", `{"alerts":[{}]} {}`, "data after the json object", ""},
		{"bad status", `{"status":"pending","alerts":[{}]}`, `status: expected firing or resolved, got "pending"`, ""},
		{"bad alert status", `{"alerts":[{"status":"x"}]}`, `alerts[0].status: expected firing or resolved, got "x"`, ""},
		{"no alerts", `{"status":"firing"}`, "no alerts", ""},
		{"version", `{"version":"3","alerts":[{}]}`, `unsupported payload version "3"`, ""},
		{"not json", `<xml/>`, "decode alertmanager payload", ""},
		{"bad time", `{"alerts":[{"startsAt":"yesterday"}]}`, "decode alertmanager payload", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DecodePayload(strings.NewReader(tt.body))
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got %v, want an error containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodePayload: %v", err)
			}
			if p.Status != tt.status {
				t.Errorf("status %q, want %q", p.Status, tt.status)
			}
			for i, a := range p.Alerts {
				if a.Status != StatusFiring && a.Status != StatusResolved {
					t.Errorf("alerts[%d].status %q", i, a.Status)
				}
			}
		})
	}
}

// FuzzDecodeAndRender: whatever the body, decoding never panics, and a
// payload that decodes renders in every format within the limits.
func FuzzDecodeAndRender(f *testing.F) {
	for _, name := range []string{"firing.json", "resolved.json", "operator.json", "census.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"alerts":[{"labels":{"site":"a b","column_url":"http://x/(y)"},"annotations":{"summary_zh":"[*_"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := DecodePayload(strings.NewReader(string(body)))
		if err != nil {
			return
		}
		m := (renderer{base: "http://ga.example", loc: time.UTC}).render(p)
		if len(m.Items) == 0 || m.Title == "" {
			t.Fatalf("empty message for %s", body)
		}
		if n := len(dingtalkBody(m)); n > dingtalkMaxBody {
			t.Errorf("dingtalk body %d bytes", n)
		}
		if n := len(feishuBody(m, "1", "s")); n > feishuMaxBody {
			t.Errorf("feishu body %d bytes", n)
		}
		_ = wecomBody(m)
		_ = emailText(m)
	})
}
