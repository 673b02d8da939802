package tamper

// The spam lexicon. Every word is written in simplified Chinese and lower
// case; text is compared after text.Normalize, which folds traditional
// characters, full-width letters and spacing, so 百家樂, 百 家 乐 and ＡＶ
// match too. A sentence is judged by the sum of the weights it contains
// (score.go); nothing in this file is a finding by itself.
//
// Matching is greedy and left to right, longest word first, and a matched
// span is not searched again: that is how a neutral compound (投注站) stops
// the spam word inside it (投注) from counting, and how 北单足彩 counts once
// rather than also as 足彩.

// class is the role a word plays in the score.
type class uint8

const (
	// topic words name gambling, pornography or other illicit trade. Their
	// weights add up; a sentence needs spamThreshold points to be spam.
	topic class = iota
	// promo words advertise: they add to a sentence that already has a topic
	// word and never count alone (注册, 下载 and 微信 are everywhere on
	// government pages).
	promo
	// contact words hand the reader a way to buy: a QQ number, a WeChat id.
	contact
	// context words mark enforcement, regulation or warnings: a sentence
	// near one is talking about the trade, not selling it.
	context
	// neutral words are honest compounds that contain a topic word; they
	// weigh nothing and only claim their span.
	neutral
)

// term is one lexicon entry.
type term struct {
	word   string
	class  class
	weight int
	// ascii words match only as whole words: "av" is not found in "nav" or
	// "available".
	ascii bool
	// service words name a service that government offices provide
	// themselves (办证, 代开发票): advertising words around them are how an
	// office's own guide reads (登录电子税务局，点击下载), so only contact
	// details add to them.
	service bool
}

// spamThreshold is the score at which a sentence or an anchor text is spam.
// A strong topic word (weight 3) reaches it alone; a medium one (2) needs
// one advertising word; a weak one (1) needs two.
const spamThreshold = 3

// topicWords are scored by how surely they mean spam on a government page.
//
// Weight 3: words no honest government page uses except to condemn them
// (and then a context word is near): casino brands and games, lottery-spam
// games, pornography. Weight 2: words with a rare honest use or that are
// also the name of an offence (赌场 in 查处地下赌场, 代孕). Weight 1: words
// with common honest uses (彩票, 赌博, 外挂 "wall-mounted", 投注 "to
// devote"), which need advertising around them. Words with too many honest
// uses to help are left out: 开奖 (the tax office's invoice lottery), 盘口
// (stock quotes), 彩金 (coloured-gold jewellery), 棋牌 (chess clubs), 套现
// (shareholders cashing out), 下注 (inside 以下注意).
var topicWords = []struct {
	weight int
	words  []string
}{
	// Gambling sites, casino games and lottery-spam games.
	{3, []string{
		"博彩", "百家乐", "真人娱乐", "真人视讯", "时时彩", "六合彩", "北单足彩",
		"北京赛车", "幸运飞艇", "老虎机", "体育投注", "线上赌场", "网上赌场",
		"在线赌场", "网络赌场", "澳门赌场", "新葡京", "葡京娱乐", "皇冠体育", "亚博体育",
		"沙巴体育", "开元棋牌", "彩票平台", "购彩平台", "投注平台", "线上赌博",
	}},
	// 娱乐城 and 电子游艺 are also licensed entertainment venues and arcade
	// machines, listed by name in culture-market permits and inspections.
	{2, []string{
		"赌场", "赌球", "网赌", "足彩", "私彩", "棋牌游戏", "赌博平台", "赌博网站",
		"购彩", "注册送", "开户送", "首存", "返水", "体验金", "娱乐城", "电子游艺",
	}},
	// 博彩业, 博彩收入 and 博彩税 are how news of Macau's economy speaks.
	{1, []string{
		"彩票", "赌博", "博彩业", "博彩收入", "博彩税", "投注", "赔率", "网投",
	}},
	// Pornography.
	{3, []string{
		"色情", "成人视频", "成人电影", "成人网站", "成人影院", "成人直播", "约炮", "一夜情",
		"裸聊", "援交", "女优", "三级片", "国产自拍", "自拍偷拍", "楼凤", "外围女", "小姐上门",
		"成人av",
	}},
	{2, []string{"淫秽", "黄色网站"}},
	// Other illicit trade that spammers plant on government sites: forged
	// certificates, invoices, game cheats and private game servers,
	// surrogacy.
	{3, []string{"办假证", "传奇私服", "游戏外挂"}},
	{2, []string{"私服", "假证", "刻章办证", "办证刻章", "代孕", "信用卡套现"}},
	{1, []string{"外挂", "刷单"}},
}

// serviceWords are weight-1 topic words that only contact details add to
// (term.service): certificates and invoices are issued by government
// offices, whose guides name them next to 登录, 下载 and 点击; the spam
// for forged ones hands out a QQ number or a WeChat id.
var serviceWords = []string{"办证", "代开发票", "发票代开"}

// asciiTopicWords are Latin-script topic words, matched as whole words.
var asciiTopicWords = []struct {
	weight int
	words  []string
}{
	{3, []string{"pk10", "casino", "baccarat", "bet365"}},
	// AV also names audio-visual equipment, so it needs advertising too.
	{2, []string{"av"}},
}

// promoWords advertise: addresses, sign-up offers, payouts, downloads. Each
// adds one point to a sentence with a topic word (at most three).
var promoWords = []string{
	"网址", "官网", "官方网站", "注册", "充值", "下载", "优惠", "返利", "最高", "日赚",
	"首充", "提款", "出款", "信誉", "客服", "代理", "手机版", "点击", "进入", "平台",
	"开户", "登录", "免费", "微信", "扫码", "稳赚", "包赢", "赢钱", "在线观看",
	"www.", ".com", ".net", "http",
}

// asciiPromoWords are advertising words matched as whole words. "qq" is
// promotion alone and a contact when a number follows (score.go).
var asciiPromoWords = []string{"qq", "app", "vip"}

// contactWords hand out a WeChat id, including the spellings spammers use to
// get past filters (威信, 薇信, vx). Weight 2 each. QQ numbers count here
// too (weight 2), and mobile numbers (weight 1, because a government page
// may print a contact's mobile number).
var contactWords = []string{"微信号", "加微信", "加微", "微信同号", "威信", "薇信", "扣扣"}

var asciiContactWords = []string{"vx"}

// contextWords mark a sentence as enforcement, regulation or a warning:
// police and court news (打击, 查处, 抓获, 开设赌场 — the name of the
// offence), inspections and public notices (检查, 执法, 公示), regulation
// (管理, 条例, 规定, 监管; 福利彩票 and 体育彩票, the two state lotteries,
// their short names 福彩, 体彩, 竞彩, their sales and public-welfare funds),
// and warnings to the public and to parents (警惕, 远离, 切勿, 反诈,
// 未成年人, 沉迷, 不良信息). Spam does not use these words; an honest page
// about the trade nearly always does.
var contextWords = []string{
	// Police, prosecution and courts.
	"打击", "整治", "查处", "查获", "查封", "查办", "被查", "取缔", "侦破", "破获", "抓获",
	"捣毁", "打掉", "窝点", "落网", "立案", "涉嫌", "嫌疑人", "犯罪", "违法", "非法", "违规",
	"严厉", "严禁", "禁止", "专项", "公安", "警方", "民警", "派出所", "报警", "检察", "法院",
	"判处", "判决", "宣判", "获刑", "被告", "刑事", "案件", "涉案", "案例", "受害", "敲诈",
	"举报", "投诉", "扫黄打非", "开设赌场", "开设网络赌场",
	// Inspections, penalties and public notices.
	"检查", "督查", "执法", "排查", "清理", "公示", "处罚", "罚款", "约谈", "下架", "封禁",
	// Regulation and the state lotteries.
	"管理", "条例", "规定", "办法", "监管", "监督", "通告", "通知", "治理",
	"福利彩票", "体育彩票", "福彩", "体彩", "竞彩", "彩票管理", "彩票中心", "彩票发行",
	"彩票销售", "公益金",
	// Warnings to the public and to parents.
	"防范", "预防", "防止", "防治", "警惕", "警示", "提醒", "谨防", "谨慎", "当心", "远离",
	"拒绝", "抵制", "杜绝", "危害", "净化", "不良", "有害", "低俗", "未成年人", "沉迷",
	"不要", "切勿", "陷阱", "骗局", "受骗", "被骗", "上当", "诈骗", "反诈", "宣传",
}

// neutralWords are honest compounds that would otherwise contain a topic
// word: lottery outlets (投注站), the lottery centres' own slogan (理性购彩),
// certificate offices (办证大厅), wall-mounted lifts (外挂电梯), and phrases
// where 色情 straddles two words (红色情怀, 特色情景, 角色情感).
var neutralWords = []string{
	"投注站", "理性购彩", "办证大厅", "办证中心", "办证指南", "办证窗口", "办证服务",
	"办证流程", "外挂式", "外挂电梯",
	"红色情", "绿色情", "蓝色情", "黄色情", "白色情", "黑色情", "金色情", "紫色情",
	"彩色情", "特色情", "本色情", "角色情", "出色情", "景色情", "颜色情", "夜色情",
	"声色情", "音色情", "物色情", "春色情", "秋色情", "月色情", "国色情", "肤色情",
	"神色情",
}

// topicRoots mark a page title as being about the trades above (a title
// like 关于开展打击网络赌博专项整治行动的通告); together with a context word
// they make the whole page a discussion of the topic (score.go).
var topicRoots = []string{"赌", "彩票", "彩民", "福彩", "体彩", "竞彩", "扫黄", "淫", "色情", "诈骗", "反诈"}
