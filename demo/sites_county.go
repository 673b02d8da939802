package demo

import (
	"time"

	"github.com/govaudit/govaudit"
)

// catalogueSpec is a column of a county's 信息公开目录: its label and the
// ages of its items; no ages make an empty column, undated items are
// dated nowhere.
type catalogueSpec struct {
	label, slug string
	ages        []int
	undated     bool
}

// localNews is a news column beside the 要闻 (部门动态, 乡镇动态 …) and the
// age of its newest article.
type localNews struct {
	label, slug string
	newest      int
}

// county is how a county-level portal is built: the ages of its newest
// items, its catalogue, and what else sets it apart.
type county struct {
	id, name, host, short, city string
	cms                         cms
	// Ages in days of the newest 要闻, 通知公告, 政策文件 and 政策解读.
	news, notices, policy, interpret int
	local                            []localNews
	mailboxLabel                     string
	mailbox                          []msg
	// consult is all-01's 意见征集 in the 互动交流 menu: nil for none, an
	// empty slice for a column that holds nothing.
	consult   []int
	budgets   bool // a 预决算公开 column, up to date
	catalogue []catalogueSpec
	archived  []string
	spam      *injection
}

// countyPortal builds a county-level portal: 要闻 and 通知公告 on the home
// page, the local news columns and the 政务公开 columns in its menus, and
// the 信息公开目录 in the disclosure portal.
func countyPortal(c clock, k county) *site {
	cs := portal(k.id, k.name, k.host, k.city, govaudit.LevelCounty)
	cs.Archived = k.archived
	s := &site{Site: cs, short: k.short, host: k.host, cms: k.cms, zwgkHref: "/zwgk/index.html", robots: openRobots, spam: k.spam}
	if _, ok := k.cms.(govcn); ok {
		s.zwgkHref = "/zwgk/index.htm"
	}
	b := newBuilder(c, s, 20000+len(k.id)*3100)
	news := b.newsColumnAt(k.short+"要闻", "/xwzx/"+k.id+"yw/", 0, 10, k.name, k.news)
	var locals []*column
	for _, l := range k.local {
		col := b.column("", l.slug, l.label, "新闻中心", "/xwzx/"+l.slug+"/", 0)
		for _, a := range b.ages(l.newest, 8, 4) {
			b.add(col, b.news(k.name, a))
		}
		locals = append(locals, col)
	}
	notices := b.noticeColumnAt("/zwgk/tzgg/", 0, "政务公开", k.notices)
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", "/zwgk/zcwj/", 0)
	// The gov.cn template shows 有效性 in the list, not on the document.
	_, zcwj.validityInList = k.cms.(govcn)
	prefix := k.short[:3] + "政发"
	for i, a := range b.ages(k.policy, 12, 15) {
		label := validityLabels[(i+len(k.id))%len(validityLabels)]
		if i%3 == 2 {
			label = ""
		}
		b.add(zcwj, b.policy(k.name, prefix, a, label))
	}
	zcjd := b.interpretColumnAt("/zwgk/zcjd/", 0, "政务公开", k.interpret)
	public := []*column{zcwj, zcjd, notices}
	if k.budgets {
		public = append(public, b.annualColumn("预决算公开", "/zwgk/yjsgk/", 0, "政务公开", k.name+"办公室", true, false))
	}
	disclosure := append([]*column(nil), public...)
	for _, spec := range k.catalogue {
		col := b.column("", spec.slug, spec.label, "政务公开", "/zwgk/"+spec.slug+"/", 0)
		for j, a := range spec.ages {
			it := b.catalogueItem(k.name, spec.label, len(spec.ages)-1-j, a)
			if spec.undated {
				it.date = time.Time{}
			}
			b.add(col, it)
		}
		disclosure = append(disclosure, col)
	}
	mailbox := b.mailbox(k.mailboxLabel, "/hdjl/ldxx/", 0, k.mailbox...)
	var yjzj *column
	if k.consult != nil {
		yjzj = b.listColumn("all-01", "yjzj", "意见征集", "互动交流", "/hdjl/yjzj/", 0,
			func(j, a int) *item { return b.consultation(k.name, j, a) }, k.consult...)
	}
	b.finish()

	newsMenu := []anchor{textLink(news)}
	for _, l := range locals {
		newsMenu = append(newsMenu, textLink(l))
	}
	var publicMenu []anchor
	for _, col := range public {
		publicMenu = append(publicMenu, textLink(col))
	}
	talk := []anchor{textLink(mailbox), pageLink("/zxft/index.html", "在线访谈")}
	if yjzj != nil {
		talk[1] = textLink(yjzj)
	}
	blocks := []string{
		s.newsBlock(k.short+"要闻", news, 8),
		s.newsBlock("通知公告", notices, 5),
	}
	if len(newsMenu) > 1 {
		blocks = append(blocks, s.homeMenu("新闻中心", "xwzx-box", newsMenu...))
	}
	blocks = append(blocks,
		s.homeMenu("政务公开", "xxgk-box", publicMenu...),
		s.homeMenu("互动交流", "hdjl-box", talk...),
		s.topicBlock())
	if k.spam != nil {
		blocks = append(blocks, k.spam.html())
	}
	blocks = append(blocks, siteLinks)
	s.addHTML("/", s.homeShell(blocks...))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, disclosure...))
	s.commonPages()
	return s
}

// xinmin stopped being updated three weeks ago: nothing reachable from
// its home page is younger than 20 days (homepage-not-updated: veto), and
// its four news columns and its policy documents are past their windows
// (columns-not-updated: veto, 5).
func xinmin(c clock) *site {
	return countyPortal(c, county{id: "xinmin", name: "新民市人民政府", host: "www.xinmin.test", short: "新民", city: "沈阳", cms: plain{table: true},
		news: 20, notices: 22, policy: 200, interpret: 26,
		local:        []localNews{{"部门动态", "bmdt", 24}, {"乡镇动态", "xzdt", 27}, {"图片新闻", "tpxw", 31}},
		mailboxLabel: "市长信箱", mailbox: []msg{{21, "已回复"}, {35, "已回复"}, {60, "已回复"}, {100, "已回复"}},
		catalogue: []catalogueSpec{
			{label: "机构职能", slug: "jgzn", ages: []int{300, 700}},
			{label: "人事信息", slug: "rsxx", ages: []int{90, 200}},
			{label: "规划计划", slug: "ghjh", ages: []int{150, 500}},
			{label: "统计信息", slug: "tjxx", ages: []int{40, 70, 100}},
		}})
}

// kangping's home page has not moved for ten days (homepage-not-updated:
// warning), and two news columns and its policy documents are past their
// windows (columns-not-updated: warning, 3).
func kangping(c clock) *site {
	return countyPortal(c, county{id: "kangping", name: "康平县人民政府", host: "www.kangping.test", short: "康平", city: "沈阳",
		cms:  trs{ext: "html", orgCode: "112101230011861231"},
		news: 10, notices: 11, policy: 190, interpret: 12,
		local:        []localNews{{"部门动态", "bmdt", 16}, {"乡镇动态", "xzdt", 40}},
		mailboxLabel: "领导信箱", mailbox: []msg{{13, "已回复"}, {30, "已回复"}, {47, "已回复"}},
		catalogue: []catalogueSpec{
			{label: "人事信息", slug: "rsxx", ages: []int{30, 120}},
			{label: "规划计划", slug: "ghjh", ages: []int{100, 460}},
			{label: "统计信息", slug: "tjxx", ages: []int{25, 55, 85}},
		}})
}

// faku is kept up to date, and someone has planted a casino
// advertisement and three hidden casino links in its home page
// (tampering: veto, 4 findings).
func faku(c clock) *site {
	return countyPortal(c, county{id: "faku", name: "法库县人民政府", host: "www.faku.test", short: "法库", city: "沈阳",
		cms:  govcn{orgCode: "11210124001186219X"},
		news: 1, notices: 2, policy: 5, interpret: 3, budgets: true,
		mailboxLabel: "领导信箱", mailbox: []msg{{2, "已回复"}, {9, "已回复"}, {20, "已回复"}},
		consult: []int{18, 70, 150},
		catalogue: []catalogueSpec{
			{label: "人事信息", slug: "rsxx", ages: []int{12, 80}},
			{label: "统计信息", slug: "tjxx", ages: []int{20, 50}},
		},
		spam: casinoSpam})
}

// wafangdian keeps its news and documents current, but ten columns of its
// 信息公开目录 have not moved for more than a year, one of them listing
// documents dated nowhere (long-unupdated-columns: veto, 10), and three
// were never filled (empty-columns: warning, 3). The economic-census topic
// is marked archived in its config and not counted.
func wafangdian(c clock) *site {
	return countyPortal(c, county{id: "wafangdian", name: "瓦房店市人民政府", host: "www.wafangdian.test", short: "瓦房店", city: "大连",
		cms:  plain{},
		news: 1, notices: 3, policy: 9, interpret: 6, budgets: true,
		mailboxLabel: "领导信箱", mailbox: []msg{{4, "已回复"}, {16, "已回复"}},
		catalogue: []catalogueSpec{
			{label: "机构职能", slug: "jgzn", ages: []int{800}},
			{label: "人事信息", slug: "rsxx", ages: []int{30, 300}},
			{label: "规划计划", slug: "ghjh", ages: []int{500, 900}},
			{label: "统计信息", slug: "tjxx", ages: []int{420, 450}},
			{label: "财政信息", slug: "czxx", ages: []int{60, 150}},
			{label: "行政执法", slug: "xzzf", ages: []int{1, 2, 3}, undated: true},
			{label: "应急管理", slug: "yjgl", ages: []int{700}},
			{label: "政府采购", slug: "zfcg", ages: []int{390, 450}},
			{label: "审计信息", slug: "sjxx", ages: []int{600}},
			{label: "建议提案办理", slug: "jyta", ages: []int{450, 470}},
			{label: "重大项目", slug: "zdxm", ages: []int{530}},
			{label: "公共资源配置", slug: "ggzy", ages: []int{1000}},
			{label: "社会保障", slug: "shbz"},
			{label: "教育信息", slug: "jyxx"},
			{label: "卫生健康", slug: "wsjk"},
			{label: "第四次全国经济普查", slug: "jjpc", ages: []int{1800, 1900}},
		},
		archived: []string{"第四次全国经济普查"}})
}

// zhuanghe has seven catalogue columns older than a year
// (long-unupdated-columns: warning, 7) and five columns that hold nothing,
// its consultation column among them (empty-columns: veto, 5).
func zhuanghe(c clock) *site {
	return countyPortal(c, county{id: "zhuanghe", name: "庄河市人民政府", host: "www.zhuanghe.test", short: "庄河", city: "大连",
		cms:  govcn{orgCode: "11210283001186307B"},
		news: 2, notices: 4, policy: 30, interpret: 8, budgets: true,
		mailboxLabel: "领导信箱", mailbox: []msg{{6, "已回复"}, {25, "已回复"}},
		consult: []int{},
		catalogue: []catalogueSpec{
			{label: "机构职能", slug: "jgzn", ages: []int{900}},
			{label: "人事信息", slug: "rsxx"},
			{label: "规划计划", slug: "ghjh", ages: []int{400}},
			{label: "统计信息", slug: "tjxx", ages: []int{420, 800}},
			{label: "财政信息", slug: "czxx", ages: []int{45, 110}},
			{label: "行政执法", slug: "xzzf", ages: []int{500}},
			{label: "应急管理", slug: "yjgl", ages: []int{380}},
			{label: "政府采购", slug: "zfcg", ages: []int{600, 640}},
			{label: "审计信息", slug: "sjxx", ages: []int{700}},
			{label: "社会保障", slug: "shbz"},
			{label: "教育信息", slug: "jyxx"},
			{label: "卫生健康", slug: "wsjk"},
		}})
}
