package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
)

func city(id, name, host, cityName string) govaudit.Site {
	return portal(id, name, host, cityName, govaudit.LevelCity)
}

// shenyang is a city portal in traditional characters whose columns live
// only in the 政府信息公開 sub-portal, one click below the home page. Its
// TRS lists are tables (名称/索引号/发布机构/发布日期).
func shenyang(c clock) *site {
	s := &site{Site: city("shenyang", "沈阳市人民政府", "www.shenyang.test", "沈阳"), short: "沈阳", host: "www.shenyang.test",
		traditional: true, cms: trs{ext: "html", table: true, orgCode: "11210100001179489D"},
		zwgkHref: "/zfxxgk/index.html", zwgkLabel: "政府信息公开", robots: openRobots}
	b := newBuilder(c, s, 4471000)
	news := b.newsColumn("沈阳要闻", "/xwzx/syyw/", 0, 10, "沈阳日报")
	notices := b.noticeColumn("/zfxxgk/fdzdgknr/tzgg/", 0, "政府信息公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政府信息公开", "/zfxxgk/fdzdgknr/zcwj/", 0)
	for i, a := range b.ages(5, 16, 6) {
		issuer, prefix := "沈阳市人民政府", "沈政发"
		if i%2 == 1 {
			issuer, prefix = "沈阳市人民政府办公室", "沈政办发"
		}
		label := validityLabels[i%len(validityLabels)]
		if i%5 == 1 || i%5 == 3 {
			label = ""
		}
		b.add(zcwj, b.policy(issuer, prefix, a, label))
	}
	main, results, penalties := b.spotColumns("沈阳市市场监督管理局", "政府信息公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"},
		[3]string{"/zfxxgk/fdzdgknr/sjcc/", "/zfxxgk/fdzdgknr/ccjg/", "/zfxxgk/fdzdgknr/ccqk/"}, [3]int{},
		b.ages(30, 3, 300), b.ages(12, 6, 30), b.ages(18, 5, 35))
	yjs := b.annualColumn("预决算公开", "/zfxxgk/fdzdgknr/yjsgk/", 0, "政府信息公开", "沈阳市人民政府办公室", true, false)
	const gov = "沈阳市人民政府"
	zcjd := b.interpretColumn("/zfxxgk/fdzdgknr/zcjd/", 0, "政府信息公开")
	// The key-work reports have missed a quarter.
	zdgz := b.listColumn("all-03", "zdgz", "重点工作", "政府信息公开", "/zfxxgk/fdzdgknr/zdgz/", 0,
		func(k, a int) *item { return b.keyWork(gov, a) }, 130, 221, 312)
	jcyg := b.listColumn("all-01", "jcygk", "决策预公开", "政府信息公开", "/zfxxgk/fdzdgknr/jcygk/", 0,
		func(k, a int) *item { return b.consultation(gov, k, a) }, 40, 85, 150, 260)
	// Only three meetings with public attendees in the last year, fewer
	// than the five all-02 asks for, though the newest is recent.
	lxhy := b.listColumn("all-02", "lxhy", "列席会议", "政府信息公开", "/zfxxgk/fdzdgknr/lxhy/", 0,
		func(k, a int) *item { return b.meeting(gov, k, a) }, 30, 150, 280, 400, 520)
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/szxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("沈阳要闻", news, 8),
		bannerBlock("政务公开", "xxgk-banner", fmt.Sprintf(`<a href="%s" title="政府信息公开"><img src="/images/zfxxgk.jpg" alt="政府信息公开"></a>`, s.zwgkHref)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政府信息公开", true, zcwj, main, results, penalties, yjs, notices, zcjd, zdgz, jcyg, lxhy))
	s.commonPages()
	return s
}

// dalian is a city portal whose home page is a <frameset>: the menu with
// the column links is in the top frame. Lists are tables with dates
// written 2026年11月20日; its 随机抽查 column has not moved for over a year.
func dalian(c clock) *site {
	s := &site{Site: city("dalian", "大连市人民政府", "www.dalian.test", "大连"), short: "大连", host: "www.dalian.test",
		cms: plain{table: true}, zwgkHref: "/zwgk/index.html", robots: openRobots}
	b := newBuilder(c, s, 20931)
	news := b.newsColumn("大连要闻", "/xwzx/dlyw/", 0, 10, "大连日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(10, 14, 7) {
		label := ""
		if i%2 == 0 {
			label = validityLabels[(i+1)%len(validityLabels)]
		}
		b.add(zcwj, b.policy("大连市人民政府", "大政发", a, label))
	}
	main, results, penalties := b.spotColumns("大连市市场监督管理局", "政务公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"}, [3]string{"/zwgk/sjcc/", "/zwgk/ccjg/", "/zwgk/ccqk/"}, [3]int{},
		b.ages(420, 3, 200), b.ages(400, 4, 60), b.ages(430, 3, 90))
	yjs := b.annualColumn("财政预决算", "/zwgk/yjsgk/", 0, "政务公开", "大连市人民政府办公室", true, false)
	const gov = "大连市人民政府"
	// No press conference for two and a half months, and the division of
	// work among the leaders is two years old.
	fbh := b.listColumn("all-09", "xwfbh", "新闻发布会", "政务公开", "/zwgk/xwfbh/", 0,
		func(k, a int) *item { return b.press(gov, k, a) }, 75, 130, 190)
	ldfg := b.listColumn("all-12", "ldfg", "领导分工", "政务公开", "/zwgk/ldfg/", 0,
		func(k, a int) *item { return b.division(gov, a) }, 500, 900)
	for _, col := range s.columns {
		col.chineseDates = true
	}
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/szxx/", 0)
	b.finish()

	s.addHTML("/", `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Frameset//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-frameset.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>大连市人民政府</title>
<meta name="SiteName" content="大连市人民政府"><meta name="SiteDomain" content="www.dalian.test"></head>
<frameset rows="196,*" frameborder="no" border="0" framespacing="0">
<frame src="/top.html" name="topFrame" scrolling="no" noresize="noresize" id="topFrame">
<frame src="/main.html" name="mainFrame" id="mainFrame">
</frameset>
<noframes><body>您的浏览器不支持框架，请升级浏览器。</body></noframes>
</html>
`)
	var top strings.Builder
	top.WriteString(s.head(pageMeta{title: s.Name}))
	top.WriteString(s.header())
	top.WriteString(`<div class="subnav"><div class="w1200"><span class="tit">政务公开：</span>`)
	subnav := []*column{zcwj, main, results, penalties, yjs, notices, fbh, ldfg, mailbox}
	for i, col := range subnav {
		if i > 0 {
			top.WriteString(" | ")
		}
		s.recordMenu(1, textLink(col))
		fmt.Fprintf(&top, `<a href="%s" target="mainFrame">%s</a>`, col.paths[0], esc(col.label))
	}
	top.WriteString("</div></div>\n</body>\n</html>\n")
	s.addHTML("/top.html", top.String())
	var mainFrame strings.Builder
	mainFrame.WriteString(s.head(pageMeta{title: s.Name}))
	mainFrame.WriteString(`<div class="w1200 index-main clearfix">` + "\n")
	mainFrame.WriteString(s.newsBlock("大连要闻", news, 8))
	mainFrame.WriteString(s.newsBlock("通知公告", notices, 5))
	mainFrame.WriteString(s.topicBlock())
	mainFrame.WriteString("</div>\n")
	mainFrame.WriteString(s.footer())
	s.addHTML("/main.html", mainFrame.String())
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices, fbh, ldfg))
	s.commonPages()
	return s
}

// anshan is a city portal whose home page is a JavaScript redirect stub;
// the real home page's disclosure menu is drawn with pictures (the label
// in alt, sometimes in title too) and labels split over <span>s. Its
// documents print their dates in full-width digits, and its 预决算 column
// has not got past last year's round.
func anshan(c clock) *site {
	s := &site{Site: city("anshan", "鞍山市人民政府", "www.anshan.test", "鞍山"), short: "鞍山", host: "www.anshan.test",
		cms: plain{ext: "shtml", fullWidthDates: true}, zwgkHref: "/zwgk/index.shtml", robots: openRobots}
	b := newBuilder(c, s, 88200)
	news := b.newsColumn("鞍山要闻", "/xwzx/asyw/", 0, 10, "鞍山日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(3, 13, 8) {
		label := validityLabels[(i+2)%len(validityLabels)]
		if i%3 == 1 {
			label = ""
		}
		b.add(zcwj, b.policy("鞍山市人民政府", "鞍政发", a, label))
	}
	main, results, penalties := b.spotColumns("鞍山市市场监督管理局", "政务公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"}, [3]string{"/zwgk/sjcc/", "/zwgk/ccjg/", "/zwgk/ccqk/"}, [3]int{},
		b.ages(55, 3, 250), b.ages(14, 6, 30), b.ages(22, 5, 40))
	yjs := b.annualColumn("预决算公开", "/zwgk/yjsgk/", 0, "政务公开", "鞍山市人民政府办公室", false, false)
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/szxx/", 0)
	// The consultation column exists and has never held a draft.
	yjzj := b.column("all-01", "yjzj", "意见征集", "互动交流", "/hdjl/yjzj/", 0)
	b.finish()

	s.addHTML("/", `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>鞍山市人民政府</title>
<script type="text/javascript">window.location.href="/index.shtml";</script>
</head><body></body></html>
`)
	s.addHTML("/index.shtml", s.homeShell(
		s.newsBlock("鞍山要闻", news, 8),
		s.homeMenu("政务公开", "icon-nav",
			imgLink(zcwj, "icon_zcwj.png", true),
			spanLink(main, "随机抽查", "事项清单"),
			spanLink(results, "抽查", "结果"),
			spanLink(penalties, "查处", "情况"),
			imgLink(yjs, "icon_yjsgk.png", false),
			spanLink(notices, "通知", "公告")),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("互动交流", "hdjl-box", imgLink(mailbox, "icon_szxx.png", true), spanLink(yjzj, "意见", "征集")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices))
	s.commonPages()
	return s
}

// fushun is a city portal whose lists show year-less dates ([06-04]) and
// pin old documents at the top. One pinned document's month and day fall
// two days before today's, three years ago; its 随机抽查 columns are
// just over a year old, which a guessed year would take for this year.
func fushun(c clock) *site {
	s := &site{Site: city("fushun", "抚顺市人民政府", "www.fushun.test", "抚顺"), short: "抚顺", host: "www.fushun.test",
		cms: plain{}, zwgkHref: "/xxgk/index.html", robots: openRobots}
	b := newBuilder(c, s, 60550)
	news := b.newsColumn("抚顺要闻", "/xwzx/fsyw/", 0, 10, "抚顺日报")
	notices := b.noticeColumn("/xxgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/xxgk/zcwj/", 0)
	pin1 := b.policyAt("抚顺市人民政府", "抚政发", c.today.AddDate(-3, 0, -2).Add(10*time.Hour), "有效")
	pin1.title, pin1.pinned = "抚顺市人民政府关于公布现行有效行政规范性文件目录的通知", true
	pin2 := b.policyAt("抚顺市人民政府", "抚政发", c.today.AddDate(-2, 0, -40).Add(9*time.Hour), "有效")
	pin2.title, pin2.pinned = "抚顺市人民政府关于印发《抚顺市行政规范性文件管理办法》的通知", true
	b.add(zcwj, pin1, pin2)
	for i, a := range b.ages(8, 12, 6) {
		label := ""
		if i%2 == 0 {
			label = validityLabels[(i+4)%len(validityLabels)]
		}
		b.add(zcwj, b.policy("抚顺市人民政府办公室", "抚政办发", a, label))
	}
	main, results, penalties := b.spotColumns("抚顺市市场监督管理局", "政务公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"}, [3]string{"/xxgk/sjcc/", "/xxgk/ccjg/", "/xxgk/ccqk/"}, [3]int{},
		b.ages(410, 3, 300), b.ages(395, 4, 40), b.ages(450, 3, 50))
	yjs := b.annualColumn("预决算公开", "/xxgk/yjsgk/", 0, "政务公开", "抚顺市人民政府办公室", true, false)
	for _, col := range s.columns {
		if col.group == "政务公开" {
			col.yearless = true
		}
	}
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/szxx/", 0)
	fbh := b.listColumn("all-09", "xwfbh", "新闻发布会", "新闻中心", "/xwzx/xwfbh/", 0,
		func(k, a int) *item { return b.press("抚顺市人民政府", k, a) }, 10, 41, 72, 103)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("抚顺要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(main), textLink(results), textLink(penalties), textLink(yjs), textLink(notices)),
		s.homeMenu("新闻中心", "xwzx-box", textLink(news), textLink(fbh)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices))
	s.commonPages()
	return s
}

// benxi is a city portal on a gov.cn-family template whose 随机抽查
// column exists and says 暂无信息, and whose policy documents carry no
// 有效性 label at all.
func benxi(c clock) *site {
	s := &site{Site: city("benxi", "本溪市人民政府", "www.benxi.test", "本溪"), short: "本溪", host: "www.benxi.test",
		cms: govcn{orgCode: "11210500001196128R"}, zwgkHref: "/zwgk/index.htm", robots: openRobots}
	b := newBuilder(c, s, 7300100)
	news := b.newsColumn("本溪要闻", "/xwzx/bxyw/", 0, 10, "本溪日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for _, a := range b.ages(6, 11, 9) {
		b.add(zcwj, b.policy("本溪市人民政府", "本政发", a, ""))
	}
	sjcc := b.column("all-05", "sjcc", "随机抽查", "政务公开", "/zwgk/sjcc/", 0)
	yjs := b.annualColumn("预决算公开", "/zwgk/czyjs/", 0, "政务公开", "本溪市人民政府办公室", true, false)
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/szxx/", 0)
	// 权力运行 is the site's own column: all-13 is answered by it before
	// the main menu's 政务服务 link.
	qlyx := b.listColumn("all-13", "qlyx", "权力运行", "政务公开", "/zwgk/qlyx/", 0,
		func(k, a int) *item { return b.powerList("本溪市人民政府", k, a) }, 60, 240, 480)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("本溪要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(sjcc), textLink(yjs), textLink(notices), textLink(qlyx)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, sjcc, yjs, notices, qlyx))
	s.commonPages()
	return s
}

// dandong is an ordinary city portal with no 预决算 column anywhere, seven
// policy documents in all, and a 双随机一公开 column whose lists are dated
// nowhere, neither in the list nor on the documents.
func dandong(c clock) *site {
	s := &site{Site: city("dandong", "丹东市人民政府", "www.dandong.test", "丹东"), short: "丹东", host: "www.dandong.test",
		cms: plain{}, zwgkHref: "/zwgk/index.html", robots: openRobots}
	b := newBuilder(c, s, 31400)
	news := b.newsColumn("丹东要闻", "/xwzx/ddyw/", 0, 10, "丹东日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(14, 7, 10) {
		label := ""
		if i < 4 {
			label = validityLabels[i]
		}
		b.add(zcwj, b.policy("丹东市人民政府", "丹政发", a, label))
	}
	ssj := b.column("all-05", "ssj", "双随机一公开", "政务公开", "/zwgk/ssjygk/", 0)
	for i := range 3 {
		it := b.spotList("丹东市市场监督管理局", c.now.Year()-i, 30+365*i)
		it.date = time.Time{}
		b.add(ssj, it)
	}
	// Two letters of the last year have waited four and seven months for
	// an answer: the census's 互动回应差. A newer unanswered one is still
	// within the three months allowed, an older one outside the year.
	mailbox := b.mailbox("市长信箱", "/hdjl/szxx/", 0,
		msg{3, "已回复"}, msg{15, "已回复"}, msg{45, "未回复"}, msg{120, "未回复"}, msg{200, "未回复"}, msg{260, "已回复"}, msg{400, "未回复"})
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("丹东要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(ssj), textLink(notices)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, ssj, notices))
	s.commonPages()
	return s
}

// liaoyang is a city portal on Epoint webbuilder whose configured address
// lacks www: liaoyang.test answers with a redirect to www.liaoyang.test.
// Its document pages always print a 有效性 row, empty when unlabelled.
func liaoyang(c clock) *site {
	s := &site{Site: city("liaoyang", "辽阳市人民政府", "liaoyang.test", "辽阳"), short: "辽阳", host: "www.liaoyang.test",
		aliases: []string{"liaoyang.test"}, cms: epoint{}, zwgkHref: "/xxgk/xxgk.html", robots: openRobots}
	b := newBuilder(c, s, 1000)
	news := b.newsColumn("本市要闻", "/zwzx/002002/", 0, 10, "辽阳日报")
	notices := b.noticeColumn("/xxgk/003001/003001003/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/xxgk/003001/003001001/", 0)
	for i, a := range b.ages(5, 15, 5) {
		label := validityLabels[(i+5)%len(validityLabels)]
		if i%3 == 2 {
			label = ""
		}
		b.add(zcwj, b.policy("辽阳市人民政府", "辽市政发", a, label))
	}
	main, results, penalties := b.spotColumns("辽阳市市场监督管理局", "政务公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"},
		[3]string{"/xxgk/003001/003001005/", "/xxgk/003001/003001006/", "/xxgk/003001/003001007/"}, [3]int{},
		b.ages(35, 3, 300), b.ages(11, 6, 20), b.ages(16, 5, 30))
	yjs := b.annualColumn("预决算公开", "/xxgk/003001/003001009/", 0, "政务公开", "辽阳市人民政府办公室", true, false)
	const gov = "辽阳市人民政府"
	zdgz := b.listColumn("all-03", "zdgz", "重点工作", "政务公开", "/xxgk/003001/003001011/", 0,
		func(k, a int) *item { return b.keyWork(gov, a) }, 20, 111, 202)
	// Six meetings with public attendees in the last year.
	lxhy := b.listColumn("all-02", "lxhy", "列席会议", "政务公开", "/xxgk/003001/003001012/", 0,
		func(k, a int) *item { return b.meeting(gov, k, a) }, 14, 70, 125, 180, 240, 300, 380)
	mailbox := b.mailboxColumn("市长信箱", "/hdjl/004001/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("本市要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(main), textLink(results), textLink(penalties), textLink(yjs), textLink(notices)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices, zdgz, lxhy))
	s.commonPages()
	return s
}

// jinzhou's server is down: nothing listens on its address.
func jinzhou(c clock) *site {
	return &site{Site: city("jinzhou", "锦州市人民政府", "www.jinzhou.test", "锦州"), short: "锦州", host: "www.jinzhou.test", mode: modeRefused}
}

// yingkou sits behind a JavaScript-challenge WAF that answers 412.
func yingkou(c clock) *site {
	return &site{Site: city("yingkou", "营口市人民政府", "www.yingkou.test", "营口"), short: "营口", host: "www.yingkou.test",
		mode: modeBlocked, robots: openRobots}
}

// panjin's reverse proxy answers 502 for every page.
func panjin(c clock) *site {
	return &site{Site: city("panjin", "盘锦市人民政府", "www.panjin.test", "盘锦"), short: "盘锦", host: "www.panjin.test",
		mode: modeServerError, robots: openRobots}
}
