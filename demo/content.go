package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
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
	budgetYear, finalYear := govaudit.AnnualYears(b.c.now)
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

// consultation is a 决策预公开 item: a draft put out for comment, or the
// account of which comments were taken up.
func (b *builder) consultation(org string, k, daysAgo int) *item {
	topic := policyTopics[(k*11+5)%len(policyTopics)]
	if k%3 == 2 {
		return b.titled(fmt.Sprintf("关于《%s%s若干措施（征求意见稿）》意见采纳情况的说明", org, topic), daysAgo,
			fmt.Sprintf("征求意见期间，共收到社会公众意见建议%d条，经认真研究，采纳%d条。", 20+k, 8+k%5),
			"未采纳的意见主要涉及国家已有明确规定的事项，已逐条说明理由。")
	}
	return b.titled(fmt.Sprintf("关于《%s%s若干措施（征求意见稿）》公开征求意见的公告", org, topic), daysAgo,
		"为提高行政决策的科学性和透明度，现将征求意见稿全文及起草说明、决策依据向社会公布，公开征求意见。",
		"征求意见时间为30日。公众可通过电子邮件、信函等方式提出意见建议。")
}

// meeting is an item of 列席会议: a meeting to which the public was invited.
func (b *builder) meeting(org string, k, daysAgo int) *item {
	t := b.at(daysAgo)
	return &item{title: fmt.Sprintf("关于邀请公众代表列席%s第%d次常务会议的公告", org, 60-k), date: t, body: []string{
		fmt.Sprintf("根据重大行政决策公众参与有关规定，%s邀请利益相关方、公众代表、专家和新闻媒体列席常务会议。", org),
		fmt.Sprintf("会议时间：%s。列席人员：市民代表3名、专家学者2名、新闻媒体记者2名。", chineseDay(t.AddDate(0, 0, 5))),
	}}
}

// keyWork is a quarterly report on the 政府工作报告's key tasks.
func (b *builder) keyWork(org string, daysAgo int) *item {
	t := b.at(daysAgo)
	q := (int(t.In(shanghai).Month())-1)/3 + 1
	year := t.In(shanghai).Year()
	// A report comes out after its quarter ends: the first report of a
	// year covers the last quarter of the one before.
	if q--; q == 0 {
		q, year = 4, year-1
	}
	return &item{title: fmt.Sprintf("%s%d年《政府工作报告》重点工作任务第%s季度落实情况", org, year, []string{"一", "二", "三", "四"}[q-1]), date: t, body: []string{
		"按照任务分解方案，各牵头单位明确了工作措施、完成时限和责任人，市政府督查室按季度调度落实情况。",
		"总体进展顺利，绝大多数任务按计划推进，个别滞后任务已督促整改。",
	}}
}

// innovation is an item of the 双创 topic column.
func (b *builder) innovation(org string, k, daysAgo int) *item {
	forms := []string{"%s关于推进大众创业万众创新深入发展的实施意见", "%s双创示范基地建设工作进展情况", "%s创新创业大赛决赛成功举办", "%s关于支持新动能培育的若干政策"}
	return b.titled(fmt.Sprintf(forms[k%len(forms)], org), daysAgo,
		"持续优化创新创业生态，支持各类市场主体创新发展。")
}

// press is a release of the 新闻发布会 column.
func (b *builder) press(org string, k, daysAgo int) *item {
	topic := policyTopics[(k*7+2)%len(policyTopics)]
	return b.titled(fmt.Sprintf("%s举行%s新闻发布会", org, topic), daysAgo,
		fmt.Sprintf("%s新闻发言人介绍了%s有关情况，并回答记者提问。", org, topic))
}

// division is a notice of the division of work among the leaders, naming
// the one in charge of 政务公开.
func (b *builder) division(org string, daysAgo int) *item {
	return b.titled(fmt.Sprintf("%s关于调整领导同志工作分工的通知", org), daysAgo,
		"根据工作需要和人事变动情况，现将领导同志工作分工调整如下。",
		"常务副职负责政府常务工作，分管政务公开、办公室、财政等方面工作。")
}

// powerList is an item of 权力运行: the list of administrative powers.
func (b *builder) powerList(org string, k, daysAgo int) *item {
	return b.titled(fmt.Sprintf("%s行政权力清单动态调整公告（第%d号）", org, 12-k), daysAgo,
		"根据法律法规立改废释情况，对行政权力事项进行动态调整，现予公布。")
}

// forecast is a day's air-quality forecast.
func (b *builder) forecast(t time.Time) *item {
	d := t.In(shanghai)
	e := d.AddDate(0, 0, 2)
	return &item{title: fmt.Sprintf("辽宁省城市环境空气质量预报（%d月%d日—%d月%d日）", int(d.Month()), d.Day(), int(e.Month()), e.Day()), date: t, body: []string{
		"预计未来三天，全省大部地区扩散条件一般，空气质量以良为主。",
		"AQI范围：55～95，级别：良，首要污染物：PM2.5。",
		"健康影响：空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响。建议极少数异常敏感人群减少户外活动。",
	}}
}

// forecasts is a forecast column: one a day, the newest daysAgo old. A
// forecast of today is issued in the morning, or at build time when the
// province is built before then, so that nothing lies in the future.
func (b *builder) forecasts(c *column, daysAgo, n int) {
	for i := range n {
		t := b.c.at(daysAgo+i, 9, 30)
		if t.After(b.c.now) {
			t = b.c.now
		}
		b.add(c, b.forecast(t))
	}
}

// quarterly is a quarterly report titled by the quarter before its date.
func (b *builder) quarterly(form string, daysAgo int) *item {
	t := b.at(daysAgo)
	q := (int(t.In(shanghai).Month()) - 1) / 3
	year := t.In(shanghai).Year()
	if q == 0 {
		q, year = 4, year-1
	}
	return b.titled(fmt.Sprintf(form, year, []string{"一", "二", "三", "四"}[q-1]), daysAgo,
		"监测结果表明，各监测断面水质达到或优于Ⅲ类标准。")
}

// relief is a month's social-assistance figures (mzt-1).
func (b *builder) relief(org string, daysAgo int) *item {
	t := b.at(daysAgo)
	m := t.In(shanghai).AddDate(0, -1, 0)
	return &item{title: fmt.Sprintf("%s%d年%d月社会救助工作统计数据", org, m.Year(), int(m.Month())), date: t, body: []string{
		fmt.Sprintf("城乡低保：城市低保对象%d人，农村低保对象%d人，城市低保标准每人每月780元，补助水平每人每月512元，资金支出%d万元。", 281000+b.g.intn(900), 412000+b.g.intn(900), 38000+b.g.intn(900)),
		fmt.Sprintf("特困人员：城乡特困人员%d人，资金支出%d万元。", 96000+b.g.intn(900), 15000+b.g.intn(900)),
		fmt.Sprintf("医疗救助：资助参保%d人次，直接救助%d人次，支出%d万元。", 61000+b.g.intn(900), 18000+b.g.intn(900), 9000+b.g.intn(900)),
		fmt.Sprintf("临时救助：救助%d户次，平均救助水平每户次1260元，支出%d万元。", 7000+b.g.intn(900), 880+b.g.intn(90)),
	}}
}

// disaster is a month's natural-disaster report (mzt-2).
func (b *builder) disaster(org string, daysAgo int) *item {
	t := b.at(daysAgo)
	m := t.In(shanghai).AddDate(0, -1, 0)
	return b.titled(fmt.Sprintf("%s%d年%d月全省自然灾害情况", org, m.Year(), int(m.Month())), daysAgo,
		"经核定，上月全省自然灾害共造成农作物受灾面积1.2千公顷，无人员死亡。",
		"省减灾委员会办公室及时启动应急响应，调拨救灾物资，下拨中央和省级自然灾害救灾资金。")
}

// recruitment is an item of 招聘信息 (rst-1).
func (b *builder) recruitment(k, daysAgo int) *item {
	forms := []string{"辽宁省%d年度省直事业单位公开招聘工作人员公告", "%d届高校毕业生就业双选会参会单位及岗位信息", "辽宁省人力资源市场%d年第%d周岗位供求信息", "辽宁省属国有企业%d年校园招聘公告"}
	t := b.at(daysAgo)
	year := t.In(shanghai).Year()
	var title string
	if f := forms[k%len(forms)]; strings.Count(f, "%d") == 2 {
		_, week := t.In(shanghai).ISOWeek()
		title = fmt.Sprintf(f, year, week)
	} else {
		title = fmt.Sprintf(f, year)
	}
	return b.titled(title, daysAgo, "招聘岗位、人数、条件及报名方式详见附件。")
}

// jobPolicy is an item of 就业创业 (rst-2).
func (b *builder) jobPolicy(k, daysAgo int) *item {
	forms := []string{"一次性创业补贴申领条件和申领程序", "就业见习补贴政策问答", "创业担保贷款及贴息政策", "吸纳高校毕业生就业社会保险补贴申领指南"}
	return b.titled(forms[k%len(forms)], daysAgo, "申领条件、申领材料和办理程序如下。")
}

// workPoints is a department's yearly 政务公开工作要点 (all-14).
func (b *builder) workPoints(org string, daysAgo int) *item {
	t := b.at(daysAgo)
	return b.titled(fmt.Sprintf("%s%d年政务公开工作要点", org, t.In(shanghai).Year()), daysAgo,
		"为深入推进决策、执行、管理、服务、结果公开，现制定本年度政务公开工作要点。")
}

// message is a letter to a leader's mailbox with its reply status.
func (b *builder) message(k, daysAgo int, status string) *item {
	subjects := []string{"小区供暖温度不达标", "城区道路破损维修", "灵活就业人员参保", "农村客运班线调整", "老旧小区加装电梯",
		"学区划分", "公交线路优化", "物业服务收费", "医保异地就医备案", "农村饮水安全", "路灯不亮", "噪声扰民"}
	it := b.titled(fmt.Sprintf("关于%s问题的咨询", subjects[k%len(subjects)]), daysAgo,
		"领导您好，现将有关问题反映如下，盼予解决。")
	it.status = status
	if status == "已回复" {
		it.body = append(it.body, "回复：来信人您好，您反映的问题已转交有关部门办理。办理结果：已办结。")
	} else {
		it.body = append(it.body, "办理状态："+status)
	}
	return it
}

// catalogueItem is an item of one of the 信息公开目录's columns, titled
// in the column's own manner.
func (b *builder) catalogueItem(org, label string, k, daysAgo int) *item {
	year := b.c.at(daysAgo, 0, 0).Year()
	forms := map[string]string{
		"机构职能":      "%[1]s主要职责和内设机构调整情况（%[2]d）",
		"人事信息":      "%[1]s%[2]d年公开招聘事业单位工作人员拟聘用人员名单",
		"规划计划":      "%[1]s%[2]d年国民经济和社会发展计划执行情况",
		"统计信息":      "%[1]s%[2]d年主要经济指标完成情况（第%[3]d期）",
		"财政信息":      "%[1]s%[2]d年财政收支情况（第%[3]d期）",
		"行政执法":      "%[1]s%[2]d年行政执法数据统计年报（第%[3]d号）",
		"应急管理":      "%[1]s%[2]d年突发事件应急演练情况（第%[3]d期）",
		"政府采购":      "%[1]s%[2]d年政府采购意向公开（第%[3]d批）",
		"审计信息":      "%[1]s%[2]d年度本级预算执行审计工作报告（第%[3]d号）",
		"建议提案办理":    "对%[2]d年人大代表第%[3]d号建议的答复",
		"重大项目":      "%[1]s%[2]d年重大项目建设进展情况（第%[3]d期）",
		"公共资源配置":    "%[1]s%[2]d年国有土地使用权出让结果（第%[3]d号）",
		"社会保障":      "%[1]s%[2]d年城乡居民养老保险待遇调整情况（第%[3]d期）",
		"教育信息":      "%[1]s%[2]d年义务教育学校招生工作方案（第%[3]d号）",
		"卫生健康":      "%[1]s%[2]d年基本公共卫生服务项目实施情况（第%[3]d期）",
		"安全生产":      "%[1]s%[2]d年安全生产执法检查情况（第%[3]d期）",
		"环境保护":      "%[1]s%[2]d年环境质量状况（第%[3]d期）",
		"乡村振兴":      "%[1]s%[2]d年乡村振兴重点项目推进情况（第%[3]d期）",
		"第四次全国经济普查": "%[1]s第四次全国经济普查主要数据公报（第%[3]d号）",
	}
	form, ok := forms[label]
	if !ok {
		form = "%[1]s" + label + "工作情况（%[2]d年第%[3]d期）"
	}
	return b.titled(fmt.Sprintf(form, org, year, k+1), daysAgo, label+"有关情况公开如下。")
}
