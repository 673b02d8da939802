package demo

import (
	"fmt"
	"strings"
)

// anchor is one link of a menu: its markup, and what the model knows of
// it — the label a reader sees, where it goes, and the column it opens.
type anchor struct {
	html  string
	label string
	// href is the target as written: a path on the site, or an absolute
	// address on another site.
	href string
	col  *column // the column the link opens; nil for any other page
	// req is the requirement a link answers by being there (all-13's
	// 政务服务, fgw-1's 信用辽宁): requirements judged by a link, whose
	// target is not the site's duty.
	req string
}

// menuLink is an anchor of a menu as the census sees it: depth 1 on the
// home page and its frames, 2 on the disclosure portal.
type menuLink struct {
	anchor
	depth int
}

// textLink is the ordinary menu link to a column.
func textLink(c *column) anchor {
	return anchor{
		html:  fmt.Sprintf(`<a href="%s" title="%s" target="_blank">%s</a>`, c.paths[0], esc(c.label), esc(c.label)),
		label: c.label, href: c.paths[0], col: c,
	}
}

// imgLink is a column link drawn as a picture; withTitle says whether the
// <a> carries the label too, or only the image's alt text does.
func imgLink(c *column, icon string, withTitle bool) anchor {
	t := ""
	if withTitle {
		t = fmt.Sprintf(` title="%s"`, esc(c.label))
	}
	return anchor{
		html:  fmt.Sprintf(`<a href="%s"%s target="_blank"><img src="/images/%s" alt="%s" width="180" height="60"></a>`, c.paths[0], t, icon, esc(c.label)),
		label: c.label, href: c.paths[0], col: c,
	}
}

// spanLink is a column link whose label is split across elements.
func spanLink(c *column, parts ...string) anchor {
	var b strings.Builder
	fmt.Fprintf(&b, `<a href="%s" target="_blank" class="icon-link"><i class="icon"></i>`, c.paths[0])
	for i, p := range parts {
		if i%2 == 0 {
			fmt.Fprintf(&b, "<span>%s</span>", esc(p))
		} else {
			fmt.Fprintf(&b, `<span class="s2">%s</span>`, esc(p))
		}
	}
	b.WriteString("</a>")
	return anchor{html: b.String(), label: strings.Join(parts, ""), href: c.paths[0], col: c}
}

// pageLink is a menu link to a page of the site that is not a column.
func pageLink(href, label string) anchor {
	return anchor{html: fmt.Sprintf(`<a href="%s" target="_blank">%s</a>`, href, esc(label)), label: label, href: href}
}

// extLink is a text link to another site; req names the requirement the
// link answers, if any.
func extLink(href, label, req string) anchor {
	return anchor{html: fmt.Sprintf(`<a href="%s" target="_blank">%s</a>`, href, esc(label)), label: label, href: href, req: req}
}

// bannerLink is a picture link to another site, labelled by its alt text.
func bannerLink(href, img, alt string) anchor {
	return anchor{html: fmt.Sprintf(`<a href="%s" target="_blank"><img src="/images/%s" alt="%s"></a>`, href, img, esc(alt)), label: alt, href: href}
}

// menuBlock is a box of menu links under a heading, recorded as menu links
// of the page at depth. A menu is a list of at least two short labels:
// a single link under a heading is a banner, not a menu.
func (s *site) menuBlock(depth int, heading, class string, links ...anchor) string {
	if len(links) < 2 {
		panic(fmt.Sprintf("demo: %s: menu %q has %d links, want at least two", s.ID, heading, len(links)))
	}
	s.recordMenu(depth, links...)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="%s"><div class="hd"><h3>%s</h3></div><ul class="clearfix">`+"\n", class, esc(heading))
	for _, l := range links {
		fmt.Fprintf(&b, "<li>%s</li>\n", l.html)
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

// homeMenu is a menu block of the home page.
func (s *site) homeMenu(heading, class string, links ...anchor) string {
	return s.menuBlock(1, heading, class, links...)
}

// recordMenu files links as menu links of a page at depth. Labels longer
// than a menu entry would make the list a list of headlines.
func (s *site) recordMenu(depth int, links ...anchor) {
	for _, l := range links {
		if n := len([]rune(l.label)); n > maxMenuLabel {
			panic(fmt.Sprintf("demo: %s: menu label %q has %d characters, want at most %d", s.ID, l.label, n, maxMenuLabel))
		}
		s.menus = append(s.menus, menuLink{anchor: l, depth: depth})
	}
}

// maxMenuLabel is the longest label a menu entry of the demo has: real
// menus use short names, and a list of long labels reads as headlines.
const maxMenuLabel = 10

// The banners every site's 专题专栏 strip carries: topic sites and the
// provincial service platform, all elsewhere.
const (
	govServiceURL = "http://www.lnzwfw.test/"
	creditURL     = "http://www.creditln.test/"
)

// topicBlock is the 专题专栏 strip of the home page: banners linking to
// topic sites elsewhere, then the site's own topics.
func (s *site) topicBlock(extra ...anchor) string {
	links := append([]anchor{
		bannerLink("http://www.gov.test/zhuanti/yhyshj/", "zt_yshj.jpg", "优化营商环境"),
		bannerLink(govServiceURL, "zt_zwfw.jpg", "辽宁政务服务网"),
	}, extra...)
	return s.homeMenu("专题专栏", "zt-box", links...)
}

// newsBlock shows the newest n items of c with their dates and a 更多 link.
// The home page's lists are part of what the census reads for the home
// page's freshness.
func (s *site) newsBlock(heading string, c *column, n int) string {
	s.homeItems = append(s.homeItems, c.items[:min(n, len(c.items))]...)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="news-box"><div class="hd clearfix"><h3><a href="%s">%s</a></h3><a class="more" href="%s" target="_blank">更多&gt;&gt;</a></div>`+"\n<ul class=\"news-list\">\n",
		c.paths[0], esc(heading), c.paths[0])
	for i, it := range c.items {
		if i == n {
			break
		}
		fmt.Fprintf(&b, `<li><a href="%s" target="_blank" title="%s">%s</a><span class="date">%s</span></li>`+"\n",
			it.path, esc(it.title), esc(it.title), ymd(it.date))
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}
