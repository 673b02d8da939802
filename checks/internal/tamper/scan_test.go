package tamper

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const pageURL = "http://www.mycity.gov.cn/zwdt/bsyw/202611/t20261120_1.html"

// TestScanFixtures runs Scan on the synthetic pages of testdata/synthetic:
// the injections the brief lists, and the decoys that must stay silent.
//
// A hidden block of links gives one finding per link (deduplicated by
// target): each target is a site the evaluator may have to name, and the
// URL field carries one target.
func TestScanFixtures(t *testing.T) {
	casino := []string{
		"bjl001", "bjl002", "ssc003", "lhc004", "pk10-005", "ylc006", "zr007", "tyt008", "lhj009",
		"xpj010", "hg011", "bc012", "zc013", "xyft014", "dz015", "amdc016", "ybty017", "sbty018",
		"kyqp019", "gcpt020",
	}
	var casinoWants []want
	for _, c := range casino {
		casinoWants = append(casinoWants, want{KindHiddenLink, "http://www." + c + ".com/", "hidden by display:none"})
	}
	tests := []struct {
		file string
		want []want
	}{
		{"base.html", nil},
		{"hidden_casino_block.html", casinoWants},
		// Anchors with no spam word: hiding a link to another site is
		// tampering by itself.
		{"offscreen_block.html", []want{
			{KindHiddenLink, "https://www.zhuangxiu-gongsi.cn/", "position:absolute;left:-9999px"},
			{KindHiddenLink, "https://www.seo-youhua.net/", `"网站优化"`},
			{KindHiddenLink, "https://shouji.example-shop.com/", "手机维修"},
		}},
		{"style_class.html", []want{
			{KindHiddenLink, "http://xx-casino.com", `"百家乐" (百家乐) hidden by .a1{display:none}`},
		}},
		// Markup written by document.write: string literals, a \u escape, a
		// variable built with +=, and unescape("%u…").
		{"document_write.html", []want{
			{KindHiddenLink, "http://www.amxpj-88.com/", `"澳门新葡京" (新葡京) hidden by display:none`},
			{KindHiddenLink, "http://www.ssc-99.net/", "时时彩"},
			{KindSpamText, "", `written by script: 北京赛车, 官网 in "北京赛车官网"`},
		}},
		{"zero_font.html", []want{
			{KindHiddenLink, "http://www.liuhecai-kj.com/", "hidden by font-size:0px"},
			{KindHiddenLink, "http://www.daikai-fapiao.com/", "发票服务"},
		}},
		{"marquee.html", []want{
			{KindHiddenLink, "http://www.av-dianying.com/", "marquee"},
			{KindHiddenLink, "http://www.yyq-88.com/", "同城交友"},
		}},
		{"tiny_box.html", []want{
			{KindHiddenLink, "http://www.sifu-chuanqi.com/", "overflow:hidden;width:0px"},
			{KindHiddenLink, "http://www.banzheng-1.com/", "text-indent:-10000px"},
		}},
		// Traditional characters fold: 澳門新葡京娛樂城.
		{"visible_spam_link.html", []want{
			{KindSpamLink, "http://www.amxpj-vip.com/", "新葡京, 娱乐城"},
		}},
		{"spam_text.html", []want{
			{KindSpamText, "", `title: 百家乐, 官网 in "澳门百家乐官网_某某县人民政府"`},
			{KindSpamText, "", "meta keywords: 时时彩, 北京赛车, 幸运飞艇"},
			{KindSpamText, "", "博彩, 平台, 注册送, 体验金, 日赚, 客服, qq号"},
		}},
		// A regulation on welfare-lottery sales: 彩票, 投注站, 开奖, 购彩, 足彩
		// next to 管理, 规定, 条例, 福利彩票, 体育彩票.
		{"decoy_lottery_policy.html", nil},
		// A police notice that lists the games (六合彩, 百家乐 …) and quotes
		// the spam's slogans ("注册送彩金") under a title about enforcement.
		{"decoy_police_notice.html", nil},
		// Dropdowns and widgets: hidden menus linking to the same site and
		// to other gov.cn sites, a menu opened by onmouseover, a class
		// revealed by :hover and by a media query, a print-only rule, a
		// font-size:0 list whose items get a size from a class rule, a div
		// a script shows by id, an empty hidden error-report widget, and
		// skip links positioned off-screen.
		{"decoy_hidden_nav.html", nil},
		// Visible links to 中国政府网, 12345, the conac badge, the error-report
		// widget and the CMS vendor; a QQ group number with no spam word.
		{"decoy_footer.html", nil},
		// AVAILABLE, NAV, JAVA; 红色情怀, 特色情景; 以下注意事项 and 投注更多精力;
		// 外挂电梯 and 棋牌室; a tax office's 代开发票 service; 办证大厅 with a
		// mobile number; 博彩业 in Macau news; 体育彩票公益金.
		{"decoy_words.html", nil},
		// Enforcement, lottery and anti-fraud news, as headlines and as
		// sentences, and a permit list that names venues (娱乐城, 电子游艺厅)
		// in table cells.
		{"decoy_enforcement_news.html", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := Scan(fixture(t, "synthetic/"+tt.file), pageURL)
			checkFindings(t, got, tt.want)
		})
	}
}

// TestScanSeedSpam uses the spam string the seed document ends with
// ("北单足彩", after the task table): in the seed itself, appended after a
// normal page's markup, and appended inside its last paragraph.
func TestScanSeedSpam(t *testing.T) {
	seed := fixture(t, "seed.txt")
	i := bytes.LastIndex(seed, []byte("北单足彩"))
	if i < 0 {
		t.Fatal("seed.txt does not end with 北单足彩")
	}
	tail := seed[i:]
	base := fixture(t, "synthetic/base.html")
	inParagraph := bytes.Replace(base, []byte("参加会议。</p>"), append([]byte("参加会议。"), append(tail, "</p>"...)...), 1)
	tests := []struct {
		name string
		body []byte
	}{
		// The whole 43 KB document, read as text: the only finding is the
		// trailing line, although the plan's text mentions 监督 and 管理 in
		// the paragraphs just before it.
		{"seed document", seed},
		{"appended after </html>", append(bytes.Clone(base), append([]byte("\n\n"), tail...)...)},
		{"appended to the last paragraph", inParagraph},
		{"appended to the last page of the seed table", append([]byte("<html><body><p>"), seed[len(seed)-3000:]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFindings(t, Scan(tt.body, pageURL), []want{{KindSpamText, "", `北单足彩 in "北单足彩"`}})
		})
	}
}

// TestScanSentences judges single paragraphs, to pin the scoring rules at
// their edges.
func TestScanSentences(t *testing.T) {
	tests := []struct {
		text string
		spam bool
	}{
		// One strong word is enough.
		{"北单足彩", true},
		{"澳門百家樂", true},
		{"百 家 乐", true},
		// A medium word needs one advertising word, a weak one two or a
		// contact.
		{"某地赌场", false},
		{"澳门赌场官网", true},
		{"足彩", false},
		{"足彩推荐，加微信", true},
		{"彩票", false},
		{"彩票app下载", true},
		{"办证", false},
		{"办证13800138000", false},
		{"办证QQ：12345678", true},
		{"代开发票", false},
		{"代开发票 13912345678 微信同号", true},
		// Service words: an office's own guide does not add up.
		{"纳税人可登录电子税务局，点击下载代开发票申请表", false},
		{"办证须知：请登录官网下载申请表，免费办理", false},
		// Words left out of the lexicon for their honest uses.
		{"有奖发票开奖结果最高5万元，登录查询", false},
		{"彩金首饰最高优惠", false},
		{"大股东减持套现最高达3亿元", false},
		{"成人AV在线", true},
		{"AV设备采购", false},
		// Context words near the spam word.
		{"打击赌场", false},
		{"民警在某小区查获一个地下赌场。", false},
		{"严厉打击六合彩、时时彩等赌博活动", false},
		{"警惕“注册送彩金”等网络赌博陷阱", false},
		{"某平台涉嫌组织网络赌博。平台宣称百家乐日赚千元。", false},
		// Context does not save an advertisement with a contact.
		{"远离网赌，选择正规百家乐平台，客服QQ：88886666", true},
		// Sentences are judged apart; context reaches one sentence away.
		{"依法查处。今日天气晴。澳门百家乐。", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			body := "<html><head><title>工作动态</title></head><body><p>" + tt.text + "</p></body></html>"
			got := Scan([]byte(body), pageURL)
			if (len(got) > 0) != tt.spam {
				t.Errorf("got %v, want spam %v", got, tt.spam)
			}
		})
	}
}

// TestScanLinks pins which links count as another site's.
func TestScanLinks(t *testing.T) {
	hidden := func(href, anchor string) string {
		return `<div style="display:none"><a href="` + href + `">` + anchor + `</a></div>`
	}
	tests := []struct {
		name, page, body string
		want             []want
	}{
		{"same registrable domain", pageURL, hidden("http://zwgk.mycity.gov.cn/a.html", "政务公开"), nil},
		{"other gov.cn site", pageURL, hidden("http://www.ln.gov.cn/", "辽宁省人民政府"), nil},
		{"relative link", pageURL, hidden("/zwgk/", "政务公开"), nil},
		{"javascript link", pageURL, hidden("javascript:void(0)", "展开"), nil},
		{"edu.cn and ac.cn", pageURL, hidden("http://www.lnu.edu.cn/", "辽宁大学") + hidden("http://www.cas.ac.cn/", "中国科学院"), nil},
		{"trusted media in a closed menu", pageURL, hidden("http://www.people.com.cn/", "人民网"), nil},
		{"trusted media with spam anchor", pageURL, hidden("http://www.people.com.cn/x", "百家乐"), []want{
			{KindHiddenLink, "http://www.people.com.cn/x", "百家乐"},
		}},
		{"commercial site", pageURL, hidden("http://www.example-shop.com/", "网站建设"), []want{
			{KindHiddenLink, "http://www.example-shop.com/", `"网站建设" hidden by display:none`},
		}},
		{"protocol-relative", pageURL, hidden("//www.example-shop.com/", "网站建设"), []want{
			{KindHiddenLink, "http://www.example-shop.com/", "网站建设"},
		}},
		{"IP address", pageURL, hidden("http://203.0.113.9/", "网站建设"), []want{
			{KindHiddenLink, "http://203.0.113.9/", "网站建设"},
		}},
		{"image alt as anchor", pageURL, hidden("http://www.example-shop.com/", `<img src="x.png" alt="六合彩">`), []want{
			{KindHiddenLink, "http://www.example-shop.com/", "六合彩"},
		}},
		{"hidden attribute", pageURL, `<div hidden><a href="http://www.example-shop.com/">网站建设</a></div>`, []want{
			{KindHiddenLink, "http://www.example-shop.com/", "hidden attribute"},
		}},
		{"visibility hidden undone by a child", pageURL,
			`<div style="visibility:hidden"><p style="visibility:visible"><a href="http://www.example-shop.com/">网站建设</a></p></div>`, nil},
		{"font-size:0 undone by a child", pageURL,
			`<div style="font-size:0"><span style="font-size:14px"><a href="http://www.example-shop.com/">网站建设</a></span></div>`, nil},
		{"font-size:0 with a styled child", pageURL,
			`<ul style="font-size:0"><li class="item"><a href="http://www.example-shop.com/">网站建设</a></li></ul>`, nil},
		{"font-size:0 inherited", pageURL,
			`<ul style="font-size:0"><li><a href="http://www.example-shop.com/">网站建设</a></li></ul>`, []want{
				{KindHiddenLink, "http://www.example-shop.com/", "font-size:0"},
			}},
		{"unclosed hidden list item", pageURL,
			`<ul><li style="display:none"><a href="/x/">x</a><li><a href="http://www.example-shop.com/">网站建设</a></ul>`, nil},
		{"unclosed hidden paragraph", pageURL,
			`<p style="display:none">x<div><a href="http://www.example-shop.com/">网站建设</a></div>`, nil},
		{"spam after </html>", pageURL,
			`</body></html><div style="display:none"><a href="http://www.example-shop.com/">网站建设</a></div>`, []want{
				{KindHiddenLink, "http://www.example-shop.com/", "网站建设"},
			}},
		{"unknown page URL", "", hidden("http://www.mycity.gov.cn/", "首页") + hidden("http://www.mycity.com/", "首页"), []want{
			{KindHiddenLink, "http://www.mycity.com/", "首页"},
		}},
		{"noscript markup", pageURL, `<noscript><a href="http://www.example-shop.com/">澳门百家乐</a></noscript>`, []want{
			{KindSpamLink, "http://www.example-shop.com/", "百家乐"},
		}},
		{"hidden spam text without links", pageURL, `<div style="display:none">澳门百家乐官网</div>`, []want{
			{KindSpamText, "", `hidden text: 百家乐, 官网 in "澳门百家乐官网"`},
		}},
		{"spam pages planted on the site itself", pageURL, `<ul><li><a href="/bjl/1.html">澳门百家乐</a></li></ul>`, []want{
			{KindSpamText, "", "百家乐"},
		}},
		{"visible enforcement headline on state media", pageURL,
			`<a href="http://www.people.com.cn/n1/x.html">警方捣毁百家乐赌博窝点</a>`, nil},
		{"template content is inert", pageURL, `<template><a href="http://www.example-shop.com/">澳门百家乐</a></template>`, nil},
		{"comment", pageURL, `<!-- <a href="http://www.example-shop.com/">澳门百家乐</a> -->`, nil},
		{"script literal not written", pageURL, `<script>var s = "澳门百家乐";</script>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "<html><head><title>工作动态</title></head><body>" + tt.body + "</body></html>"
			checkFindings(t, Scan([]byte(body), tt.page), tt.want)
		})
	}
}

// TestScanLimits checks that a stuffed page yields at most maxFindings
// findings and that repeated targets are reported once.
func TestScanLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div style="display:none">`)
	for i := range 200 {
		fmt.Fprintf(&b, `<a href="http://www.casino%d.com/">百家乐</a><a href="http://www.casino%d.com/">百家乐</a>`, i, i)
	}
	b.WriteString(`</div>`)
	got := Scan([]byte(b.String()), pageURL)
	if len(got) != maxFindings {
		t.Fatalf("got %d findings, want %d", len(got), maxFindings)
	}
	if got[1].URL != "http://www.casino1.com/" {
		t.Errorf("got second URL %q, want http://www.casino1.com/", got[1].URL)
	}
}

// TestToggled checks which hiding elements count as widgets the page opens
// itself.
func TestToggled(t *testing.T) {
	js := []byte(`$('#qrbox').hide(); document.getElementById("menu2").style.display='block'; $(".tab-on").show(); x.menu3 = 1;`)
	s := &scanner{css: parseStylesheets([]byte(`<style>.sub{display:none} li:hover .sub{display:block}</style>`))}
	named := scriptNames(js)
	tests := []struct {
		h    hider
		want bool
	}{
		{hider{keys: []string{"#qrbox"}}, true},
		{hider{keys: []string{"#menu2"}}, true},
		{hider{keys: []string{".tab-on"}}, true},
		{hider{keys: []string{".tab"}}, false},   // only as part of tab-on
		{hider{keys: []string{"#menu3"}}, false}, // a property, not an id
		{hider{keys: []string{".sub"}}, true},    // revealed by :hover
		{hider{keys: []string{".a1", "#x"}}, false},
		{hider{handlerNear: true}, true},
		{hider{}, false},
	}
	for _, tt := range tests {
		if got := s.toggled(tt.h, named); got != tt.want {
			t.Errorf("toggled(%+v): got %v, want %v", tt.h, got, tt.want)
		}
	}
}
