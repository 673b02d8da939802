package tamper

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// benchPage builds a 50 KB detail page of a city portal: head with styles
// and scripts, a 40-item menu with hidden dropdowns, a long article in
// styled spans (as TRS editors write it), a related-links list, a 友情链接
// block and a footer.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于印发某某市2026年政务公开工作要点的通知_某某市人民政府</title>
<meta name="keywords" content="政务公开,工作要点"><meta name="description" content="某某市2026年政务公开工作要点">
<style>.nav li{float:left}.sub{display:none;position:absolute}.nav li:hover .sub{display:block}.hide{display:none}</style>
<script src="/js/jquery.js"></script><script>function doZoom(n){document.getElementById('zoom').style.fontSize=n+'px';}</script></head><body>
<div class="top"><a href="http://www.gov.cn/">中国政府网</a><a href="http://www.ln.gov.cn/">辽宁省人民政府</a></div><ul class="nav">`)
	for i := range 40 {
		fmt.Fprintf(&b, `<li><a href="/lm%d/">栏目%d</a><ul class="sub"><li><a href="/lm%d/a/">子栏目甲</a></li><li><a href="/lm%d/b/">子栏目乙</a></li></ul></li>`, i, i, i, i)
	}
	b.WriteString(`</ul><div class="article"><h1>关于印发某某市2026年政务公开工作要点的通知</h1><div id="zoom">`)
	para := `<p style="text-indent:2em"><span style="font-family:仿宋_GB2312;font-size:16pt">为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步加强政策解读和回应关切，推进决策、执行、管理、服务、结果公开，加强政府网站和政务新媒体建设管理，提升政务公开质量和实效，现将有关事项通知如下。</span></p>` + "\n"
	for b.Len() < 40<<10 {
		b.WriteString(para)
	}
	b.WriteString(`</div></div><ul class="related">`)
	for i := range 20 {
		fmt.Fprintf(&b, `<li><a href="/zwgk/zcwj/202611/t202611%02d_%d.html">某某市人民政府办公室关于做好第%d项重点工作的通知</a><span>2026-11-%02d</span></li>`, i+1, i, i, i+1)
	}
	b.WriteString(`</ul><div class="yqlj"><a href="http://www.people.com.cn/">人民网</a><a href="http://www.xinhuanet.com/">新华网</a><a href="http://www.lnd.com.cn/">北国网</a></div>
<div class="footer"><p>主办单位：某某市人民政府办公室　网站标识码：2100000001　政务服务便民热线：12345</p>
<script>document.write('<a href="/wzdt/">网站地图</a>');</script></div></body></html>`)
	for b.Len() < 50<<10 {
		b.WriteString("<!-- padding -->\n")
	}
	return []byte(b.String())
}

func BenchmarkScan(b *testing.B) {
	body := benchPage()
	if got := Scan(body, pageURL); len(got) != 0 {
		b.Fatalf("got findings on the bench page:\n%s", dump(got))
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(body, pageURL)
	}
}

func BenchmarkScanRealPage(b *testing.B) {
	body := fixture(b, "realpages/shanxi_gov_detail.html")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(body, pageURL)
	}
}

// BenchmarkTokenizerFloor is the cost of tokenizing the bench page and
// nothing else: the floor under BenchmarkScan, and a yardstick when the
// machine is shared and absolute times drift.
func BenchmarkTokenizerFloor(b *testing.B) {
	body := benchPage()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		z := html.NewTokenizer(bytes.NewReader(body))
		for z.Next() != html.ErrorToken {
		}
	}
}
