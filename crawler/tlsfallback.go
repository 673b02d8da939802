package crawler

import (
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// legacyTLSConfig is tried after a handshake fails on protocol version or
// cipher suites. Many government servers only speak TLS 1.0/1.1 or only
// offer RSA key exchange or 3DES, which Go's client no longer offers by
// default. Certificates are still verified: an expired or mismatched
// certificate stays a finding. RC4 is left out: it is broken outright and
// servers offering nothing else are too rare to justify it.
func legacyTLSConfig(roots *x509.CertPool) *tls.Config {
	var suites []uint16
	for _, s := range tls.CipherSuites() {
		suites = append(suites, s.ID)
	}
	for _, s := range tls.InsecureCipherSuites() {
		if !strings.Contains(s.Name, "_RC4_") {
			suites = append(suites, s.ID)
		}
	}
	return &tls.Config{
		RootCAs:      roots,
		MinVersion:   tls.VersionTLS10,
		CipherSuites: suites,
		// Old IIS servers renegotiate during the first request.
		Renegotiation: tls.RenegotiateOnceAsClient,
	}
}

// legacyHandshakeFailure reports whether err is a TLS handshake that failed
// because the server and Go's default client have no protocol version or
// cipher suite in common. crypto/tls does not export the alert type of a
// remote alert, so the messages are matched.
func legacyHandshakeFailure(err error) bool {
	msg := err.Error()
	for _, s := range []string{
		"tls: protocol version not supported",               // remote alert 70
		"tls: handshake failure",                            // remote alert 40 (no common cipher)
		"tls: insufficient security",                        // remote alert 71
		"tls: server selected unsupported protocol version", // server answered TLS 1.0/1.1
		"tls: server chose an unconfigured cipher suite",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// siteTransport is one site's RoundTripper: the shared transport, with a
// retry on the shared legacy transport when a handshake fails the old-server
// way. It remembers which hosts needed the fallback, so later requests to
// them go straight to it, and whether the site needed it at all.
type siteTransport struct {
	c      *Crawler
	log    *slog.Logger
	weak   atomic.Bool
	legacy sync.Map // host[:port] → struct{}
}

func (t *siteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.roundTrip(req)
	if err == nil {
		decodeBody(resp, t.c.opts.MaxBodyBytes)
		noteBody(req, resp)
	}
	return resp, err
}

func (t *siteTransport) roundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "https" {
		return t.c.transport.RoundTrip(req)
	}
	if _, ok := t.legacy.Load(req.URL.Host); ok {
		return t.c.legacy.RoundTrip(req)
	}
	resp, err := t.c.transport.RoundTrip(req)
	if err == nil || !legacyHandshakeFailure(err) || req.Context().Err() != nil ||
		(req.Body != nil && req.Body != http.NoBody) {
		return resp, err
	}
	resp, err = t.c.legacy.RoundTrip(req)
	if err != nil {
		// The server does not speak even the old TLS (or its certificate is
		// bad, which the second error says more precisely).
		return nil, err
	}
	t.legacy.Store(req.URL.Host, struct{}{})
	if !t.weak.Swap(true) {
		t.log.Info("server needs weak TLS (TLS 1.0/1.1 or legacy cipher suites)", "host", req.URL.Host)
	}
	return resp, nil
}
