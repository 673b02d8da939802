package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxAnswer bounds how much of a robot's answer is read.
const maxAnswer = 64 << 10

// DingTalkSign is the signature of a DingTalk robot secured by 加签:
// base64 of HMAC-SHA256 with the secret as key over timestamp + "\n" +
// secret, the timestamp in milliseconds. The caller URL-escapes it.
func DingTalkSign(secret string, timestampMillis int64) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestampMillis, 10) + "\n" + secret))
	return b64(mac.Sum(nil))
}

// FeishuSign is the signature of a Feishu robot secured by 签名校验: base64
// of HMAC-SHA256 with timestamp + "\n" + secret as the key over nothing,
// the timestamp in seconds.
func FeishuSign(secret string, timestampSeconds int64) string {
	mac := hmac.New(sha256.New, []byte(strconv.FormatInt(timestampSeconds, 10)+"\n"+secret))
	return b64(mac.Sum(nil))
}

// robot posts messages to one group robot.
type robot struct {
	rc     Receiver
	client *http.Client
	now    func() time.Time
}

func (s *robot) send(ctx context.Context, m Message) error {
	target := s.rc.URL
	var body []byte
	switch s.rc.Kind {
	case DingTalk:
		body = dingtalkBody(m)
		if s.rc.Secret != "" {
			u, err := url.Parse(target)
			if err != nil {
				return fmt.Errorf("robot url: %w", err)
			}
			ts := s.now().UnixMilli()
			q := u.Query()
			q.Set("timestamp", strconv.FormatInt(ts, 10))
			q.Set("sign", DingTalkSign(s.rc.Secret, ts))
			u.RawQuery = q.Encode()
			target = u.String()
		}
	case WeCom:
		body = wecomBody(m)
	case Feishu:
		var ts, sign string
		if s.rc.Secret != "" {
			sec := s.now().Unix()
			ts, sign = strconv.FormatInt(sec, 10), FeishuSign(s.rc.Secret, sec)
		}
		body = feishuBody(m, ts, sign)
	default:
		return fmt.Errorf("kind %q is not a robot", s.rc.Kind)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("post: %w", redact(err))
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("http %d: %s", resp.StatusCode, snippet(answer))
	}
	return checkAnswer(s.rc.Kind, answer)
}

// robotAnswer holds both answer shapes: DingTalk and WeCom say errcode and
// errmsg; Feishu says code and msg (older robots StatusCode and
// StatusMessage).
type robotAnswer struct {
	ErrCode       *int   `json:"errcode"`
	ErrMsg        string `json:"errmsg"`
	Code          *int   `json:"code"`
	Msg           string `json:"msg"`
	StatusCode    *int   `json:"StatusCode"`
	StatusMessage string `json:"StatusMessage"`
}

// checkAnswer turns a robot's answer into an error: a robot answers HTTP
// 200 to a refused message too (a wrong signature, a missing keyword, too
// many messages), and only the code in the body says so.
func checkAnswer(kind Kind, answer []byte) error {
	var a robotAnswer
	if err := json.Unmarshal(answer, &a); err != nil {
		return fmt.Errorf("answer is not json: %s", snippet(answer))
	}
	code, msg := a.ErrCode, a.ErrMsg
	if kind == Feishu {
		code, msg = a.Code, a.Msg
		if code == nil {
			code, msg = a.StatusCode, a.StatusMessage
		}
	}
	if code == nil {
		return fmt.Errorf("answer has no result code: %s", snippet(answer))
	}
	if *code != 0 {
		return fmt.Errorf("refused with code %d: %s", *code, msg)
	}
	return nil
}

// snippet shortens an answer for an error message.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 300 {
		s = cutRunes(s, 200)
	}
	if s == "" {
		return "(empty answer)"
	}
	return s
}

// redact drops the address from an HTTP client error: a robot's URL holds
// its access token, and errors end up in logs.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
