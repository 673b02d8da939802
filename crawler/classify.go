package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/govaudit/govaudit"
)

func fetchError(kind govaudit.ErrorKind, format string, args ...any) *govaudit.FetchError {
	return &govaudit.FetchError{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// endedError describes a fetch cut short because the caller's context
// ended. It says nothing about the site.
func endedError(err error) *govaudit.FetchError {
	if errors.Is(err, context.DeadlineExceeded) {
		return fetchError(govaudit.ErrTimeout, "audit deadline reached before the page arrived")
	}
	return fetchError(govaudit.ErrOther, "fetch cancelled")
}

// classifyError maps a failed request to an error kind and a short message.
// ctx is the caller's context: when it has ended, that is the reason, and
// ended is true.
func classifyError(ctx context.Context, err error, timeout time.Duration) (fe *govaudit.FetchError, ended bool) {
	var (
		private *privateAddressError
		redir   *redirectError
		robots  *robotsRedirectError
		dnsErr  *net.DNSError
		large   *bodyTooLargeError
		enc     *encodingError
	)
	switch {
	case errors.As(err, &large):
		return fetchError(govaudit.ErrTooLarge, "%s", large.Error()), false
	case errors.As(err, &enc):
		return fetchError(govaudit.ErrOther, "%s", shorten(enc.Error())), false
	case errors.As(err, &private):
		return fetchError(govaudit.ErrPrivateAddress, "%s", private.Error()), false
	case errors.As(err, &redir):
		return fetchError(govaudit.ErrRedirectLoop, "%s", redir.Error()), false
	case errors.As(err, &robots):
		return fetchError(govaudit.ErrRobots, "%s", shorten(robots.Error())), false
	case ctx.Err() != nil:
		// Before DNS: a lookup cut short by ctx is a DNSError too.
		return endedError(ctx.Err()), true
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fetchError(govaudit.ErrDNS, "no such host %s", dnsErr.Name), false
		}
		return fetchError(govaudit.ErrDNS, "looking up %s failed: %s", dnsErr.Name, dnsErr.Err), false
	case isTimeout(err), errors.Is(err, net.ErrClosed):
		// When the client's overall timeout fires while the body is being
		// read, the transport closes the connection under the reader, and
		// the read may report the closed connection rather than the
		// deadline (seen under load). Nothing else closes a connection in
		// the middle of a fetch: shutdown cancels ctx, handled above.
		return fetchError(govaudit.ErrTimeout, "no complete response within %s", timeout), false
	}
	if msg, ok := tlsMessage(err); ok {
		return fetchError(govaudit.ErrTLS, "%s", msg), false
	}
	if msg, ok := refusedMessage(err); ok {
		return fetchError(govaudit.ErrRefused, "%s", msg), false
	}
	return fetchError(govaudit.ErrOther, "%s", shorten(err.Error())), false
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func tlsMessage(err error) (string, bool) {
	var (
		hostErr    x509.HostnameError
		unknown    x509.UnknownAuthorityError
		invalid    x509.CertificateInvalidError
		verifyErr  *tls.CertificateVerificationError
		recordErr  tls.RecordHeaderError
		alertErr   tls.AlertError
		opErr      *net.OpError
		errMessage = err.Error()
	)
	switch {
	case errors.As(err, &hostErr):
		return "certificate is not valid for " + hostErr.Host, true
	case errors.As(err, &unknown):
		return "certificate signed by an unknown authority", true
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "certificate has expired or is not yet valid", true
		}
		return shorten(invalid.Error()), true
	case errors.As(err, &verifyErr):
		return shorten(verifyErr.Err.Error()), true
	case errors.As(err, &recordErr), strings.Contains(errMessage, "HTTP response to HTTPS client"):
		return "server did not answer with TLS", true
	case errors.As(err, &alertErr):
		return "tls: " + alertErr.Error(), true
	case errors.As(err, &opErr) && opErr.Op == "remote error":
		return "server refused the TLS handshake: " + opErr.Err.Error(), true
	case strings.Contains(errMessage, "tls:") || strings.Contains(errMessage, "x509:"):
		return shorten(innermost(err).Error()), true
	}
	return "", false
}

func refusedMessage(err error) (string, bool) {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return "connection reset by the server", true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		// net/http's unexported errServerClosedIdle: the server hung up
		// before sending a byte.
		strings.Contains(err.Error(), "server closed idle connection"):
		return "server closed the connection without a complete response", true
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable", true
	}
	return "", false
}

func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// shorten keeps messages short enough for a scorecard cell.
func shorten(s string) string {
	const limit = 200
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// statusError judges a response that arrived. body is already UTF-8.
func statusError(status int, body []byte) *govaudit.FetchError {
	text := http.StatusText(status)
	switch {
	case status >= 200 && status < 300:
		if len(body) <= maxChallengeBytes && containsAny(body, strongChallengeMarkers) {
			return fetchError(govaudit.ErrBlocked, "anti-bot challenge page instead of content (HTTP %d)", status)
		}
		return nil
	case status == 412 || status == 521:
		// JS-challenge WAFs (瑞数, 加速乐, …) answer 412 or 521 with a
		// cookie script. We never try to get around them.
		return fetchError(govaudit.ErrBlocked, "HTTP %d: anti-bot challenge", status)
	case status == http.StatusForbidden && challengePage(body):
		return fetchError(govaudit.ErrBlocked, "HTTP 403 with an anti-bot or firewall page")
	case status >= 300 && status < 400:
		return fetchError(govaudit.ErrOther, "HTTP %d %s without a usable Location", status, text)
	case status >= 400 && status < 500:
		return fetchError(govaudit.ErrHTTP4xx, "HTTP %d %s", status, text)
	case status >= 500 && status < 600:
		return fetchError(govaudit.ErrHTTP5xx, "HTTP %d %s", status, text)
	}
	return fetchError(govaudit.ErrOther, "unexpected HTTP status %d", status)
}

// maxChallengeBytes bounds the 2xx pages searched for challenge markers:
// challenge pages are small, real pages are not.
const maxChallengeBytes = 32 << 10

// strongChallengeMarkers are names (matched case-sensitively, as the
// scripts spell them) that only JS challenges of WAFs common on
// Chinese government sites (and Cloudflare) put in their pages. Some of
// them answer 200 with such a page; without this the checks would judge the
// challenge as the site's content and report columns as missing.
var strongChallengeMarkers = []string{
	"__jsl_clearance",       // 加速乐 (Jiasule)
	"wzwschallenge",         // WZWS
	"wzwstemplate",          // WZWS
	"yunsuo_session_verify", // 云锁 (Yunsuo)
	"cf_chl_",               // Cloudflare
	"challenge-platform",    // Cloudflare
	"cf-browser-verification",
}

// blockPageMarkers are the wording of firewall block pages, matched in
// lower case: a 403 saying it comes from a firewall is a wall, a bare 403
// is an ordinary client error.
var blockPageMarkers = []string{
	"安全狗", "safedog", "云锁", "创宇盾", "知道创宇", "网站卫士", "网站防火墙", "web应用防火墙",
	"访问被拦截", "已被拦截", "安全拦截", "拦截了您的访问", "waf拦截",
	"attention required! | cloudflare", "just a moment...", "access denied | ",
}

// challengePage reports whether a 403 body is a challenge or block page.
func challengePage(body []byte) bool {
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	return containsAny(body, strongChallengeMarkers) || containsAny(bytes.ToLower(body), blockPageMarkers)
}

func containsAny(body []byte, markers []string) bool {
	for _, m := range markers {
		if bytes.Contains(body, []byte(m)) {
			return true
		}
	}
	return false
}
