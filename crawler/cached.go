package crawler

import "github.com/govaudit/govaudit"

// Cached returns the page at rawURL if this run has already fetched it,
// without a request: evidence is kept of what the audit read, and looking
// for it must not read anything more.
func (f *SiteFetcher) Cached(rawURL string) (*govaudit.Page, bool) {
	_, key, err := normalize(rawURL)
	if err != nil {
		return nil, false
	}
	return f.pages.kept(key)
}

// kept returns the value kept for key, if its computation is over and kept.
func (g *flightGroup[V]) kept(key string) (V, bool) {
	g.mu.Lock()
	f, ok := g.m[key]
	g.mu.Unlock()
	var zero V
	if !ok {
		return zero, false
	}
	select {
	case <-f.done:
		if f.kept {
			return f.val, true
		}
	default:
	}
	return zero, false
}
