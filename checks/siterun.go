package checks

import (
	"context"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
)

// maxStubHops bounds how many redirect stubs (meta refresh, script
// redirects) are followed in a row: real home pages use one, loops exist.
const maxStubHops = 3

// siteRun is the state of one audit of one site: the parsed pages so far,
// shared by the requirement checks that run concurrently.
type siteRun struct {
	a    *Auditor
	site govaudit.Site
	f    govaudit.Fetcher
	now  time.Time

	mu     sync.Mutex
	parsed map[string]*parsedPage
	docs   docCache // the parsed documents kept
	// shown are the pages a visitor lands on (home, portal and column
	// pages with their frames), in the order first shown: the tampering
	// check scans them.
	shown []*parsedPage
	// pagesRead are the list pages read per column address, when a list
	// was followed past its first page.
	pagesRead map[string][]string
}

func newSiteRun(a *Auditor, site govaudit.Site, f govaudit.Fetcher, now time.Time) *siteRun {
	return &siteRun{a: a, site: site, f: f, now: now, parsed: make(map[string]*parsedPage)}
}

// parsedPage is a fetched page with its document parsed once.
type parsedPage struct {
	url  string // the address asked for
	page *govaudit.Page
	err  *govaudit.FetchError
	base *url.URL

	// The document is parsed on first use: most detail pages are only
	// searched for a label, and parsing is the costliest step of an audit.
	// The site's docCache may drop it again; the next Doc parses anew.
	run   *siteRun
	docMu sync.Mutex
	doc   *goquery.Document
	lru   lruLinks // place in run.docs

	linksOnce sync.Once
	links     []page.Link

	// The list is read once: several checks read the same column page
	// (a requirement and the census both count a menu column).
	listOnce sync.Once
	list     page.List
}

// List returns the page's item list, read once per audit.
func (p *parsedPage) List() page.List {
	p.listOnce.Do(func() {
		p.list = page.ReadList(p.Doc(), p.page.Body, p.base, p.run.now)
	})
	return p.list
}

// Doc returns the parsed document, parsing it on first use, and again
// when the site's docCache dropped it. A body the parser rejects yields an
// empty document: HTML parsing recovers from nearly anything, so this is a
// formality. Callers must not keep the document beyond their use of it.
func (p *parsedPage) Doc() *goquery.Document {
	p.docMu.Lock()
	doc := p.doc
	if doc == nil {
		var err error
		if doc, err = page.Parse(p.page.Body); err != nil {
			doc, _ = page.Parse(nil)
		}
		p.doc = doc
	}
	p.docMu.Unlock()
	if p.run != nil {
		p.run.docs.used(p)
	}
	return doc
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
	p := &parsedPage{url: u, page: pg, err: pg.Err, run: s}
	if p.err == nil {
		final := pg.FinalURL
		if final == "" {
			final = u
		}
		base, err := url.Parse(final)
		if err != nil {
			p.err = &govaudit.FetchError{Kind: govaudit.ErrOther, Message: "bad final url: " + err.Error()}
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
	err   *govaudit.FetchError
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

// maxKeptDocs bounds the parsed documents a site keeps. A document takes
// about ten times the memory of its page, and an audit parses nearly every
// page it fetches: kept until the site was done, the documents of the sites
// audited at once were most of the process's memory (the benchmark's peak
// resident size went from about 350 MiB to about 210 MiB with this bound).
// A document needed again after it was dropped is parsed again; with four
// kept, that is about one parse in seven more, which the smaller heap pays
// for in collector work.
const maxKeptDocs = 4

// docCache keeps the documents of the most recently used pages of a site:
// a list of pages, most recently used first.
type docCache struct {
	mu         sync.Mutex
	head, tail *parsedPage
	n          int
}

// lruLinks is a page's place in its site's docCache.
type lruLinks struct {
	prev, next *parsedPage
	in         bool
}

// used moves p to the front and drops the documents of the pages beyond
// maxKeptDocs. A page whose document is in use elsewhere can be dropped:
// its users keep their document; the page only forgets it.
func (c *docCache) used(p *parsedPage) {
	var victims []*parsedPage
	c.mu.Lock()
	if p.lru.in {
		c.unlink(p)
	}
	p.lru = lruLinks{next: c.head, in: true}
	if c.head != nil {
		c.head.lru.prev = p
	}
	c.head = p
	if c.tail == nil {
		c.tail = p
	}
	c.n++
	for c.n > maxKeptDocs {
		v := c.tail
		c.unlink(v)
		victims = append(victims, v)
	}
	c.mu.Unlock()
	// Outside c.mu: Doc takes a page's lock before c.mu, never after.
	for _, v := range victims {
		v.docMu.Lock()
		v.doc = nil
		v.docMu.Unlock()
	}
}

func (c *docCache) unlink(p *parsedPage) {
	if p.lru.prev != nil {
		p.lru.prev.lru.next = p.lru.next
	} else {
		c.head = p.lru.next
	}
	if p.lru.next != nil {
		p.lru.next.lru.prev = p.lru.prev
	} else {
		c.tail = p.lru.prev
	}
	p.lru = lruLinks{}
	c.n--
}
