package checks

import (
	"context"
	"sort"

	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// Labels of the disclosure sub-portal, where most catalogue columns live on
// real sites, and of the catalogue inside it. Normalised forms.
var (
	disclosureLabels = normalizeAll("政府信息公开", "信息公开", "政务公开", "政府信息公开平台", "政府信息公开专栏", "政务公开专栏")
	catalogueLabels  = normalizeAll("信息公开目录", "政府信息公开目录", "法定主动公开内容", "主动公开目录", "主动公开", "法定公开内容")
)

// maxPortalPages bounds the sub-portal pages explored per site.
const maxPortalPages = 4

// poolLink is a link found while exploring a site, with the depth of the
// page it sits on.
type poolLink struct {
	page.Link
	depth int    // depth of the page carrying the link; its target is depth+1
	from  string // the page carrying the link
}

// linkPool holds every link discovery saw, in the order found.
type linkPool struct {
	home  string
	links []poolLink
	seen  map[string]bool // pages explored
}

func (p *linkPool) add(from string, depth int, links []page.Link) {
	for _, l := range links {
		p.links = append(p.links, poolLink{Link: l, depth: depth, from: from})
	}
}

// discover collects the links of the home page and of the disclosure
// sub-portal (one level deeper, and its catalogue one more).
func (s *siteRun) discover(ctx context.Context, home *entryPage) *linkPool {
	pool := &linkPool{home: home.URL(), seen: map[string]bool{home.url: true, home.URL(): true}}
	// The home page after HTTP redirects (xxx → www.xxx) is the home page
	// too: its logo link is not a column.
	if home.main != nil && home.main.page.FinalURL != "" {
		pool.seen[home.main.page.FinalURL] = true
	}
	for _, v := range home.via {
		pool.seen[v] = true
	}
	pool.add(home.URL(), 0, home.Links())

	explored := 0
	for _, labels := range [][]string{disclosureLabels, catalogueLabels} {
		for _, l := range bestLabelled(pool.links, labels, pool.seen) {
			if explored >= maxPortalPages {
				return pool
			}
			pool.seen[l.URL] = true
			explored++
			e := s.entry(ctx, l.URL, l.depth+1)
			if e.err != nil {
				continue
			}
			pool.seen[e.URL()] = true
			pool.add(e.URL(), l.depth+1, e.Links())
		}
	}
	return pool
}

// bestLabelled returns the undated links whose label is one of labels,
// exact matches first, at most two, skipping pages already explored.
func bestLabelled(links []poolLink, labels []string, seen map[string]bool) []poolLink {
	type scored struct {
		l     poolLink
		score int
	}
	var hits []scored
	taken := map[string]bool{}
	for _, l := range links {
		if l.Dated || seen[l.URL] || taken[l.URL] {
			continue
		}
		for i, want := range labels {
			if l.Norm == want {
				hits = append(hits, scored{l, 100 - i})
				taken[l.URL] = true
				break
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	var out []poolLink
	for i := 0; i < len(hits) && i < 2; i++ {
		out = append(out, hits[i].l)
	}
	return out
}

func normalizeAll(labels ...string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = text.Normalize(l)
	}
	return out
}
