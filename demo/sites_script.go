package demo

// Sites built the way many current portals are: what only a browser reads
// correctly.

// tieling is a current-style city portal (spa on TRS). Its 重点工作 column
// is filled by a script from a JSON file, so its HTML shows an empty list;
// its 意见征集 column lists the oldest consultation first, over three
// pages, so the newest item is on the last page.
func tieling(c clock) *site {
	s := &site{Site: city("tieling", "铁岭市人民政府", "www.tieling.test", "铁岭"), short: "铁岭", host: "www.tieling.test",
		cms: spa{trs{ext: "html", orgCode: "11211200001201538K"}}, zwgkHref: "/zwgk/index.html", robots: openRobots}
	b := newBuilder(c, s, 52700)
	const gov = "铁岭市人民政府"
	news := b.newsColumn("铁岭要闻", "/xwzx/tlyw/", 0, 10, "铁岭日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(9, 8, 12) {
		b.add(zcwj, b.policy(gov, "铁政发", a, validityLabels[i%len(validityLabels)]))
	}
	zdgz := b.listColumn("all-03", "zdgz", "重点工作", "政务公开", "/zwgk/zdgz/", 0,
		func(k, a int) *item { return b.keyWork(gov, a) }, 25, 116, 207)
	zdgz.scripted = true
	// Thirteen consultations, five to a page, oldest first: the first page
	// alone would make the column look two years stale.
	yjzj := b.listColumn("all-01", "yjzj", "意见征集", "政务公开", "/zwgk/yjzj/", 0,
		func(k, a int) *item { return b.consultation(gov, k, a) }, b.ages(12, 13, 50)...)
	yjzj.perPage, yjzj.ascending = 5, true
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("铁岭要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(zdgz), textLink(yjzj), textLink(notices)),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zdgz, yjzj, notices))
	s.commonPages()
	return s
}

// fuxin sits behind a 加速乐-style wall that a browser passes: HTTP 521 and
// a script that sets a cookie and reloads. Behind it is an ordinary TRS
// city portal.
func fuxin(c clock) *site {
	s := &site{Site: city("fuxin", "阜新市人民政府", "www.fuxin.test", "阜新"), short: "阜新", host: "www.fuxin.test",
		cms: trs{ext: "html", orgCode: "11210900001199462M"}, zwgkHref: "/zwgk/index.html", robots: openRobots, mode: modeChallenge}
	b := newBuilder(c, s, 61300)
	const gov = "阜新市人民政府"
	news := b.newsColumn("阜新要闻", "/xwzx/fxyw/", 0, 10, "阜新日报")
	notices := b.noticeColumn("/zwgk/tzgg/", 0, "政务公开")
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	for i, a := range b.ages(30, 6, 20) {
		label := ""
		if i < 3 {
			label = validityLabels[i]
		}
		b.add(zcwj, b.policy(gov, "阜政发", a, label))
	}
	zdgz := b.listColumn("all-03", "zdgz", "重点工作", "政务公开", "/zwgk/zdgz/", 0,
		func(k, a int) *item { return b.keyWork(gov, a) }, 130, 221)
	b.finish()

	s.addHTML("/", s.homeShell(
		s.newsBlock("阜新要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", textLink(zcwj), textLink(zdgz), textLink(notices)),
		s.topicBlock(),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, zcwj, zdgz, notices))
	s.commonPages()
	return s
}
