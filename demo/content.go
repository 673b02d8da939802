package demo

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit/checks"
)

// The words below are what real sites publish. None of the generic topics
// contains a keyword of an audited requirement (政策文件, PPP, 随机抽查,
// 预决算 …), so that only the columns and decoys built on purpose can match.

var policyTopics = []string{
	"优化营商环境", "安全生产治本攻坚三年行动", "数字政府建设", "城市更新", "农村人居环境整治提升",
	"促进民营经济发展壮大", "稳就业", "养老服务体系建设", "冬季清洁取暖", "科技创新能力提升",
	"城镇老旧小区改造", "粮食安全责任制考核", "文旅产业高质量发展", "医疗保障待遇", "质量强省建设",
	"知识产权保护", "招商引资", "消费品以旧换新", "生态环境分区管控", "标准化建设",
	"河湖长制", "森林草原防灭火", "高校毕业生就业创业", "社会信用体系建设", "政务服务“一网通办”",
	"县域商业体系建设", "海洋经济发展", "现代化大农业发展", "住房公积金管理", "物流降本增效",
}

var policyForms = []string{
	"%s关于印发《%s实施方案》的通知",
	"%s关于进一步加强%s工作的意见",
	"%s关于做好%s有关工作的通知",
	"%s关于印发《%s若干措施》的通知",
	"%s关于推进%s高质量发展的实施意见",
	"%s关于印发《%s管理办法》的通知",
	"%s关于开展%s专项行动的通知",
	"%s关于印发《%s工作要点》的通知",
}

var newsForms = []string{
	"%s召开%s工作推进会",
	"%s主要负责同志调研%s工作",
	"%s%s工作取得阶段性成效",
	"全省%s现场会召开",
	"%s部署%s重点任务",
	"%s举办%s专题培训班",
}

var projects = []string{
	"沈阳市地铁六号线一期工程", "大连湾海底隧道配套道路工程", "鞍山市污水处理厂提标改造工程",
	"营口市仙人岛综合管廊工程", "朝阳市城市供热管网改造工程", "丹东市新区地下综合管廊工程",
	"本溪市生活垃圾焚烧发电工程", "锦州市城区公共停车场建设工程", "盘锦市辽河口生态修复工程",
	"铁岭市凡河新区供水工程",
}

var checkFields = []string{"产品质量", "食品安全", "特种设备安全", "计量器具", "广告经营", "价格收费", "旅游市场", "知识产权", "保障性住房"}

// policy is one policy document: a title naming its issuer and topic, a
// 发文字号, a body that ends with the 成文日期 in words.
func (b *builder) policy(issuer, docPrefix string, daysAgo int, validity string) *item {
	return b.policyAt(issuer, docPrefix, b.at(daysAgo), validity)
}

// policyAt is a policy document published at t.
func (b *builder) policyAt(issuer, docPrefix string, t time.Time, validity string) *item {
	topic := b.g.pick(policyTopics)
	title := fmt.Sprintf(b.g.pick(policyForms), issuer, topic)
	written := t.AddDate(0, 0, -3)
	return &item{
		title: title, date: t, validity: validity, issuer: issuer,
		docNo: fmt.Sprintf("%s〔%d〕%d号", docPrefix, t.Year(), 3+b.g.intn(140)),
		body: []string{
			"各有关单位：",
			fmt.Sprintf("为深入贯彻落实党中央、国务院和省委、省政府关于%s的决策部署，经研究，现就有关事项通知如下。", topic),
			"一、提高思想认识。各地区、各部门要切实把思想和行动统一到决策部署上来，压实工作责任，细化工作举措，确保各项任务落到实处。",
			"二、加强组织实施。各牵头单位要建立工作台账，定期调度工作进展，及时协调解决工作中遇到的问题。",
			"本文件自印发之日起施行。",
			fmt.Sprintf("%s　%s", issuer, chineseDay(written)),
		},
	}
}

// chineseDay writes a day as a document's closing line does: 2026年11月17日.
func chineseDay(t time.Time) string {
	t = t.In(shanghai)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// news is one news article.
func (b *builder) news(source string, daysAgo int) *item {
	t := b.at(daysAgo)
	topic := b.g.pick(policyTopics)
	form := b.g.pick(newsForms)
	var title string
	if form == "全省%s现场会召开" {
		title = fmt.Sprintf(form, topic)
	} else {
		title = fmt.Sprintf(form, b.s.short, topic)
	}
	return &item{title: title, date: t, body: []string{
		fmt.Sprintf("%s，%s。会议总结了前一阶段%s工作，分析了当前形势，部署了下一步重点任务。", chineseDay(t), title, topic),
		"会议强调，要坚持问题导向，聚焦重点领域和关键环节，确保各项工作取得实效。",
		"来源：" + source,
	}}
}

// titled is an item with a given title.
func (b *builder) titled(title string, daysAgo int, paragraphs ...string) *item {
	if len(paragraphs) == 0 {
		paragraphs = []string{title + "。", "特此公告。"}
	}
	return &item{title: title, date: b.at(daysAgo), body: paragraphs}
}

// pppItem is one document of a PPP column; k picks the project and which
// of the required contents it reports. 重大变更或终止 is never among them,
// so a column built from these mentions four of the five.
func (b *builder) pppItem(k int, daysAgo int) *item {
	p := projects[(k*7+3)%len(projects)]
	var title string
	var body []string
	switch k % 4 {
	case 0:
		title = p + "PPP项目基本情况公开"
		body = []string{"项目基本情况：项目总投资约" + fmt.Sprint(8+k*3) + "亿元，合作期限25年（其中建设期2年），采用建设—运营—移交（BOT）模式实施。", "项目实施机构为项目所在地住房和城乡建设局。"}
	case 1:
		title = p + "PPP项目合同主要内容公示"
		body = []string{"项目合同由项目实施机构与项目公司签订，主要内容包括合作范围、合作期限、投融资安排、运营维护标准及绩效考核等。", "项目合同全文已按规定报送备案。"}
	case 2:
		title = p + "PPP项目社会资本参与方式及回报机制"
		body = []string{"资本参与方式：社会资本方通过公开招标方式确定，与政府出资代表共同组建项目公司，社会资本方持股90%。", "回报机制：采用可行性缺口补助方式，政府根据绩效考核结果支付可用性付费和运维绩效付费。"}
	default:
		title = p + "PPP项目实施方案的批复"
		body = []string{"经审核，原则同意项目实施方案，项目采用政府和社会资本合作模式实施。", "请严格按照批复内容组织实施，规范开展社会资本方采购工作。"}
	}
	it := b.titled(title, daysAgo, body...)
	it.issuer = b.s.Name
	return it
}

// spotList is a 随机抽查事项清单: the list states for each check its
// 抽查依据, 抽查主体, 抽查内容 and 抽查方式.
func (b *builder) spotList(org string, year int, daysAgo int) *item {
	it := b.titled(fmt.Sprintf("%s%d年度随机抽查事项清单", org, year), daysAgo,
		"根据《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）要求，现将本部门随机抽查事项清单予以公布。",
		"各单位要严格按照清单开展抽查，抽查结果及查处情况通过本网站和国家企业信用信息公示系统向社会公开。")
	it.issuer = org
	it.table = [][]string{
		{"序号", "抽查事项", "抽查依据", "抽查主体", "抽查内容", "抽查方式"},
		{"1", "工业产品生产许可证获证企业的检查", "《中华人民共和国工业产品生产许可证管理条例》第三十九条", org, "生产条件、检验能力、产品质量", "现场检查、抽样检验"},
		{"2", "食品生产经营者的检查", "《中华人民共和国食品安全法》第一百一十条", org, "许可条件保持情况、食品安全管理制度落实情况", "现场检查"},
		{"3", "特种设备使用单位的检查", "《中华人民共和国特种设备安全法》第五十七条", org, "使用登记、定期检验、作业人员持证", "现场检查、书面检查"},
	}
	return it
}

// spotResult is an item of the 抽查结果 companion column.
func (b *builder) spotResult(year, n int, daysAgo int) *item {
	f := checkFields[n%len(checkFields)]
	return b.titled(fmt.Sprintf("%d年第%d批%s领域双随机抽查结果公示", year, n, f), daysAgo,
		fmt.Sprintf("按照年度抽查工作计划，对%s领域随机抽取的检查对象开展了检查，现将抽查结果予以公示。", f),
		"本批次共抽查检查对象20户，未发现问题18户，发现问题已责令整改2户。")
}

// spotPenalty is an item of the 查处情况 companion column.
func (b *builder) spotPenalty(year, n int, daysAgo int) *item {
	f := checkFields[(n+3)%len(checkFields)]
	return b.titled(fmt.Sprintf("%d年%s领域违法案件查处情况（第%d期）", year, f, n), daysAgo,
		fmt.Sprintf("对双随机抽查中发现的%s领域违法行为，依法立案查处，现将查处情况公布如下。", f),
		"当事人违反有关法律法规规定，依法责令改正，并处罚款。")
}

// budget is a 部门预算 report for year, published in late February of it.
func (b *builder) budget(org string, year int, nianDu bool) *item {
	y := "年"
	if nianDu {
		y = "年度"
	}
	it := &item{title: fmt.Sprintf("%s%d%s部门预算", org, year, y), kind: budgetReport, year: year,
		date: date(year, time.February, 18+b.g.intn(9), 9+b.g.intn(8), b.g.intn(60)),
		body: []string{
			fmt.Sprintf("根据《中华人民共和国预算法》有关规定，现将%s%d年部门预算公开如下。", org, year),
			"一、部门主要职责及机构设置情况；二、一般公共预算收支情况；三、政府性基金预算收支情况；四、机关运行经费安排情况；五、“三公”经费预算情况说明。",
			"一般公共预算支出按功能分类公开到项级科目，基本支出按经济分类公开到款级科目。",
		}}
	it.id = b.nextID()
	return it
}

// final is a 部门决算 report for year, published in late August of the
// next year.
func (b *builder) final(org string, year int, nianDu bool) *item {
	y := "年"
	if nianDu {
		y = "年度"
	}
	it := &item{title: fmt.Sprintf("%s%d%s部门决算", org, year, y), kind: finalReport, year: year,
		date: date(year+1, time.August, 20+b.g.intn(8), 9+b.g.intn(8), b.g.intn(60)),
		body: []string{
			fmt.Sprintf("根据有关规定，现将%s%d年部门决算公开如下。", org, year),
			"一、部门主要职责及机构设置情况；二、收入支出决算总体情况；三、一般公共预算财政拨款支出决算情况；四、机关运行经费支出情况；五、“三公”经费支出决算情况说明。",
		}}
	it.id = b.nextID()
	return it
}

// annuals fills a 预决算 column with n budgets and n final accounts: the
// newest ones already published on the build day, or with behind set, the
// round before the one due (AnnualYears) and older. A complete column thus
// holds this year's budget from late February on, before it is due, so its
// verdict does not change when a deadline passes during a test run.
func (b *builder) annuals(c *column, org string, n int, behind, nianDu bool) {
	budgetYear, finalYear := checks.AnnualYears(b.c.now)
	from, to := b.c.now.Year(), b.c.now.Year()-1
	if behind {
		from, to = budgetYear-1, finalYear-1
	}
	for y, added := from, 0; added < n; y-- {
		if it := b.budget(org, y, nianDu); !it.date.After(b.c.now) {
			c.items = append(c.items, it)
			added++
		}
	}
	for y, added := to, 0; added < n; y-- {
		if it := b.final(org, y, nianDu); !it.date.After(b.c.now) {
			c.items = append(c.items, it)
			added++
		}
	}
}

// years returns from, from-1, … for n years.
func years(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from - i
	}
	return out
}
