package notify

import (
	"bytes"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// counts records the OnSent and OnFailed hooks.
type counts struct {
	mu           sync.Mutex
	sent, failed map[string]int // "receiver/kind" → calls
}

func newCounts() *counts { return &counts{sent: map[string]int{}, failed: map[string]int{}} }

func (c *counts) hooks(o *Options) {
	o.OnSent = func(r string, k Kind) { c.mu.Lock(); c.sent[r+"/"+string(k)]++; c.mu.Unlock() }
	o.OnFailed = func(r string, k Kind) { c.mu.Lock(); c.failed[r+"/"+string(k)]++; c.mu.Unlock() }
}

func (c *counts) get(m map[string]int, key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return m[key]
}

// logBuffer collects log lines written from several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// noSpacing turns off the robots' pacing, which only slows tests.
var noSpacing = map[Kind]time.Duration{DingTalk: 0, WeCom: 0, Feishu: 0}

// mailContent is a received email taken apart.
type mailContent struct {
	Subject, ContentType, Body string
	Header                     mail.Header
}

// readMail parses a message as a mail client would: RFC 2047 subject,
// charset and transfer encoding.
func readMail(t *testing.T, data []byte) mailContent {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read mail: %v\n%s", err, data)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode subject %q: %v", msg.Header.Get("Subject"), err)
	}
	raw, err := io.ReadAll(msg.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got := msg.Header.Get("Content-Transfer-Encoding"); got != "base64" {
		t.Fatalf("Content-Transfer-Encoding %q, want base64", got)
	}
	body, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw)))
	if err != nil {
		t.Fatalf("decode body: %v", err)
	}
	// The server's DotReader has turned CRLF into LF.
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes, over SMTP's 998", i+1, len(line))
		}
	}
	return mailContent{Subject: subject, ContentType: msg.Header.Get("Content-Type"), Body: string(body), Header: msg.Header}
}

// TestWebhookToEveryKind is the acceptance test: a firing and then a
// resolved notification go through the webhook to loopback DingTalk,
// WeCom and Feishu robots (signed where the service signs) and an SMTP
// server with STARTTLS and AUTH PLAIN, which check the payloads, the
// signatures and the Chinese text.
func TestWebhookToEveryKind(t *testing.T) {
	const (
		dingSecret   = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
		feishuSecret = "feishu-test-secret"
	)
	ding := newFakeRobot(t, DingTalk, "ding-token", dingSecret)
	ding.keyword = "govaudit"
	wecom := newFakeRobot(t, WeCom, "wecom-key", "")
	feishu := newFakeRobot(t, Feishu, "feishu-hook", feishuSecret)
	cert := newTestCert(t)
	smtpSrv := newFakeSMTP(t, cert, false, "alert@example.gov.cn", "smtp-password")

	c := newCounts()
	opts := Options{TLSConfig: &tls.Config{RootCAs: cert.pool}, Spacing: noSpacing, Location: shanghai}
	c.hooks(&opts)
	d, err := New(Config{
		BaseURL: "http://govaudit.example.gov.cn:9464",
		Backoff: time.Millisecond,
		Receivers: []Receiver{
			{Name: "office-dingtalk", Kind: DingTalk, URL: ding.URL(), Secret: dingSecret},
			{Name: "office-wecom", Kind: WeCom, URL: wecom.URL()},
			{Name: "office-feishu", Kind: Feishu, URL: feishu.URL(), Secret: feishuSecret},
			{Name: "office-mail", Kind: Email, Host: "127.0.0.1", Port: smtpSrv.port(), TLS: StartTLS,
				Username: "alert@example.gov.cn", Password: "smtp-password",
				From: "govaudit 告警 <alert@example.gov.cn>", To: []string{"办公室 <office@example.gov.cn>", "duty@example.gov.cn"}},
		},
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(WebhookHandler(d))
	defer srv.Close()

	post := func(fixture string) Report {
		t.Helper()
		body, err := os.ReadFile("testdata/" + fixture)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Post(srv.URL+"/api/v1/alerts/webhook", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var rep Report
		if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: HTTP %d, report %+v", fixture, resp.StatusCode, rep)
		}
		if len(rep.Delivered) != 4 {
			t.Fatalf("%s: delivered to %v, want all four", fixture, rep.Delivered)
		}
		return rep
	}

	steps := []struct {
		fixture string
		want    []string // in every message
		title   string   // the start of every title or subject
	}{
		{"firing.json", []string{
			"大连市人民政府", "部门规章和政策性文件清理结果公开、文件有效性标注", "all-10",
			"预决算信息公开", "栏目已 181 天未更新，已超期", "严重", "警告",
			"https://dalian.example.gov.cn/zwgk/zcwj/",
			"http://govaudit.example.gov.cn:9464/sites/dalian",
		}, "【告警·严重】大连市人民政府：2 项告警"},
		{"resolved.json", []string{
			"大连市人民政府", "部门规章和政策性文件清理结果公开、文件有效性标注", "已恢复",
			"恢复时间：2026-05-12 10:15",
			"https://dalian.example.gov.cn/zwgk/zcwj/",
			"http://govaudit.example.gov.cn:9464/sites/dalian",
		}, "【已恢复】大连市人民政府：2 项已恢复"},
	}
	for i, step := range steps {
		post(step.fixture)
		n := i + 1
		t.Run(step.fixture, func(t *testing.T) {
			check := func(kind, title, text string) {
				t.Helper()
				if title != "" && !strings.HasPrefix(title, step.title) {
					t.Errorf("%s: title %q, want it to start with %q", kind, title, step.title)
				}
				for _, w := range step.want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: %q missing from:\n%s", kind, w, text)
					}
				}
			}
			for _, r := range []struct {
				name string
				f    *fakeRobot
			}{{"dingtalk", ding}, {"wecom", wecom}, {"feishu", feishu}} {
				if p := r.f.refused(); len(p) > 0 {
					t.Fatalf("%s refused requests: %v", r.name, p)
				}
				got := r.f.messages()
				if len(got) != n {
					t.Fatalf("%s took %d messages, want %d", r.name, len(got), n)
				}
				title := got[n-1].Title
				if r.name == "wecom" {
					title = strings.TrimPrefix(strings.SplitN(got[n-1].Text, "\n", 2)[0], "### ")
				}
				check(r.name, title, got[n-1].Text)
			}
			mails := smtpSrv.received()
			if len(mails) != n {
				t.Fatalf("smtp took %d mails, want %d", len(mails), n)
			}
			m := mails[n-1]
			if !m.TLS || m.User != "alert@example.gov.cn" {
				t.Errorf("mail sent with TLS %v as %q, want STARTTLS and AUTH PLAIN as alert@example.gov.cn", m.TLS, m.User)
			}
			if m.From != "alert@example.gov.cn" || strings.Join(m.To, ",") != "office@example.gov.cn,duty@example.gov.cn" {
				t.Errorf("envelope from %q to %v", m.From, m.To)
			}
			mc := readMail(t, m.Data)
			if mc.ContentType != "text/plain; charset=utf-8" {
				t.Errorf("Content-Type %q", mc.ContentType)
			}
			if from, err := mc.Header.AddressList("From"); err != nil || from[0].Name != "govaudit 告警" {
				t.Errorf("From %q (%v), want the display name govaudit 告警", mc.Header.Get("From"), err)
			}
			if to, err := mc.Header.AddressList("To"); err != nil || len(to) != 2 || to[0].Name != "办公室" {
				t.Errorf("To %q (%v)", mc.Header.Get("To"), err)
			}
			check("email", mc.Subject, mc.Body)
		})
	}
	for _, key := range []string{"office-dingtalk/dingtalk", "office-wecom/wecom", "office-feishu/feishu", "office-mail/email"} {
		if got := c.get(c.sent, key); got != 2 {
			t.Errorf("sent %s = %d, want 2", key, got)
		}
		if got := c.get(c.failed, key); got != 0 {
			t.Errorf("failed %s = %d, want 0", key, got)
		}
	}
}

// TestWebhookRequests covers the handler's answers to requests that are not
// a plain delivery.
func TestWebhookRequests(t *testing.T) {
	ding := newFakeRobot(t, DingTalk, "a", "")
	wecom := newFakeRobot(t, WeCom, "b", "")
	d, err := New(Config{Backoff: time.Millisecond, Receivers: []Receiver{
		{Name: "ding", Kind: DingTalk, URL: ding.URL()},
		{Name: "wecom", Kind: WeCom, URL: wecom.URL()},
	}}, Options{Spacing: noSpacing})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := New(Config{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	guarded, err := New(Config{WebhookToken: "s3cret", Backoff: time.Millisecond, Receivers: []Receiver{
		{Name: "ding", Kind: DingTalk, URL: ding.URL()},
	}}, Options{Spacing: noSpacing})
	if err != nil {
		t.Fatal(err)
	}
	firing, err := os.ReadFile("testdata/firing.json")
	if err != nil {
		t.Fatal(err)
	}
	huge := append([]byte(`{"version":"4","status":"firing","alerts":[],"x":"`), bytes.Repeat([]byte("x"), MaxPayloadBytes)...)
	tests := []struct {
		name       string
		d          *Dispatcher
		method     string
		query      string
		auth       string // Authorization header
		body       []byte
		wantStatus int
		wantBody   string
		wantDing   int // messages the DingTalk robot has after the request
	}{
		{"GET is refused", d, http.MethodGet, "", "", nil, http.StatusMethodNotAllowed, "use POST", 0},
		{"not json", d, http.MethodPost, "", "", []byte("{"), http.StatusBadRequest, "decode alertmanager payload", 0},
		{"no alerts", d, http.MethodPost, "", "", []byte(`{"version":"4","status":"firing","alerts":[]}`), http.StatusBadRequest, "no alerts", 0},
		{"other version", d, http.MethodPost, "", "", []byte(`{"version":"5","alerts":[{}]}`), http.StatusBadRequest, `unsupported payload version "5"`, 0},
		{"too large", d, http.MethodPost, "", "", huge, http.StatusRequestEntityTooLarge, "too large", 0},
		{"unknown receiver", d, http.MethodPost, "?receiver=ding,nope", "", firing, http.StatusNotFound, `unknown receiver "nope"; configured: ding, wecom`, 0},
		{"no receivers configured", empty, http.MethodPost, "", "", firing, http.StatusNotFound, "no receivers configured", 0},
		{"no token", guarded, http.MethodPost, "", "", firing, http.StatusUnauthorized, "missing or wrong bearer token", 0},
		{"wrong token", guarded, http.MethodPost, "", "Bearer s3cre", firing, http.StatusUnauthorized, "missing or wrong bearer token", 0},
		{"basic auth is not a token", guarded, http.MethodPost, "", "Basic czNjcmV0", firing, http.StatusUnauthorized, "missing or wrong bearer token", 0},
		{"one receiver", d, http.MethodPost, "?receiver=wecom", "", firing, http.StatusOK, `"delivered":["wecom"]`, 0},
		{"both, repeated and comma-separated", d, http.MethodPost, "?receiver=ding&receiver=wecom,ding", "", firing, http.StatusOK, `"delivered":["ding"]`, 1},
		{"right token", guarded, http.MethodPost, "", "Bearer s3cret", firing, http.StatusOK, `"delivered":["ding"]`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, "/api/v1/alerts/webhook"+tt.query, bytes.NewReader(tt.body))
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			WebhookHandler(tt.d).ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			var answer struct{ Error string }
			json.Unmarshal(rec.Body.Bytes(), &answer)
			if !strings.Contains(rec.Body.String(), tt.wantBody) && !strings.Contains(answer.Error, tt.wantBody) {
				t.Errorf("body %s, want it to contain %s", rec.Body, tt.wantBody)
			}
			if got := len(ding.messages()); got != tt.wantDing {
				t.Errorf("dingtalk has %d messages, want %d", got, tt.wantDing)
			}
		})
	}
	// The last request went to wecom again: it had the notification from
	// "one receiver" and was skipped.
	if got := len(wecom.messages()); got != 1 {
		t.Errorf("wecom has %d messages, want 1 (the repeat is skipped)", got)
	}
}

// TestFailedDeliveryIsNotLost: a receiver that keeps failing is logged and
// counted, the webhook answers 502 so that Alertmanager tries again, and
// the retry reaches it once it works, without repeating the message to the
// receiver that already had it.
func TestFailedDeliveryIsNotLost(t *testing.T) {
	good := newFakeRobot(t, WeCom, "good", "")
	bad := newFakeRobot(t, DingTalk, "bad", "")
	down := true
	var mu sync.Mutex
	bad.refuse = func(int) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		if down {
			return http.StatusOK, `{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}`
		}
		return 0, ""
	}
	var logs logBuffer
	c := newCounts()
	opts := Options{Spacing: noSpacing, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	c.hooks(&opts)
	d, err := New(Config{Attempts: 3, Backoff: time.Millisecond, Receivers: []Receiver{
		{Name: "good", Kind: WeCom, URL: good.URL()},
		{Name: "bad", Kind: DingTalk, URL: bad.URL()},
	}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(WebhookHandler(d))
	defer srv.Close()
	body, err := os.ReadFile("testdata/firing.json")
	if err != nil {
		t.Fatal(err)
	}
	post := func() (int, Report) {
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var rep Report
		if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, rep
	}

	status, rep := post()
	if status != http.StatusBadGateway {
		t.Errorf("status %d, want 502 while a receiver fails", status)
	}
	if len(rep.Failed) != 1 || rep.Failed[0].Receiver != "bad" || !strings.Contains(rep.Failed[0].Error, "130101") {
		t.Errorf("failed %+v, want bad with the robot's code", rep.Failed)
	}
	if got := bad.count(); got != 3 {
		t.Errorf("bad robot got %d requests, want 3 attempts", got)
	}
	if got := c.get(c.failed, "bad/dingtalk"); got != 1 {
		t.Errorf("failed counter %d, want 1 (once per message, not per attempt)", got)
	}
	log := logs.String()
	for _, w := range []string{
		`level=ERROR msg="notification not delivered" receiver=bad kind=dingtalk attempts=3 err="refused with code 130101: send too fast, exceed 20 times per minute"`,
		`level=WARN msg="notification attempt failed; retrying" receiver=bad kind=dingtalk attempt=1`,
	} {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %s:\n%s", w, log)
		}
	}

	mu.Lock()
	down = false
	mu.Unlock()
	status, rep = post()
	if status != http.StatusOK || strings.Join(rep.Delivered, ",") != "bad" || strings.Join(rep.Already, ",") != "good" {
		t.Errorf("retry: status %d, report %+v; want 200, delivered to bad, good skipped", status, rep)
	}
	if got := len(good.messages()); got != 1 {
		t.Errorf("good robot has %d messages, want 1", got)
	}
	if got := len(bad.messages()); got != 1 {
		t.Errorf("bad robot has %d messages, want 1 after it recovered", got)
	}
	if got := c.get(c.sent, "bad/dingtalk") + c.get(c.sent, "good/wecom"); got != 2 {
		t.Errorf("sent counter %d, want 2", got)
	}
}
