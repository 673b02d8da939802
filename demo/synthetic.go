package demo

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
)

// benchCounties name the synthetic portals.
var benchCounties = []string{
	"新民市", "康平县", "法库县", "瓦房店市", "庄河市", "长海县", "海城市", "台安县", "岫岩满族自治县", "新宾满族自治县",
	"清原满族自治县", "本溪满族自治县", "桓仁满族自治县", "东港市", "凤城市", "宽甸满族自治县", "凌海市", "北镇市", "黑山县", "义县",
	"盖州市", "大石桥市", "彰武县", "阜新蒙古族自治县", "灯塔市", "辽阳县", "调兵山市", "开原市", "昌图县", "西丰县",
	"北票市", "凌源市", "朝阳县", "建平县", "兴城市", "绥中县", "建昌县", "盘山县",
}

// benchDepartments are the department sites of the synthetic province,
// by code; fgw and scjg carry fgw-3 and all-05.
var benchDepartments = []struct{ code, name, prefix string }{
	{"fgw", "发展和改革局", "发改发"},
	{"scjg", "市场监督管理局", "市监发"},
	{"jyt", "教育局", "教发"},
	{"mzt", "民政局", "民发"},
	{"rst", "人力资源和社会保障局", "人社发"},
	{"sthj", "生态环境局", "环发"},
	{"zjt", "住房和城乡建设局", "建发"},
	{"wsjk", "卫生健康委员会", "卫健发"},
}

// Synthetic builds the benchmark province: n sites named bench-0001 …,
// served at www.bench0001.test …, in a rotation of CMS styles (TRS, Hanweb,
// a <ul> list, a table list). Every site has the four audited columns —
// 政策文件, PPP, 随机抽查 with its companions, 预决算 — with 20 items and a
// pager each, and a few other columns; which of them are fresh, stale,
// empty or absent varies from site to site, deterministically. A correct
// audit needs about twenty pages of a site, at most forty.
func Synthetic(n int, now time.Time) *Province { return SyntheticScripted(n, 0, now) }

// SyntheticScripted is Synthetic where every every-th site (none for 0)
// is a current-style portal whose 通知公告 list a script fills from JSON:
// only a browser reads it. The column is a census column, not a
// requirement, and its newest notice is days old either way, so the
// ground truth is the same with a browser and without one.
func SyntheticScripted(n, every int, now time.Time) *Province {
	c := newClock(now)
	sites := make([]*site, 0, n)
	for i := 1; i <= n; i++ {
		sites = append(sites, benchSite(c, i, every > 0 && i%every == 0))
	}
	return newProvince(c, sites)
}

func benchSite(c clock, i int, scripted bool) *site {
	id := fmt.Sprintf("bench-%04d", i)
	host := fmt.Sprintf("www.bench%04d.test", i)
	county := benchCounties[(i-1)%len(benchCounties)]
	var cs govaudit.Site
	// org is how documents name the site's government or department; the
	// site's name adds the benchmark number to keep names apart.
	short, org := county, county+"人民政府"
	prefix := county[:3] + "政发"
	switch k := i % 5; {
	case k == 0:
		cs = portal(id, fmt.Sprintf("%s（基准%04d）", org, i), host, county, govaudit.LevelCity)
	case k == 1:
		cs = portal(id, fmt.Sprintf("%s（基准%04d）", org, i), host, county, govaudit.LevelCounty)
	default:
		d := benchDepartments[(i/5+k-2)%len(benchDepartments)]
		if k == 2 {
			d = benchDepartments[0]
		} else if k == 3 {
			d = benchDepartments[1]
		}
		short, org = county+d.name, county+d.name
		cs = department(id, fmt.Sprintf("%s（基准%04d）", org, i), host, d.code)
		cs.City = county
		prefix = county[:3] + d.prefix
	}
	s := &site{Site: cs, short: short, host: host, robots: openRobots}
	style := i % 4
	if scripted {
		style = 0
	}
	switch style {
	case 0:
		s.cms = trs{ext: "html", orgCode: fmt.Sprintf("%09d", 11210000+i)}
		if scripted {
			s.cms = spa{s.cms.(trs)}
		}
	case 1:
		s.cms = hanweb{webid: i, orgCode: fmt.Sprintf("1121%04d00MB%04dX", i%10000, i%10000)}
	case 2:
		s.cms = plain{}
	default:
		s.cms = plain{table: true}
	}
	s.zwgkHref = "/zwgk/index.html"
	b := newBuilder(c, s, 100000*i)
	g := b.g
	code := func(k int) int { return 1000 + 10*k }
	dir := func(slug string) string {
		if slug == "news" {
			return "/xwzx/gzdt/"
		}
		return "/zwgk/" + slug + "/"
	}

	news := b.newsColumn("工作动态", dir("news"), code(1), 10, org)
	notices := b.noticeColumn(dir("tzgg"), code(2), "政务公开")
	notices.scripted = scripted
	b.interpretColumn(dir("zcjd"), code(3), "政务公开")
	mailbox := b.mailboxColumn("领导信箱", dir("ldxx"), code(4))

	// all-10: usually fresh, a fifth of the sites stale.
	first := 3 + g.intn(50)
	if g.intn(5) == 0 {
		first = 200 + g.intn(200)
	}
	zcwj := b.column("all-10", "zcwj", "政策文件", "政务公开", dir("zcwj"), code(5))
	zcwj.validityInList = style == 3
	skip := 2 + g.intn(4) // every skip-th document is unlabelled
	for j, a := range b.ages(first, 20, 4) {
		label := validityLabels[(i+j)%len(validityLabels)]
		if j%skip == skip-1 {
			label = ""
		}
		b.add(zcwj, b.policy(org, prefix, a, label))
	}

	// fgw-3: fresh or stale.
	first = 10 + g.intn(190)
	if g.intn(4) == 0 {
		first = 400 + g.intn(200)
	}
	ppp := b.column("fgw-3", "ppp", "PPP项目信息公开", "专题专栏", dir("ppp"), code(6))
	for k, a := range b.ages(first, 20, 10) {
		b.add(ppp, b.pppItem(k+i, a))
	}

	// all-05: fresh, stale or an empty column.
	var spotAges []int
	switch r := g.intn(20); {
	case r == 0:
	case r < 5:
		spotAges = b.ages(380+g.intn(300), 20, 15)
	default:
		spotAges = b.ages(20+g.intn(280), 20, 15)
	}
	main, results, penalties := b.spotColumns(org, "政务公开",
		[3]string{"随机抽查事项清单", "抽查结果", "查处情况"}, [3]string{dir("sjcc"), dir("ccjg"), dir("ccqk")}, [3]int{code(7), code(8), code(9)},
		spotAges, b.ages(10+g.intn(100), 5, 20), b.ages(15+g.intn(100), 5, 30))

	// czt-1: ten years of budgets and final accounts, the newest round
	// published on three sites in four.
	yjs := b.column("czt-1", "yjsgk", "预决算公开", "政务公开", dir("yjsgk"), code(10))
	b.annuals(yjs, org, 10, g.intn(4) == 0, i%2 == 0)

	// all-01: most sites consult the public; some have let it lapse, some
	// never filled the column, some have none.
	var yjzj *column
	switch r := g.intn(6); {
	case r == 0:
	case r == 1:
		yjzj = b.column("all-01", "yjzj", "意见征集", "互动交流", dir("yjzj"), code(11))
	case r == 2:
		yjzj = b.listColumn("all-01", "yjzj", "意见征集", "互动交流", dir("yjzj"), code(11),
			func(k, a int) *item { return b.consultation(org, k, a) }, b.ages(380+g.intn(200), 3, 40)...)
	default:
		yjzj = b.listColumn("all-01", "yjzj", "意见征集", "互动交流", dir("yjzj"), code(11),
			func(k, a int) *item { return b.consultation(org, k, a) }, b.ages(5+g.intn(150), 4, 30)...)
	}

	// One site in twenty lacks one of the four columns altogether: sites
	// 7, 27, 47 … (发改 sites) lack 政策文件, PPP, 随机抽查, 预决算 in turn.
	if i%20 == 7 {
		drop := []*column{zcwj, ppp, main, yjs}[(i/20)%4]
		s.columns = remove(s.columns, drop)
		if drop == main {
			s.columns = remove(remove(s.columns, results), penalties)
		}
	}
	b.finish()

	disclosure := []*column{}
	for _, col := range s.columns {
		if col.group == "政务公开" {
			disclosure = append(disclosure, col)
		}
	}
	links := make([]anchor, 0, len(disclosure))
	for _, col := range disclosure {
		links = append(links, textLink(col))
	}
	topics := []anchor{}
	if has(s.columns, ppp) {
		topics = append(topics, textLink(ppp))
	}
	talk := pageLink("/zxft/index.html", "在线访谈")
	if yjzj != nil {
		talk = textLink(yjzj)
	}
	s.addHTML("/", s.homeShell(
		s.newsBlock("工作动态", news, 8),
		s.newsBlock("通知公告", notices, 5),
		s.homeMenu("政务公开", "xxgk-box", links...),
		s.homeMenu("互动交流", "hdjl-box", textLink(mailbox), talk),
		s.topicBlock(topics...),
		siteLinks))
	s.addHTML(s.zwgkHref, s.disclosurePage("政务公开", false, disclosure...))
	s.commonPages()
	return s
}

func remove(cols []*column, c *column) []*column {
	out := cols[:0:0]
	for _, x := range cols {
		if x != c {
			out = append(out, x)
		}
	}
	return out
}

func has(cols []*column, c *column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}
