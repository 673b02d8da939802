package crawler

import (
	"errors"
	"fmt"
	"net/http"
)

// maxRedirects is how many HTTP redirects one fetch follows.
const maxRedirects = 10

// redirectError stops a redirect chain that is too long or goes round.
type redirectError struct {
	target string
	loop   bool
}

func (e *redirectError) Error() string {
	if e.loop {
		return "redirect loop back to " + e.target
	}
	return fmt.Sprintf("more than %d redirects (next: %s)", maxRedirects, e.target)
}

// checkRedirect is the hop policy of every redirect chain: pages' (see
// followRedirect) and robots.txt's. It follows redirects
// to any host and scheme (xxx.gov.cn ↔ www.xxx.gov.cn, http ↔ https, a
// shared platform on another host), which is why colly's AllowedDomains is
// not used. A target seen earlier in the chain is allowed, because sites
// bounce through a cookie-setting page back to the original address; a
// real loop runs into the hop limit and is reported as a loop.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) <= maxRedirects {
		return nil
	}
	target := req.URL.String()
	for _, v := range via {
		if v.URL.String() == target {
			return &redirectError{target: target, loop: true}
		}
	}
	return &redirectError{target: target}
}

// robotsRedirectError stops a redirect chain at a target that the robots.txt
// of the target's origin disallows.
type robotsRedirectError struct{ target string }

func (e *robotsRedirectError) Error() string {
	return "robots.txt disallows redirect target " + e.target
}

// followRedirect is the redirect handler of the fetcher's collector:
// checkRedirect's hop limit, then, when robots.txt is respected, the
// robots.txt of each hop's target origin. Checking only the address asked
// for would let a site redirect an allowed path to a disallowed one, or to
// another host that disallows it, and have it fetched anyway.
//
// It runs while the request holds one of f.slots and colly's politeness
// slot, which is why robotsAllow fetches robots.txt without either (see
// getRobots). It waits with the request's own context, so a cancelled
// audit does not wait for a robots.txt.
func (f *SiteFetcher) followRedirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirect(req, via); err != nil {
		return err
	}
	if !f.c.opts.RespectRobots {
		return nil
	}
	u, _, err := normalize(req.URL.String())
	if err != nil {
		// Not an address we can fetch at all: the client's own error for
		// it (an unsupported scheme, say) says more than robots.txt could.
		return nil
	}
	ctx := req.Context()
	// The hop's Crawl-delay is not waited for: the hops are one fetch,
	// paced by the origin asked for (see crawldelay.go).
	allowed, _, err := f.robotsAllow(ctx, u)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		// The robots.txt fetch was cut short, which reads as "allowed":
		// do not send a request nobody waits for.
		return err
	}
	if !allowed {
		return &robotsRedirectError{target: u.String()}
	}
	return nil
}

// refusedTarget returns the absolute address of the redirect target at
// which the redirect handler stopped a chain. net/http reports the raw
// Location header instead, which may be relative.
func refusedTarget(err error) (string, bool) {
	var (
		redir  *redirectError
		robots *robotsRedirectError
	)
	switch {
	case errors.As(err, &redir):
		return redir.target, true
	case errors.As(err, &robots):
		return robots.target, true
	}
	return "", false
}
