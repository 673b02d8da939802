package checks

import (
	"context"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/govaudit/govaudit/checks/page"
)

// maxStubHops bounds how many redirect stubs (meta refresh, script
// redirects) are followed in a row: real home pages use one, loops exist.
const maxStubHops = 3

// siteRun is the state of one audit of one site: the parsed pages so far,
// shared by the requirement checks that run concurrently.
type siteRun struct {
	a    *Auditor
	site Site
	f    Fetcher
	now  time.Time

	mu     sync.Mutex
	parsed map[string]*parsedPage
	// shown are the pages a visitor lands on (home, portal and column
	// pages with their frames), in the order first shown: the tampering
	// check scans them.
	shown []*parsedPage
}

func newSiteRun(a *Auditor, site Site, f Fetcher, now time.Time) *siteRun {
	return &siteRun{a: a, site: site, f: f, now: now, parsed: make(map[string]*parsedPage)}
}

// parsedPage is a fetched page with its document parsed once.
type parsedPage struct {
	url  string // the address asked for
	page *Page
	err  *FetchError
	base *url.URL

	// The document is parsed on first use: most detail pages are only
	// searched for a label, and parsing is the costliest step of an audit.
	docOnce sync.Once
	doc     *goquery.Document

	linksOnce sync.Once
	links     []page.Link
}

// Doc returns the parsed document, parsing it on first use. A body the
// parser rejects yields an empty document: HTML parsing recovers from
// nearly anything, so this is a formality.
func (p *parsedPage) Doc() *goquery.Document {
	p.docOnce.Do(func() {
		doc, err := page.Parse(p.page.Body)
		if err != nil {
			doc, _ = page.Parse(nil)
		}
		p.doc = doc
	})
	return p.doc
}

// Links returns the page's links, extracted once.
func (p *parsedPage) Links() []page.Link {
	p.linksOnce.Do(func() {
		p.links = page.Links(p.Doc(), p.base)
	})
	return p.links
}

// get fetches a page once per audit; concurrent callers of the
// same URL share the fetcher's own de-duplication.
func (s *siteRun) get(ctx context.Context, u string, depth int) *parsedPage {
	s.mu.Lock()
	if p, ok := s.parsed[u]; ok {
		s.mu.Unlock()
		return p
	}
	s.mu.Unlock()

	pg := s.f.Fetch(ctx, u, depth)
	p := &parsedPage{url: u, page: pg, err: pg.Err}
	if p.err == nil {
		final := pg.FinalURL
		if final == "" {
			final = u
		}
		base, err := url.Parse(final)
		if err != nil {
			p.err = &FetchError{Kind: ErrOther, Message: "bad final url: " + err.Error()}
		} else {
			p.base = base
		}
	}
	s.mu.Lock()
	if prev, ok := s.parsed[u]; ok {
		p = prev
	} else {
		s.parsed[u] = p
	}
	s.mu.Unlock()
	return p
}

// entry fetches a page the way a browser lands on it: redirect stubs are
// followed and frames are loaded, without counting as a level of depth.
// The returned entryPage's links include those of its frames.
func (s *siteRun) entry(ctx context.Context, u string, depth int) *entryPage {
	e := &entryPage{url: u}
	p := s.get(ctx, u, depth)
	for hop := 0; p.err == nil && hop < maxStubHops; hop++ {
		target, ok := page.Redirect(p.Doc(), p.base)
		if !ok || target == p.url {
			break
		}
		e.via = append(e.via, p.url)
		p = s.get(ctx, target, depth)
	}
	if p.err != nil {
		e.err = p.err
		return e
	}
	e.main = p
	e.pages = []*parsedPage{p}
	defer s.markShown(e)
	for _, fr := range page.Frames(p.Doc(), p.base) {
		fp := s.get(ctx, fr, depth)
		if fp.err != nil {
			continue
		}
		// A frame may itself be a redirect stub or a frameset; one more
		// level covers the layouts seen on real sites.
		if target, ok := page.Redirect(fp.Doc(), fp.base); ok {
			if tp := s.get(ctx, target, depth); tp.err == nil {
				fp = tp
			}
		}
		e.pages = append(e.pages, fp)
		for _, inner := range page.Frames(fp.Doc(), fp.base) {
			if ip := s.get(ctx, inner, depth); ip.err == nil {
				e.pages = append(e.pages, ip)
			}
		}
	}
	return e
}

// markShown records an entry's pages for the tampering check, once each.
func (s *siteRun) markShown(e *entryPage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range e.pages {
		if !slices.Contains(s.shown, p) {
			s.shown = append(s.shown, p)
		}
	}
}

// entryPage is a page as a browser shows it: the final page after stubs,
// plus its frames.
type entryPage struct {
	url   string   // the address asked for
	via   []string // redirect stubs passed through
	main  *parsedPage
	pages []*parsedPage // main first, then frames
	err   *FetchError
}

// Links returns the links of the page and its frames in document order.
func (e *entryPage) Links() []page.Link {
	var out []page.Link
	for _, p := range e.pages {
		out = append(out, p.Links()...)
	}
	return out
}

// URL is the address of the page that carries the content.
func (e *entryPage) URL() string {
	if e.main != nil {
		return e.main.url
	}
	return e.url
}
