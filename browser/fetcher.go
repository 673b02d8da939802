package browser

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/govaudit/govaudit"
)

// Site is a site's HTTP fetcher as the browser uses it: *crawler.SiteFetcher.
type Site interface {
	govaudit.Fetcher
	Gate
}

// Fetcher is a site's fetcher for one audit with the browser beside it. It
// fetches over HTTP, and shows a page in the browser where HTTP alone
// cannot read it: a script cookie challenge (whose cookies then go to the
// HTTP client, so the rest of the site is crawled plainly), every HTML page
// in mode "always", and the pages the checks ask it to Render (lists and
// menus a script builds). It implements govaudit.Fetcher, Renderer and
// Screenshotter.
type Fetcher struct {
	site Site
	b    *Browser // nil in mode "never"
	mode string

	mu    sync.Mutex
	pages map[string]*call // rendered pages by address
	shots map[string]*call // screenshots by address
}

type call struct {
	done chan struct{}
	r    *Rendered
}

// Site wraps a site's HTTP fetcher. mode is crawl.browser; b may be nil
// for "never".
func (b *Browser) Site(site Site, mode string) *Fetcher {
	if mode == "" {
		mode = govaudit.BrowserAuto
	}
	if mode == govaudit.BrowserNever {
		b = nil
	}
	return &Fetcher{site: site, b: b, mode: mode, pages: map[string]*call{}, shots: map[string]*call{}}
}

// Fetch returns the page over HTTP, or as the browser shows it when HTTP
// met a script challenge (or the mode is "always").
func (f *Fetcher) Fetch(ctx context.Context, url string, depth int) *govaudit.Page {
	p := f.site.Fetch(ctx, url, depth)
	if f.mode == govaudit.BrowserNever {
		return p
	}
	switch {
	case ScriptChallenge(p):
		r := f.Render(ctx, url, depth)
		if r.Err != nil && r.Err.Kind == govaudit.ErrUnrendered {
			r.Err.Message = "脚本验证页（HTTP " + strconv.Itoa(p.Status) + "）需浏览器通过; script cookie challenge: " + r.Err.Message
		}
		return r
	case f.mode == govaudit.BrowserAlways && p.OK() && isHTML(p):
		if r := f.Render(ctx, url, depth); r.OK() {
			return r
		}
	}
	return p
}

// Render shows url in the browser, once per audit.
func (f *Fetcher) Render(ctx context.Context, url string, depth int) *govaudit.Page {
	if f.b == nil {
		return &govaudit.Page{URL: url, FinalURL: url, Err: &govaudit.FetchError{Kind: govaudit.ErrUnrendered,
			Message: "需要浏览器渲染，但 crawl.browser 为 never: page needs a browser and crawl.browser is never"}}
	}
	return f.do(ctx, f.pages, url, false).Page
}

// Screenshot returns a PNG of url as the browser shows it, images
// included, or nil.
func (f *Fetcher) Screenshot(ctx context.Context, url string) []byte {
	if f.b == nil || !f.b.Available() {
		return nil
	}
	return f.do(ctx, f.shots, url, true).PNG
}

// do renders url once per audit and kind; concurrent callers share it. A
// render cut short by the caller's context is not kept.
func (f *Fetcher) do(ctx context.Context, m map[string]*call, url string, shot bool) *Rendered {
	f.mu.Lock()
	if c, ok := m[url]; ok {
		f.mu.Unlock()
		select {
		case <-c.done:
			return c.r
		case <-ctx.Done():
			return &Rendered{Page: &govaudit.Page{URL: url, FinalURL: url,
				Err: &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "渲染未完成审计已结束: audit ended during the render"}}}
		}
	}
	c := &call{done: make(chan struct{})}
	m[url] = c
	f.mu.Unlock()
	c.r = f.b.Render(ctx, f.site, url, shot)
	if ctx.Err() != nil {
		f.mu.Lock()
		delete(m, url)
		f.mu.Unlock()
	}
	close(c.done)
	return c.r
}

// Stats and WeakTLS pass through to the HTTP fetcher when it has them.
func (f *Fetcher) Stats() govaudit.FetchStats {
	if s, ok := f.site.(interface{ Stats() govaudit.FetchStats }); ok {
		return s.Stats()
	}
	return govaudit.FetchStats{}
}

// ScriptChallenge reports whether an HTTP answer is a script cookie
// challenge that a browser passes: a refusal (412, 521, 503, 403, or a 2xx
// challenge page) whose small body is a script setting a cookie or
// carrying a known anti-bot marker.
func ScriptChallenge(p *govaudit.Page) bool {
	if p == nil || p.Err == nil || len(p.Body) == 0 || len(p.Body) > 64<<10 {
		return false
	}
	switch p.Err.Kind {
	case govaudit.ErrBlocked, govaudit.ErrHTTP5xx, govaudit.ErrHTTP4xx:
	default:
		return false
	}
	switch s := p.Status; {
	case s == 412, s == 521, s == 503, s == 403, s >= 200 && s < 300:
	default:
		return false
	}
	b := p.Body
	if !bytes.Contains(bytes.ToLower(b), []byte("<script")) {
		return false
	}
	if bytes.Contains(b, []byte("document.cookie")) {
		return true
	}
	for _, m := range []string{"__jsl_clearance", "wzwschallenge", "yunsuo_session_verify", "$_ts", "cf_chl_"} {
		if bytes.Contains(b, []byte(m)) {
			return true
		}
	}
	return false
}

func isHTML(p *govaudit.Page) bool {
	ct := strings.ToLower(p.ContentType)
	return ct == "" || strings.Contains(ct, "html")
}
