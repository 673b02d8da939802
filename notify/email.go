package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"
)

// mailer sends messages to one email receiver.
type mailer struct {
	rc        Receiver
	tlsConfig *tls.Config // nil: the system roots
	helo      string
	now       func() time.Time
	loc       *time.Location
}

func (s *mailer) send(ctx context.Context, m Message) error {
	from, err := mail.ParseAddress(s.rc.From)
	if err != nil {
		return fmt.Errorf("from: %w", err)
	}
	var to []*mail.Address
	for _, t := range s.rc.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return fmt.Errorf("to: %w", err)
		}
		to = append(to, a)
	}
	password := s.rc.Password
	if s.rc.PasswordFile != "" {
		b, err := os.ReadFile(s.rc.PasswordFile)
		if err != nil {
			return fmt.Errorf("password_file: %w", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	msg, err := s.compose(from, to, m)
	if err != nil {
		return err
	}

	addr := net.JoinHostPort(s.rc.Host, strconv.Itoa(s.rc.port()))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	// net/smtp has no contexts: the deadline bounds every read and write,
	// and cancelling closes the connection under it.
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	raw := conn
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()

	cfg := s.tlsFor()
	if s.rc.tlsMode() == ImplicitTLS {
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return fmt.Errorf("tls handshake: %w", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.rc.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(s.helo); err != nil {
		return fmt.Errorf("ehlo: %w", err)
	}
	if s.rc.tlsMode() == StartTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(cfg); err != nil {
				return fmt.Errorf("starttls: %w", err)
			}
		}
	}
	if s.rc.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("auth: the server offers no AUTH on this connection (does it need starttls or tls?)")
		}
		// PlainAuth refuses to send the password over a connection that
		// is neither TLS nor to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.rc.Username, password, s.rc.Host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	for _, a := range to {
		if err := c.Rcpt(a.Address); err != nil {
			return fmt.Errorf("rcpt to %s: %w", a.Address, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	// The message was accepted at the end of DATA; a failed QUIT does not
	// unsend it.
	_ = c.Quit()
	return nil
}

func (s *mailer) tlsFor() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.tlsConfig != nil {
		cfg = s.tlsConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.rc.Host
	}
	return cfg
}

// compose writes the message in MIME: a UTF-8 plain-text body in base64,
// the subject and display names encoded per RFC 2047.
func (s *mailer) compose(from *mail.Address, to []*mail.Address, m Message) ([]byte, error) {
	id := make([]byte, 12)
	if _, err := rand.Read(id); err != nil {
		return nil, fmt.Errorf("message id: %w", err)
	}
	domain := "govaudit"
	if at := strings.LastIndexByte(from.Address, '@'); at >= 0 {
		domain = from.Address[at+1:]
	}
	var tos []string
	for _, a := range to {
		tos = append(tos, a.String())
	}
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	header("To", strings.Join(tos, ",\r\n "))
	header("Subject", encodeSubject(m.Title))
	header("Date", s.now().In(s.loc).Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "base64")
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	body := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(emailText(m), "\n", "\r\n")))
	for len(body) > 76 {
		b.WriteString(body[:76] + "\r\n")
		body = body[76:]
	}
	b.WriteString(body + "\r\n")
	return b.Bytes(), nil
}

// encodeSubject encodes a subject as RFC 2047 encoded-words, each on its
// own folded line, so that no header line passes 78 characters.
func encodeSubject(s string) string {
	return strings.ReplaceAll(mime.BEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}
