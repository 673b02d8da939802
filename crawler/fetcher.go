package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"

	"github.com/govaudit/govaudit"
)

// SiteFetcher fetches the pages of one site for one audit run. It
// implements checks.Fetcher and is safe for concurrent use.
//
// It owns one colly collector: the site's politeness rule, HTTP client,
// cookie jar and redirect policy live there. colly v2.3.0 takes the request
// context from a collector-wide field, so each Fetch runs on a Clone of that
// collector carrying the caller's context. Clones share the collector's
// HTTP backend — its client and its LimitRule, which bounds requests in
// flight — and its cookie jar. The per-host delay after each request is
// the host's slot resting (hostSlots), not colly's.
type SiteFetcher struct {
	c    *Crawler
	log  *slog.Logger
	rt   *siteTransport
	base *colly.Collector
	jar  http.CookieJar
	// robotsClient fetches robots.txt (see getRobots): the site's
	// transport and cookie jar, but neither f.slots nor colly's rule.
	robotsClient *http.Client

	// pages caches every page of the run by normalised URL and shares
	// concurrent fetches of one URL; robots does the same per origin.
	pages  flightGroup[*govaudit.Page]
	robots flightGroup[*robotstxt.RobotsData]

	// slots mirrors the politeness rule's parallelism. colly's LimitRule
	// does bound requests in flight per collector for concurrent
	// synchronous callers (TestCollyLimitRule), but a caller waiting for
	// one of its slots blocks on a bare channel send no context can cancel.
	// Taking a slot here first, in a select with ctx, makes waiting
	// cancellable; colly's rule then never blocks. The slot is given back
	// as soon as the response has arrived: the per-host delay is kept by
	// the host's slot (hostSlots), which a request takes after this one.
	slots chan struct{}
	// pace spaces requests to an origin by its robots.txt Crawl-delay,
	// within the slots.
	pace crawlPacer

	mu       sync.Mutex
	reserved int // budget slots taken by requests made or in flight
	fetched  int // responses received
	errors   map[govaudit.ErrorKind]int
}

// Site returns a fetcher for one audit run of one site.
func (c *Crawler) Site(siteID string) *SiteFetcher {
	log := c.logger.With("site", siteID)
	f := &SiteFetcher{
		c:      c,
		log:    log,
		rt:     &siteTransport{c: c, log: log},
		slots:  make(chan struct{}, c.opts.PerHostParallelism),
		pace:   crawlPacer{max: c.opts.MaxCrawlDelay, log: log},
		errors: make(map[govaudit.ErrorKind]int),
	}
	// One jar for pages and robots.txt, as when both went through colly:
	// a cookie set by either is sent with the other.
	jar, _ := cookiejar.New(nil) // cannot fail without options
	f.jar = jar
	f.base = c.newCollector(f.rt, jar, f.followRedirect)
	f.robotsClient = &http.Client{
		Transport:     f.rt,
		Jar:           jar,
		CheckRedirect: checkRedirect,
		Timeout:       c.opts.Timeout,
	}
	return f
}

// requestHeaders are sent with every request besides the user agent.
var requestHeaders = http.Header{
	"Accept":          {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
	"Accept-Language": {"zh-CN,zh;q=0.9,en;q=0.5"},
	"Accept-Encoding": {acceptEncoding},
}

// newCollector returns a site's collector. redirect is its redirect
// handler: a SiteFetcher's, because checking redirect targets against
// robots.txt needs the fetcher's robots.txt cache.
func (c *Crawler) newCollector(rt http.RoundTripper, jar http.CookieJar, redirect func(*http.Request, []*http.Request) error) *colly.Collector {
	// Every setting that matters is set explicitly, also to colly's
	// defaults: NewCollector applies COLLY_* environment variables, which
	// must not change how audits crawl.
	col := colly.NewCollector()
	col.UserAgent = c.opts.UserAgent
	headers := requestHeaders.Clone()
	col.Headers = &headers
	// robots.go does robots.txt; the pages cache does de-duplication. With
	// colly's revisit check on, a redirect to an address already fetched
	// (a.gov.cn/x → www.a.gov.cn/, fetched before) would fail.
	col.IgnoreRobotsTxt = true
	col.AllowURLRevisit = true
	col.AllowedDomains = nil
	col.ParseHTTPErrorResponse = true
	col.DetectCharset = false
	col.MaxDepth = 0
	col.MaxRequests = 0
	col.CacheDir = ""
	col.Async = false
	col.CheckHead = false
	col.TraceHTTP = false
	// One byte over the limit tells a body at the limit from one cut at it:
	// colly truncates silently.
	col.MaxBodySize = int(c.opts.MaxBodyBytes + 1)
	col.SetRequestTimeout(c.opts.Timeout)
	col.WithTransport(rt)
	col.SetCookieJar(jar)
	col.SetRedirectHandler(redirect)
	// Cannot fail: New compiled the same rule.
	_ = col.Limit(politenessRule(c.opts))
	return col
}

// Fetch returns the page at rawURL, fetched at most once per run. It never
// returns nil; failures come back as a Page whose Err is set.
func (f *SiteFetcher) Fetch(ctx context.Context, rawURL string, depth int) *govaudit.Page {
	if err := ctx.Err(); err != nil {
		return &govaudit.Page{URL: rawURL, FinalURL: rawURL, Err: endedError(err)}
	}
	u, key, err := normalize(rawURL)
	if err != nil {
		return f.refuse(rawURL, fetchError(govaudit.ErrOther, "%s", shorten(err.Error())))
	}
	if depth > f.c.opts.MaxDepth {
		return f.refuse(rawURL, fetchError(govaudit.ErrBudget, "depth %d is over the maximum of %d", depth, f.c.opts.MaxDepth))
	}
	p, err := f.pages.do(ctx, key, func() (*govaudit.Page, bool) {
		return f.fetch(ctx, rawURL, key, u)
	})
	if err != nil {
		return &govaudit.Page{URL: rawURL, FinalURL: rawURL, Err: endedError(err)}
	}
	if p.URL != rawURL {
		// The same address, spelt differently by another caller.
		cp := *p
		cp.URL = rawURL
		return &cp
	}
	return p
}

// refuse returns a page refused before any request, counting the error.
func (f *SiteFetcher) refuse(rawURL string, fe *govaudit.FetchError) *govaudit.Page {
	p := &govaudit.Page{URL: rawURL, FinalURL: rawURL, Err: fe}
	f.record(p, false)
	f.log.Debug("fetch refused", "url", rawURL, "kind", fe.Kind, "reason", fe.Message)
	return p
}

// fetch is the one computation of a page; it reports whether the page may
// be cached.
func (f *SiteFetcher) fetch(ctx context.Context, rawURL, key string, u *url.URL) (p *govaudit.Page, keep bool) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			f.log.Error("fetch panicked", "url", rawURL, "panic", r)
			p, keep = &govaudit.Page{URL: rawURL, FinalURL: rawURL, Err: fetchError(govaudit.ErrOther, "internal error: %v", r)}, true
		}
	}()
	var crawlDelay time.Duration
	if f.c.opts.RespectRobots {
		allowed, delay, err := f.robotsAllow(ctx, u)
		if err != nil {
			return &govaudit.Page{URL: rawURL, FinalURL: rawURL, Err: endedError(err)}, false
		}
		if !allowed {
			return f.refuse(rawURL, fetchError(govaudit.ErrRobots, "robots.txt disallows %s", u.RequestURI())), true
		}
		crawlDelay = delay
	}
	if !f.reserve() {
		// Not cached: the answer is about the budget, not the page.
		return f.refuse(rawURL, fetchError(govaudit.ErrBudget, "page budget of %d for the site is spent", f.c.opts.MaxPagesPerSite)), false
	}
	r := f.get(ctx, u, crawlDelay)
	p, ended := f.page(ctx, rawURL, r)
	// A failure caused by the caller giving up is not the site's: do not
	// cache or count it, and give its budget slot back.
	if ended {
		f.release()
	}
	f.record(p, ended)
	f.logFetch(p, time.Since(start), ended)
	if ended {
		return p, false
	}
	// Keep the page under its final address too: home pages redirect
	// (a.gov.cn → www.a.gov.cn/) and then link to where they landed.
	if p.Status != 0 && p.FinalURL != rawURL {
		if _, finalKey, err := normalize(p.FinalURL); err == nil && finalKey != key {
			alias := *p
			alias.URL = p.FinalURL
			f.pages.add(finalKey, &alias)
		}
	}
	return p, true
}

// response is what one request through colly produced.
type response struct {
	status      int
	finalURL    string
	contentType string // as the server sent it
	body        []byte // raw bytes, at most MaxBodyBytes
	read        bool   // body was read by the header callback, not by colly
	tooLarge    bool
	err         error
}

// get makes one request (following redirects) through a clone of the
// site's collector bound to ctx, started no sooner than crawlDelay (the
// Crawl-delay of u's origin, 0 for none) after the previous request to
// that origin.
func (f *SiteFetcher) get(ctx context.Context, u *url.URL, crawlDelay time.Duration) response {
	var r response
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		r.err = ctx.Err()
		return r
	}
	defer func() { <-f.slots }()
	// Then the host's slot, shared with every other site on the host.
	release, err := f.c.hosts.acquire(ctx, u.Host)
	if err != nil {
		r.err = err
		return r
	}
	defer release()
	if err := f.pace.wait(ctx, originOf(u), crawlDelay); err != nil {
		r.err = err
		return r
	}
	target := u.String()
	limit := f.c.opts.MaxBodyBytes
	// The transport leaves each response's body here for the header
	// callback below (see readBody).
	rb := &rawBody{}
	col := f.base.Clone()
	col.Context = context.WithValue(ctx, rawBodyKey{}, rb)
	col.OnResponseHeaders(func(cr *colly.Response) {
		r.status = cr.StatusCode
		r.finalURL = cr.Request.URL.String()
		r.contentType = cr.Headers.Get("Content-Type")
		length := int64(-1)
		if cl := cr.Headers.Get("Content-Length"); cl != "" {
			if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
				length = n
			}
			if tooLong(cl, limit) {
				// Do not download what would be thrown away.
				r.tooLarge = true
				cr.Request.Abort()
			}
		}
		if !r.tooLarge && rb.body != nil {
			body, err := readBody(rb.body.rc, length, limit)
			if err != nil {
				// colly's own read, which follows, reports the failure:
				// hand it the error this read got, as it would have got it
				// reading first (see heldBody).
				rb.body.err = err
			} else {
				r.body, r.read = body, true
				if int64(len(body)) > limit {
					r.tooLarge = true
					cr.Request.Abort()
				}
			}
		}
		// colly would re-decode the body by the header's charset, garbling
		// pages whose header lies. Declaring UTF-8 makes it keep the bytes;
		// toUTF8 decodes them later with the header remembered above.
		cr.Headers.Set("Content-Type", "text/plain; charset=utf-8")
	})
	col.OnResponse(func(cr *colly.Response) {
		r.status = cr.StatusCode
		if !r.read {
			r.body = cr.Body
		}
	})
	r.err = col.Visit(target)
	if r.err == nil && int64(len(r.body)) > limit {
		r.tooLarge = true
	}
	if r.tooLarge {
		r.body = nil
	}
	return r
}

// rawBody carries the body of the response being handled from the
// transport to the collector's header callback.
//
// colly reads bodies with io.ReadAll, which grows its buffer from 512 bytes
// and copies the result once more into a right-sized slice: for a typical
// page, twice its size in garbage. The header callback instead reads the
// body itself, into a buffer sized by Content-Length, and colly's read that
// follows finds it at its end. Every body is read this way: the transport
// has decoded it already (decodeBody), and colly is told not to.
type rawBody struct {
	body *heldBody
}

type rawBodyKey struct{}

// heldBody is a response body as the transport returns it, read by the
// header callback before colly reads it through the client's wrapper.
//
// net/http hands the first reader of a failed body the error as the
// connection saw it (the request's cancellation, say) and later readers the
// raw read error ("use of closed network connection"). colly used to be the
// first reader; when the header callback's read fails, err keeps that first
// error for colly's read, so that a failure is reported exactly as before.
type heldBody struct {
	rc  io.ReadCloser
	err error
}

func (b *heldBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	return b.rc.Read(p)
}

func (b *heldBody) Close() error { return b.rc.Close() }

// noteBody hands the body of resp to the fetch that asked for it. The last
// response of a redirect chain is the one the header callback sees.
func noteBody(req *http.Request, resp *http.Response) {
	if rb, ok := req.Context().Value(rawBodyKey{}).(*rawBody); ok {
		rb.body = &heldBody{rc: resp.Body}
		resp.Body = rb.body
	}
}

// maxPrealloc bounds the buffer allocated up front for a declared
// Content-Length: a server announcing megabytes and sending nothing must
// not make us hold them.
const maxPrealloc = 1 << 20

// readBody reads r to its end, but no more than limit+1 bytes: one byte
// over the limit tells a body at the limit from one cut at it. length is
// the declared Content-Length, or -1.
func readBody(r io.Reader, length, limit int64) ([]byte, error) {
	size := int64(512)
	if length >= 0 {
		// One more byte than announced, so that the read which meets the
		// end needs no growth.
		size = min(length, limit, maxPrealloc) + 1
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if over := int64(len(buf)) + int64(len(room)) - (limit + 1); over > 0 {
			room = room[:int64(len(room))-over]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		case int64(len(buf)) > limit:
			return buf, nil
		}
	}
}

// tooLong reports whether a Content-Length value is over limit.
func tooLong(contentLength string, limit int64) bool {
	n, err := strconv.ParseInt(contentLength, 10, 64)
	return err == nil && n > limit
}

// page turns a response into the Page the checks see. ended reports a
// failure caused by ctx ending.
func (f *SiteFetcher) page(ctx context.Context, rawURL string, r response) (p *govaudit.Page, ended bool) {
	p = &govaudit.Page{URL: rawURL, FinalURL: r.finalURL, Status: r.status, ContentType: r.contentType}
	if p.FinalURL == "" {
		p.FinalURL = rawURL
		var ue *url.Error
		if target, ok := refusedTarget(r.err); ok {
			p.FinalURL = target
		} else if r.err != nil && errors.As(r.err, &ue) && ue.URL != "" {
			p.FinalURL = ue.URL
		}
	}
	if r.status != 0 {
		p.FetchedAt = time.Now()
	}
	switch {
	case r.tooLarge:
		p.Err = fetchError(govaudit.ErrTooLarge, "body larger than %d bytes", f.c.opts.MaxBodyBytes)
	case r.err != nil:
		p.Err, ended = classifyError(ctx, r.err, f.c.opts.Timeout)
	default:
		p.Raw = r.body
		p.Body, p.Charset = decodeText(r.body, r.contentType)
		p.Err = statusError(r.status, p.Body)
	}
	return p, ended
}

func (f *SiteFetcher) reserve() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reserved >= f.c.opts.MaxPagesPerSite {
		return false
	}
	f.reserved++
	return true
}

func (f *SiteFetcher) release() {
	f.mu.Lock()
	f.reserved--
	f.mu.Unlock()
}

// record counts a fetch result in the stats. Errors caused by the caller's
// context ending are left out: they say nothing about the site.
func (f *SiteFetcher) record(p *govaudit.Page, ended bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p.Status != 0 {
		f.fetched++
	}
	if p.Err != nil && !ended {
		f.errors[p.Err.Kind]++
	}
}

func (f *SiteFetcher) logFetch(p *govaudit.Page, d time.Duration, ended bool) {
	// Asked first: the arguments of a Debug call are boxed even when the
	// level is off, on every fetch.
	if f.log.Enabled(context.Background(), slog.LevelDebug) {
		if p.Err == nil {
			f.log.Debug("fetch", "url", p.URL, "status", p.Status, "duration", d, "bytes", len(p.Body))
		} else {
			f.log.Debug("fetch", "url", p.URL, "status", p.Status, "duration", d, "kind", p.Err.Kind, "error", p.Err.Message)
		}
	}
	if p.Err != nil && p.Err.Kind == govaudit.ErrOther && !ended {
		f.log.Warn("fetch failed unexpectedly", "url", p.URL, "error", p.Err.Message)
	}
}

// Stats reports the pages fetched (responses received, error statuses
// included; not cache hits, not robots.txt) and the errors by kind.
func (f *SiteFetcher) Stats() govaudit.FetchStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := govaudit.FetchStats{Pages: f.fetched}
	if len(f.errors) > 0 {
		s.Errors = maps.Clone(f.errors)
	}
	return s
}

// WeakTLS reports whether some host of the site could only be reached with
// the legacy TLS fallback (TLS 1.0/1.1, RSA key exchange or 3DES).
func (f *SiteFetcher) WeakTLS() bool { return f.rt.weak.Load() }

// normalize parses an address and returns it with the cache key: scheme and
// host in lower case, default port and fragment dropped, empty path "/".
func normalize(raw string) (*url.URL, string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, "", fmt.Errorf("bad url: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, "", fmt.Errorf("unsupported url scheme %q in %s", u.Scheme, raw)
	}
	if u.Host == "" {
		return nil, "", fmt.Errorf("url %s has no host", raw)
	}
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u, u.String(), nil
}
