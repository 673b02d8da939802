package notify

import (
	"errors"
	"strings"
	"testing"
)

func TestReceiverCheck(t *testing.T) {
	robot := Receiver{Name: "office", Kind: DingTalk, URL: "https://oapi.example/robot/send?access_token=x"}
	mail := Receiver{Name: "mail", Kind: Email, Host: "smtp.example.gov.cn", From: "govaudit <a@example.gov.cn>", To: []string{"b@example.gov.cn"}}
	with := func(r Receiver, f func(*Receiver)) Receiver { f(&r); return r }
	tests := []struct {
		name string
		r    Receiver
		want []string // "field: message" of each problem
	}{
		{"robot ok", robot, nil},
		{"signed feishu ok", Receiver{Name: "fs_1", Kind: Feishu, URL: "https://open.example/open-apis/bot/v2/hook/x", Secret: "s"}, nil},
		{"email ok", mail, nil},
		{"email with auth ok", with(mail, func(r *Receiver) { r.Username, r.PasswordFile, r.TLS, r.Port = "a", "/run/pw", ImplicitTLS, 465 }), nil},
		{"relay on localhost without tls ok", with(mail, func(r *Receiver) { r.Host, r.TLS, r.Username, r.Password = "127.0.0.1", NoTLS, "a", "p" }), nil},
		{"no name, no kind", Receiver{}, []string{
			"name: required; a name of lowercase letters a-z, digits, - and _",
			"kind: required; one of dingtalk, wecom, feishu, email"}},
		{"bad name", with(robot, func(r *Receiver) { r.Name = "Office,2" }), []string{
			`name: "Office,2" may hold only lowercase letters a-z, digits, - and _, and must start with a letter or digit`}},
		{"unknown kind", with(robot, func(r *Receiver) { r.Kind = "dingding" }), []string{
			`kind: "dingding" is not one of dingtalk, wecom, feishu, email`}},
		{"robot without url", with(robot, func(r *Receiver) { r.URL = "" }), []string{
			"url: required; the robot's webhook address"}},
		{"robot url not absolute", with(robot, func(r *Receiver) { r.URL = "oapi.dingtalk.com/robot/send" }), []string{
			`url: "oapi.dingtalk.com/robot/send" is not an absolute url; expected http:// or https:// and a host`}},
		{"robot url with user", with(robot, func(r *Receiver) { r.URL = "https://u:p@oapi.example/" }), []string{
			`url: "https://u:p@oapi.example/" must not carry a user name or password`}},
		{"signed wecom", Receiver{Name: "w", Kind: WeCom, URL: "https://qyapi.example/x", Secret: "s"}, []string{
			"secret: wecom group robots are not signed; leave secret out (the key in the url is the credential)"}},
		{"smtp fields on a robot", with(robot, func(r *Receiver) { r.Host, r.To = "smtp", []string{"a@b"} }), []string{
			"host: only for kind email, not dingtalk", "to: only for kind email, not dingtalk"}},
		{"empty email", Receiver{Name: "m", Kind: Email}, []string{
			"host: required; the smtp server's host name",
			"from: required; the sender address, such as govaudit <alert@example.gov.cn>",
			"to: required; a list of recipient addresses"}},
		{"email with robot fields", with(mail, func(r *Receiver) { r.URL, r.Secret = "https://x/", "s" }), []string{
			"url: not used by kind email; give host and port",
			"secret: not used by kind email; give username and password or password_file"}},
		{"host with port", with(mail, func(r *Receiver) { r.Host = "smtp.example.gov.cn:465" }), []string{
			`host: "smtp.example.gov.cn:465" carries a port; give the port in port`}},
		{"host is a url", with(mail, func(r *Receiver) { r.Host = "smtp://smtp.example.gov.cn/" }), []string{
			`host: "smtp://smtp.example.gov.cn/" is not a host name; give the name alone, such as smtp.example.gov.cn`}},
		{"port out of range", with(mail, func(r *Receiver) { r.Port = 70000 }), []string{
			"port: expected a port number from 1 to 65535, got 70000"}},
		{"bad addresses", with(mail, func(r *Receiver) { r.From, r.To = "govaudit", []string{"b@example.gov.cn", "办公室"} }), []string{
			`from: "govaudit" is not an email address: mail: missing '@' or angle-addr`,
			`to[1]: "办公室" is not an email address: mail: missing '@' or angle-addr`}},
		{"unknown tls", with(mail, func(r *Receiver) { r.TLS = "ssl" }), []string{
			`tls: "ssl" is not one of starttls, tls, none`}},
		{"password twice", with(mail, func(r *Receiver) { r.Username, r.Password, r.PasswordFile = "a", "p", "/f" }), []string{
			"password: give password or password_file, not both"}},
		{"user without password", with(mail, func(r *Receiver) { r.Username = "a" }), []string{
			"username: needs password or password_file"}},
		{"password without user", with(mail, func(r *Receiver) { r.Password = "p" }), []string{
			"username: required with a password"}},
		{"password in clear", with(mail, func(r *Receiver) { r.TLS, r.Username, r.Password = NoTLS, "a", "p" }), []string{
			"tls: none would send the password in clear text, which net/smtp refuses except to localhost; use starttls or tls"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range tt.r.Check() {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			err := tt.r.Validate()
			if (err == nil) != (len(tt.want) == 0) {
				t.Errorf("Validate() = %v, want an error exactly when Check finds problems", err)
			}
			var fe *FieldError
			if err != nil && !errors.As(err, &fe) {
				t.Errorf("Validate() = %T, want *FieldError inside", err)
			}
		})
	}
}

func TestDefaultPort(t *testing.T) {
	for _, tt := range []struct {
		r    Receiver
		want int
	}{
		{Receiver{}, 587},
		{Receiver{TLS: StartTLS}, 587},
		{Receiver{TLS: ImplicitTLS}, 465},
		{Receiver{TLS: NoTLS}, 25},
		{Receiver{TLS: ImplicitTLS, Port: 2465}, 2465},
	} {
		if got := tt.r.port(); got != tt.want {
			t.Errorf("port of %+v = %d, want %d", tt.r, got, tt.want)
		}
	}
}

func TestCheckBaseURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"http://govaudit.example.gov.cn:9464", ""},
		{"https://audit.example.gov.cn/govaudit/", ""},
		{"http://x/?a=b", "must not carry a query or fragment; scorecard links are built as BASE/sites/ID"},
		{"/govaudit", "is not an absolute url; expected http:// or https:// and a host"},
	} {
		if got := CheckBaseURL(tt.in); got != tt.want {
			t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
