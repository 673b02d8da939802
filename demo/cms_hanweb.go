package demo

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// hanwebProxyPath is where Hanweb JCMS serves further pages of a list.
const hanwebProxyPath = "/module/web/jpage/dataproxy.jsp"

// hanweb is 大汉 JCMS: columns at /col/colNNN/index.html whose list is not in
// the DOM but in <script type="text/xml"><datastore>, one CDATA record per
// item, paged in the browser by jpage; documents at
// /art/YYYY/M/D/art_COL_ID.html.
type hanweb struct {
	webid   int
	orgCode string
}

func (h hanweb) unit(c *column) int { return c.code + 36000 }

func (h hanweb) place(s *site, c *column) {
	c.dir = fmt.Sprintf("/col/col%d/", c.code)
	c.paths = []string{c.dir + "index.html"}
	for _, it := range c.items {
		d := it.date.In(shanghai)
		it.path = fmt.Sprintf("/art/%d/%d/%d/art_%d_%d.html", d.Year(), int(d.Month()), d.Day(), c.code, it.id)
	}
	if s.proxies == nil {
		s.proxies = make(map[string]*column)
	}
	s.proxies[strconv.Itoa(c.code)] = c
}

// proxyURL is the first "next group" address jpage asks for.
func (h hanweb) proxyURL(s *site, c *column) string {
	return fmt.Sprintf("%s?page=1&appid=1&webid=%d&path=/&columnid=%d&unitid=%d&webname=%s&permissiontype=0",
		hanwebProxyPath, h.webid, c.code, h.unit(c), url.QueryEscape(s.Name))
}

func record(c *column, it *item) string {
	pin := ""
	if it.pinned {
		pin = pinMark
	}
	return fmt.Sprintf("<record><![CDATA[\n<li class=\"clearfix\">%s<a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a>%s<span>%s</span></li>]]></record>\n",
		pin, it.path, esc(it.title), esc(it.title), replyMark(it), c.listDate(it.date))
}

// datastore is the XML list: every record of the column, as the first
// group of a column of this size holds them all.
func (h hanweb) datastore(s *site, c *column, items []*item) string {
	var b strings.Builder
	b.WriteString("<datastore>\n")
	fmt.Fprintf(&b, "<nextgroup><![CDATA[<a href=\"%s\"></a>]]></nextgroup>\n", h.proxyURL(s, c))
	b.WriteString("<recordset>\n")
	for _, it := range items {
		b.WriteString(record(c, it))
	}
	b.WriteString("</recordset>\n</datastore>")
	return b.String()
}

// extras files the dataproxy answer the column's nextgroup link names.
func (h hanweb) extras(s *site, c *column) {
	s.addXML(h.proxyURL(s, c), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+h.datastore(s, c, c.items))
}

func (h hanweb) list(s *site, c *column, n int) string {
	var b strings.Builder
	if len(c.items) == 0 {
		b.WriteString(emptyList)
	}
	fmt.Fprintf(&b, `<div class="default_pgContainer" id="%d"><script type="text/xml">%s</script></div>`+"\n", h.unit(c), h.datastore(s, c, c.items))
	b.WriteString(`<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>` + "\n")
	fmt.Fprintf(&b, "<script language=\"javascript\">\n$(function(){ $('#%d').jpage({ dataStore: $('#%d script').text(), perPage: %d, totalRecord: %d, groupSize: 3, proxyUrl: '%s', ajaxParam: { col: 1, webid: %d, path: '/', columnid: %d, sourceContentType: 1, unitid: %d, permissiontype: 0 }, barPosition: 'bottom', pageIndex: 1, dataBefore: '<ul class=\"list\">', dataAfter: '</ul>' }); });\n</script>\n",
		h.unit(c), h.unit(c), c.perPage, len(c.items), hanwebProxyPath, h.webid, c.code, h.unit(c))
	return s.listShell(c, b.String())
}

func (h hanweb) detail(s *site, c *column, it *item) string {
	var b strings.Builder
	if it.issuer != "" {
		rows := []metaRow{{"索引号", fmt.Sprintf("%s/%d-%05d", h.orgCode, it.date.In(shanghai).Year(), it.id%100000)},
			{"发布机构", it.issuer}, {"生成日期", ymd(it.date)}, {"文号", or(it.docNo, "无")}}
		if it.validity != "" {
			rows = append(rows, metaRow{"有效性", it.validity})
		}
		rows = append(rows, metaRow{"标题", it.title})
		b.WriteString(metaTable("xxgk_table", rows))
	}
	fmt.Fprintf(&b, `<div class="main-tit"><h1>%s</h1></div>`+"\n", esc(it.title))
	fmt.Fprintf(&b, `<div class="main-fbxx"><span>发布日期：%s</span><span>信息来源：%s</span><span>浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid=%d&artid=%d"></script></span></div>`+"\n",
		ymd(it.date), esc(or(it.issuer, s.Name)), c.code, it.id)
	b.WriteString(`<div class="main-txt">` + "\n<!--ZJEG_RSS.content.begin--><meta name=\"ContentStart\">\n")
	b.WriteString(bodyHTML(it))
	b.WriteString("<meta name=\"ContentEnd\"><!--ZJEG_RSS.content.end-->\n</div>\n")
	return s.detailShell(c, it, b.String())
}

// serveProxy answers jpage's requests for records startrecord…endrecord of
// a column (GET or POST, as the browser script sends them).
func (s *site) serveProxy(w http.ResponseWriter, r *http.Request) {
	c := s.proxies[r.FormValue("columnid")]
	h, ok := s.cms.(hanweb)
	if c == nil || !ok {
		write(w, notFoundPage)
		return
	}
	start, end := 1, len(c.items)
	if v, err := strconv.Atoi(r.FormValue("startrecord")); err == nil && v > 0 {
		start = v
	}
	if v, err := strconv.Atoi(r.FormValue("endrecord")); err == nil && v < end {
		end = v
	}
	var items []*item
	if start <= end {
		items = c.items[start-1 : end]
	}
	body := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + h.datastore(s, c, items)
	write(w, newPage(http.StatusOK, "text/xml;charset=UTF-8", []byte(body)))
}
