package notify

// Loopback stand-ins for the services, written from their documentation:
// each checks what the real service checks (token, signature and its time
// window, message type, size limit, keyword) and answers as it does.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// robotMessage is one message a fake robot took.
type robotMessage struct {
	Title string // DingTalk markdown title, Feishu post title
	Text  string // DingTalk markdown text, WeCom content, Feishu paragraphs joined
	Raw   []byte
}

// fakeRobot is a loopback group robot of one kind.
type fakeRobot struct {
	t      *testing.T
	kind   Kind
	token  string // access_token, key or hook id
	secret string // signing secret; "" for an unsigned robot
	// keyword, when set, must occur in the message (DingTalk 自定义关键词).
	keyword string
	// refuse, when set, answers request n (from 1) instead of the checks:
	// an HTTP status and a body; status 0 means go on.
	refuse func(n int) (int, string)

	srv      *httptest.Server
	mu       sync.Mutex
	requests int
	got      []robotMessage
	problems []string // requests refused by the checks, and why
}

func newFakeRobot(t *testing.T, kind Kind, token, secret string) *fakeRobot {
	t.Helper()
	f := &fakeRobot{t: t, kind: kind, token: token, secret: secret}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the robot's webhook address as its service hands it out.
func (f *fakeRobot) URL() string {
	switch f.kind {
	case DingTalk:
		return f.srv.URL + "/robot/send?access_token=" + f.token
	case WeCom:
		return f.srv.URL + "/cgi-bin/webhook/send?key=" + f.token
	}
	return f.srv.URL + "/open-apis/bot/v2/hook/" + f.token
}

func (f *fakeRobot) messages() []robotMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]robotMessage(nil), f.got...)
}

func (f *fakeRobot) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

func (f *fakeRobot) refused() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.problems...)
}

func (f *fakeRobot) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests++
	n := f.requests
	f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if f.refuse != nil {
		if status, answer := f.refuse(n); status != 0 {
			w.WriteHeader(status)
			io.WriteString(w, answer)
			return
		}
	}
	var (
		msg     robotMessage
		problem string
		answer  string
	)
	switch f.kind {
	case DingTalk:
		msg, problem, answer = f.dingtalk(r, body)
	case WeCom:
		msg, problem, answer = f.wecom(r, body)
	case Feishu:
		msg, problem, answer = f.feishu(r, body)
	}
	if problem == "" && r.Method != http.MethodPost {
		problem = "method " + r.Method
	}
	if problem == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		problem = "content type " + r.Header.Get("Content-Type")
	}
	f.mu.Lock()
	if problem != "" {
		f.problems = append(f.problems, problem)
	} else {
		msg.Raw = body
		f.got = append(f.got, msg)
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, answer)
}

// withinHour is the signature's time window of DingTalk and Feishu.
func withinHour(t time.Time) bool {
	d := time.Since(t)
	return d < time.Hour && d > -time.Hour
}

// dingtalk checks a request as DingTalk's custom robot documents it.
func (f *fakeRobot) dingtalk(r *http.Request, body []byte) (robotMessage, string, string) {
	refuse := func(code int, msg string) (robotMessage, string, string) {
		return robotMessage{}, msg, fmt.Sprintf(`{"errcode":%d,"errmsg":%q}`, code, msg)
	}
	q := r.URL.Query()
	if r.URL.Path != "/robot/send" || q.Get("access_token") != f.token {
		return refuse(300001, "token is not exist")
	}
	if f.secret != "" {
		ms, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
		if err != nil || !withinHour(time.UnixMilli(ms)) {
			return refuse(310000, "sign not match: timestamp "+q.Get("timestamp"))
		}
		mac := hmac.New(sha256.New, []byte(f.secret))
		mac.Write([]byte(q.Get("timestamp") + "\n" + f.secret))
		want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
		if q.Get("sign") != want {
			return refuse(310000, "sign not match")
		}
		// The sign goes URL-escaped: a raw "+" would read as a space.
		if !strings.Contains(r.URL.RawQuery, "sign="+strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(want)) {
			return refuse(310000, "sign not url-escaped: "+r.URL.RawQuery)
		}
	}
	if len(body) > dingtalkMaxBody {
		return refuse(460101, "message too long, exceed 20000 bytes")
	}
	var m struct {
		MsgType  string `json:"msgtype"`
		Markdown struct{ Title, Text string }
	}
	if err := json.Unmarshal(body, &m); err != nil || m.MsgType != "markdown" || m.Markdown.Title == "" || m.Markdown.Text == "" {
		return refuse(40035, "invalid markdown message: "+string(body))
	}
	if f.keyword != "" && !strings.Contains(m.Markdown.Title+m.Markdown.Text, f.keyword) {
		return refuse(310000, "keywords not in content")
	}
	return robotMessage{Title: m.Markdown.Title, Text: m.Markdown.Text}, "", `{"errcode":0,"errmsg":"ok"}`
}

// wecom checks a request as WeCom's group robot documents it.
func (f *fakeRobot) wecom(r *http.Request, body []byte) (robotMessage, string, string) {
	refuse := func(code int, msg string) (robotMessage, string, string) {
		return robotMessage{}, msg, fmt.Sprintf(`{"errcode":%d,"errmsg":%q}`, code, msg)
	}
	if r.URL.Path != "/cgi-bin/webhook/send" || r.URL.Query().Get("key") != f.token {
		return refuse(93000, "invalid webhook url")
	}
	var m struct {
		MsgType  string `json:"msgtype"`
		Markdown struct {
			Content string `json:"content"`
		} `json:"markdown"`
	}
	if err := json.Unmarshal(body, &m); err != nil || m.MsgType != "markdown" || m.Markdown.Content == "" {
		return refuse(40008, "invalid message type: "+string(body))
	}
	if len(m.Markdown.Content) > wecomMaxContent {
		return refuse(40058, "markdown.content exceed max length 4096")
	}
	return robotMessage{Text: m.Markdown.Content}, "", `{"errcode":0,"errmsg":"ok"}`
}

// feishu checks a request as Feishu's custom robot documents it.
func (f *fakeRobot) feishu(r *http.Request, body []byte) (robotMessage, string, string) {
	refuse := func(code int, msg string) (robotMessage, string, string) {
		return robotMessage{}, msg, fmt.Sprintf(`{"code":%d,"data":{},"msg":%q}`, code, msg)
	}
	if r.URL.Path != "/open-apis/bot/v2/hook/"+f.token {
		return refuse(19001, "param invalid: incoming webhook access token invalid")
	}
	var m struct {
		Timestamp string `json:"timestamp"`
		Sign      string `json:"sign"`
		MsgType   string `json:"msg_type"`
		Content   struct {
			Post map[string]struct {
				Title   string `json:"title"`
				Content [][]struct {
					Tag  string `json:"tag"`
					Text string `json:"text"`
					Href string `json:"href"`
				} `json:"content"`
			} `json:"post"`
		} `json:"content"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return refuse(9499, "bad request: "+err.Error())
	}
	if f.secret != "" {
		sec, err := strconv.ParseInt(m.Timestamp, 10, 64)
		mac := hmac.New(sha256.New, []byte(m.Timestamp+"\n"+f.secret))
		if err != nil || !withinHour(time.Unix(sec, 0)) || m.Sign != base64.StdEncoding.EncodeToString(mac.Sum(nil)) {
			return refuse(19021, "sign match fail or timestamp is not within one hour from current time")
		}
	}
	post, ok := m.Content.Post["zh_cn"]
	if m.MsgType != "post" || !ok || post.Title == "" || len(post.Content) == 0 {
		return refuse(9499, "bad request: not a post message: "+string(body))
	}
	var lines []string
	for _, para := range post.Content {
		var line strings.Builder
		for _, el := range para {
			switch el.Tag {
			case "text":
				line.WriteString(el.Text)
			case "a":
				if el.Href == "" {
					return refuse(9499, "bad request: a link without href")
				}
				line.WriteString("[" + el.Text + "](" + el.Href + ")")
			default:
				return refuse(9499, "bad request: unknown tag "+el.Tag)
			}
		}
		lines = append(lines, line.String())
	}
	return robotMessage{Title: post.Title, Text: strings.Join(lines, "\n")}, "", `{"code":0,"data":{},"msg":"success"}`
}

// testCert is a self-signed certificate for 127.0.0.1, its own CA.
type testCert struct {
	cert tls.Certificate
	pool *x509.CertPool
}

func newTestCert(t *testing.T) testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "govaudit test smtp"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return testCert{cert: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool: pool}
}

// receivedMail is one message the fake SMTP server accepted.
type receivedMail struct {
	From string
	To   []string
	Data []byte
	// User is who authenticated ("" for nobody); TLS whether the session
	// was encrypted when the message was sent.
	User string
	TLS  bool
}

// fakeSMTP is a small SMTP server (RFC 5321) on loopback: EHLO, STARTTLS,
// AUTH PLAIN (offered only over TLS, as submission servers do), MAIL,
// RCPT, DATA, RSET, NOOP, QUIT.
type fakeSMTP struct {
	ln          net.Listener
	tlsConfig   *tls.Config
	implicitTLS bool
	starttls    bool   // offer STARTTLS on a plain session
	user, pass  string // "" accepts mail without AUTH

	wg       sync.WaitGroup
	mu       sync.Mutex
	mails    []receivedMail
	sessions int
}

func newFakeSMTP(t *testing.T, cert testCert, implicitTLS bool, user, pass string) *fakeSMTP {
	t.Helper()
	s := &fakeSMTP{
		tlsConfig:   &tls.Config{Certificates: []tls.Certificate{cert.cert}},
		implicitTLS: implicitTLS,
		starttls:    true,
		user:        user,
		pass:        pass,
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if implicitTLS {
		ln = tls.NewListener(ln, s.tlsConfig)
	}
	s.ln = ln
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

func (s *fakeSMTP) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *fakeSMTP) received() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.mails...)
}

func (s *fakeSMTP) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.sessions++
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer c.Close()
			c.SetDeadline(time.Now().Add(30 * time.Second))
			s.session(c)
		}()
	}
}

func (s *fakeSMTP) session(c net.Conn) {
	_, encrypted := c.(*tls.Conn)
	tc := textproto.NewConn(c)
	reply := func(code int, lines ...string) {
		for i, l := range lines {
			sep := "-"
			if i == len(lines)-1 {
				sep = " "
			}
			tc.PrintfLine("%d%s%s", code, sep, l)
		}
	}
	var (
		greeted bool
		user    string
		from    string
		to      []string
	)
	reply(220, "smtp.test ESMTP govaudit fake")
	for {
		line, err := tc.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			greeted = true
			ext := []string{"smtp.test greets " + arg, "8BITMIME"}
			if !encrypted && s.starttls {
				ext = append(ext, "STARTTLS")
			}
			if encrypted && s.user != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			reply(250, ext...)
		case "HELO":
			greeted = true
			reply(250, "smtp.test")
		case "STARTTLS":
			if encrypted || !s.starttls {
				reply(503, "5.5.1 TLS already active or not offered")
				continue
			}
			reply(220, "2.0.0 ready to start TLS")
			tlsConn := tls.Server(c, s.tlsConfig)
			if err := tlsConn.Handshake(); err != nil {
				return
			}
			c, encrypted, greeted = tlsConn, true, false
			tc = textproto.NewConn(c)
			user, from, to = "", "", nil
		case "AUTH":
			mech, initial, _ := strings.Cut(arg, " ")
			switch {
			case !greeted:
				reply(503, "5.5.1 EHLO first")
				continue
			case !encrypted:
				reply(538, "5.7.11 encryption required for requested authentication mechanism")
				continue
			case !strings.EqualFold(mech, "PLAIN"):
				reply(504, "5.5.4 unrecognized authentication type")
				continue
			}
			if initial == "" {
				reply(334, "")
				if initial, err = tc.ReadLine(); err != nil {
					return
				}
			}
			raw, err := base64.StdEncoding.DecodeString(initial)
			parts := strings.Split(string(raw), "\x00")
			if err != nil || len(parts) != 3 || parts[1] != s.user || parts[2] != s.pass {
				reply(535, "5.7.8 authentication credentials invalid")
				continue
			}
			user = parts[1]
			reply(235, "2.7.0 authentication successful")
		case "MAIL":
			switch {
			case !greeted:
				reply(503, "5.5.1 EHLO first")
			case s.user != "" && user == "":
				reply(530, "5.7.0 authentication required")
			default:
				if from = angle(arg); from == "" {
					reply(501, "5.5.4 syntax: MAIL FROM:<address>")
					continue
				}
				reply(250, "2.1.0 ok")
			}
		case "RCPT":
			if from == "" {
				reply(503, "5.5.1 MAIL first")
				continue
			}
			rcpt := angle(arg)
			if rcpt == "" {
				reply(501, "5.5.4 syntax: RCPT TO:<address>")
				continue
			}
			to = append(to, rcpt)
			reply(250, "2.1.5 ok")
		case "DATA":
			if len(to) == 0 {
				reply(503, "5.5.1 RCPT first")
				continue
			}
			reply(354, "end data with <CR><LF>.<CR><LF>")
			data, err := io.ReadAll(tc.DotReader())
			if err != nil {
				return
			}
			s.mu.Lock()
			s.mails = append(s.mails, receivedMail{From: from, To: to, Data: data, User: user, TLS: encrypted})
			s.mu.Unlock()
			from, to = "", nil
			reply(250, "2.0.0 ok: queued")
		case "RSET":
			from, to = "", nil
			reply(250, "2.0.0 ok")
		case "NOOP":
			reply(250, "2.0.0 ok")
		case "QUIT":
			reply(221, "2.0.0 bye")
			return
		default:
			reply(502, "5.5.2 command not recognized")
		}
	}
}

// angle returns the address in "FROM:<a@b> BODY=8BITMIME", or "".
func angle(arg string) string {
	i, j := strings.IndexByte(arg, '<'), strings.IndexByte(arg, '>')
	if i < 0 || j < i {
		return ""
	}
	return arg[i+1 : j]
}
