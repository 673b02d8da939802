package crawler

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/govaudit/govaudit"
)

const testUA = "govaudit-test/1.0 (+mailto:audit@example.invalid)"

// testOptions are the options most tests start from: loopback allowed,
// no delay, robots off unless a test is about robots.
func testOptions() Options {
	return Options{CrawlSettings: govaudit.CrawlSettings{
		UserAgent:             testUA,
		MaxDepth:              3,
		MaxPagesPerSite:       100,
		PerHostParallelism:    2,
		Timeout:               5 * time.Second,
		MaxBodyBytes:          1 << 20,
		AllowPrivateAddresses: true,
	}}
}

// testNet routes fake host names to httptest listeners: "host:80" to a
// plain server, "host:443" to a TLS one. Unrouted names reach the stub DNS
// server installed by newTestCrawler, which says they do not exist, so no
// test ever asks a real resolver.
type testNet struct {
	mu     sync.Mutex
	routes map[string]string
}

func newTestNet() *testNet { return &testNet{routes: make(map[string]string)} }

func (n *testNet) plain(srv *httptest.Server, hosts ...string) {
	n.route(srv.Listener.Addr().String(), "80", hosts)
}

func (n *testNet) tls(srv *httptest.Server, hosts ...string) {
	n.route(srv.Listener.Addr().String(), "443", hosts)
}

func (n *testNet) route(addr, port string, hosts []string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, h := range hosts {
		n.routes[net.JoinHostPort(h, port)] = addr
	}
}

func (n *testNet) resolve(hostport string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if a, ok := n.routes[hostport]; ok {
		return a
	}
	return hostport
}

// newTestCrawler builds a crawler whose name lookups go to a loopback DNS
// stub answering NXDOMAIN.
func newTestCrawler(t testing.TB, opts Options, n *testNet) *Crawler {
	t.Helper()
	if n != nil {
		opts.Resolve = n.resolve
	}
	c, err := New(opts, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c.dialer.Resolver = nxdomainResolver(t)
	t.Cleanup(c.Close)
	return c
}

// nxdomainResolver is a resolver whose DNS server, on loopback, answers
// every question with "no such name".
func nxdomainResolver(t testing.TB) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("dns stub: %v", err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			b := dnsmessage.NewBuilder(nil, dnsmessage.Header{
				ID: h.ID, Response: true, RecursionDesired: h.RecursionDesired,
				RecursionAvailable: true, RCode: dnsmessage.RCodeNameError,
			})
			_ = b.StartQuestions()
			_ = b.Question(q)
			msg, err := b.Finish()
			if err == nil {
				_, _ = pc.WriteTo(msg, addr)
			}
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

// quietServer starts a plain httptest server whose error log is dropped.
func quietServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// tlsServer starts a TLS server with cfg (nil: defaults) and the test
// PKI's certificate for the fake .gov.cn names.
func tlsServer(t testing.TB, h http.Handler, cfg *tls.Config, cert tls.Certificate) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if cfg == nil {
		cfg = &tls.Config{}
	}
	cfg.Certificates = []tls.Certificate{cert}
	srv.TLS = cfg
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// testPKI is a CA and certificates for the fake host names, made once.
type testPKI struct {
	roots   *x509.CertPool
	leaf    tls.Certificate // RSA, so RSA key exchange suites work
	expired tls.Certificate
}

var (
	pkiOnce sync.Once
	pki     *testPKI
	pkiErr  error
)

func getPKI(t testing.TB) *testPKI {
	t.Helper()
	pkiOnce.Do(func() { pki, pkiErr = makePKI() })
	if pkiErr != nil {
		t.Fatalf("test PKI: %v", pkiErr)
	}
	return pki
}

func makePKI() (*testPKI, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "govaudit test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	leafKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	issue := func(serial int64, names []string, from, to time.Time) (tls.Certificate, error) {
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{CommonName: names[0]},
			DNSNames:     names,
			NotBefore:    from,
			NotAfter:     to,
			KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &leafKey.PublicKey, caKey)
		if err != nil {
			return tls.Certificate{}, err
		}
		return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: leafKey}, nil
	}
	names := []string{"www.a.gov.cn", "a.gov.cn", "www.b.gov.cn", "old.gov.cn", "des.gov.cn"}
	leaf, err := issue(2, names, now.Add(-time.Hour), now.Add(24*time.Hour))
	if err != nil {
		return nil, err
	}
	expired, err := issue(3, []string{"expired.gov.cn"}, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	if err != nil {
		return nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	return &testPKI{roots: roots, leaf: leaf, expired: expired}, nil
}

// kind is the error kind of a page, "" when it arrived fine.
func kind(p *govaudit.Page) govaudit.ErrorKind {
	if p.Err == nil {
		return ""
	}
	return p.Err.Kind
}
