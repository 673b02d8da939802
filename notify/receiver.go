package notify

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"github.com/govaudit/govaudit"
)

// Kind is the kind of a receiver: which service its messages go to.
type Kind string

// The receiver kinds.
const (
	DingTalk Kind = "dingtalk" // 钉钉 group robot
	WeCom    Kind = "wecom"    // 企业微信 group robot
	Feishu   Kind = "feishu"   // 飞书 / Lark group robot
	Email    Kind = "email"    // SMTP
)

// Kinds lists every kind, in the order messages name them.
var Kinds = []Kind{DingTalk, WeCom, Feishu, Email}

// TLSMode is how an email receiver protects its SMTP connection.
type TLSMode string

// The TLS modes of email receivers.
const (
	// StartTLS upgrades the connection with STARTTLS when the server
	// offers it (submission on port 587, or 25). It is the default.
	StartTLS TLSMode = "starttls"
	// ImplicitTLS speaks TLS from the first byte (port 465).
	ImplicitTLS TLSMode = "tls"
	// NoTLS never encrypts: only for a relay on the same host or network
	// that takes mail without a password.
	NoTLS TLSMode = "none"
)

// TLSModes lists every TLS mode.
var TLSModes = []TLSMode{StartTLS, ImplicitTLS, NoTLS}

// Receiver is one place notifications go: a group robot or a list of email
// addresses. Which fields apply depends on Kind.
type Receiver struct {
	// Name is how the webhook (?receiver=NAME) and notify-test pick the
	// receiver, and the receiver label of the notification counters.
	Name string
	Kind Kind
	// URL is the robot's webhook address, token included (robots only).
	URL string
	// Secret is the signing secret of a DingTalk or Feishu robot whose
	// security setting is 加签 / 签名校验; empty when it has none.
	Secret string

	// SMTP (email only).
	Host         string
	Port         int // 0: 465 with ImplicitTLS, 587 with StartTLS, 25 with NoTLS
	Username     string
	Password     string
	PasswordFile string // read at each send, so that a rotated password needs no restart
	From         string // "govaudit <alert@example.gov.cn>" or a bare address
	To           []string
	TLS          TLSMode // empty means StartTLS
}

// FieldError is a problem with one field of a receiver. Field is the
// field's key in the YAML config (url, password_file, …), so that the
// config can point at the line.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// receiverName is the form of a receiver name: safe in a query string, a
// comma-separated list and a metric label.
var receiverName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Validate reports every problem of the receiver, each a *FieldError,
// joined with errors.Join; nil when it can be used.
func (r Receiver) Validate() error {
	var errs []error
	for _, e := range r.Check() {
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// Check lists the problems of the receiver.
func (r Receiver) Check() []*FieldError {
	var out []*FieldError
	add := func(field, format string, args ...any) {
		out = append(out, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case r.Name == "":
		add("name", "required; a name of lowercase letters a-z, digits, - and _")
	case !receiverName.MatchString(r.Name):
		add("name", "%q may hold only lowercase letters a-z, digits, - and _, and must start with a letter or digit", r.Name)
	}
	switch r.Kind {
	case DingTalk, WeCom, Feishu:
		r.checkRobot(add)
	case Email:
		r.checkEmail(add)
	case "":
		add("kind", "required; one of %s", kindList())
	default:
		add("kind", "%q is not one of %s", r.Kind, kindList())
	}
	return out
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (r Receiver) checkRobot(add func(field, format string, args ...any)) {
	if r.URL == "" {
		add("url", "required; the robot's webhook address")
	} else if msg := govaudit.CheckURL(r.URL); msg != "" {
		add("url", "%q %s", r.URL, msg)
	}
	if r.Kind == WeCom && r.Secret != "" {
		add("secret", "wecom group robots are not signed; leave secret out (the key in the url is the credential)")
	}
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"host", r.Host != ""}, {"port", r.Port != 0}, {"username", r.Username != ""},
		{"password", r.Password != ""}, {"password_file", r.PasswordFile != ""},
		{"from", r.From != ""}, {"to", len(r.To) > 0}, {"tls", r.TLS != ""},
	} {
		if f.set {
			add(f.name, "only for kind email, not %s", r.Kind)
		}
	}
}

func (r Receiver) checkEmail(add func(field, format string, args ...any)) {
	if r.URL != "" {
		add("url", "not used by kind email; give host and port")
	}
	if r.Secret != "" {
		add("secret", "not used by kind email; give username and password or password_file")
	}
	switch {
	case r.Host == "":
		add("host", "required; the smtp server's host name")
	case strings.ContainsAny(r.Host, "/ "):
		add("host", "%q is not a host name; give the name alone, such as smtp.example.gov.cn", r.Host)
	default:
		if _, _, err := net.SplitHostPort(r.Host); err == nil {
			add("host", "%q carries a port; give the port in port", r.Host)
		}
	}
	if r.Port < 0 || r.Port > 65535 {
		add("port", "expected a port number from 1 to 65535, got %d", r.Port)
	}
	switch {
	case r.From == "":
		add("from", "required; the sender address, such as govaudit <alert@example.gov.cn>")
	default:
		if _, err := mail.ParseAddress(r.From); err != nil {
			add("from", "%q is not an email address: %v", r.From, err)
		}
	}
	if len(r.To) == 0 {
		add("to", "required; a list of recipient addresses")
	}
	for i, to := range r.To {
		if _, err := mail.ParseAddress(to); err != nil {
			add(fmt.Sprintf("to[%d]", i), "%q is not an email address: %v", to, err)
		}
	}
	switch r.TLS {
	case "", StartTLS, ImplicitTLS, NoTLS:
	default:
		add("tls", "%q is not one of starttls, tls, none", r.TLS)
	}
	switch {
	case r.Password != "" && r.PasswordFile != "":
		add("password", "give password or password_file, not both")
	case r.Username != "" && r.Password == "" && r.PasswordFile == "":
		add("username", "needs password or password_file")
	case r.Username == "" && (r.Password != "" || r.PasswordFile != ""):
		add("username", "required with a password")
	}
	// net/smtp sends a password only over TLS or to the local host, so a
	// config that cannot work is refused now rather than at 2 a.m.
	if r.TLS == NoTLS && r.Username != "" && !isLoopbackHost(r.Host) {
		add("tls", "none would send the password in clear text, which net/smtp refuses except to localhost; use starttls or tls")
	}
}

// port is the SMTP port, defaulted from the TLS mode.
func (r Receiver) port() int {
	if r.Port != 0 {
		return r.Port
	}
	switch r.TLS {
	case ImplicitTLS:
		return 465
	case NoTLS:
		return 25
	}
	return 587
}

func (r Receiver) tlsMode() TLSMode {
	if r.TLS == "" {
		return StartTLS
	}
	return r.TLS
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// CheckBaseURL says what is wrong with s as govaudit's address for links
// in messages, or "".
func CheckBaseURL(s string) string {
	if msg := govaudit.CheckURL(s); msg != "" {
		return msg
	}
	u, _ := url.Parse(s)
	if u.RawQuery != "" || u.Fragment != "" {
		return "must not carry a query or fragment; scorecard links are built as BASE/sites/ID"
	}
	return ""
}
