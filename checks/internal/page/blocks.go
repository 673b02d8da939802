package page

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// ReadBlocks reads the items of every list a page shows in its content —
// a home page's blocks (要闻, 动态, 通知公告 …), Hanweb data islands
// included — in document order, each address once. Where ReadList picks
// the one main list of a column page, a home page's freshness rests on all
// of its blocks. Lists that sit mostly in menus, headers, footers or
// breadcrumbs are left out, as are undated lists whose links do not look
// like articles (a row of links to other sites).
func ReadBlocks(doc *goquery.Document, body []byte, base *url.URL, now time.Time) []ListItem {
	top := root(doc)
	if top == nil {
		return nil
	}
	s := newScan(top, base, true)
	groups := groupRows(s.anchors)
	stores := findDatastores(body)
	if body == nil {
		for _, src := range s.scripts {
			if strings.Contains(src, "<datastore") {
				stores = append(stores, findDatastores([]byte(src))...)
			}
		}
	}
	for _, ds := range stores {
		g := datastoreGroup(ds, s.base)
		g.order = -1
		groups = append(groups, g)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].order < groups[j].order })
	var out []ListItem
	seen := map[string]bool{}
	for _, g := range groups {
		st := statsOf(g)
		if st.items == 0 || st.demoted || (st.dated == 0 && st.articles*2 < st.items) {
			continue
		}
		for _, it := range readItems(g, now) {
			if it.URL == "" || seen[it.URL] {
				continue
			}
			seen[it.URL] = true
			out = append(out, it)
		}
	}
	return out
}
