package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRetryThenSuccess: a robot that fails twice (an HTTP error, then a
// refusal in the body) gets the message on the third attempt, after waits
// of Backoff and twice Backoff.
func TestRetryThenSuccess(t *testing.T) {
	const backoff = 40 * time.Millisecond
	f := newFakeRobot(t, Feishu, "hook", "")
	var (
		mu    sync.Mutex
		times []time.Time
	)
	f.refuse = func(n int) (int, string) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		switch n {
		case 1:
			return http.StatusInternalServerError, "upstream error"
		case 2:
			return http.StatusOK, `{"code":11232,"data":{},"msg":"frequency limited"}`
		}
		return 0, ""
	}
	var logs logBuffer
	c := newCounts()
	opts := Options{Spacing: noSpacing, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	c.hooks(&opts)
	d, err := New(Config{Attempts: 3, Backoff: backoff, Receivers: []Receiver{{Name: "fs", Kind: Feishu, URL: f.URL()}}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := d.Deliver(context.Background(), loadPayload(t, "firing.json"), []string{"fs"})
	if len(rep.Failed) != 0 || len(rep.Delivered) != 1 {
		t.Fatalf("report %+v, want delivered", rep)
	}
	if got := len(f.messages()); got != 1 {
		t.Errorf("robot has %d messages, want 1", got)
	}
	if got := c.get(c.sent, "fs/feishu"); got != 1 {
		t.Errorf("sent %d, want 1", got)
	}
	if got := c.get(c.failed, "fs/feishu"); got != 0 {
		t.Errorf("failed %d, want 0", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 3 {
		t.Fatalf("%d attempts, want 3", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < backoff {
		t.Errorf("first wait %s, want at least %s", gap, backoff)
	}
	if gap := times[2].Sub(times[1]); gap < 2*backoff {
		t.Errorf("second wait %s, want at least %s", gap, 2*backoff)
	}
	log := logs.String()
	for _, w := range []string{"attempt=1", "http 500: upstream error", "attempt=2", "refused with code 11232: frequency limited", `msg="notification sent" receiver=fs kind=feishu attempt=3`} {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %q:\n%s", w, log)
		}
	}
}

// TestRetryStopsWithContext: a cancelled request ends the backoff at once
// and the message counts as failed.
func TestRetryStopsWithContext(t *testing.T) {
	f := newFakeRobot(t, WeCom, "key", "")
	ctx, cancel := context.WithCancel(context.Background())
	f.refuse = func(int) (int, string) {
		cancel()
		return http.StatusServiceUnavailable, ""
	}
	c := newCounts()
	opts := Options{Spacing: noSpacing}
	c.hooks(&opts)
	d, err := New(Config{Attempts: 5, Backoff: time.Hour, Receivers: []Receiver{{Name: "w", Kind: WeCom, URL: f.URL()}}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := d.Deliver(ctx, loadPayload(t, "firing.json"), []string{"w"})
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s after the context ended", took)
	}
	if len(rep.Failed) != 1 || f.count() != 1 || c.get(c.failed, "w/wecom") != 1 {
		t.Errorf("report %+v after %d requests, failed counter %d; want one failure after one request", rep, f.count(), c.get(c.failed, "w/wecom"))
	}
}

// TestAttemptTimeout: an attempt that hangs is cut off by Timeout.
func TestAttemptTimeout(t *testing.T) {
	f := newFakeRobot(t, DingTalk, "tok", "")
	release := make(chan struct{})
	defer close(release)
	f.refuse = func(int) (int, string) {
		<-release
		return http.StatusOK, ""
	}
	d, err := New(Config{Attempts: 2, Backoff: time.Millisecond, Timeout: 50 * time.Millisecond,
		Receivers: []Receiver{{Name: "d", Kind: DingTalk, URL: f.URL()}}}, Options{Spacing: noSpacing})
	if err != nil {
		t.Fatal(err)
	}
	err = d.Test(context.Background(), "d")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want a deadline error", err)
	}
	if strings.Contains(err.Error(), "access_token") {
		t.Errorf("error %q shows the robot's token", err)
	}
}

// TestPacing: messages to one robot are spaced; different robots are not
// held up by each other.
func TestPacing(t *testing.T) {
	const gap = 60 * time.Millisecond
	a := newFakeRobot(t, DingTalk, "a", "")
	var (
		mu    sync.Mutex
		times []time.Time
	)
	a.refuse = func(int) (int, string) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		return 0, ""
	}
	d, err := New(Config{Receivers: []Receiver{{Name: "a", Kind: DingTalk, URL: a.URL()}}},
		Options{Spacing: map[Kind]time.Duration{DingTalk: gap}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := d.Test(context.Background(), "a"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 3 {
		t.Fatalf("%d requests, want 3", len(times))
	}
	// The first message may go at once; the third not before two gaps.
	if span := times[2].Sub(start); span < 2*gap {
		t.Errorf("3 messages within %s, want at least %s", span, 2*gap)
	}
}

// TestTestMessageEveryKind sends notify-test's message to each kind.
func TestTestMessageEveryKind(t *testing.T) {
	ding := newFakeRobot(t, DingTalk, "d", "SECtest")
	wecom := newFakeRobot(t, WeCom, "w", "")
	feishu := newFakeRobot(t, Feishu, "f", "fsecret")
	cert := newTestCert(t)
	mailSrv := newFakeSMTP(t, cert, true, "u@example.gov.cn", "p")
	pw := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(pw, []byte("p\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := New(Config{BaseURL: "http://ga.example:9464", Receivers: []Receiver{
		{Name: "d", Kind: DingTalk, URL: ding.URL(), Secret: "SECtest"},
		{Name: "w", Kind: WeCom, URL: wecom.URL()},
		{Name: "f", Kind: Feishu, URL: feishu.URL(), Secret: "fsecret"},
		{Name: "m", Kind: Email, Host: "127.0.0.1", Port: mailSrv.port(), TLS: ImplicitTLS,
			Username: "u@example.gov.cn", PasswordFile: pw, From: "u@example.gov.cn", To: []string{"a@example.gov.cn"}},
	}}, Options{TLSConfig: &tls.Config{RootCAs: cert.pool}, Spacing: noSpacing})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range d.Names() {
		if err := d.Test(context.Background(), name); err != nil {
			t.Errorf("test %s: %v", name, err)
		}
	}
	for name, text := range map[string]string{
		"dingtalk": firstText(ding), "wecom": firstText(wecom), "feishu": firstText(feishu),
	} {
		if !strings.Contains(text, "测试消息") || !strings.Contains(text, "http://ga.example:9464/") {
			t.Errorf("%s: %q lacks 测试消息 or the overview link", name, text)
		}
	}
	mails := mailSrv.received()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want 1", len(mails))
	}
	mc := readMail(t, mails[0].Data)
	if mc.Subject != "【测试消息】govaudit 通知测试" || !strings.Contains(mc.Body, "接收方：m（email）") {
		t.Errorf("mail %q:\n%s", mc.Subject, mc.Body)
	}
	if err := d.Test(context.Background(), "nope"); !errors.Is(err, ErrUnknownReceiver) {
		t.Errorf("unknown receiver: got %v", err)
	}
}

func firstText(f *fakeRobot) string {
	if m := f.messages(); len(m) > 0 {
		return m[0].Title + "\n" + m[0].Text
	}
	return strings.Join(f.refused(), "; ")
}

func TestNewRejects(t *testing.T) {
	ok := Receiver{Name: "a", Kind: WeCom, URL: "https://qyapi.example/cgi-bin/webhook/send?key=k"}
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"duplicate", Config{Receivers: []Receiver{ok, ok}}, `receivers[1]: duplicate name "a"`},
		{"invalid", Config{Receivers: []Receiver{{Name: "b", Kind: "sms"}}}, `receivers[0] "b": kind: "sms" is not one of dingtalk, wecom, feishu, email`},
		{"base url", Config{BaseURL: "govaudit:9464"}, `base_url "govaudit:9464" is not an absolute url`},
		{"base url scheme", Config{BaseURL: "ftp://govaudit/"}, `base_url "ftp://govaudit/" must use http or https, not ftp`},
		{"negative", Config{Attempts: -1}, "must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	d, err := New(Config{Receivers: []Receiver{
		{Name: "a", Kind: WeCom, URL: "http://127.0.0.1:1/"},
		{Name: "b", Kind: WeCom, URL: "http://127.0.0.1:1/"},
	}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, "a,b"},
		{[]string{""}, "a,b"},
		{[]string{"b"}, "b"},
		{[]string{"b, a", "a"}, "b,a"},
	} {
		got, err := d.Select(tt.in)
		if err != nil || strings.Join(got, ",") != tt.want {
			t.Errorf("Select(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if _, err := d.Select([]string{"a,c"}); !errors.Is(err, ErrUnknownReceiver) {
		t.Errorf("got %v, want ErrUnknownReceiver", err)
	}
}
