package demo

import (
	"fmt"
	"strings"
)

// trs is TRS WCM (拓尔思): list pages index.html, index_1.html … written by
// a createPageHTML(pageCount, current, "index", "html") call, documents at
// ./YYYYMM/tYYYYMMDD_ID.html below the column, links written relative.
type trs struct {
	ext string // "html" or "shtml"
	// table lists documents in a 名称/索引号/发布机构/发布日期 table rather
	// than a <ul>.
	table bool
	// orgCode is the 组织机构代码 part of the 索引号.
	orgCode string
}

func (t trs) place(s *site, c *column) {
	c.paths = []string{c.dir + "index." + t.ext}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%sindex_%d.%s", c.dir, n, t.ext))
	}
	for _, it := range c.items {
		d := it.date.In(shanghai)
		it.path = fmt.Sprintf("%s%s/t%s_%d.%s", c.dir, d.Format("200601"), d.Format("20060102"), it.id, t.ext)
	}
}

func (t trs) indexNo(it *item) string {
	return fmt.Sprintf("%s/%d-%05d", t.orgCode, it.date.In(shanghai).Year(), it.id%100000)
}

func (t trs) list(s *site, c *column, n int) string {
	var b strings.Builder
	items := c.pageItems(n)
	switch {
	case len(c.items) == 0:
		b.WriteString(emptyList)
	case t.table || c.validityInList:
		b.WriteString(`<div class="xxgk-list"><table width="100%" cellspacing="0" cellpadding="0">` + "\n")
		b.WriteString(`<tr><th width="47%">名称</th><th width="19%">索引号</th><th width="16%">发布机构</th><th width="11%">发布日期</th>`)
		if c.validityInList {
			b.WriteString(`<th width="7%">有效性</th>`)
		}
		b.WriteString("</tr>\n")
		for _, it := range items {
			fmt.Fprintf(&b, `<tr><td><a href="%s" target="_blank" title="%s">%s</a>%s</td><td>%s</td><td>%s</td><td>%s</td>`,
				rel(c.dir, it.path), esc(it.title), esc(it.title), replyMark(it), t.indexNo(it), esc(it.issuer), c.listDate(it.date))
			if c.validityInList {
				fmt.Fprintf(&b, "<td>%s</td>", esc(it.validity))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table></div>\n")
	default:
		b.WriteString(`<ul class="list_ul">` + "\n")
		for _, it := range items {
			pin := ""
			if it.pinned {
				pin = pinMark
			}
			fmt.Fprintf(&b, `<li>%s<a href="%s" target="_blank" title="%s">%s</a>%s<span>%s</span></li>`+"\n",
				pin, rel(c.dir, it.path), esc(it.title), esc(it.title), replyMark(it), c.listDate(it.date))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(&b, `<div class="page"><script type="text/javascript">createPageHTML(%d, %d, "index", "%s");</script></div>`+"\n",
		c.pageCount(), n, t.ext)
	return s.listShell(c, b.String())
}

func (t trs) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		b.WriteString(metaTable("xxgk_top", s.metaRows(it, t.indexNo(it))))
	}
	fmt.Fprintf(&b, `<div class="article"><h1 class="title">%s</h1>`+"\n", esc(it.title))
	b.WriteString(info(it, "发布时间：", ymdhm(it.date)))
	b.WriteString(`<div class="TRS_Editor">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("</div>\n</div>\n")
	fmt.Fprintf(&b, `<script type="text/javascript">createPageHTML(1, 0, "t%s_%d", "%s");</script>`+"\n",
		it.date.In(shanghai).Format("20060102"), it.id, t.ext)
	return s.detailShell(c, it, b.String())
}
