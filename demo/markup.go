package demo

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
)

func esc(s string) string { return html.EscapeString(s) }

func ymd(t time.Time) string   { return t.In(shanghai).Format("2006-01-02") }
func ymdhm(t time.Time) string { return t.In(shanghai).Format("2006-01-02 15:04") }
func cnDate(t time.Time) string {
	return t.In(shanghai).Format("2006年01月02日")
}

// listDate is the date as the column's list shows it.
func (c *column) listDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case c.yearless:
		return t.In(shanghai).Format("01-02")
	case c.chineseDates:
		return cnDate(t)
	}
	return ymd(t)
}

// fullWidth writes ASCII digits, '-' and ':' as their full-width forms, as
// some editors paste them.
func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '-', r == ':':
			b.WriteRune(r - 0x21 + 0xFF01)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rel returns target relative to the directory dir (which ends in "/"),
// the way TRS writes links ("./202611/t….html", "../zcjd/index.html").
func rel(dir, target string) string {
	var from []string
	if d := strings.Trim(dir, "/"); d != "" {
		from = strings.Split(d, "/")
	}
	to := strings.Split(strings.TrimPrefix(target, "/"), "/")
	dirs, file := to[:len(to)-1], to[len(to)-1]
	i := 0
	for i < len(from) && i < len(dirs) && from[i] == dirs[i] {
		i++
	}
	var b strings.Builder
	if i == len(from) {
		b.WriteString("./")
	} else {
		b.WriteString(strings.Repeat("../", len(from)-i))
	}
	for _, d := range dirs[i:] {
		b.WriteString(d + "/")
	}
	b.WriteString(file)
	return b.String()
}

// link is an entry of the main menu; req names the requirement that a
// link to another site answers by being there.
type link struct{ label, href, req string }

// pageMeta is what a page's <head> says about it.
type pageMeta struct {
	title   string
	column  string
	article string
	pubDate string
	source  string
}

// head opens a page: doctype, charset declaration, the meta tags the
// national website standard asks for, styles and scripts.
func (s *site) head(m pageMeta) string {
	var b strings.Builder
	b.WriteString(markHeadTop)
	if m.column != "" {
		fmt.Fprintf(&b, `<meta name="ColumnName" content="%s">`+"\n", esc(m.column))
		fmt.Fprintf(&b, `<meta name="ColumnType" content="%s">`+"\n", esc(m.column))
	}
	if m.article != "" {
		fmt.Fprintf(&b, `<meta name="ArticleTitle" content="%s">`+"\n", esc(m.article))
	}
	if m.pubDate != "" {
		fmt.Fprintf(&b, `<meta name="PubDate" content="%s">`+"\n", m.pubDate)
	}
	if m.source != "" {
		fmt.Fprintf(&b, `<meta name="ContentSource" content="%s">`+"\n", esc(m.source))
	}
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(m.title))
	b.WriteString(markHeadEnd)
	return b.String()
}

// headTop opens every page of the site up to the page's own meta tags.
func (s *site) headTop() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n")
	if s.gbk {
		b.WriteString(`<meta charset="gbk">` + "\n")
	} else {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=utf-8">` + "\n")
	}
	b.WriteString(`<meta http-equiv="X-UA-Compatible" content="IE=edge">` + "\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1.0">` + "\n")
	fmt.Fprintf(&b, `<meta name="SiteName" content="%s">`+"\n", esc(s.Name))
	fmt.Fprintf(&b, `<meta name="SiteDomain" content="%s">`+"\n", s.host)
	fmt.Fprintf(&b, `<meta name="SiteIDCode" content="%s">`+"\n", s.siteCode())
	return b.String()
}

// headEnd closes <head> with the styles and scripts every page loads.
const headEnd = `<link rel="stylesheet" type="text/css" href="/images/base.css">
<link rel="stylesheet" type="text/css" href="/images/style.css">
<script type="text/javascript" src="/images/jquery-1.12.4.min.js"></script>
</head>
<body>
`

// siteCode is the 网站标识码 the national register gives a site.
func (s *site) siteCode() string {
	h := uint32(2166136261)
	for i := 0; i < len(s.ID); i++ {
		h = (h ^ uint32(s.ID[i])) * 16777619
	}
	return fmt.Sprintf("21%08d", h%100000000)
}

// header is the top bar, the logo with the search box and the main menu.
// Pages share one copy of it: see markHeader.
func (s *site) header() string { return markHeader }

func (s *site) headerHTML() string {
	var b strings.Builder
	b.WriteString(`<div class="topbar"><div class="w1200 clearfix"><span class="fl" id="nowdate"></span>` +
		`<script type="text/javascript">var d=new Date();document.getElementById("nowdate").innerHTML=d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日";</script>` +
		`<span class="fr"><a href="javascript:void(0);" id="wza">无障碍浏览</a> | <a href="javascript:void(0);" id="zzms">长者模式</a> | <a href="javascript:void(0);" id="jfqh">繁體版</a> | <a href="http://www.gov.test/" target="_blank">中国政府网</a></span></div></div>` + "\n")
	fmt.Fprintf(&b, `<div class="header"><div class="w1200 clearfix"><div class="logo fl"><a href="/"><img src="/images/logo.png" alt="%s"></a></div>`, esc(s.Name))
	b.WriteString(`<div class="search fr"><form name="searchform" action="/search/search.html" method="get" target="_blank"><input type="text" name="searchword" class="sinput" placeholder="请输入关键字"><input type="submit" class="sbtn" value="搜索"></form></div></div></div>` + "\n")
	b.WriteString(s.menu())
	return b.String()
}

// menu is the main navigation bar.
func (s *site) menu() string {
	var b strings.Builder
	b.WriteString(`<div class="nav"><div class="w1200"><ul class="nav-list clearfix">`)
	for i, l := range s.navLinks() {
		cls := ""
		if i == 0 {
			cls = ` class="on"`
		}
		fmt.Fprintf(&b, `<li%s><a href="%s">%s</a></li>`, cls, l.href, esc(l.label))
	}
	b.WriteString("</ul></div></div>\n")
	return b.String()
}

// navLinks is the main menu: home, the disclosure portal, news, online
// services (another site), interaction and an about page.
func (s *site) navLinks() []link {
	out := []link{{"首页", "/", ""}}
	if s.zwgkHref != "" {
		out = append(out, link{or(s.zwgkLabel, "政务公开"), s.zwgkHref, ""})
	}
	if c := s.find("news"); c != nil {
		out = append(out, link{"新闻中心", c.paths[0], ""})
	}
	// The 政务服务 entry opens the provincial service platform: the
	// 政务服务 column all-13 asks a city portal for.
	out = append(out, link{"政务服务", govServiceURL, "all-13"})
	if c := s.find("hdjl"); c != nil {
		out = append(out, link{"互动交流", c.paths[0], ""})
	}
	if s.IsPortal() {
		out = append(out, link{"走进" + s.short, "/zjxx/index.html", ""})
	} else {
		out = append(out, link{"机构概况", "/jggk/index.html", ""})
	}
	return out
}

// footer closes a page with the sponsor, registration numbers and the
// government-site badge script every site carries. Pages share one copy of
// it: see markFooter.
func (s *site) footer() string { return markFooter }

func (s *site) footerHTML() string {
	var b strings.Builder
	b.WriteString(`<div class="footer"><div class="w1200">` + "\n")
	b.WriteString(`<p class="flinks"><a href="/wzdt/index.html">网站地图</a> | <a href="/lxwm/index.html">联系我们</a> | <a href="/wzsm/index.html">网站声明</a></p>` + "\n")
	fmt.Fprintf(&b, "<p>主办单位：%s　承办单位：%s</p>\n", esc(s.sponsor()), esc(s.operator()))
	fmt.Fprintf(&b, `<p>网站标识码：%s　<a href="http://beian.miit.test/" target="_blank">辽ICP备%08d号</a>　<a href="http://www.beian.test/" target="_blank">辽公网安备 %s号</a></p>`+"\n",
		s.siteCode(), len(s.ID)*1315423+3, "2101"+s.siteCode()[2:])
	b.WriteString(`<div class="conac"><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.test/js/06/000/0000/60429971/CA060000000604299710002.js' type='text/javascript'%3E%3C/script%3E"));</script></div>` + "\n")
	b.WriteString("</div></div>\n</body>\n</html>\n")
	return b.String()
}

// sponsor is the office that runs the site: a portal is run by its
// government's general office, a department by itself.
func (s *site) sponsor() string {
	switch {
	case !s.IsPortal():
		return s.Name
	case s.Level == govaudit.LevelProvince:
		return s.Name + "办公厅"
	}
	return s.Name + "办公室"
}

// operator is the unit that keeps the site running.
func (s *site) operator() string {
	if gov, _, ok := strings.Cut(s.Name, "人民政府"); ok && s.IsPortal() {
		return gov + "大数据管理中心"
	}
	return s.Name + "信息中心"
}

// position is the breadcrumb of a list or detail page.
func (s *site) position(c *column) string {
	var b strings.Builder
	b.WriteString(`<div class="position">当前位置：<a href="/">首页</a>`)
	if c.group != "" {
		if g := s.groupHref(c.group); g != "" {
			fmt.Fprintf(&b, ` &gt; <a href="%s">%s</a>`, g, esc(c.group))
		} else {
			fmt.Fprintf(&b, ` &gt; <span>%s</span>`, esc(c.group))
		}
	}
	fmt.Fprintf(&b, ` &gt; <a href="%s">%s</a></div>`+"\n", c.paths[0], esc(c.name))
	return b.String()
}

// sidebar lists the column's siblings, as the left menu of a list page.
func (s *site) sidebar(c *column) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="leftnav"><h2>%s</h2><ul>`, esc(or(c.group, c.name)))
	for _, o := range s.columns {
		if o.group != c.group {
			continue
		}
		cls := ""
		if o == c {
			cls = ` class="on"`
		}
		fmt.Fprintf(&b, `<li%s><a href="%s">%s</a></li>`, cls, o.paths[0], esc(o.name))
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

func (s *site) groupHref(group string) string {
	if group == "政务公开" || group == "政府信息公开" || group == "信息公开" {
		return s.zwgkHref
	}
	return ""
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// find returns the column with slug.
func (s *site) find(slug string) *column {
	for _, c := range s.columns {
		if c.slug == slug {
			return c
		}
	}
	return nil
}

// bodyHTML renders a document's paragraphs and table.
func bodyHTML(it *item) string {
	var b strings.Builder
	for _, p := range it.body {
		fmt.Fprintf(&b, "<p style=\"text-indent:2em;\">%s</p>\n", esc(p))
	}
	if len(it.table) > 0 {
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%;">` + "\n")
		for i, row := range it.table {
			b.WriteString("<tr>")
			for _, cell := range row {
				if i == 0 {
					fmt.Fprintf(&b, "<th>%s</th>", esc(cell))
				} else {
					fmt.Fprintf(&b, "<td>%s</td>", esc(cell))
				}
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	return b.String()
}

// pinMark is how a list shows that an item is pinned.
const pinMark = `<img src="/images/zd.gif" alt="置顶" class="zd">`

// emptyList is what a CMS shows for a column with nothing in it.
const emptyList = `<div class="nodata" style="text-align:center;padding:40px 0;">暂无信息</div>` + "\n"

// replyMark is how a message list shows a message's reply status, after
// its title; "" for items that are not messages.
func replyMark(it *item) string {
	if it.status == "" {
		return ""
	}
	return `<span class="zt">[` + esc(it.status) + `]</span>`
}
