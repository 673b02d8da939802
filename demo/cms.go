package demo

import (
	"fmt"
	"slices"
	"strings"
)

// cms is how a content management system lays out a site: where list and
// detail pages live and what their markup looks like.
type cms interface {
	// place gives the column its list page addresses and each item its
	// detail page address. c.dir and the items' ids are set before.
	place(s *site, c *column)
	// list renders list page n (0-based) of c.
	list(s *site, c *column, n int) string
	// detail renders the page of one item.
	detail(s *site, c *column, it *item) string
}

// layout places every column; it must run before any page is rendered,
// since list pages link their sibling columns.
func (s *site) layout() {
	for _, c := range s.columns {
		if c.perPage == 0 {
			c.perPage = 15
		}
		c.items = arrange(c.items)
		if c.ascending {
			slices.Reverse(c.items)
		}
		s.cms.place(s, c)
	}
}

// renderColumns files every list page and every detail page.
func (s *site) renderColumns() {
	for _, c := range s.columns {
		for n, p := range c.paths {
			s.addHTML(p, s.cms.list(s, c, n))
		}
		for _, it := range c.items {
			s.addHTML(it.path, s.cms.detail(s, c, it))
		}
		if x, ok := s.cms.(extraPager); ok {
			x.extras(s, c)
		}
	}
}

// extraPager is a cms that serves more than list and detail pages for a
// column.
type extraPager interface {
	extras(s *site, c *column)
}

// listShell wraps a list in the site's chrome, with the column's siblings
// on the left and the breadcrumb above.
func (s *site) listShell(c *column, inner string) string {
	var b strings.Builder
	b.WriteString(s.head(pageMeta{title: c.name + "_" + s.Name, column: c.name}))
	b.WriteString(s.header())
	b.WriteString(`<div class="w1200 main clearfix">` + "\n")
	b.WriteString(s.sidebar(c))
	b.WriteString(`<div class="rightbox">` + "\n")
	b.WriteString(s.position(c))
	fmt.Fprintf(&b, `<div class="column-title"><h3>%s</h3></div>`+"\n", esc(c.name))
	b.WriteString(inner)
	b.WriteString("</div>\n</div>\n")
	b.WriteString(s.footer())
	return b.String()
}

// detailShell wraps a document in the site's chrome.
func (s *site) detailShell(c *column, it *item, inner string) string {
	m := pageMeta{title: it.title + "_" + s.Name, column: c.name, article: it.title, source: or(it.issuer, s.Name)}
	if !it.date.IsZero() {
		m.pubDate = ymdhm(it.date)
	}
	var b strings.Builder
	b.WriteString(s.head(m))
	b.WriteString(s.header())
	b.WriteString(`<div class="w1200 main detail">` + "\n")
	b.WriteString(s.position(c))
	b.WriteString(inner)
	b.WriteString("</div>\n")
	b.WriteString(s.footer())
	return b.String()
}

// info is the line under a document's title.
func info(it *item, dateLabel string, date string) string {
	var b strings.Builder
	b.WriteString(`<div class="info">`)
	if date != "" {
		fmt.Fprintf(&b, "<span>%s%s</span>　", dateLabel, date)
	}
	fmt.Fprintf(&b, `<span>来源：%s</span>　<span>【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>　<a href="javascript:window.print();">【打印本页】</a></div>`+"\n", esc(or(it.issuer, "本站")))
	return b.String()
}

// metaRows are the 政府信息公开 metadata of a document, label → value, in
// the order templates print them. 有效性 is present only when labelled.
type metaRow struct{ label, value string }

func (s *site) metaRows(it *item, indexNo string) []metaRow {
	rows := []metaRow{{"索引号", indexNo}, {"主题分类", "综合政务"}, {"发布机构", it.issuer}}
	if !it.date.IsZero() {
		rows = append(rows, metaRow{"成文日期", cnDate(it.date.AddDate(0, 0, -3))})
	}
	rows = append(rows, metaRow{"名称", it.title}, metaRow{"发文字号", or(it.docNo, "无")})
	if !it.date.IsZero() {
		rows = append(rows, metaRow{"发布日期", cnDate(it.date)})
	}
	if it.validity != "" {
		rows = append(rows, metaRow{"有效性", it.validity})
	}
	return rows
}

// metaTable prints metadata rows two to a line, the common TRS layout.
func metaTable(class string, rows []metaRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="%s"><table width="100%%" border="0" cellspacing="0" cellpadding="0">`+"\n", class)
	for i := 0; i < len(rows); {
		r := rows[i]
		if r.label == "名称" || r.label == "标题" || i+1 == len(rows) || rows[i+1].label == "名称" {
			fmt.Fprintf(&b, `<tr><th>%s：</th><td colspan="3">%s</td></tr>`+"\n", r.label, esc(r.value))
			i++
			continue
		}
		n := rows[i+1]
		fmt.Fprintf(&b, `<tr><th>%s：</th><td>%s</td><th>%s：</th><td>%s</td></tr>`+"\n", r.label, esc(r.value), n.label, esc(n.value))
		i += 2
	}
	b.WriteString("</table></div>\n")
	return b.String()
}

// pager writes the static pager some CMSs render on the server: 共N条,
// first, previous, next and last page links.
func pager(c *column, n int, href func(int) string) string {
	pc := c.pageCount()
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="pagination">共 %d 条　第 %d/%d 页　<a href="%s">首页</a> `, len(c.items), n+1, pc, href(0))
	if n > 0 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, href(n-1))
	} else {
		b.WriteString(`<span class="disabled">上一页</span> `)
	}
	if n+1 < pc {
		fmt.Fprintf(&b, `<a href="%s">下一页</a> `, href(n+1))
	} else {
		b.WriteString(`<span class="disabled">下一页</span> `)
	}
	fmt.Fprintf(&b, `<a href="%s">尾页</a></div>`+"\n", href(pc-1))
	return b.String()
}
