package notify

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// The expected signatures come from Python's hmac and base64 modules, an
// implementation independent of this one, following the services' documented
// recipes; both contain "+", "/" or "=", which must be escaped in a URL.
func TestSignatures(t *testing.T) {
	const dingSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	if got, want := DingTalkSign(dingSecret, 1767225600000), "elNlH/j9MP9GdKD1se81sVxFiezddJFLiCyfUMsNVjY="; got != want {
		t.Errorf("DingTalkSign = %q, want %q", got, want)
	}
	if got, want := url.QueryEscape(DingTalkSign(dingSecret, 1767225600000)), "elNlH%2Fj9MP9GdKD1se81sVxFiezddJFLiCyfUMsNVjY%3D"; got != want {
		t.Errorf("escaped = %q, want %q", got, want)
	}
	if got, want := FeishuSign("feishu-test-secret", 1767225600), "+O/t8xQIQMWSvTBZyknDY29EsHsGDkn69jEmEuuS2Fs="; got != want {
		t.Errorf("FeishuSign = %q, want %q", got, want)
	}
}

func TestCheckAnswer(t *testing.T) {
	tests := []struct {
		kind   Kind
		answer string
		want   string // "" for accepted
	}{
		{DingTalk, `{"errcode":0,"errmsg":"ok"}`, ""},
		{DingTalk, `{"errcode":310000,"errmsg":"sign not match"}`, "refused with code 310000: sign not match"},
		{WeCom, `{"errcode":0,"errmsg":"ok"}`, ""},
		{WeCom, `{"errcode":93000,"errmsg":"invalid webhook url"}`, "refused with code 93000: invalid webhook url"},
		{Feishu, `{"code":0,"data":{},"msg":"success"}`, ""},
		{Feishu, `{"StatusCode":0,"StatusMessage":"success"}`, ""},
		{Feishu, `{"code":19021,"msg":"sign match fail"}`, "refused with code 19021: sign match fail"},
		{DingTalk, `{"ok":true}`, `answer has no result code: {"ok":true}`},
		{WeCom, `<html>gateway</html>`, "answer is not json: <html>gateway</html>"},
		{Feishu, ``, "answer is not json: (empty answer)"},
	}
	for _, tt := range tests {
		err := checkAnswer(tt.kind, []byte(tt.answer))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s %s: %v, want accepted", tt.kind, tt.answer, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("%s %s: %v, want %q", tt.kind, tt.answer, err, tt.want)
		}
	}
}

func TestRedactHidesToken(t *testing.T) {
	err := redact(&url.Error{Op: "Post", URL: "https://oapi.example/robot/send?access_token=SECRET", Err: errors.New("connection refused")})
	if strings.Contains(err.Error(), "SECRET") || err.Error() != "Post: connection refused" {
		t.Errorf("got %q", err)
	}
}
