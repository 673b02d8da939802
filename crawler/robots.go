package crawler

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/temoto/robotstxt"
)

// Robots policy.
//
// robots.txt is fetched once per origin (scheme://host:port) per
// SiteFetcher, with the same transport (SSRF guard, TLS fallback), user
// agent, cookie jar, timeout and body limit as pages; it is not counted in
// Stats or in the page budget. Both the address asked for and every
// redirect target are checked, each against its own origin's robots.txt
// (followRedirect).
//
// robots.txt does not go through the politeness rule (see getRobots): it
// may be in flight beside the host's PerHostParallelism page requests, and
// no PerHostDelay follows it. That is at most one request per origin per
// run, one at a time per origin. Nor is it spaced by the origin's
// Crawl-delay, which is not known before it arrives.
//
//   - 2xx: the rules apply, for the group that best matches our user agent,
//     and so does that group's Crawl-delay (crawldelay.go). A file with
//     lines robotstxt rejects (a Crawl-delay of "5s", a rule before any
//     User-agent) is read without them (salvageRobots); one that still
//     does not parse allows everything and asks for no delay.
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

// robotsAllow reports whether robots.txt lets us fetch u, and the
// Crawl-delay that the group applying to our user agent asks for (0 for
// none; see crawldelay.go). It returns an error only when ctx ended while
// waiting for another caller's robots.txt fetch.
func (f *SiteFetcher) robotsAllow(ctx context.Context, u *url.URL) (allowed bool, crawlDelay time.Duration, err error) {
	origin := originOf(u)
	rules, err := f.robots.do(ctx, origin, func() (*robotstxt.RobotsData, bool) {
		return f.fetchRobots(ctx, origin)
	})
	if err != nil {
		return false, 0, err
	}
	if rules == nil {
		return true, 0, nil
	}
	// FindGroup is the group TestAgent judges the path by.
	return rules.TestAgent(u.RequestURI(), f.c.opts.UserAgent), rules.FindGroup(f.c.opts.UserAgent).CrawlDelay, nil
}

// originOf returns scheme://host[:port] of a normalised address: the unit
// robots.txt, and so its Crawl-delay, applies to.
func originOf(u *url.URL) string { return u.Scheme + "://" + u.Host }

// fetchRobots returns the origin's rules, nil meaning "everything allowed",
// and whether the answer may be kept for the rest of the run.
func (f *SiteFetcher) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, bool) {
	r := f.getRobots(ctx, origin+"/robots.txt")
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
		// robotstxt rejects the whole file for one bad line; the rules
		// of the other lines still say what the site wants.
		salvaged, dropped := salvageRobots(r.body)
		if rules, err2 := robotstxt.FromBytes(salvaged); dropped > 0 && err2 == nil {
			f.log.Debug("robots.txt lines skipped", "url", origin+"/robots.txt", "lines", dropped, "error", err)
			return rules, true
		}
		f.log.Debug("robots.txt does not parse; allowing all", "url", origin+"/robots.txt", "error", err)
		return nil, true
	}
	return rules, true
}

// salvageRobots drops the lines for which robotstxt rejects a whole file —
// a Crawl-delay whose value is not a number ("5s", "5 seconds"), and an
// Allow, Disallow or Crawl-delay before any User-agent — and returns the
// rest with how many lines went. Crawlers that read such files line by
// line ignore those lines and obey the others; allowing everything because
// of them would throw the site's Disallow rules away.
func salvageRobots(body []byte) ([]byte, int) {
	var out bytes.Buffer
	dropped, agent := 0, false
	for line := range bytes.Lines(body) {
		content := line
		if i := bytes.IndexByte(content, '#'); i >= 0 {
			content = content[:i]
		}
		key, value, found := bytes.Cut(bytes.TrimSpace(content), []byte(":"))
		k := strings.ToLower(string(bytes.TrimSpace(key)))
		v := string(bytes.TrimSpace(value))
		keep := true
		switch {
		case !found:
		case k == "user-agent":
			agent = true
		case k == "allow" || k == "disallow" || k == "crawl-delay" || k == "crawldelay":
			if !agent {
				keep = false
				break
			}
			if k == "crawl-delay" || k == "crawldelay" {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					keep = false
				}
			}
		}
		if !keep {
			dropped++
			continue
		}
		out.Write(line)
	}
	return out.Bytes(), dropped
}

// getRobots fetches a robots.txt file (following redirects, with
// checkRedirect's hop policy but no robots.txt check of their own) without
// taking one of f.slots or colly's politeness slot.
//
// Redirect targets are checked while their request holds both slots. Were
// robots.txt fetched through get, two requests redirecting at once to an
// origin whose robots.txt is not yet known (http → https of the same host)
// would hold both slots and each wait for one: a deadlock. colly's rule
// blocks on a bare channel too, so bypassing f.slots alone would not do.
// A robots.txt fetch for the address asked for goes this way as well: the
// robots cache is shared, and a page fetch leading one origin's robots.txt
// fetch while waiting for a slot held by redirects waiting for that very
// fetch would deadlock the same way.
func (f *SiteFetcher) getRobots(ctx context.Context, target string) response {
	var r response
	// ctx may be a page request's (followRedirect): the page's header
	// callback must not be handed this response's body (see noteBody).
	ctx = context.WithValue(ctx, rawBodyKey{}, nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		r.err = err
		return r
	}
	req.Header = requestHeaders.Clone()
	req.Header.Set("User-Agent", f.c.opts.UserAgent)
	resp, err := f.robotsClient.Do(req)
	if err != nil {
		r.err = err
		return r
	}
	defer resp.Body.Close()
	r.status = resp.StatusCode
	r.finalURL = resp.Request.URL.String()
	r.contentType = resp.Header.Get("Content-Type")
	if r.status < 200 || r.status >= 300 {
		// The status is the answer; the body is not read.
		return r
	}
	limit := f.c.opts.MaxBodyBytes
	if resp.ContentLength > limit {
		r.tooLarge = true
		return r
	}
	body, err := readBody(resp.Body, resp.ContentLength, limit)
	switch {
	case err != nil:
		r.err = err
	case int64(len(body)) > limit:
		r.tooLarge = true
	default:
		r.body = body
	}
	return r
}
