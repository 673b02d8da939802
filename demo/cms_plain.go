package demo

import (
	"fmt"
	"strings"
)

// plain is a home-grown site: list.html, list_2.html …, documents at
// content_ID.html with no date in the address, an item list as <ul> or as a
// table, and a server-side pager.
type plain struct {
	table bool
	// fullWidthDates writes the detail page's date with full-width digits, as
	// pasted from a word processor.
	fullWidthDates bool
	ext            string
}

func (p plain) place(s *site, c *column) {
	ext := or(p.ext, "html")
	c.paths = []string{c.dir + "list." + ext}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%slist_%d.%s", c.dir, n+1, ext))
	}
	for _, it := range c.items {
		it.path = fmt.Sprintf("%scontent_%d.%s", c.dir, it.id, ext)
	}
}

func (p plain) list(s *site, c *column, n int) string {
	var b strings.Builder
	items := c.pageItems(n)
	date := func(it *item) string {
		d := c.listDate(it.date)
		if c.yearless && d != "" {
			return "[" + d + "]"
		}
		return d
	}
	switch {
	case len(c.items) == 0:
		b.WriteString(emptyList)
	case p.table || c.validityInList:
		b.WriteString(`<table class="tab-list" width="100%" cellspacing="0" cellpadding="0">` + "\n<tr><th>标题</th><th width=\"120\">发布时间</th>")
		if c.validityInList {
			b.WriteString(`<th width="80">有效性</th>`)
		}
		b.WriteString("</tr>\n")
		for _, it := range items {
			fmt.Fprintf(&b, `<tr><td class="t"><a href="%s" target="_blank" title="%s">%s</a>%s</td><td class="d">%s</td>`, it.path, esc(it.title), esc(it.title), replyMark(it), date(it))
			if c.validityInList {
				fmt.Fprintf(&b, "<td>%s</td>", esc(it.validity))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	default:
		b.WriteString(`<div class="news-list"><ul>` + "\n")
		for _, it := range items {
			pin := ""
			if it.pinned {
				pin = `<span class="zd">[置顶]</span>`
			}
			d := ""
			if it.date.IsZero() {
				d = ""
			} else {
				d = `<span class="date">` + date(it) + `</span>`
			}
			fmt.Fprintf(&b, `<li>%s<a href="%s" target="_blank" title="%s">%s</a>%s%s</li>`+"\n", pin, it.path, esc(it.title), esc(it.title), replyMark(it), d)
		}
		b.WriteString("</ul></div>\n")
	}
	b.WriteString(pager(c, n, func(i int) string { return c.paths[i] }))
	return s.listShell(c, b.String())
}

func (p plain) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		b.WriteString(`<div class="xxgk-info clearfix"><div class="fl">` + "\n")
		rows := s.metaRows(it, fmt.Sprintf("%s-%04d", s.siteCode()[:8], it.id%10000))
		for i, r := range rows {
			if i == (len(rows)+1)/2 {
				b.WriteString(`</div><div class="fr">` + "\n")
			}
			v := r.value
			if p.fullWidthDates && (r.label == "发布日期" || r.label == "成文日期") {
				v = fullWidth(v)
			}
			fmt.Fprintf(&b, "<p><strong>%s</strong>：%s</p>\n", r.label, esc(v))
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(&b, `<div class="article"><h1>%s</h1>`+"\n", esc(it.title))
	d := ""
	if !it.date.IsZero() {
		d = it.date.In(shanghai).Format("2006-01-02 15:04:05")
		if p.fullWidthDates {
			d = fullWidth(d)
		}
	}
	b.WriteString(info(it, "发布时间：", d))
	b.WriteString(`<div class="article-content">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("</div>\n</div>\n")
	return s.detailShell(c, it, b.String())
}
