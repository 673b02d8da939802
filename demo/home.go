package demo

import (
	"fmt"
	"strings"
)

// homeShell is a home page: the site's header and menu, the given blocks,
// and the footer.
func (s *site) homeShell(blocks ...string) string {
	var b strings.Builder
	b.WriteString(s.head(pageMeta{title: s.Name}))
	b.WriteString(s.header())
	b.WriteString(`<div class="w1200 index-main clearfix">` + "\n")
	for _, x := range blocks {
		b.WriteString(x)
	}
	b.WriteString("</div>\n")
	b.WriteString(s.footer())
	return b.String()
}

// bannerBlock is a picture link under a heading: a banner, not a menu.
func bannerBlock(heading, class, link string) string {
	return fmt.Sprintf(`<div class="%s"><div class="hd"><h3>%s</h3></div><ul class="clearfix">`+"\n<li>%s</li>\n</ul></div>\n", class, esc(heading), link)
}

// siteLinks is the select of other government sites in the footer area.
const siteLinks = `<div class="links"><select onchange="if(this.value!='')window.open(this.value)"><option value="">国务院部门网站</option><option value="http://www.ndrc.gov.test/">国家发展和改革委员会</option><option value="http://www.mof.gov.test/">财政部</option><option value="http://www.samr.gov.test/">国家市场监督管理总局</option></select>` +
	`<select onchange="if(this.value!='')window.open(this.value)"><option value="">省内政府网站</option><option value="http://www.shenyang.test/">沈阳市人民政府</option><option value="http://www.dalian.test/">大连市人民政府</option></select></div>` + "\n"

// commonPages files the pages every site's footer and menu point to: the
// about page, the site map, contact and statement pages.
func (s *site) commonPages() {
	about := "/zjxx/index.html"
	heading := "走进" + s.short
	text := s.short + "位于辽宁省，是我省重要的城市。"
	if !s.IsPortal() {
		about, heading = "/jggk/index.html", "机构概况"
		text = s.Name + "是省政府组成部门，为正厅级。主要职责包括贯彻执行党中央关于本领域的方针政策和决策部署。"
	}
	s.addHTML(about, s.simplePage(heading, "<p>"+esc(text)+"</p>\n"))
	var m strings.Builder
	m.WriteString("<ul class=\"sitemap\">\n")
	for _, l := range s.navLinks() {
		fmt.Fprintf(&m, `<li><a href="%s">%s</a></li>`+"\n", l.href, esc(l.label))
	}
	for _, c := range s.columns {
		if c.group == "新闻中心" || c.group == "互动交流" {
			fmt.Fprintf(&m, `<li><a href="%s">%s</a></li>`+"\n", c.paths[0], esc(c.name))
		}
	}
	m.WriteString("</ul>\n")
	s.addHTML("/wzdt/index.html", s.simplePage("网站地图", m.String()))
	s.addHTML("/lxwm/index.html", s.simplePage("联系我们", fmt.Sprintf("<p>主办单位：%s</p>\n<p>联系电话：024-%08d</p>\n", esc(s.sponsor()), 23000000+len(s.ID)*1117)))
	s.addHTML("/wzsm/index.html", s.simplePage("网站声明", "<p>本网站所载内容，凡注明来源的，版权归原作者所有。未经许可，任何单位和个人不得转载、摘编。</p>\n"))
	s.addHTML("/zxft/index.html", s.simplePage("在线访谈", "<p>在线访谈栏目邀请部门负责同志与网民在线交流，访谈预告请关注本网站首页。</p>\n"))
}

// simplePage is a static page in the site's chrome.
func (s *site) simplePage(heading, inner string) string {
	var b strings.Builder
	b.WriteString(s.head(pageMeta{title: heading + "_" + s.Name, column: heading}))
	b.WriteString(s.header())
	fmt.Fprintf(&b, `<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; <span>%s</span></div>`+"\n<div class=\"content\">\n", esc(heading))
	b.WriteString(inner)
	b.WriteString("</div></div>\n")
	b.WriteString(s.footer())
	return b.String()
}

// disclosurePage is the 政府信息公开 portal page: the catalogue of
// 法定主动公开内容 linking each column, and with withItems the newest
// three documents of each, as real disclosure sub-portals show them.
func (s *site) disclosurePage(heading string, withItems bool, cols ...*column) string {
	var b strings.Builder
	b.WriteString(s.head(pageMeta{title: heading + "_" + s.Name, column: heading}))
	b.WriteString(s.header())
	fmt.Fprintf(&b, `<div class="w1200 main xxgk-index clearfix"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a></div>`+"\n", s.zwgkHref, esc(heading))
	b.WriteString(`<div class="xxgk-left"><div class="xxgk-guide"><a href="#gkzn">政府信息公开指南</a><a href="#gknb">政府信息公开年报</a><a href="#ysqgk">依申请公开</a></div>` + "\n")
	b.WriteString("<h2>法定主动公开内容</h2><ul class=\"fdzdgk\">\n")
	if len(cols) < 2 {
		panic(fmt.Sprintf("demo: %s: disclosure catalogue with %d columns", s.ID, len(cols)))
	}
	for _, c := range cols {
		s.recordMenu(2, textLink(c))
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a></li>`+"\n", c.paths[0], esc(c.label), esc(c.label))
	}
	b.WriteString("</ul></div>\n")
	if withItems {
		b.WriteString(`<div class="xxgk-right">` + "\n")
		for _, c := range cols {
			fmt.Fprintf(&b, `<div class="xxgk-col"><div class="hd"><h3><a href="%s">%s</a></h3><a class="more" href="%s">更多&gt;&gt;</a></div><ul>`+"\n",
				c.paths[0], esc(c.name), c.paths[0])
			for i, it := range c.items {
				if i == 3 {
					break
				}
				fmt.Fprintf(&b, `<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>`+"\n", it.path, esc(it.title), esc(it.title), c.listDate(it.date))
			}
			b.WriteString("</ul></div>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n")
	b.WriteString(s.footer())
	return b.String()
}
