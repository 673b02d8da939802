package crawler

import (
	"context"
	"net/url"

	"github.com/temoto/robotstxt"
)

// Robots policy.
//
// robots.txt is fetched once per origin (scheme://host:port) per
// SiteFetcher, through the same politeness rule, user agent, SSRF guard,
// timeout and body limit as pages; it is not counted in Stats or in the page
// budget. Only the address asked for is checked, not redirect targets.
//
//   - 2xx: the rules apply, for the group that best matches our user agent.
//     A file that does not parse allows everything.
//   - 4xx (a missing file): everything is allowed, as RFC 9309 says.
//   - 5xx: everything is allowed. RFC 9309 says to assume "disallow all",
//     and colly v2.3.0 does so for the collector's whole life; but many
//     government servers answer 500 for every unknown path, so a 5xx is not
//     a statement of policy, and treating it as one would mark whole sites
//     "blocked" — a coverage gap reported as if the site had asked for it.
//     If the server is really failing, the page fetches say so (http_5xx).
//   - no answer (timeout, refused, TLS, redirect loop, too large): allowed
//     too, for the same reason; the page fetch then reports what is wrong.
//
// colly's own robots handling (IgnoreRobotsTxt = false) is not used because
// it cannot follow that 5xx policy, fetches robots.txt outside the
// caller's context and the politeness rule, and lets concurrent first
// fetches of a host each download robots.txt.

// robotsAllow reports whether robots.txt lets us fetch u. It returns an
// error only when ctx ended while waiting for another caller's robots.txt
// fetch.
func (f *SiteFetcher) robotsAllow(ctx context.Context, u *url.URL) (bool, error) {
	origin := u.Scheme + "://" + u.Host
	rules, err := f.robots.do(ctx, origin, func() (*robotstxt.RobotsData, bool) {
		return f.fetchRobots(ctx, origin)
	})
	if err != nil {
		return false, err
	}
	if rules == nil {
		return true, nil
	}
	return rules.TestAgent(u.RequestURI(), f.c.opts.UserAgent), nil
}

// fetchRobots returns the origin's rules, nil meaning "everything allowed",
// and whether the answer may be kept for the rest of the run.
func (f *SiteFetcher) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, bool) {
	r := f.get(ctx, origin+"/robots.txt")
	switch {
	case r.err != nil && ctx.Err() != nil:
		// The caller gave up; let the next caller fetch it.
		return nil, false
	case r.err != nil || r.tooLarge:
		f.log.Debug("robots.txt unavailable; allowing all", "url", origin+"/robots.txt", "error", r.err)
		return nil, true
	case r.status < 200 || r.status >= 300:
		f.log.Debug("robots.txt absent or failing; allowing all", "url", origin+"/robots.txt", "status", r.status)
		return nil, true
	}
	rules, err := robotstxt.FromBytes(r.body)
	if err != nil {
		f.log.Debug("robots.txt does not parse; allowing all", "url", origin+"/robots.txt", "error", err)
		return nil, true
	}
	return rules, true
}
