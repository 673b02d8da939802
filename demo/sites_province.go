package demo

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
)

// lnGov is the provincial portal on TRS WCM: 政策文件 in a <ul> with a
// five-page createPageHTML pager whose last pages are stubs, 有效性 on
// some documents' metadata only, a 索引号 that looks like a date, a title
// with a future date in it, and a news headline about policy documents.
func lnGov(c clock) *site {
	s := &site{Site: portal("ln-gov", "辽宁省人民政府", "www.ln.test", "", govaudit.LevelProvince), short: "辽宁", host: "www.ln.test",
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
	const gov = "辽宁省人民政府"
	zdgz := b.listColumn("all-03", "zdgz", "重点工作", "政务公开", "/zwgk/zdgz/", 0,
		func(k, a int) *item { return b.keyWork(gov, a) }, 35, 126, 217, 308)
	ldfg := b.listColumn("all-12", "ldfg", "领导分工", "政务公开", "/zwgk/ldfg/", 0,
		func(k, a int) *item { return b.division(gov, a) }, 150, 700)
	// The press office holds a conference every month or so: fresh for the
	// two-monthly all-09, but a 新闻 column the census wants every 14 days.
	fbh := b.listColumn("all-09", "xwfbh", "新闻发布会", "政务公开", "/zwgk/xwfbh/", 0,
		func(k, a int) *item { return b.press(gov, k, a) }, 20, 52, 81, 115, 146)
	yjzj := b.listColumn("all-01", "yjzj", "意见征集", "互动交流", "/hdjl/yjzj/", 0,
		func(k, a int) *item { return b.consultation(gov, k, a) }, 25, 60, 95, 140, 200)
	// Six meetings with public attendees in the last year: more than the
	// five all-02 asks for.
	lxhy := b.listColumn("all-02", "lxhy", "列席会议", "政务公开", "/zwgk/lxhy/", 0,
		func(k, a int) *item { return b.meeting(gov, k, a) }, 20, 75, 130, 190, 250, 310, 420)
	sc := b.listColumn("all-04", "sczt", "大众创业万众创新", "专题专栏", "/ztzl/sczt/", 0,
		func(k, a int) *item { return b.innovation("辽宁省", k, a) }, 45, 100, 160, 230)
	mailbox := b.mailboxColumn("省长信箱", "/hdjl/szxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("要闻动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(zcjd), textLink(yjs), textLink(notices), textLink(gknb),
			textLink(zdgz), textLink(fbh), textLink(ldfg)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), textLink(yjzj), textLink(lxhy)),
		s.topicBlock(textLink(sc)),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zcjd, notices, yjs, gknb, zdgz, lxhy, ldfg, fbh))
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
	zdxm := b.column("fgw-2", "zdxm", "重大建设项目", "专题专栏", "", 12352)
	for i, a := range b.ages(9, 5, 15) {
		b.add(zdxm, b.titled(fmt.Sprintf("%s批准结果信息公开", projects[(i+2)%len(projects)]), a))
	}

	// This year's budget is late; last year's final accounts are out, and
	// a notice about preparing this year's budget names its year.
	yjs := b.column("czt-1", "yjsgk", "预决算公开", "政务公开", "", 12360)
	budgetYear, finalYear := govaudit.AnnualYears(b.c.now)
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
	mailbox := b.mailboxColumn("主任信箱", "", 12370)
	// The last consultation closed more than a year ago.
	yjzj := b.listColumn("all-01", "yjzj", "意见征集", "互动交流", "", 12371,
		func(k, a int) *item { return b.consultation("省发展改革委", k, a) }, 400, 470, 530)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("工作动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(zcjd), textLink(yjs), textLink(notices)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), textLink(yjzj)),
		s.topicBlock(textLink(ppp), textLink(zdxm), extLink(creditURL, "信用辽宁", "fgw-1")),
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
	mailbox := b.mailboxColumn("局长信箱", "/news/", 61)
	const org = "辽宁省市场监督管理局"
	xfjs := b.listColumn("syj-1", "xfjs", "消费警示", "政务公开", "/news/", 71,
		func(k, a int) *item {
			return b.titled(fmt.Sprintf("%s消费警示：%s", org, []string{"警惕预付式消费陷阱", "谨慎选购电动自行车", "节日期间理性消费", "防范保健食品虚假宣传"}[k%4]), a,
				"提醒广大消费者提高警惕，理性消费，发现问题及时投诉举报。")
		}, 6, 38, 90, 150)
	// The fee catalogue was last revised more than a year ago.
	sfml := b.listColumn("wjj-1", "sfml", "收费目录清单", "政务公开", "/news/", 72,
		func(k, a int) *item {
			return b.titled(fmt.Sprintf("辽宁省行政事业性收费目录清单（%d年版）", b.c.at(a, 0, 0).Year()), a, "现将收费项目名称、设立依据、收费标准公布如下。")
		}, 420, 790)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("工作动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcfg), textLink(yjs), textLink(notices), textLink(xfjs), textLink(sfml)),
		s.homeMenu("双随机一公开", "ssj-box", textLink(main), textLink(results), textLink(penalties)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "投诉举报")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcfg, main, results, penalties, yjs, notices, xfjs, sfml))
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
	mailbox := b.mailboxColumn("厅长信箱", "/sthj/hdjl/tzxx/", 0)
	// The daily forecast is out today; the list of key polluters is
	// current; the drinking-water report has missed a quarter.
	aq := b.column("hbt-1", "kqzl", "空气质量预报", "环境质量", "/sthj/hjzl/kqzlyb/", 0)
	b.forecasts(aq, 0, 12)
	pw := b.listColumn("hbt-2", "zdpw", "重点排污单位", "环境质量", "/sthj/hjzl/zdpwdw/", 0,
		func(k, a int) *item {
			return b.titled(fmt.Sprintf("辽宁省%d年重点排污单位名录（第%d批）", b.c.at(a, 0, 0).Year(), 3-k), a,
				"名录载明各单位主要污染物名称、排放方式、排放浓度和总量、超标排放情况及防治污染设施建设运行情况。")
		}, 80, 200, 330)
	ys := b.listColumn("hbt-3", "ysy", "饮用水水源", "环境质量", "/sthj/hjzl/ysysy/", 0,
		func(k, a int) *item {
			return b.quarterly("%d年第%s季度全省集中式生活饮用水水源水质状况", a)
		}, 130, 221, 312, 403)
	b.finish()

	s.addRedirect("/", 302, "/sthj/index.shtml")
	s.addHTML("/sthj/index.shtml", s.homeShell(
		s.newsBlock("生态环境动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政府信息公开", "xxgk-box", textLink(zcwj), textLink(yjs), textLink(notices)),
		s.homeMenu("环境质量", "hjzl-box", textLink(aq), textLink(pw), textLink(ys)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "举报热线")),
		s.topicBlock(),
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
	mailbox := b.mailboxColumn("厅长信箱", "/hdjl/tzxx/", 0)
	bz := b.listColumn("zjt-3", "bzxaj", "保障性安居工程", "政务公开", "/zwgk/bzxajgc/", 0,
		func(k, a int) *item {
			forms := []string{"%d年全省保障性安居工程建设计划任务量", "%d年保障性租赁住房项目完成情况", "辽宁省住房公积金%d年年度报告"}
			return b.titled(fmt.Sprintf(forms[k%3], b.c.at(a, 0, 0).Year()), a, "现将有关情况公布如下。")
		}, 50, 140, 230)
	// The water-quality column was set up and never filled.
	gsz := b.column("zjt-4", "gssz", "供水水质", "政务公开", "/zwgk/gssz/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("建设动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(main), textLink(results), textLink(penalties), textLink(yjs), textLink(notices)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "咨询电话")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, main, results, penalties, yjs, notices, bz, gsz))
	s.commonPages()
	return s
}

// lnMZT is the civil-affairs department on a home-grown template: its
// monthly social-assistance figures name all four kinds of assistance,
// the disaster reports are monthly, and its 政务公开工作要点 (all-14) are
// a column of their own.
func lnMZT(c clock) *site {
	s := &site{Site: department("ln-mzt", "辽宁省民政厅", "mzt.ln.test", "mzt"), short: "省民政厅", host: "mzt.ln.test",
		cms: plain{table: true}, zwgkHref: "/zwgk/index.html", robots: openRobots}
	b := newBuilder(c, s, 71000)
	const org = "辽宁省民政厅"
	news := b.newsColumn("民政动态", "/xwzx/mzdt/", 0, 10, org)
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(7, 12, 8) {
		b.add(zcwj, b.policy(org, "辽民发", a, validityLabels[(i+6)%len(validityLabels)]))
	}
	zcjd := b.interpretColumn("/zwgk/zcjd/", 0, "政务公开")
	yjs := b.annualColumn("部门预决算", "/zwgk/bmyjs/", 0, "政务公开", org, true, false)
	shjz := b.listColumn("mzt-1", "shjz", "社会救助", "政务公开", "/zwgk/shjz/", 0,
		func(k, a int) *item { return b.relief(org, a) }, 12, 43, 73, 104, 134)
	jzjz := b.listColumn("mzt-2", "jzjz", "减灾救灾", "政务公开", "/zwgk/jzjz/", 0,
		func(k, a int) *item { return b.disaster(org, a) }, 9, 40, 70, 101)
	gzyd := b.listColumn("all-14", "gzyd", "政务公开工作要点", "政务公开", "/zwgk/gzyd/", 0,
		func(k, a int) *item { return b.workPoints(org, a) }, 200, 565, 930)
	mailbox := b.mailboxColumn("厅长信箱", "/hdjl/tzxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("民政动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(zcjd), textLink(yjs), textLink(notices), textLink(shjz), textLink(jzjz)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "服务热线")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zcjd, notices, yjs, shjz, jzjz, gzyd))
	s.commonPages()
	return s
}

// lnRST is the human-resources department on TRS WCM: recruitment news
// every few days (the weekly rst-1), employment policies, a qualification
// catalogue not touched for years — and a server that drops one request
// in thirty to its home page, which the week's probes show as a 3 %
// failure rate.
func lnRST(c clock) *site {
	s := &site{Site: department("ln-rst", "辽宁省人力资源和社会保障厅", "rst.ln.test", "rst"), short: "省人力资源社会保障厅", host: "rst.ln.test",
		cms: trs{ext: "shtml", orgCode: "11210000001072997L"}, zwgkHref: "/zwgk/index.shtml", robots: openRobots, flakyAt: flakyRequest}
	b := newBuilder(c, s, 8810000)
	const org = "辽宁省人力资源和社会保障厅"
	news := b.newsColumn("人社动态", "/xwzx/rsdt/", 0, 10, org)
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(15, 12, 9) {
		label := validityLabels[(i+1)%len(validityLabels)]
		if i%4 == 3 {
			label = ""
		}
		b.add(zcwj, b.policy(org, "辽人社发", a, label))
	}
	yjs := b.annualColumn("预决算公开", "/zwgk/yjsgk/", 0, "政务公开", org, true, false)
	zp := b.listColumn("rst-1", "zpxx", "招聘信息", "就业创业", "/jycy/zpxx/", 0,
		func(k, a int) *item { return b.recruitment(k, a) }, 2, 5, 9, 13, 16, 20, 27, 33)
	jy := b.listColumn("rst-2", "jycy", "就业创业", "就业创业", "/jycy/jyzc/", 0,
		func(k, a int) *item { return b.jobPolicy(k, a) }, 30, 95, 160, 240)
	zg := b.listColumn("rst-3", "zyzg", "职业资格目录", "就业创业", "/jycy/zyzgml/", 0,
		func(k, a int) *item {
			return b.titled(fmt.Sprintf("辽宁省职业资格目录清单（%d年版）", b.c.at(a, 0, 0).Year()), a, "列明职业资格名称、设立依据、认定办法。")
		}, 1500, 2300)
	mailbox := b.mailboxColumn("厅长信箱", "/hdjl/tzxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("人社动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(yjs), textLink(notices)),
		s.homeMenu("就业创业", "jycy-box", textLink(zp), textLink(jy), textLink(zg)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "12333热线")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, notices, yjs))
	s.commonPages()
	return s
}

// syEnv is a city's environment bureau, which inherits the province
// department's rows: its air-quality forecast stopped three days ago, its
// drinking-water reports are current.
func syEnv(c clock) *site {
	cs := department("sy-sthj", "沈阳市生态环境局", "sthj.shenyang.test", "sthj")
	cs.Level, cs.City = govaudit.LevelCity, "沈阳"
	s := &site{Site: cs, short: "市生态环境局", host: "sthj.shenyang.test",
		cms: govcn{orgCode: "11210100MB0142551W"}, zwgkHref: "/zwgk/index.htm", robots: openRobots}
	b := newBuilder(c, s, 3320000)
	const org = "沈阳市生态环境局"
	news := b.newsColumn("工作动态", "/xwzx/gzdt/", 0, 10, org)
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	zcwj.validityInList = true
	for i, a := range b.ages(20, 11, 12) {
		b.add(zcwj, b.policy(org, "沈环发", a, validityLabels[(i+3)%len(validityLabels)]))
	}
	yjs := b.annualColumn("部门预决算", "/zwgk/bmyjs/", 0, "政务公开", org, true, false)
	aq := b.column("hbt-1", "kqzl", "空气质量预报", "环境质量", "/hjzl/kqzlyb/", 0)
	b.forecasts(aq, 3, 10)
	ys := b.listColumn("hbt-3", "ysy", "饮用水水源", "环境质量", "/hjzl/ysysy/", 0,
		func(k, a int) *item {
			return b.quarterly("%d年第%s季度沈阳市集中式生活饮用水水源水质状况", a)
		}, 40, 131, 222)
	mailbox := b.mailboxColumn("领导信箱", "/hdjl/ldxx/", 0)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("工作动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(yjs), textLink(notices)),
		s.homeMenu("环境质量", "hjzl-box", textLink(aq), textLink(ys)),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), pageLink("/lxwm/index.html", "举报热线")),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, notices, yjs))
	s.commonPages()
	return s
}
