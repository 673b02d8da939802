package app

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"

	"github.com/govaudit/govaudit"
)

// DefaultRunInterval is how long after an audit of a site was asked for
// through the API another request for it is refused: each one is a crawl of
// a government site in govaudit's name, and a client in a loop made
// hundreds a minute.
const DefaultRunInterval = time.Minute

// requestGate refuses API audit requests for a site asked for less than
// interval ago, so that no client can turn govaudit into a flood of
// requests to a government site.
type requestGate struct {
	interval time.Duration
	now      func() time.Time

	mu   sync.Mutex
	last map[string]time.Time // site id → when an API request last started its audit
}

func newRequestGate(interval time.Duration) *requestGate {
	return &requestGate{interval: interval, now: time.Now, last: map[string]time.Time{}}
}

// admit records a request for sites and returns 0, or returns how long
// until every one of them may be asked for again and records nothing.
func (g *requestGate) admit(sites []govaudit.Site) time.Duration {
	if g == nil || g.interval <= 0 {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	var wait time.Duration
	for _, s := range sites {
		if t, ok := g.last[s.ID]; ok {
			wait = max(wait, t.Add(g.interval).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	for id, t := range g.last {
		if now.Sub(t) >= g.interval {
			delete(g.last, id) // keeps the map to the sites of the last interval
		}
	}
	for _, s := range sites {
		g.last[s.ID] = now
	}
	return 0
}

// crawlSlots bounds the sites crawled at once by all runs together, so
// that runs started side by side (the schedule, the API, many single-site
// requests) never crawl more than site_concurrency sites.
type crawlSlots chan struct{}

func newCrawlSlots(n int) crawlSlots { return make(crawlSlots, max(n, 1)) }

// acquire waits for a slot; it reports false when ctx ended first. A nil
// crawlSlots (a runner built by hand in a test) has no bound.
func (c crawlSlots) acquire(ctx context.Context) bool {
	if c == nil {
		return ctx.Err() == nil
	}
	select {
	case c <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (c crawlSlots) release() {
	if c != nil {
		<-c
	}
}

// Limits of the HTTP server. A client that opens connections and sends
// nothing, or keeps them idle, must not hold descriptors for ever: with
// 1,014 idle keep-alive connections an unlimited server ran out (limit
// 1024) and stopped accepting.
type ServerLimits struct {
	ReadHeaderTimeout time.Duration // a request's headers must arrive within this
	ReadTimeout       time.Duration // and the whole request, body included
	IdleTimeout       time.Duration // a keep-alive connection is closed after this idle
	MaxConns          int           // connections served at once; more wait in the backlog
}

// DefaultServerLimits leave room under the common 1024-descriptor limit
// for the store, the crawler's connections and the prober's.
var DefaultServerLimits = ServerLimits{
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       30 * time.Second,
	IdleTimeout:       60 * time.Second,
	MaxConns:          256,
}

// newHTTPServer is the server of serve and demo with limits l; ln is
// wrapped so that at most l.MaxConns connections are open at once.
func newHTTPServer(h http.Handler, ln net.Listener, l ServerLimits) (*http.Server, net.Listener) {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		IdleTimeout:       l.IdleTimeout,
		// No WriteTimeout: an export of the whole province and an audit the
		// client waits for (?wait=1) take minutes.
	}
	if l.MaxConns > 0 {
		ln = netutil.LimitListener(ln, l.MaxConns)
		g := &connGauge{srv: srv, high: int64(l.MaxConns), low: int64(l.MaxConns) * 3 / 4}
		srv.ConnState = g.state
	}
	return srv, ln
}

// connGauge turns keep-alive off while the server is at its connection
// cap. The cap alone leaves clients that hold idle keep-alive connections
// in every slot for an IdleTimeout each, while the rest wait in the
// backlog: 1,014 idle connections kept a new client waiting for minutes.
// With keep-alive off, idle connections are closed at once and each
// answer closes its connection, so the backlog drains as fast as requests
// are answered; keep-alive comes back once the count is down to low.
type connGauge struct {
	srv       *http.Server
	high, low int64
	open      atomic.Int64

	mu       sync.Mutex
	shedding bool
}

func (g *connGauge) state(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		if g.open.Add(1) >= g.high {
			g.shed(true)
		}
	case http.StateClosed, http.StateHijacked:
		if g.open.Add(-1) <= g.low {
			g.shed(false)
		}
	}
}

func (g *connGauge) shed(on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shedding == on {
		return
	}
	g.shedding = on
	// Disabling keep-alive also closes the connections idle now.
	g.srv.SetKeepAlivesEnabled(!on)
}
