package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/govaudit/govaudit"
)

// Admit asks whether another client of the site (the browser) may fetch
// rawURL now, under the rules this fetcher applies to its own requests:
// robots.txt, the page budget, the per-host politeness slots and the
// origin's Crawl-delay. When it may, Admit holds one politeness slot until
// done is called, which the caller does once the response has arrived;
// the request counts against the budget. When it may not, fe says why.
// Dialling through Transport applies the SSRF guard.
func (f *SiteFetcher) Admit(ctx context.Context, rawURL string) (done func(), fe *govaudit.FetchError) {
	if err := ctx.Err(); err != nil {
		return nil, endedError(err)
	}
	u, _, err := normalize(rawURL)
	if err != nil {
		return nil, fetchError(govaudit.ErrOther, "%s", shorten(err.Error()))
	}
	var crawlDelay time.Duration
	if f.c.opts.RespectRobots {
		allowed, delay, err := f.robotsAllow(ctx, u)
		if err != nil {
			return nil, endedError(err)
		}
		if !allowed {
			fe := fetchError(govaudit.ErrRobots, "robots.txt disallows %s", u.RequestURI())
			f.record(&govaudit.Page{Err: fe}, false)
			return nil, fe
		}
		crawlDelay = delay
	}
	if !f.reserve() {
		return nil, fetchError(govaudit.ErrBudget, "page budget of %d for the site is spent", f.c.opts.MaxPagesPerSite)
	}
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		f.release()
		return nil, endedError(ctx.Err())
	}
	// The host's slot too: the browser's requests share the host's
	// parallelism and per-host delay with the crawler's.
	releaseHost, err := f.c.hosts.acquire(ctx, u.Host)
	if err != nil {
		<-f.slots
		f.release()
		return nil, endedError(err)
	}
	if err := f.pace.wait(ctx, originOf(u), crawlDelay); err != nil {
		releaseHost()
		<-f.slots
		f.release()
		return nil, endedError(err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			f.fetched++
			f.mu.Unlock()
			releaseHost()
			<-f.slots
		})
	}, nil
}

// Transport is the site's RoundTripper: the shared connection pools, the
// legacy TLS fallback, Options.Resolve and the SSRF guard at dial time.
// Requests sent through it bypass the politeness rules: ask Admit first.
func (f *SiteFetcher) Transport() http.RoundTripper { return f.rt }

// Jar is the site's cookie jar, shared by its pages and robots.txt: cookies
// put here are sent with every later request of the site.
func (f *SiteFetcher) Jar() http.CookieJar { return f.jar }

// Denied reports whether the SSRF guard refuses to connect to ip when
// private addresses are not allowed: loopback, private, link-local,
// reserved ranges and the IPv6 forms embedding them.
func Denied(ip netip.Addr) bool { return denied(ip) }

// IsPrivateAddress reports whether err is the SSRF guard refusing an
// address, as a request through Transport returns it.
func IsPrivateAddress(err error) bool {
	var pe *privateAddressError
	return errors.As(err, &pe)
}
