package notify

import (
	"context"
	"crypto/tls"
	"mime"
	"strings"
	"testing"
	"time"
)

// TestEmailModes sends through the fake SMTP server in each TLS mode, and
// checks the failures an operator meets first.
func TestEmailModes(t *testing.T) {
	cert := newTestCert(t)
	trusted := &tls.Config{RootCAs: cert.pool}
	plain := newFakeSMTP(t, cert, false, "", "") // a relay: no AUTH
	plain.starttls = false
	submission := newFakeSMTP(t, cert, false, "u@example.gov.cn", "right")
	implicit := newFakeSMTP(t, cert, true, "u@example.gov.cn", "right")
	noTLS := newFakeSMTP(t, cert, false, "u@example.gov.cn", "right")
	noTLS.starttls = false

	base := Receiver{Name: "m", Kind: Email, Host: "127.0.0.1", From: "u@example.gov.cn", To: []string{"a@example.gov.cn"}}
	with := func(f func(*Receiver)) Receiver { r := base; f(&r); return r }
	tests := []struct {
		name    string
		srv     *fakeSMTP
		r       Receiver
		tls     *tls.Config
		wantErr string // "" for delivered
		wantTLS bool
	}{
		{"relay without tls or auth", plain, with(func(r *Receiver) { r.TLS = NoTLS }), trusted, "", false},
		{"starttls offered is used", submission, with(func(r *Receiver) { r.Username, r.Password = "u@example.gov.cn", "right" }), trusted, "", true},
		{"implicit tls", implicit, with(func(r *Receiver) { r.TLS, r.Username, r.Password = ImplicitTLS, "u@example.gov.cn", "right" }), trusted, "", true},
		{"starttls without auth", submission, base, trusted, "mail from: 530", true},
		{"wrong password", submission, with(func(r *Receiver) { r.Username, r.Password = "u@example.gov.cn", "wrong" }), trusted, "auth: 535", true},
		{"untrusted certificate", submission, with(func(r *Receiver) { r.Username, r.Password = "u@example.gov.cn", "right" }), nil, "starttls: tls: failed to verify certificate", true},
		{"no starttls, no auth offered", noTLS, with(func(r *Receiver) { r.Username, r.Password = "u@example.gov.cn", "right" }), trusted, "auth: the server offers no AUTH on this connection", false},
		{"implicit tls to a plain server", plain, with(func(r *Receiver) { r.TLS = ImplicitTLS }), trusted, "tls handshake", false},
		{"missing password file", submission, with(func(r *Receiver) { r.Username, r.PasswordFile = "u@example.gov.cn", "/nonexistent/pw" }), trusted, "password_file: open /nonexistent/pw", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			r.Port = tt.srv.port()
			before := len(tt.srv.received())
			m := &mailer{rc: r, tlsConfig: tt.tls, helo: "govaudit.test", now: time.Now, loc: shanghai}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := m.send(ctx, Message{Title: "【告警】测试", Items: []Item{{Head: "【告警】测试"}}})
			got := tt.srv.received()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				if len(got) != before {
					t.Errorf("the server took a mail although sending failed")
				}
				return
			}
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if len(got) != before+1 {
				t.Fatalf("server has %d mails, want %d", len(got), before+1)
			}
			if got[len(got)-1].TLS != tt.wantTLS {
				t.Errorf("sent with TLS %v, want %v", got[len(got)-1].TLS, tt.wantTLS)
			}
		})
	}
}

// TestEncodeSubject: a long Chinese subject is split into encoded-words of
// at most 75 characters (RFC 2047), one per folded line, and decodes back.
func TestEncodeSubject(t *testing.T) {
	s := "【告警·严重】大连市人民政府：「部门规章和政策性文件清理结果公开、文件有效性标注」（all-10）栏目已 181 天未更新，已超期"
	enc := encodeSubject(s)
	lines := strings.Split(enc, "\r\n")
	if len(lines) < 2 {
		t.Errorf("subject %q is not folded", enc)
	}
	for i, line := range lines {
		word := strings.TrimPrefix(line, " ")
		if len(word) > 75 || (i > 0 && word == line) {
			t.Errorf("line %q: want one encoded-word of at most 75 characters, folded with a space", line)
		}
	}
	var dec mime.WordDecoder
	got, err := dec.DecodeHeader(strings.ReplaceAll(enc, "\r\n", ""))
	if err != nil || got != s {
		t.Errorf("decodes to %q (%v), want %q", got, err, s)
	}
}
