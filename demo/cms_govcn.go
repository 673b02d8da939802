package demo

import (
	"fmt"
	"strings"
)

// govcn is the gov.cn-family template many provincial departments copied:
// lists at home.htm, home_1.htm …, documents at
// YYYY-MM/DD/content_ID.htm with the classic 索 引 号 / 主题分类 / 发文机关 /
// 成文日期 / 标　　题 / 发文字号 / 发布日期 table and #UCAP-CONTENT.
type govcn struct{ orgCode string }

func (govcn) place(s *site, c *column) {
	c.paths = []string{c.dir + "home.htm"}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%shome_%d.htm", c.dir, n))
	}
	for _, it := range c.items {
		d := it.date.In(shanghai)
		it.path = fmt.Sprintf("%s%s/%s/content_%d.htm", c.dir, d.Format("2006-01"), d.Format("02"), it.id)
	}
}

func (g govcn) list(s *site, c *column, n int) string {
	var b strings.Builder
	if len(c.items) == 0 {
		b.WriteString(emptyList)
	} else {
		b.WriteString(`<div class="list list_1 list_2"><table class="zcwj-table" width="100%" cellspacing="0" cellpadding="0">` + "\n")
		b.WriteString(`<thead><tr><th width="6%">序号</th><th>标题</th><th width="18%">发文字号</th><th width="12%">发布日期</th>`)
		if c.validityInList {
			b.WriteString(`<th width="8%">有效性</th>`)
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for i, it := range c.pageItems(n) {
			fmt.Fprintf(&b, `<tr><td>%d</td><td class="info"><a href="%s" target="_blank" title="%s">%s</a>%s</td><td>%s</td><td class="date">%s</td>`,
				n*c.perPage+i+1, rel(c.dir, it.path), esc(it.title), esc(it.title), replyMark(it), esc(it.docNo), c.listDate(it.date))
			if c.validityInList {
				fmt.Fprintf(&b, "<td>%s</td>", esc(it.validity))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table></div>\n")
	}
	b.WriteString(pager(c, n, func(i int) string { return rel(c.dir, c.paths[i]) }))
	return s.listShell(c, b.String())
}

func (g govcn) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		b.WriteString(`<div class="wrap"><table width="100%" border="0" cellpadding="0" cellspacing="0" class="bd1">` + "\n<tbody>\n")
		fmt.Fprintf(&b, "<tr><td width=\"70\"><b>索 引 号：</b></td><td width=\"360\">%s/%d-%05d</td><td width=\"70\"><b>主题分类：</b></td><td width=\"360\">城乡建设、环境保护\\城市规划</td></tr>\n",
			g.orgCode, it.date.In(shanghai).Year(), it.id%100000)
		fmt.Fprintf(&b, "<tr><td><b>发文机关：</b></td><td>%s</td><td><b>成文日期：</b></td><td>%s</td></tr>\n", esc(it.issuer), cnDate(it.date.AddDate(0, 0, -4)))
		fmt.Fprintf(&b, "<tr><td><b>标　　题：</b></td><td colspan=\"3\">%s</td></tr>\n", esc(it.title))
		fmt.Fprintf(&b, "<tr><td><b>发文字号：</b></td><td>%s</td><td><b>发布日期：</b></td><td>%s</td></tr>\n", esc(it.docNo), cnDate(it.date))
		b.WriteString("</tbody></table></div>\n")
	}
	fmt.Fprintf(&b, `<div class="article oneColumn pub_border"><h1>%s</h1>`+"\n", esc(it.title))
	fmt.Fprintf(&b, `<div class="pages-date">%s　来源：%s</div>`+"\n", ymdhm(it.date), esc(or(it.issuer, s.Name)))
	b.WriteString(`<div class="pages_content" id="UCAP-CONTENT">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("</div>\n</div>\n")
	return s.detailShell(c, it, b.String())
}
