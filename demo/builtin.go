package demo

import (
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
)

// New builds the demo province for the day of now: twenty-five sites
// that between them show every CMS style, every way of hiding a column,
// every status and every verdict of the census rules. now should carry the Asia/Shanghai location; it is
// converted to it in any case.
func New(now time.Time) *Province {
	c := newClock(now)
	return newProvince(c, []*site{
		lnGov(c), lnFGW(c), lnSCJG(c), lnSTHJ(c), lnZJT(c),
		shenyang(c), dalian(c), anshan(c), fushun(c), benxi(c), dandong(c), liaoyang(c),
		jinzhou(c), yingkou(c), panjin(c), tieling(c), fuxin(c),
		lnMZT(c), lnRST(c), syEnv(c),
		xinmin(c), kangping(c), faku(c), wafangdian(c), zhuanghe(c),
	})
}

// validityLabels are the 有效性 values documents carry, in a mix.
var validityLabels = []string{"有效", "有效", "失效", "有效", "已修改", "有效", "废止", "现行有效", "部分失效", "有效"}

// ages returns n strictly increasing ages in days, the first one first,
// about step apart, so that no two documents share a day.
func (b *builder) ages(first, n, step int) []int {
	out := make([]int, n)
	a := first
	for i := range out {
		out[i] = a
		a += step + b.g.intn(step)
	}
	return out
}

// newsColumn is the 要闻/工作动态 column every site has: n articles, the
// newest today or yesterday.
func (b *builder) newsColumn(label, dir string, code, n int, source string) *column {
	return b.newsColumnAt(label, dir, code, n, source, 1+b.g.intn(2))
}

// newsColumnAt is a news column whose newest article is first days old.
func (b *builder) newsColumnAt(label, dir string, code, n int, source string, first int) *column {
	col := b.column("", "news", label, "新闻中心", dir, code)
	for _, a := range b.ages(first, n, 2) {
		b.add(col, b.news(source, a))
	}
	return col
}

// noticeColumn is 通知公告.
func (b *builder) noticeColumn(dir string, code int, group string) *column {
	return b.noticeColumnAt(dir, code, group, 2)
}

// noticeColumnAt is 通知公告 whose newest notice is first days old.
func (b *builder) noticeColumnAt(dir string, code int, group string, first int) *column {
	col := b.column("", "tzgg", "通知公告", group, dir, code)
	notices := []string{"关于开展%d年度政府信息公开工作考核的通知", "关于%d年度政府网站和政务新媒体检查情况的通报", "关于公开征集%d年度民生实事项目建议的公告", "关于%d年度行政执法统计情况的公告", "关于举办%d年政务公开业务培训的通知"}
	for i, a := range b.ages(first, len(notices), 9) {
		year := b.c.at(a, 0, 0).Year()
		b.add(col, b.titled(fmt.Sprintf(notices[i], year), a))
	}
	return col
}

// interpretColumn is 政策解读 (all-06).
func (b *builder) interpretColumn(dir string, code int, group string) *column {
	return b.interpretColumnAt(dir, code, group, 3)
}

// interpretColumnAt is 政策解读 whose newest interpretation is first days old.
func (b *builder) interpretColumnAt(dir string, code int, group string, first int) *column {
	col := b.column("all-06", "zcjd", "政策解读", group, dir, code)
	for _, a := range b.ages(first, 6, 11) {
		topic := b.g.pick(policyTopics)
		b.add(col, b.titled(fmt.Sprintf("图解：一图读懂%s相关政策", topic), a, "本文对"+topic+"相关政策的出台背景、主要内容和适用对象进行解读。"))
	}
	return col
}

// msg is a letter of a mailbox: its age and its reply status.
type msg struct {
	age    int
	status string
}

// mailboxColumn is the 领导信箱 of 互动交流 (all-07): five letters, all
// answered, the newest a few days old.
func (b *builder) mailboxColumn(label, dir string, code int) *column {
	var msgs []msg
	for _, a := range b.ages(1+b.g.intn(3), 5, 6) {
		msgs = append(msgs, msg{a, "已回复"})
	}
	return b.mailbox(label, dir, code, msgs...)
}

// mailbox is a 领导信箱 with the given letters.
func (b *builder) mailbox(label, dir string, code int, msgs ...msg) *column {
	col := b.column("all-07", "hdjl", label, "互动交流", dir, code)
	for i, m := range msgs {
		b.add(col, b.message(i+int(b.s.siteCode()[9]-'0'), m.age, m.status))
	}
	return col
}

// listColumn is a column of items made by mk, one for each age.
func (b *builder) listColumn(req, slug, label, group, dir string, code int, mk func(k, age int) *item, ages ...int) *column {
	col := b.column(req, slug, label, group, dir, code)
	for k, a := range ages {
		b.add(col, mk(k, a))
	}
	return col
}

// spotColumns builds all-05's column and its two companions in group.
func (b *builder) spotColumns(org, group string, labels [3]string, dirs [3]string, codes [3]int, ages, resultAges, penaltyAges []int) (main, results, penalties *column) {
	main = b.column("all-05", "sjcc", labels[0], group, dirs[0], codes[0])
	for _, a := range ages {
		b.add(main, b.spotList(org, b.c.at(a, 0, 0).Year(), a))
	}
	results = b.column("", "ccjg", labels[1], group, dirs[1], codes[1])
	for i, a := range resultAges {
		b.add(results, b.spotResult(b.c.at(a, 0, 0).Year(), len(resultAges)-i, a))
	}
	penalties = b.column("", "ccqk", labels[2], group, dirs[2], codes[2])
	for i, a := range penaltyAges {
		b.add(penalties, b.spotPenalty(b.c.at(a, 0, 0).Year(), len(penaltyAges)-i, a))
	}
	return main, results, penalties
}

// annualColumn is czt-1's 预决算 column with three years of budgets and
// final accounts, up to date or a round behind.
func (b *builder) annualColumn(label, dir string, code int, group, org string, complete, nianDu bool) *column {
	col := b.column("czt-1", "yjsgk", label, group, dir, code)
	b.annuals(col, org, 3, !complete, nianDu)
	return col
}

func portal(id, name, host, city string, level govaudit.Level) govaudit.Site {
	return govaudit.Site{ID: id, Name: name, URL: "http://" + host + "/", Level: level, City: city}
}

func department(id, name, host, code string) govaudit.Site {
	return govaudit.Site{ID: id, Name: name, URL: "http://" + host + "/", Level: govaudit.LevelProvince, Department: code}
}

const openRobots = "User-agent: *\nAllow: /\n"
