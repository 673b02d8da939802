package govaudit

import "sort"

// Census windows (docs/census.md) used where the seed sets no cadence.
const (
	maxAgePolicy    = 180 // 通知公告 / 政策文件: six months
	maxAgeCatalogue = 365 // every other catalogue column: one year
)

var (
	everyone    = Applicability{Portals: []Level{LevelProvince, LevelCity, LevelCounty}, AllDepartments: true}
	cityPortals = Applicability{Portals: []Level{LevelCity}}
)

func lead(codes ...string) Applicability { return Applicability{Departments: codes} }

// catalog is every row of docs/requirements.md. Rows whose Kind is not yet
// judged from pages keep their id, title and applicability so that ids are
// stable everywhere; Catalog.Audited lists the rows an audit judges.
var catalog = []Requirement{
	{ID: "all-01", Title: "重大行政决策预公开", Kind: KindColumn, Web: WebYes, Cadence: "event-driven", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"决策预公开", "意见征集", "征求意见", "民意征集"}, AppliesTo: everyone},
	{ID: "all-02", Title: "利益相关方、公众、专家、媒体列席会议制度", Kind: KindColumn, Web: WebYes, Cadence: ">=5 a year", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"列席会议", "公众列席", "会议公开"}, MinPerYear: 5, AppliesTo: everyone},
	{ID: "all-03", Title: "重点工作执行情况公开", Kind: KindColumn, Web: WebYes, Cadence: "quarterly", MaxAgeDays: 92,
		Keywords: []string{"重点工作", "政府工作报告", "任务分解", "重点工作进展"}, AppliesTo: everyone},
	{ID: "all-04", Title: "双创、新动能、供给侧等政策措施专题专栏", Kind: KindColumn, Web: WebYes, Cadence: "—", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"大众创业万众创新", "双创", "新动能", "专题专栏"}, AppliesTo: everyone},
	{ID: "all-05", Title: "随机抽查事项清单及抽查结果、查处情况", Kind: KindFields, Web: WebYes, Cadence: "—", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"随机抽查事项清单", "双随机一公开", "双随机", "随机抽查"},
		Decoys:   []string{"工作会议", "培训", "部署", "召开", "推进会"},
		Fields: []Field{
			{Name: "依据", Synonyms: []string{"抽查依据", "检查依据", "依据"}},
			{Name: "主体", Synonyms: []string{"抽查主体", "检查主体", "实施主体", "主体"}},
			{Name: "内容", Synonyms: []string{"抽查内容", "检查内容", "检查事项", "内容"}},
			{Name: "方式", Synonyms: []string{"抽查方式", "检查方式", "方式"}},
		},
		Companions: []Field{
			{Name: "抽查结果", Synonyms: []string{"抽查结果", "检查结果", "抽检结果"}},
			{Name: "查处情况", Synonyms: []string{"查处情况", "处理结果", "查处结果", "行政处罚"}},
		},
		AppliesTo: Applicability{Portals: []Level{LevelCity}, Departments: []string{"gsj", "syj", "wjj", "zjt"}, MarketSupervision: true}},
	{ID: "all-06", Title: "政策解读", Kind: KindInterpretation, Web: WebYes, Cadence: "<=3 working days after the document", MaxAgeDays: maxAgePolicy,
		Keywords: []string{"政策解读", "解读", "图解"}, AppliesTo: everyone},
	{ID: "all-07", Title: "领导信箱、人民网留言、民心网诉求办理情况", Kind: KindColumn, Web: WebYes, Cadence: "—", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"领导信箱", "网民留言", "民心网", "省长信箱", "市长信箱", "县长信箱", "区长信箱", "书记信箱",
			"厅长信箱", "局长信箱", "主任信箱", "咨询投诉", "在线咨询", "信箱"}, AppliesTo: everyone},
	{ID: "all-08", Title: "政务舆情回应", Kind: KindOffline, Web: WebNo, Cadence: "event-driven: <=24h", AppliesTo: everyone},
	{ID: "all-09", Title: "政府工作宣传：媒体吹风会、新闻发布会、新闻发言人", Kind: KindColumn, Web: WebPartly, Cadence: "every two months", MaxAgeDays: 61,
		Keywords: []string{"新闻发布会", "新闻发布", "发布会"}, AppliesTo: everyone},
	{ID: "all-10", Title: "部门规章和政策性文件清理结果公开、文件有效性标注", Kind: KindValidity, Web: WebYes, Cadence: "— (census: 6 months)", MaxAgeDays: maxAgePolicy,
		Keywords:  []string{"政策文件", "规范性文件", "政策法规", "文件库", "政府文件", "文件"},
		Decoys:    []string{"解读", "征求意见", "草案", "图解"},
		AppliesTo: everyone},
	{ID: "all-11", Title: "政务公开工作人员培训", Kind: KindOffline, Web: WebPartly, Cadence: "yearly", MaxAgeDays: maxAgeCatalogue, AppliesTo: everyone},
	{ID: "all-12", Title: "分管政务公开工作的负责同志对外公布", Kind: KindColumn, Web: WebYes, Cadence: "—", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"领导分工", "政务公开负责人", "领导信息"}, AppliesTo: everyone},
	{ID: "all-13", Title: "市政府门户网站设立相关专栏", Kind: KindLink, Web: WebYes, Cadence: "—", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"权力运行", "政务服务"}, AppliesTo: cityPortals},
	{ID: "all-14", Title: "本系统政务公开具体实施方案或工作措施", Kind: KindColumn, Web: WebYes, Cadence: "once", MaxAgeDays: 0,
		Keywords:  []string{"政务公开工作要点", "实施方案", "工作措施"},
		AppliesTo: Applicability{AllDepartments: true}},

	{ID: "bgt-1", Title: "推进、指导、监督全省工作要点落实", Kind: KindColumn, Web: WebPartly, Cadence: "yearly", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"第三方评估", "绩效考核", "考核结果"}, AppliesTo: lead("bgt")},
	{ID: "bgt-2", Title: "公共企事业单位办事公开具体办法", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"办事公开"}, AppliesTo: lead("bgt")},
	{ID: "bgt-3", Title: "主动公开、依申请公开、保密审查、协调发布等制度", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"政府信息公开指南", "依申请公开", "主动公开目录"}, AppliesTo: lead("bgt")},
	{ID: "bgt-4", Title: "加强政府网站建设", Kind: KindColumn, Web: WebPartly, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"网站工作年度报表", "政府网站年度报表"}, AppliesTo: lead("bgt")},
	{ID: "bgt-5", Title: "办好政府公报", Kind: KindColumn, Web: WebYes, Cadence: "each issue", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"政府公报"}, AppliesTo: lead("bgt")},
	{ID: "fgw-1", Title: "\"信用辽宁\"网站建设", Kind: KindLink, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"信用辽宁", "信用中国"}, AppliesTo: lead("fgw")},
	{ID: "fgw-2", Title: "重大建设项目信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"重大建设项目", "重大项目"}, Fields: []Field{
			{Name: "审批核准备案", Synonyms: []string{"审批", "核准", "备案"}},
			{Name: "实施", Synonyms: []string{"实施", "开工", "建设进展"}},
			{Name: "在线监测", Synonyms: []string{"在线监测"}},
			{Name: "项目稽察", Synonyms: []string{"稽察"}},
			{Name: "执法检查", Synonyms: []string{"执法检查"}},
		},
		AppliesTo: lead("fgw")},
	{ID: "fgw-3", Title: "PPP项目信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"PPP专栏", "PPP项目", "政府和社会资本合作", "PPP"},
		Decoys:   []string{"推介会", "召开", "培训", "会议", "座谈"},
		Fields: []Field{
			{Name: "资本参与方式", Synonyms: []string{"资本参与方式", "社会资本参与方式", "参与方式", "运作方式"}},
			{Name: "回报机制", Synonyms: []string{"回报机制"}},
			{Name: "项目基本情况", Synonyms: []string{"项目基本情况", "项目概况", "基本情况"}},
			{Name: "项目合同", Synonyms: []string{"项目合同", "PPP合同", "合同"}},
			{Name: "重大变更或终止", Synonyms: []string{"重大变更", "项目终止", "变更或终止", "终止"}},
		},
		AppliesTo: lead("fgw")},
	{ID: "fgw-4", Title: "全省统一的公共资源交易平台", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"公共资源交易", "交易公告", "成交信息"}, Fields: []Field{
			{Name: "交易公告", Synonyms: []string{"交易公告", "招标公告", "出让公告"}},
			{Name: "资格审查结果", Synonyms: []string{"资格审查"}},
			{Name: "成交信息", Synonyms: []string{"成交", "中标"}},
			{Name: "履约信息", Synonyms: []string{"履约"}},
			{Name: "变更信息", Synonyms: []string{"变更"}},
		},
		AppliesTo: lead("fgw")},
	{ID: "jyt-1", Title: "教育领域信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"教育督导", "督导报告", "义务教育均衡发展"}, Fields: []Field{
			{Name: "教育督导报告", Synonyms: []string{"督导报告"}},
			{Name: "义务教育均衡发展督导评估", Synonyms: []string{"均衡发展"}},
			{Name: "薄弱学校改造", Synonyms: []string{"薄弱学校"}},
			{Name: "乡村教师支持计划", Synonyms: []string{"乡村教师"}},
			{Name: "职称制度改革", Synonyms: []string{"职称"}},
			{Name: "划片入学", Synonyms: []string{"划片", "招生入学"}},
			{Name: "随迁子女入学", Synonyms: []string{"随迁子女"}},
		},
		AppliesTo: lead("jyt")},
	{ID: "gat-1", Title: "面向转移落户人员的服务公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"户籍制度改革", "落户", "居住证"}, Fields: []Field{
			{Name: "户籍制度改革", Synonyms: []string{"户籍制度改革", "户籍改革"}},
			{Name: "户口迁移程序和落户条件", Synonyms: []string{"户口迁移", "落户条件"}},
			{Name: "居住证申领", Synonyms: []string{"居住证申领", "申领居住证", "居住证办理"}},
			{Name: "居住证持有人公共服务", Synonyms: []string{"居住证持有人", "基本公共服务"}},
		},
		AppliesTo: lead("gat")},
	{ID: "mzt-1", Title: "社会救助信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"社会救助", "低保", "救助信息"},
		Fields: []Field{
			{Name: "低保", Synonyms: []string{"低保对象", "低保标准", "最低生活保障", "低保"}},
			{Name: "特困", Synonyms: []string{"特困人员", "特困供养", "特困"}},
			{Name: "医疗救助", Synonyms: []string{"医疗救助"}},
			{Name: "临时救助", Synonyms: []string{"临时救助"}},
		},
		AppliesTo: lead("mzt")},
	{ID: "mzt-2", Title: "减灾救灾信息公开", Kind: KindFields, Web: WebYes, Cadence: "monthly", MaxAgeDays: 31,
		Keywords: []string{"减灾救灾", "救灾", "灾情"}, Fields: []Field{
			{Name: "核定灾情", Synonyms: []string{"灾情"}},
			{Name: "救灾工作进展", Synonyms: []string{"救灾工作", "救灾进展"}},
			{Name: "救灾资金物资", Synonyms: []string{"救灾资金", "救灾物资"}},
		},
		AppliesTo: lead("mzt")},
	{ID: "czt-1", Title: "预决算信息公开", Kind: KindAnnual, Web: WebYes, Cadence: "yearly", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"预决算公开", "部门预决算", "财政预决算", "预决算", "预算公开", "决算公开", "财政资金"},
		Decoys:   []string{"编制工作", "培训", "会议"},
		Fields: []Field{
			{Name: "部门预算", Synonyms: []string{"部门预算", "单位预算", "预算公开", "预算"}},
			{Name: "部门决算", Synonyms: []string{"部门决算", "单位决算", "决算公开", "决算"}},
		},
		Contents: []Field{
			{Name: "单位职责", Synonyms: []string{"单位职责", "部门职责", "主要职能", "职责"}},
			{Name: "机构设置", Synonyms: []string{"机构设置", "部门构成", "单位构成"}},
			{Name: "一般公共预算收支", Synonyms: []string{"一般公共预算"}},
			{Name: "政府性基金预算收支", Synonyms: []string{"政府性基金预算", "政府性基金"}},
			{Name: "机关运行经费", Synonyms: []string{"机关运行经费"}},
		},
		AppliesTo: everyone},
	{ID: "czt-2", Title: "减税降费信息公开", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"减税降费", "税收优惠", "减免政策"}, AppliesTo: lead("czt")},
	{ID: "czt-3", Title: "政府性基金目录清单", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"政府性基金目录", "目录清单"}, Fields: []Field{
			{Name: "项目名称", Synonyms: []string{"项目名称", "基金名称"}},
			{Name: "设立依据", Synonyms: []string{"设立依据", "征收依据"}},
			{Name: "标准", Synonyms: []string{"征收标准", "标准"}},
		},
		AppliesTo: lead("czt")},
	{ID: "rst-1", Title: "招聘信息", Kind: KindColumn, Web: WebYes, Cadence: "weekly", MaxAgeDays: 7,
		Keywords: []string{"招聘信息", "招聘", "人力资源市场"}, AppliesTo: lead("rst")},
	{ID: "rst-2", Title: "就业创业政策", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"就业创业", "就业政策", "创业政策"}, Fields: []Field{
			{Name: "就业创业政策", Synonyms: []string{"就业政策", "创业政策", "就业创业"}},
			{Name: "补贴申领条件", Synonyms: []string{"申领条件", "补贴条件"}},
			{Name: "申领程序", Synonyms: []string{"申领程序", "办理流程", "申领流程"}},
			{Name: "解读", Synonyms: []string{"解读"}},
		},
		AppliesTo: lead("rst")},
	{ID: "rst-3", Title: "职业资格目录清单", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"职业资格目录", "职业资格"}, Fields: []Field{
			{Name: "职业资格名称", Synonyms: []string{"职业资格名称", "资格名称"}},
			{Name: "设立依据", Synonyms: []string{"设立依据"}},
			{Name: "认定办法", Synonyms: []string{"认定", "实施部门"}},
		},
		AppliesTo: lead("rst")},
	{ID: "hbt-1", Title: "城市空气质量预报", Kind: KindFields, Web: WebYes, Cadence: "daily", MaxAgeDays: 1,
		Keywords: []string{"空气质量预报", "空气质量"}, Fields: []Field{
			{Name: "AQI范围", Synonyms: []string{"AQI", "空气质量指数"}},
			{Name: "级别", Synonyms: []string{"级别", "等级"}},
			{Name: "首要污染物", Synonyms: []string{"首要污染物"}},
			{Name: "健康影响与建议", Synonyms: []string{"健康", "建议措施", "建议"}},
		},
		AppliesTo: lead("hbt")},
	{ID: "hbt-2", Title: "重点排污单位信息", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"重点排污单位", "排污单位", "环评信息"}, Fields: []Field{
			{Name: "污染物排放", Synonyms: []string{"排放浓度", "排放总量", "排放方式", "污染物"}},
			{Name: "超标排放", Synonyms: []string{"超标"}},
			{Name: "防治设施", Synonyms: []string{"防治设施", "治理设施"}},
			{Name: "环评信息", Synonyms: []string{"环评", "环境影响评价"}},
		},
		AppliesTo: lead("hbt")},
	{ID: "hbt-3", Title: "集中式生活饮用水水源水质", Kind: KindFields, Web: WebYes, Cadence: "quarterly", MaxAgeDays: 92,
		Keywords: []string{"饮用水水源", "饮用水", "水质"}, Fields: []Field{
			{Name: "水源", Synonyms: []string{"水源"}},
			{Name: "供水厂出水", Synonyms: []string{"出厂水", "供水厂", "出水"}},
			{Name: "用户水龙头", Synonyms: []string{"龙头水", "水龙头", "末梢水"}},
		},
		AppliesTo: lead("hbt")},
	{ID: "zjt-1", Title: "棚户区改造信息", Kind: KindOffline, Web: WebNo, AppliesTo: lead("zjt")},
	{ID: "zjt-2", Title: "农村危房改造信息", Kind: KindOffline, Web: WebNo, AppliesTo: lead("zjt")},
	{ID: "zjt-3", Title: "保障性安居工程信息", Kind: KindFields, Web: WebYes, Cadence: "yearly", MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"保障性安居工程", "保障性住房", "住房公积金年度报告"}, Fields: []Field{
			{Name: "年度建设计划", Synonyms: []string{"建设计划", "计划任务"}},
			{Name: "完成情况", Synonyms: []string{"完成情况", "开工", "竣工"}},
			{Name: "分配", Synonyms: []string{"分配", "配租", "摇号"}},
			{Name: "住房公积金年度报告", Synonyms: []string{"公积金年度报告", "住房公积金"}},
		},
		AppliesTo: lead("zjt")},
	{ID: "zjt-4", Title: "饮用水水质 (供水厂出水)", Kind: KindColumn, Web: WebYes, Cadence: "quarterly", MaxAgeDays: 92,
		Keywords: []string{"供水水质", "饮用水水质", "水质"}, AppliesTo: lead("zjt")},
	{ID: "nw-1", Title: "扶贫信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"扶贫", "乡村振兴"}, Fields: []Field{
			{Name: "扶贫政策", Synonyms: []string{"扶贫政策", "帮扶政策"}},
			{Name: "扶贫资金", Synonyms: []string{"扶贫资金", "衔接资金"}},
			{Name: "项目安排", Synonyms: []string{"项目安排", "项目计划"}},
			{Name: "贫困退出", Synonyms: []string{"贫困退出", "脱贫"}},
		},
		AppliesTo: lead("nw")},
	{ID: "wjw-1", Title: "医疗机构院务公开", Kind: KindOffline, Web: WebNo, AppliesTo: lead("wjw")},
	{ID: "wjw-2", Title: "食品安全地方标准公开", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"食品安全地方标准", "企业标准备案", "食品安全标准"}, AppliesTo: lead("wjw")},
	{ID: "wjw-3", Title: "法定传染病疫情及防控信息", Kind: KindColumn, Web: WebYes, Cadence: "monthly", MaxAgeDays: 31,
		Keywords: []string{"法定传染病", "疫情信息", "疫情"}, AppliesTo: lead("wjw")},
	{ID: "wjw-4", Title: "饮用水水质 (用户水龙头)", Kind: KindColumn, Web: WebYes, Cadence: "quarterly", MaxAgeDays: 92,
		Keywords: []string{"饮用水水质", "水质"}, AppliesTo: lead("wjw")},
	{ID: "sjt-1", Title: "审计信息公开", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"审计公告", "审计报告", "审计结果"}, Fields: []Field{
			{Name: "审计公告", Synonyms: []string{"审计公告"}},
			{Name: "审计报告", Synonyms: []string{"审计报告", "审计工作报告"}},
			{Name: "解读", Synonyms: []string{"解读"}},
		},
		AppliesTo: lead("sjt")},
	{ID: "gzw-1", Title: "国有企业运营信息", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"国有资本运营", "国企运营", "国有企业运营", "保值增值", "经营业绩考核"},
		Fields: []Field{
			{Name: "国有资本整体运营", Synonyms: []string{"国有资本整体运营", "国有资本运营", "运营情况"}},
			{Name: "保值增值", Synonyms: []string{"保值增值"}},
			{Name: "经营业绩考核", Synonyms: []string{"经营业绩考核", "业绩考核"}},
			{Name: "监管制度和监督检查", Synonyms: []string{"监管制度", "监督检查"}},
		},
		AppliesTo: lead("gzw")},
	{ID: "gzw-2", Title: "国有企业监管信息", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"国企监管", "国有企业监管", "改制重组", "产权交易", "企业负责人薪酬"},
		Fields: []Field{
			{Name: "改制重组", Synonyms: []string{"改制重组", "改制", "重组"}},
			{Name: "产权交易", Synonyms: []string{"产权交易"}},
			{Name: "增资扩股", Synonyms: []string{"增资扩股"}},
			{Name: "公司治理", Synonyms: []string{"公司治理"}},
			{Name: "财务状况", Synonyms: []string{"财务状况", "财务信息"}},
			{Name: "重要人事变动", Synonyms: []string{"人事变动", "任免"}},
			{Name: "企业负责人薪酬", Synonyms: []string{"负责人薪酬", "薪酬"}},
		},
		AppliesTo: lead("gzw")},
	{ID: "ds-1", Title: "减税降费信息 (地税)", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"税收减免", "减税降费", "税收优惠"}, AppliesTo: lead("ds")},
	{ID: "gsj-1", Title: "全国企业信用信息公示系统(辽宁)", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"企业信用信息公示", "信用信息公示"}, AppliesTo: lead("gsj")},
	{ID: "syj-1", Title: "食品药品监管信息", Kind: KindFields, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"监督抽检", "抽检信息", "消费警示"}, Fields: []Field{
			{Name: "监督抽检", Synonyms: []string{"监督抽检", "抽检"}},
			{Name: "专项执法检查", Synonyms: []string{"执法检查", "专项检查"}},
			{Name: "消费警示", Synonyms: []string{"消费警示", "消费提示"}},
			{Name: "违法案件查处", Synonyms: []string{"案件", "行政处罚", "查处"}},
		},
		AppliesTo: lead("syj")},
	{ID: "wjj-1", Title: "收费目录清单", Kind: KindFields, Web: WebPartly, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"收费目录清单", "收费目录", "行政事业性收费"}, Fields: []Field{
			{Name: "行政事业性收费目录", Synonyms: []string{"行政事业性收费"}},
			{Name: "经营服务性收费目录", Synonyms: []string{"经营服务性收费"}},
			{Name: "名称依据标准", Synonyms: []string{"收费依据", "收费标准", "依据"}},
			{Name: "乱收费查处", Synonyms: []string{"乱收费", "价格违法"}},
		},
		AppliesTo: lead("wjj")},
	{ID: "gs-1", Title: "减税降费信息 (国税)", Kind: KindColumn, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"税收减免", "减税降费", "税收优惠"}, AppliesTo: lead("gs")},
	{ID: "zwb-1", Title: "省网上审批平台", Kind: KindLink, Web: WebYes, MaxAgeDays: maxAgeCatalogue,
		Keywords: []string{"政务服务网", "网上审批", "网上办事"}, AppliesTo: lead("zwb")},
}

// Catalog is the requirement catalog.
type Catalog struct{ rows []Requirement }

// DefaultCatalog returns the catalog of docs/requirements.md.
func DefaultCatalog() Catalog { return Catalog{rows: catalog} }

// All returns every row in the spec's order.
func (c Catalog) All() []Requirement { return append([]Requirement(nil), c.rows...) }

// Lookup returns the row with id.
func (c Catalog) Lookup(id string) (Requirement, bool) {
	for _, r := range c.rows {
		if r.ID == id {
			return r, true
		}
	}
	return Requirement{}, false
}

// IDs returns every id, sorted.
func (c Catalog) IDs() []string {
	ids := make([]string, 0, len(c.rows))
	for _, r := range c.rows {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// Audited returns the rows that apply to site s, in catalog order: an
// audit judges each, offline rows as not_web_checkable.
func (c Catalog) Audited(s Site) []Requirement {
	var out []Requirement
	for _, r := range c.rows {
		if r.Applies(s) {
			out = append(out, r)
		}
	}
	return out
}
