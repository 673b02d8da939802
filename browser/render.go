package browser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/crawler"
)

// Gate is what the browser asks of a site's HTTP fetcher before and for each
// request: *crawler.SiteFetcher implements it.
type Gate interface {
	// Admit says whether url may be fetched now (robots.txt, budget,
	// politeness); done is called once the response has arrived.
	Admit(ctx context.Context, url string) (done func(), fe *govaudit.FetchError)
	// Transport sends the request, through the SSRF guard.
	Transport() http.RoundTripper
	// Jar receives the cookies the browser holds after a page.
	Jar() http.CookieJar
}

// quiet is how long a page must make no request, with its document loaded,
// to count as rendered: a challenge script reloads at once, a list script
// asks for its data at once.
const quiet = 400 * time.Millisecond

// Rendered is a page as the browser left it.
type Rendered struct {
	Page *govaudit.Page
	// PNG is the screenshot, when one was asked for.
	PNG []byte
	// Blocked lists the requests refused inside the browser, with why.
	Blocked []string
	// Cookies are the browser's cookies for the page's origin after it
	// rendered; they were also put into the site's jar.
	Cookies []*http.Cookie
}

// Render shows rawURL in a new tab, its requests answered through gate,
// and returns the document as its scripts left it. A page that cannot be
// rendered (no browser, a crash, the render deadline) comes back with Err
// set; it never stops the caller.
func (b *Browser) Render(ctx context.Context, gate Gate, rawURL string, screenshot bool) *Rendered {
	fail := func(kind govaudit.ErrorKind, format string, args ...any) *Rendered {
		return &Rendered{Page: &govaudit.Page{URL: rawURL, FinalURL: rawURL,
			Err: &govaudit.FetchError{Kind: kind, Message: fmt.Sprintf(format, args...)}}}
	}
	if !b.Available() {
		return fail(govaudit.ErrUnrendered, "需要浏览器渲染，但未找到 Chromium（crawl.browser_path）: page needs a browser and no Chromium was found")
	}
	select {
	case b.tabs <- struct{}{}:
	case <-ctx.Done():
		return fail(govaudit.ErrTimeout, "渲染前审计已结束: audit ended before the page could be rendered")
	}
	defer func() { <-b.tabs }()
	proc, err := b.running()
	if err != nil {
		return fail(govaudit.ErrUnrendered, "浏览器无法启动: chromium could not start: %v", err)
	}
	t := &tab{b: b, gate: gate, shot: screenshot, url: rawURL}
	r := t.render(ctx, proc)
	if r.Page.Err != nil && proc.ctx.Err() != nil {
		// The browser died under the page: the next render starts another.
		r.Page.Err = &govaudit.FetchError{Kind: govaudit.ErrOther,
			Message: "渲染时浏览器崩溃: chromium crashed while rendering the page"}
	}
	return r
}

// tab is one page being rendered.
type tab struct {
	b    *Browser
	gate Gate
	shot bool
	url  string

	ctx     context.Context // the tab's chromedp context, bounded by the deadline
	mainID  cdp.FrameID
	pending atomic.Int32
	last    atomic.Int64 // unix nanos of the last request activity

	mu        sync.Mutex
	docLoads  int // main documents answered: a challenge reloads
	docStatus int
	docURL    string
	docType   string
	docErr    *govaudit.FetchError
	blocked   []string
}

func (t *tab) render(ctx context.Context, proc *process) *Rendered {
	tabCtx, cancelTab := chromedp.NewContext(proc.ctx)
	defer cancelTab()
	deadline := time.Now().Add(t.b.opts.RenderTimeout)
	runCtx, cancelRun := context.WithDeadline(tabCtx, deadline)
	defer cancelRun()
	// The caller giving up ends the render too.
	stop := context.AfterFunc(ctx, cancelRun)
	defer stop()
	t.ctx = runCtx
	t.touch()

	res := &Rendered{}
	err := t.load(runCtx)
	if err == nil {
		var html string
		html, err = chromedp.Run(runCtx, chromedp.Evaluate[string](`(document.doctype ? "<!DOCTYPE html>\n" : "") + (document.documentElement ? document.documentElement.outerHTML : "")`))
		if err == nil && t.shot {
			res.PNG, err = chromedp.Run(runCtx, chromedp.CaptureScreenshot())
		}
		if err == nil {
			res.Page = t.page(html)
			res.Cookies = t.handCookies(runCtx)
		}
	}
	t.mu.Lock()
	res.Blocked = append([]string(nil), t.blocked...)
	t.mu.Unlock()
	if err != nil {
		p := &govaudit.Page{URL: t.url, FinalURL: t.url}
		switch {
		case ctx.Err() != nil:
			p.Err = &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "渲染未完成审计已结束: audit ended during the render"}
		case t.stillChallenged():
			p.Status = t.docStatus
			p.Err = &govaudit.FetchError{Kind: govaudit.ErrBlocked,
				Message: fmt.Sprintf("浏览器也未能通过验证（HTTP %d）: the challenge was not passed in a browser either", t.docStatus)}
		case errors.Is(err, context.DeadlineExceeded) || time.Now().After(deadline):
			p.Err = &govaudit.FetchError{Kind: govaudit.ErrTimeout,
				Message: fmt.Sprintf("渲染超时（%s）: page did not finish rendering within %s", t.b.opts.RenderTimeout, t.b.opts.RenderTimeout)}
		default:
			p.Err = &govaudit.FetchError{Kind: govaudit.ErrOther, Message: "渲染失败: render failed: " + shorten(err.Error())}
		}
		res.Page = p
	}
	return res
}

// load opens the page and waits until it settles: the document loaded and
// no request for a quiet spell, a challenge's reload included.
func (t *tab) load(ctx context.Context) error {
	if err := chromedp.Listen(ctx, t.listen); err != nil {
		return err
	}
	c := chromedp.FromContext(ctx)
	t.mainID = cdp.FrameID(c.Target.TargetID)
	patterns := []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageRequest}}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: patterns}); err != nil {
		return err
	}
	// Page.navigate answers only once the navigation commits, and a
	// challenge script that navigates again at once can hold that answer
	// back; the page is opened from script and watched instead.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any]("location.href = "+strconv.Quote(t.url)+"; null")); err != nil {
		return err
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		if t.challengeLoop() {
			// The wall answers its own cookie with another challenge:
			// a browser cannot pass it either.
			return nil
		}
		if t.pending.Load() > 0 || time.Since(time.Unix(0, t.last.Load())) < quiet {
			continue
		}
		if fe := t.documentError(); fe != nil {
			return &docError{fe}
		}
		if !t.answered() {
			continue
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState`))
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue // a navigation replaced the document under the call
		}
		if state == "complete" && t.pending.Load() == 0 && time.Since(time.Unix(0, t.last.Load())) >= quiet {
			return nil
		}
	}
}

// docError is a main document the browser was not allowed to fetch.
type docError struct{ fe *govaudit.FetchError }

func (e *docError) Error() string { return e.fe.Error() }

func (t *tab) documentError() *govaudit.FetchError {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.docErr
}

// maxChallengeLoads is how many challenge answers to the main document
// make a wall that a browser cannot pass: a real challenge is passed on
// the first reload.
const maxChallengeLoads = 4

// challengeLoop reports whether the page keeps answering with a challenge.
func (t *tab) challengeLoop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.docLoads >= maxChallengeLoads && challengeStatus(t.docStatus)
}

// challengeStatus reports whether an HTTP status is one that script
// challenges answer with.
func challengeStatus(s int) bool { return s == 412 || s == 521 || s == 403 || s == 503 }

// stillChallenged reports whether the last main document was a challenge
// that reloaded: the render ended on the wall.
func (t *tab) stillChallenged() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.docLoads >= 2 && challengeStatus(t.docStatus)
}

// answered reports whether the main document has been answered.
func (t *tab) answered() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.docStatus != 0
}

func (t *tab) touch() { t.last.Store(time.Now().UnixNano()) }

// listen runs in the tab's message loop: it must not block.
func (t *tab) listen(ev any) {
	if e, ok := ev.(*fetch.EventRequestPaused); ok {
		t.pending.Add(1)
		t.touch()
		go func() {
			defer func() { t.touch(); t.pending.Add(-1) }()
			t.answer(e)
		}()
	}
}

// answer handles one paused request: refused, or fetched through the gate
// and handed to the browser.
func (t *tab) answer(e *fetch.EventRequestPaused) {
	ctx := t.ctx
	u := e.Request.URL
	isDoc := e.ResourceType == network.ResourceTypeDocument && e.FrameID == t.mainID
	failWith := func(reason network.ErrorReason, why string) {
		t.mu.Lock()
		t.blocked = append(t.blocked, u+": "+why)
		t.mu.Unlock()
		_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: reason})
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		failWith(network.ErrorReasonBlockedByClient, "scheme not fetched")
		return
	}
	switch e.ResourceType {
	case network.ResourceTypeImage, network.ResourceTypeFont, network.ResourceTypeMedia:
		if !t.shot {
			failWith(network.ErrorReasonBlockedByClient, "not needed without a screenshot")
			return
		}
	case network.ResourceTypeWebSocket, network.ResourceTypeEventSource, network.ResourceTypePing,
		network.ResourceTypeCSPViolationReport, network.ResourceTypePrefetch:
		failWith(network.ErrorReasonBlockedByClient, "not fetched")
		return
	}
	done, fe := t.gate.Admit(ctx, u)
	if fe != nil {
		if isDoc {
			t.mu.Lock()
			t.docErr = fe
			t.mu.Unlock()
		}
		failWith(network.ErrorReasonBlockedByClient, string(fe.Kind)+": "+fe.Message)
		return
	}
	resp, body, err := t.send(ctx, e)
	done()
	if err != nil {
		reason := network.ErrorReasonConnectionFailed
		kind := govaudit.ErrOther
		if crawler.IsPrivateAddress(err) {
			reason, kind = network.ErrorReasonAddressUnreachable, govaudit.ErrPrivateAddress
		} else if errors.Is(err, context.DeadlineExceeded) {
			reason, kind = network.ErrorReasonTimedOut, govaudit.ErrTimeout
		}
		if isDoc {
			t.mu.Lock()
			t.docErr = &govaudit.FetchError{Kind: kind, Message: shorten(err.Error())}
			t.mu.Unlock()
		}
		failWith(reason, shorten(err.Error()))
		return
	}
	if isDoc {
		t.mu.Lock()
		t.docStatus, t.docURL, t.docType, t.docErr = resp.StatusCode, u, resp.Header.Get("Content-Type"), nil
		t.docLoads++
		t.mu.Unlock()
	}
	var headers []*fetch.HeaderEntry
	for k, vs := range resp.Header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Encoding", "Content-Length", "Transfer-Encoding", "Connection":
			continue
		}
		for _, v := range vs {
			headers = append(headers, &fetch.HeaderEntry{Name: k, Value: v})
		}
	}
	_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: e.RequestID, ResponseCode: int64(resp.StatusCode), ResponseHeaders: headers, Body: body,
		ResponsePhrase: phrase(resp),
	})
}

// send makes the paused request from Go, with the browser's cookies for
// its address (the paused request does not carry them), without following
// redirects: the browser follows them, each hop paused and admitted anew.
func (t *tab) send(ctx context.Context, e *fetch.EventRequestPaused) (*http.Response, []byte, error) {
	var body io.Reader
	if e.Request.HasPostData {
		var sb strings.Builder
		for _, pe := range e.Request.PostDataEntries {
			sb.Write(pe.Bytes)
		}
		body = strings.NewReader(sb.String())
	}
	req, err := http.NewRequestWithContext(ctx, e.Request.Method, e.Request.URL, body)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range e.Request.Headers {
		switch http.CanonicalHeaderKey(k) {
		case "Accept-Encoding", "Host", "Content-Length", "Connection", "Cookie":
			continue
		}
		req.Header.Set(k, fmt.Sprint(v))
	}
	if cs, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{e.Request.URL}}); err == nil {
		for _, c := range cs.Cookies {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
	}
	client := &http.Client{
		Transport:     t.gate.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, t.b.opts.MaxBodyBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > t.b.opts.MaxBodyBytes {
		return nil, nil, fmt.Errorf("body larger than %d bytes", t.b.opts.MaxBodyBytes)
	}
	return resp, data, nil
}

// page is the rendered document as the checks read it.
func (t *tab) page(html string) *govaudit.Page {
	t.mu.Lock()
	defer t.mu.Unlock()
	final := t.docURL
	if final == "" {
		final = t.url
	}
	p := &govaudit.Page{URL: t.url, FinalURL: final, Status: t.docStatus,
		ContentType: "text/html; charset=utf-8", Body: []byte(html), FetchedAt: time.Now()}
	switch s := t.docStatus; {
	case t.docErr != nil:
		p.Err = t.docErr
	case s >= 200 && s < 300:
	case challengeStatus(s):
		p.Err = &govaudit.FetchError{Kind: govaudit.ErrBlocked,
			Message: fmt.Sprintf("浏览器也未能通过验证（HTTP %d）: the challenge was not passed in a browser either", s)}
	case s >= 400 && s < 500:
		p.Err = &govaudit.FetchError{Kind: govaudit.ErrHTTP4xx, Message: fmt.Sprintf("HTTP %d %s", s, http.StatusText(s))}
	case s >= 500:
		p.Err = &govaudit.FetchError{Kind: govaudit.ErrHTTP5xx, Message: fmt.Sprintf("HTTP %d %s", s, http.StatusText(s))}
	default:
		p.Err = &govaudit.FetchError{Kind: govaudit.ErrOther, Message: fmt.Sprintf("unexpected HTTP status %d in the browser", s)}
	}
	return p
}

// handCookies copies the browser's cookies for the page into the site's
// jar, so that the rest of the site is crawled plainly with them.
func (t *tab) handCookies(ctx context.Context) []*http.Cookie {
	t.mu.Lock()
	urls := []string{t.url}
	if t.docURL != "" && t.docURL != t.url {
		urls = append(urls, t.docURL)
	}
	t.mu.Unlock()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: urls})
	if err != nil || len(res.Cookies) == 0 {
		return nil
	}
	var out []*http.Cookie
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil {
			continue
		}
		var cs []*http.Cookie
		for _, c := range res.Cookies {
			hc := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, HttpOnly: c.HTTPOnly}
			if strings.HasPrefix(c.Domain, ".") {
				hc.Domain = c.Domain
			}
			if !c.Session && c.Expires > 0 {
				hc.Expires = time.Unix(int64(c.Expires), 0)
			}
			cs = append(cs, hc)
		}
		if jar := t.gate.Jar(); jar != nil {
			jar.SetCookies(pu, cs)
		}
		if out == nil {
			out = cs
		}
	}
	return out
}

// shorten keeps messages short enough for a scorecard cell.
func shorten(s string) string {
	const limit = 200
	if len(s) <= limit {
		return s
	}
	r := []rune(s[:limit])
	return string(r[:len(r)-1]) + "…"
}

// phrase is the status line's reason: Chromium has none of its own for the
// codes anti-bot walls use (521).
func phrase(resp *http.Response) string {
	if _, p, ok := strings.Cut(resp.Status, " "); ok && p != "" {
		return p
	}
	if p := http.StatusText(resp.StatusCode); p != "" {
		return p
	}
	return "Status " + strconv.Itoa(resp.StatusCode)
}
