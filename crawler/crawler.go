package crawler

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// Crawler owns what every site shares: the HTTP transports (and so the
// keep-alive connection pools), the SSRF guard and the options. Each audit
// of a site gets its own SiteFetcher from Site.
type Crawler struct {
	opts   Options
	logger *slog.Logger

	// dialer is used by both transports; its Control hook is the SSRF guard.
	dialer *net.Dialer
	// deny reports whether the guard refuses to connect to an address. It
	// is read at dial time, so every address a connection is made to is
	// checked: DNS answers, Resolve rewrites and redirect targets alike.
	deny func(netip.Addr) bool
	// hostDialer dials the host names of Options.AllowPrivate: its guard
	// refuses only the metadata addresses.
	hostDialer   *net.Dialer
	allowedHosts map[string]bool

	// transport serves every site. legacy is the weak-TLS fallback (see
	// tlsfallback.go), also shared.
	transport *http.Transport
	legacy    *http.Transport

	// hosts are the per-host politeness slots shared by every site.
	hosts hostSlots
}

// New returns a crawler, or an error naming every option that cannot work.
// A nil logger discards logs.
func New(opts Options, logger *slog.Logger) (*Crawler, error) {
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("crawler options: %w", err)
	}
	// Site cannot return an error, so compile the politeness rule it will
	// install once here: if colly rejected it, no site could be polite.
	if err := politenessRule(opts).Init(); err != nil {
		return nil, fmt.Errorf("crawler politeness rule: %w", err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Crawler{opts: opts, logger: logger, hosts: hostSlots{size: opts.PerHostParallelism, delay: opts.PerHostDelay}}
	prefixes, hosts, _ := parseAllowPrivate(opts.AllowPrivate) // validated above
	c.deny = guardFor(opts.AllowPrivateAddresses, prefixes)
	c.allowedHosts = hosts
	if opts.Deny != nil {
		c.deny = opts.Deny
	}
	c.dialer = &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second, Control: c.control}
	c.hostDialer = &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second, Control: metadataControl}
	c.transport = c.newTransport(&tls.Config{RootCAs: opts.RootCAs}, true)
	// Servers that need the fallback predate HTTP/2.
	c.legacy = c.newTransport(legacyTLSConfig(opts.RootCAs), false)
	return c, nil
}

// The idle connection pool: see newTransport.
const (
	maxIdleConns    = 1024
	idleConnTimeout = 15 * time.Second
)

func (c *Crawler) newTransport(tlsConf *tls.Config, h2 bool) *http.Transport {
	return &http.Transport{
		// No proxy from the environment: the SSRF guard checks the address
		// dialled, which with a proxy would be the proxy's.
		Proxy:               nil,
		DialContext:         c.dial,
		TLSClientConfig:     tlsConf,
		TLSHandshakeTimeout: c.opts.Timeout,
		ForceAttemptHTTP2:   h2,
		// decodeBody decompresses, bounded; net/http's transparent gzip
		// would not be.
		DisableCompression: true,
		// Pools are per host: keep enough idle connections for every slot
		// of the politeness rule. An idle connection costs its buffers and
		// two goroutines (some 50 KB): kept for 90 s, the connections of
		// sites long finished filled a pool of thousands, and memory grew
		// with the number of sites audited. A site's connections are
		// reused between its requests (the per-host delay, a capped
		// Crawl-delay), so a short idle timeout and a pool sized for the
		// sites in flight keep memory set by concurrency.
		MaxIdleConns:           maxIdleConns,
		MaxIdleConnsPerHost:    max(2*c.opts.PerHostParallelism, 4),
		IdleConnTimeout:        max(idleConnTimeout, c.opts.MaxCrawlDelay+time.Second),
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
}

// dial applies Options.Resolve, then dials with the guarded dialer.
func (c *Crawler) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := c.dialer
	if len(c.allowedHosts) > 0 {
		if host, _, err := net.SplitHostPort(addr); err == nil && c.allowedHosts[strings.ToLower(host)] {
			d = c.hostDialer
		}
	}
	if c.opts.Resolve != nil {
		addr = c.opts.Resolve(addr)
	}
	return d.DialContext(ctx, network, addr)
}

// Close closes idle connections. Fetches in progress are not interrupted:
// cancel their contexts for that.
func (c *Crawler) Close() {
	c.transport.CloseIdleConnections()
	c.legacy.CloseIdleConnections()
}

// politenessRule is the LimitRule of one site's collector: a bound on its
// requests in flight. Each collector gets a fresh rule: colly keeps the
// rule's semaphore inside the rule, so a shared *LimitRule would make all
// sites share one bound. The per-host delay is not colly's: its rule
// sleeps before returning the response, and hostSlots rests the slot
// instead (see hostSlots).
func politenessRule(o Options) *colly.LimitRule {
	return &colly.LimitRule{DomainGlob: "*", Parallelism: o.PerHostParallelism}
}
