package demo

import (
	"fmt"
	"strings"
)

// lnshtml is the template of Liaoning's provincial department sites:
// https://<abbr>.ln.gov.cn/<abbr>/…/index.shtml, documents in directories
// named by a timestamp id (…/2026050610395641166/index.shtml), and the
// createPageHTML(records, pageCount, current, …) pager.
type lnshtml struct{ orgCode string }

func (lnshtml) place(s *site, c *column) {
	c.paths = []string{c.dir + "index.shtml"}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%sindex_%d.shtml", c.dir, n))
	}
	for _, it := range c.items {
		it.path = fmt.Sprintf("%s%s%05d/index.shtml", c.dir, it.date.In(shanghai).Format("20060102150405"), it.id%100000)
	}
}

func (lnshtml) list(s *site, c *column, n int) string {
	var b strings.Builder
	if len(c.items) == 0 {
		b.WriteString(emptyList)
	} else {
		b.WriteString(`<div class="list_box"><ul class="list_ul">` + "\n")
		for _, it := range c.pageItems(n) {
			fmt.Fprintf(&b, `<li><a href="%s" target="_blank" title="%s">%s</a>%s<span class="time">%s</span></li>`+"\n",
				it.path, esc(it.title), esc(it.title), replyMark(it), c.listDate(it.date))
		}
		b.WriteString("</ul></div>\n")
	}
	fmt.Fprintf(&b, `<div class="page" id="page_div"><script type="text/javascript">createPageHTML(%d, %d, %d, "index", "shtml");</script></div>`+"\n",
		len(c.items), c.pageCount(), n)
	return s.listShell(c, b.String())
}

func (l lnshtml) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		// The 索引号 is organisation code / year - category - serial: the
		// category is a constant "02", which makes it look like a month.
		rows := []metaRow{
			{"索引号", fmt.Sprintf("%s/%d-02-%05d", l.orgCode, it.date.In(shanghai).Year(), it.id%100000)},
			{"分类", "政策文件"},
			{"发布机构", it.issuer}, {"成文日期", cnDate(it.date.AddDate(0, 0, -5))},
			{"标题", it.title},
			{"发文字号", or(it.docNo, "无")}, {"发布日期", cnDate(it.date)},
		}
		if it.validity != "" {
			rows = append(rows, metaRow{"有效性", it.validity})
		}
		b.WriteString(metaTable("gk_table", rows))
	}
	fmt.Fprintf(&b, `<div class="dlist_title">%s</div>`+"\n", esc(it.title))
	fmt.Fprintf(&b, `<div class="dlist_con_info"><span>来源：%s</span><span>发布时间：%s</span></div>`+"\n", esc(or(it.issuer, s.Name)), ymdhm(it.date))
	b.WriteString(`<div class="TRS_Editor">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("</div>\n")
	return s.detailShell(c, it, b.String())
}
