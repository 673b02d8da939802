package demo

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// epoint is 国泰新点 webbuilder: lists at /…/003001/003001002/moreinfo.html
// then 2.html, 3.html …, the date printed before the title, documents at
// /…/YYYYMMDD/<guid>.html with an 信息公开 table above the text.
type epoint struct{}

func (epoint) place(s *site, c *column) {
	c.paths = []string{c.dir + "moreinfo.html"}
	for n := 1; n < c.pageCount(); n++ {
		c.paths = append(c.paths, fmt.Sprintf("%s%d.html", c.dir, n+1))
	}
	for _, it := range c.items {
		it.path = fmt.Sprintf("%s%s/%s.html", c.dir, it.date.In(shanghai).Format("20060102"), guid(s.ID, it.id))
	}
}

// guid is the deterministic stand-in for the UUID Epoint names documents by.
func guid(seed string, id int) string {
	h := fnv.New128a()
	fmt.Fprintf(h, "%s/%d", seed, id)
	x := fmt.Sprintf("%x", h.Sum(nil))
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

func (epoint) list(s *site, c *column, n int) string {
	var b strings.Builder
	if len(c.items) == 0 {
		b.WriteString(emptyList)
	} else {
		b.WriteString(`<ul class="ewb-list" id="showList">` + "\n")
		for _, it := range c.pageItems(n) {
			fmt.Fprintf(&b, `<li class="ewb-list-node clearfix"><span class="ewb-list-date r">%s</span><a href="%s" target="_blank" class="ewb-list-name l" title="%s">%s</a>%s</li>`+"\n",
				c.listDate(it.date), it.path, esc(it.title), esc(it.title), replyMark(it))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString(`<div class="ewb-page">`)
	b.WriteString(pager(c, n, func(i int) string { return c.paths[i] }))
	b.WriteString("</div>\n")
	return s.listShell(c, b.String())
}

func (epoint) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		b.WriteString(`<table class="ewb-info-open" width="100%" cellspacing="0" cellpadding="0">` + "\n")
		fmt.Fprintf(&b, `<tr><td class="ewb-info-name">索引号：</td><td>%s-%s-%04d</td><td class="ewb-info-name">信息分类：</td><td>%s</td></tr>`+"\n",
			s.siteCode()[:6], it.date.In(shanghai).Format("2006"), it.id%10000, esc(c.name))
		fmt.Fprintf(&b, `<tr><td class="ewb-info-name">发布机构：</td><td>%s</td><td class="ewb-info-name">发文字号：</td><td>%s</td></tr>`+"\n", esc(it.issuer), esc(or(it.docNo, "无")))
		fmt.Fprintf(&b, `<tr><td class="ewb-info-name">生成日期：</td><td>%s</td><td class="ewb-info-name">有效性：</td><td>%s</td></tr>`+"\n",
			ymd(it.date), esc(it.validity))
		b.WriteString("</table>\n")
	}
	fmt.Fprintf(&b, `<div id="detailContent"><h1 class="title">%s</h1>`+"\n", esc(it.title))
	fmt.Fprintf(&b, `<div class="detail clearfix"><span>时间发布：%s</span><span id="infoViewCountSpan">阅读次数：<span id="infoViewCount"></span>次</span><span id="laiyuan">信息来源：%s</span></div>`+"\n",
		ymdhm(it.date), esc(or(it.issuer, s.Name)))
	b.WriteString(`<div class="content">` + "\n")
	b.WriteString(bodyHTML(it))
	b.WriteString(`</div><div class="ewb-file"><div class="ewb-file-tt">附件：</div><div class="ewb-file-box"><ul id="fujian"></ul></div></div>` + "\n</div>\n")
	fmt.Fprintf(&b, `<span id="viewGuid" value="cms_%s_%s" style="display:none;"></span>`+"\n", strings.ReplaceAll(strings.Trim(c.dir, "/"), "/", "_"), guid(s.ID, it.id))
	return s.detailShell(c, it, b.String())
}
