package demo

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit/checks"
)

// lnGov is the provincial portal on TRS WCM: 政策文件 in a <ul> with a
// five-page createPageHTML pager whose last pages are stubs, 有效性 on
// some documents' metadata only, a 索引号 that looks like a date, a title
// with a future date in it, and a news headline about policy documents.
func lnGov(c clock) *site {
	s := &site{Site: portal("ln-gov", "辽宁省人民政府", "www.ln.test", "", checks.LevelProvince), short: "辽宁", host: "www.ln.test",
		cms: trs{ext: "html", orgCode: "000014349"}, zwgkHref: "/zwgk/index.html",
		robots: "User-agent: *\nDisallow: /search/\n"}
	b := newBuilder(c, s, 1234000)
	news := b.newsColumn("要闻动态", "/xwzx/ywdt/", 0, 12, "辽宁日报")
	b.add(news, b.titled("省政府召开常务会议 研究部署政策文件清理等工作", 1,
		"会议听取了全省政策文件清理工作情况汇报，研究部署下一步工作。"))
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")

	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	zcwj.stubPages = 2
	for i, a := range b.ages(4, 32, 4) {
		issuer, prefix := "辽宁省人民政府", "辽政发"
		if i%3 == 1 {
			issuer, prefix = "辽宁省人民政府办公厅", "辽政办发"
		}
		label := validityLabels[i%len(validityLabels)]
		if i%4 == 3 {
			label = ""
		}
		b.add(zcwj, b.policy(issuer, prefix, a, label))
	}
	expiry := b.c.now.Year() + 2
	trap := zcwj.items[2]
	trap.title = fmt.Sprintf("辽宁省人民政府办公厅关于延长《辽宁省支持中小微企业发展若干措施》有效期至%d年12月31日的通知", expiry)
	trap.issuer, trap.docNo = "辽宁省人民政府办公厅", fmt.Sprintf("辽政办发〔%d〕%d号", trap.date.Year(), 41)
	zcwj.items[3].body = append(zcwj.items[3].body, "各地区、各部门要对本地区、本部门制定的规范性文件的合法性和有效性进行全面审查。")
	zcwj.items[5].title = "辽宁省人民政府关于公布规范性文件清理结果的决定"

	zcjd := b.interpretColumn("/zwgk/zcjd/", 0, "政务公开")
	yjs := b.annualColumn("预决算公开", "/zwgk/czyjs/", 0, "政务公开", "辽宁省人民政府办公厅", true, false)
	gknb := b.column("", "gknb", "政府信息公开年报", "政务公开", "/zwgk/gknb/", 0)
	for _, a := range []int{120, 485, 850} {
		y := b.c.at(a, 0, 0).Year() - 1
		b.add(gknb, b.titled(fmt.Sprintf("辽宁省人民政府办公厅%d年政府信息公开工作年度报告", y), a))
	}
	b.mailboxColumn("省长信箱", "/hdjl/szxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		newsBlock("要闻动态", news, 8),
		newsBlock("通知公告", notices, 5),
		linkBlock("政务公开", "xxgk-box", textLink(zcwj), textLink(zcjd), textLink(yjs), textLink(notices), textLink(gknb)),
		topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zcjd, notices, yjs, gknb))
	s.commonPages()
	return s
}

// lnFGW is the 发改委 on Hanweb JCMS: lists only inside <datastore>, a PPP
// column in the 专题专栏 strip after a news headline about a PPP
// promotion meeting, and a 预决算 column that lacks this year's budget
// but holds a notice about preparing it.
func lnFGW(c clock) *site {
	s := &site{Site: department("ln-fgw", "辽宁省发展和改革委员会", "fgw.ln.test", "fgw"), short: "省发展改革委", host: "fgw.ln.test",
		cms: hanweb{webid: 3, orgCode: "11210000001073061Q"}, zwgkHref: "/col/col12340/index.html", robots: openRobots}
	b := newBuilder(c, s, 5600000)
	news := b.newsColumn("工作动态", "", 12341, 10, "省发展改革委")
	b.add(news, b.titled("省发展改革委召开PPP项目推介会", 1,
		"推介会上，各市发展改革部门介绍了本地区拟采用政府和社会资本合作模式的重点项目。"))
	notices := b.noticeColumn("", 12342, "政务公开")

	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "", 12345)
	for i, a := range b.ages(6, 18, 5) {
		b.add(zcwj, b.policy("辽宁省发展和改革委员会", "辽发改规", a, validityLabels[i%len(validityLabels)]))
	}
	zcjd := b.interpretColumn("", 12346, "政务公开")

	ppp := b.column("fgw-3", "ppp", "PPP项目信息公开", "专题专栏", "", 12350)
	for k, a := range b.ages(21, 12, 20) {
		b.add(ppp, b.pppItem(k, a))
	}
	zdxm := b.column("", "zdxm", "重大建设项目", "专题专栏", "", 12352)
	for i, a := range b.ages(9, 5, 15) {
		b.add(zdxm, b.titled(fmt.Sprintf("%s批准结果信息公开", projects[(i+2)%len(projects)]), a))
	}

	// This year's budget is late; last year's final accounts are out, and
	// a notice about preparing this year's budget names its year.
	yjs := b.column("czt-1", "yjsgk", "预决算公开", "政务公开", "", 12360)
	budgetYear, finalYear := checks.AnnualYears(b.c.now)
	for _, y := range years(budgetYear-1, 3) {
		yjs.items = append(yjs.items, b.budget("辽宁省发展和改革委员会", y, true))
	}
	for _, y := range years(finalYear, 3) {
		yjs.items = append(yjs.items, b.final("辽宁省发展和改革委员会", y, true))
	}
	prep := &item{title: fmt.Sprintf("关于做好%d年度部门预算编制工作的通知", budgetYear),
		date: date(budgetYear-1, time.October, 16, 10, 20), issuer: "辽宁省发展和改革委员会",
		body: []string{"委机关各处室、各直属单位：", fmt.Sprintf("根据省财政厅关于编制%d年省级部门预算的要求，现就做好我委部门预算编制工作通知如下。", budgetYear)}}
	b.add(yjs, prep)
	b.mailboxColumn("主任信箱", "", 12370)
	b.finish()

	s.addHTML("/", s.homeShell(
		newsBlock("工作动态", news, 8),
		newsBlock("通知公告", notices, 5),
		linkBlock("政务公开", "xxgk-box", textLink(zcwj), textLink(zcjd), textLink(yjs), textLink(notices)),
		topicBlock(textLink(ppp), textLink(zdxm), `<a href="http://www.creditln.test/" target="_blank">信用辽宁</a>`),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zcjd, notices, yjs))
	s.commonPages()
	return s
}

// lnSCJG is the market supervision bureau on an old ASP site in GBK whose
// charset only <meta> declares: 政策法规 as all-10's column, the
// 随机抽查事项清单 with its two companion columns, and a news headline
// about a 双随机 meeting.
func lnSCJG(c clock) *site {
	s := &site{Site: department("ln-scjg", "辽宁省市场监督管理局", "scjg.ln.test", "scjg"), short: "省市场监管局", host: "scjg.ln.test",
		gbk: true, cms: asp{}, zwgkHref: "/xxgk/index.asp", robots: openRobots}
	b := newBuilder(c, s, 3400)
	news := b.newsColumn("工作动态", "/news/", 11, 10, "省市场监管局")
	b.add(news, b.titled("全省市场监管系统召开双随机一公开监管工作推进会", 2,
		"会议要求，各地要全面推行部门联合双随机一公开监管，确保抽查事项全覆盖。"))
	notices := b.noticeColumn("/news/", 12, "政务公开")

	zcfg := b.column("all-10", "zcfg", "政策法规", "政务公开", "/news/", 21)
	for i, a := range b.ages(12, 12, 9) {
		label := ""
		if i%2 == 0 {
			label = validityLabels[i%len(validityLabels)]
		}
		b.add(zcfg, b.policy("辽宁省市场监督管理局", "辽市监发", a, label))
	}
	main, results, penalties := b.spotColumns("辽宁省市场监督管理局", "双随机一公开",
		[3]string{"随机抽查事项清单", "抽查结果公示", "查处情况"}, [3]string{"/news/", "/news/", "/news/"}, [3]int{31, 32, 33},
		b.ages(40, 3, 300), b.ages(15, 8, 20), b.ages(25, 6, 30))
	yjs := b.annualColumn("部门预决算", "/news/", 41, "政务公开", "辽宁省市场监督管理局", true, false)
	b.mailboxColumn("局长信箱", "/news/", 61)
	b.finish()

	s.addHTML("/", s.homeShell(
		newsBlock("工作动态", news, 8),
		newsBlock("通知公告", notices, 5),
		linkBlock("政务公开", "xxgk-box", textLink(zcfg), textLink(yjs), textLink(notices)),
		linkBlock("双随机一公开", "ssj-box", textLink(main), textLink(results), textLink(penalties)),
		topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcfg, main, results, penalties, yjs, notices))
	s.commonPages()
	return s
}

// lnSTHJ is a provincial department on Liaoning's own template
// (/sthj/…/index.shtml, timestamp ids): its home is a redirect from /, its
// policy documents are more than six months old, and its 索引号 carries a
// "-02-" category that reads like a month.
func lnSTHJ(c clock) *site {
	s := &site{Site: department("ln-sthj", "辽宁省生态环境厅", "sthj.ln.test", "sthj"), short: "省生态环境厅", host: "sthj.ln.test",
		cms: lnshtml{orgCode: "11210000MB1528417X"}, zwgkHref: "/sthj/zfxxgk/index.shtml", zwgkLabel: "政府信息公开", robots: openRobots}
	b := newBuilder(c, s, 41166)
	news := b.newsColumn("生态环境动态", "/sthj/xwzx/stdt/", 0, 10, "省生态环境厅")
	notices := b.noticeColumn("/sthj/zfxxgk/tzgg/", 0, "政府信息公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政府信息公开", "/sthj/zfxxgk/fdzdgknr/zcwj/", 0)
	for i, a := range b.ages(250, 14, 12) {
		label := validityLabels[(i+3)%len(validityLabels)]
		if i%3 == 2 {
			label = ""
		}
		b.add(zcwj, b.policy("辽宁省生态环境厅", "辽环发", a, label))
	}
	yjs := b.annualColumn("预决算", "/sthj/zfxxgk/fdzdgknr/yjs/", 0, "政府信息公开", "辽宁省生态环境厅", true, false)
	b.mailboxColumn("厅长信箱", "/sthj/hdjl/tzxx/", 0)
	b.finish()

	s.addRedirect("/", 302, "/sthj/index.shtml")
	s.addHTML("/sthj/index.shtml", s.homeShell(
		newsBlock("生态环境动态", news, 8),
		newsBlock("通知公告", notices, 5),
		linkBlock("政府信息公开", "xxgk-box", textLink(zcwj), textLink(yjs), textLink(notices)),
		topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政府信息公开", true, zcwj, notices, yjs))
	s.commonPages()
	return s
}

// lnZJT is the housing department on a gov.cn-family template: 有效性 is
// a column of the policy list (empty for some documents), 双随机一公开 is
// the name of all-05's column, and its reports say 年度.
func lnZJT(c clock) *site {
	s := &site{Site: department("ln-zjt", "辽宁省住房和城乡建设厅", "zjt.ln.test", "zjt"), short: "省住房城乡建设厅", host: "zjt.ln.test",
		cms: govcn{orgCode: "11210000001073149C"}, zwgkHref: "/zwgk/index.htm", robots: openRobots}
	b := newBuilder(c, s, 5123000)
	news := b.newsColumn("建设动态", "/xwzx/jsdt/", 0, 10, "省住房城乡建设厅")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	zcwj.validityInList = true
	for i, a := range b.ages(9, 16, 6) {
		label := validityLabels[i%len(validityLabels)]
		if i%3 == 1 {
			label = ""
		}
		b.add(zcwj, b.policy("辽宁省住房和城乡建设厅", "辽住建发", a, label))
	}
	main, results, penalties := b.spotColumns("辽宁省住房和城乡建设厅", "政务公开",
		[3]string{"双随机一公开", "抽查结果公开", "查处情况公开"}, [3]string{"/zwgk/ssj/", "/zwgk/ccjg/", "/zwgk/ccqk/"}, [3]int{},
		b.ages(60, 3, 200), b.ages(20, 6, 25), b.ages(33, 5, 40))
	yjs := b.annualColumn("部门预决算", "/zwgk/bmyjs/", 0, "政务公开", "辽宁省住房和城乡建设厅", true, true)
	b.mailboxColumn("厅长信箱", "/hdjl/tzxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		newsBlock("建设动态", news, 8),
		newsBlock("通知公告", notices, 5),
		linkBlock("政务公开", "xxgk-box", textLink(zcwj), textLink(main), textLink(results), textLink(penalties), textLink(yjs), textLink(notices)),
		topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices))
	s.commonPages()
	return s
}
