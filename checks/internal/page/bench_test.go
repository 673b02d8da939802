package page

import (
	"fmt"
	"strings"
	"testing"
)

// benchPage builds a TRS column page with 20 dated items inside a typical
// template: header, a 30-link menu, breadcrumb, side menu, pager, footer.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告_某某市人民政府</title>
<meta name="ColumnName" content="通知公告"><meta name="PubDate" content="2026-11-20 10:00">
<style>.list li{line-height:30px}</style><script src="/js/jquery.js"></script></head><body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="某某市人民政府"></a></div></div>
<div class="nav"><ul>`)
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, `<li><a href="/lm%d/">栏目%d</a></li>`, i, i)
	}
	b.WriteString(`</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="./">通知公告</a></div>
<div class="main"><div class="left"><ul class="sub-lanmu">`)
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, `<li><a href="../sub%d/">子栏目%d</a></li>`, i, i)
	}
	b.WriteString(`</ul></div><div class="right"><div class="xxgk"><p><strong>索引号</strong>：000014348/2026-35147</p><p><strong>发布机构</strong>：某某市人民政府办公室</p></div><ul class="list">`)
	for i := 0; i < 20; i++ {
		d := 20 - i%20
		fmt.Fprintf(&b, `<li><a href="./202611/t202611%02d_30%05d.html" target="_blank" title="某某市人民政府办公室关于做好第%d项重点工作的通知">某某市人民政府办公室关于做好第%d项重点工作的通知</a><span>2026-11-%02d</span></li>`+"\n", d, i, i, i, d)
	}
	b.WriteString(`</ul><div class="page"><script>createPageHTML(12, 0, "index", "html");</script></div></div></div>
<div class="footer"><ul><li><a href="/wzdt/">网站地图</a></li><li><a href="/lxwm/">联系我们</a></li></ul>
<p>主办单位：某某市人民政府办公室　网站标识码：2100000001</p></div></body></html>`)
	return []byte(b.String())
}

func BenchmarkReadList(b *testing.B) {
	body := benchPage()
	doc := parse(b, body)
	base := mustURL(b, "http://www.a.gov.cn/zwgk/tzgg/")
	if n := len(ReadList(doc, body, base, clock).Items); n != 20 {
		b.Fatalf("got %d items, want 20", n)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		ReadList(doc, body, base, clock)
	}
}

func BenchmarkLinks(b *testing.B) {
	body := benchPage()
	doc := parse(b, body)
	base := mustURL(b, "http://www.a.gov.cn/zwgk/tzgg/")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Links(doc, base)
	}
}

func BenchmarkReadDetail(b *testing.B) {
	body := benchPage()
	doc := parse(b, body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		ReadDetail(doc, "http://www.a.gov.cn/zwgk/tzgg/202611/t20261120_3000000.html", cst)
	}
}

// BenchmarkParse is the cost every reader shares, for comparison.
func BenchmarkParse(b *testing.B) {
	body := benchPage()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRealPage runs the whole per-page work (parse, links, list or
// detail) on real pages of different sizes.
func BenchmarkRealPage(b *testing.B) {
	for _, tt := range []struct {
		file, url string
		list      bool
	}{
		{"handan_trs_xxgk_list.jsp.html", handanList, true},
		{"dingxi_hanweb_dataproxy_list.xml", dingxiProxy, true},
		{"shanxi_gov_detail.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml", false},
		{"zj_fgw_hanweb_detail.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", false},
	} {
		b.Run(tt.file, func(b *testing.B) {
			body := realPage(b, tt.file)
			base := mustURL(b, tt.url)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				doc, err := Parse(body)
				if err != nil {
					b.Fatal(err)
				}
				Links(doc, base)
				if tt.list {
					ReadList(doc, body, base, clock)
				} else {
					ReadDetail(doc, tt.url, cst)
				}
			}
		})
	}
}
