package demo

import (
	"fmt"
	"strings"
)

// asp is an old ASP site of the kind still run in GBK: list.asp?classid=N
// (&page=2 …), show.asp?id=N, table layout, bracketed dates.
type asp struct{}

func (asp) place(s *site, c *column) {
	c.paths = []string{fmt.Sprintf("%slist.asp?classid=%d", c.dir, c.code)}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%slist.asp?classid=%d&page=%d", c.dir, c.code, n+1))
	}
	for _, it := range c.items {
		it.path = fmt.Sprintf("%sshow.asp?id=%d", c.dir, it.id)
	}
}

// href writes a same-directory link the way the ASP templates do,
// relative and with &amp;.
func (asp) href(c *column, target string) string {
	return esc(strings.TrimPrefix(target, c.dir))
}

func (a asp) list(s *site, c *column, n int) string {
	var b strings.Builder
	if len(c.items) == 0 {
		b.WriteString(emptyList)
	} else {
		b.WriteString(`<table width="100%" border="0" cellspacing="0" cellpadding="0" class="listtable">` + "\n")
		for _, it := range c.pageItems(n) {
			fmt.Fprintf(&b, `<tr><td width="16" height="26"><img src="/images/arrow.gif" width="5" height="9"></td><td><a href="%s" target="_blank" title="%s">%s</a>%s</td><td width="100" align="right" class="date">[%s]</td></tr>`+"\n",
				a.href(c, it.path), esc(it.title), esc(it.title), replyMark(it), c.listDate(it.date))
			b.WriteString(`<tr><td colspan="3" height="1" background="/images/line.gif"></td></tr>` + "\n")
		}
		b.WriteString("</table>\n")
	}
	pc := c.pageCount()
	fmt.Fprintf(&b, `<table width="100%%"><tr><td align="center" class="page">共 <b>%d</b> 条记录　页次：<b>%d</b>/%d　每页：%d 条　`, len(c.items), n+1, pc, c.perPage)
	if n > 0 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a>　`, a.href(c, c.paths[n-1]))
	}
	if n+1 < pc {
		fmt.Fprintf(&b, `<a href="%s">下一页</a>`, a.href(c, c.paths[n+1]))
	}
	b.WriteString("</td></tr></table>\n")
	return s.listShell(c, b.String())
}

func (a asp) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	b.WriteString(`<table width="100%" border="0" cellspacing="0" cellpadding="0" class="showtable">` + "\n")
	fmt.Fprintf(&b, `<tr><td class="showtitle" align="center">%s</td></tr>`+"\n", esc(it.title))
	fmt.Fprintf(&b, `<tr><td class="showinfo" align="center">发布时间：%s　作者：　来源：%s　点击数：<script src="/inc/hits.asp?id=%d"></script></td></tr>`+"\n",
		it.date.In(shanghai).Format("2006-1-2 15:04:05"), esc(or(it.issuer, "本站原创")), it.id)
	if it.issuer != "" {
		b.WriteString(`<tr><td><table width="96%" align="center" border="1" cellspacing="0" cellpadding="3" bordercolor="#cccccc" style="border-collapse:collapse" class="gkinfo">` + "\n")
		fmt.Fprintf(&b, "<tr><td width=\"15%%\">索引号</td><td width=\"35%%\">%s-%d-%04d</td><td width=\"15%%\">发布机构</td><td>%s</td></tr>\n",
			s.siteCode()[:8], it.date.In(shanghai).Year(), it.id%10000, esc(it.issuer))
		fmt.Fprintf(&b, "<tr><td>发文字号</td><td>%s</td><td>发布日期</td><td>%s</td></tr>\n", esc(or(it.docNo, "无")), ymd(it.date))
		if it.validity != "" {
			fmt.Fprintf(&b, "<tr><td>有效性</td><td colspan=\"3\">%s</td></tr>\n", esc(it.validity))
		}
		b.WriteString("</table></td></tr>\n")
	}
	b.WriteString(`<tr><td class="showcontent">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("</td></tr></table>\n")
	return s.detailShell(c, it, b.String())
}
