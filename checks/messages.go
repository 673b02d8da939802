package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/tamper"
)

// The engine's message catalogue: every finding and evidence sentence the
// checks write, in Chinese, each written once here. The sentences of the
// shortfalls and of the census rules themselves are the domain's
// (govaudit.*Shortfall, govaudit.Msg*).

func msgInternalError(cause any) string {
	return fmt.Sprintf("govaudit 内部错误，未能判定（不是对网站的结论）：%v", cause)
}

func msgOffline() string { return "线下事项：无法在网站上检查" }

func msgHomeUnreadable(url string, err *govaudit.FetchError) string {
	return fmt.Sprintf("首页 %s 无法读取：%s", url, govaudit.FetchErrorText(err))
}

func msgHomeNoLinks(url string) string {
	return fmt.Sprintf("首页 %s 可以打开，但页面上没有任何可读的链接（可能由脚本生成且无法渲染）：无从检查", url)
}

func msgColumnMissing(keywords []string) string {
	return govaudit.ColumnMissingShortfall(keywords, false).Text
}

func msgLinkMissing(keywords []string) string {
	return govaudit.ColumnMissingShortfall(keywords, true).Text
}

// msgColumnFound: where the column was found; a configured hint says so.
func msgColumnFound(c *column) string {
	if c.foundOn == foundOnConfig {
		return fmt.Sprintf("按配置文件给出的栏目地址 %s 检查", c.url)
	}
	return fmt.Sprintf("在 %s 找到栏目“%s”", c.foundOn, c.label)
}

func msgColumnPageUnreadable(url string, err *govaudit.FetchError) string {
	return fmt.Sprintf("栏目页 %s 无法读取：%s", url, govaudit.FetchErrorText(err))
}

func msgColumnNoItems() string { return "栏目中没有任何信息" }

func msgUndatedItems(n int) string {
	return fmt.Sprintf("栏目列出 %d 条信息，均未注明发布日期（未注明发布时间的视为不更新）", n)
}

func msgNewestItem(day govaudit.Date, title, url string, age, n int) string {
	return fmt.Sprintf("最新信息为 %s 发布的“%s”（%s），距今 %d 天；栏目共列出 %d 条", day, title, url, age, n)
}

func msgItemsLastYear(n, minimum int) string {
	return fmt.Sprintf("近一年发布 %d 条，规定每年至少 %d 条", n, minimum)
}

func msgLinkFound(c column) string {
	if c.foundOn == foundOnConfig {
		return fmt.Sprintf("按配置文件给出的链接地址 %s 检查", c.url)
	}
	return fmt.Sprintf("在 %s 找到指向 %s 的链接“%s”", c.foundOn, c.url, c.label)
}

func msgValidity(labelled, n int) string {
	return fmt.Sprintf("最新 %d 份文件中 %d 份标注了有效性", n, labelled)
}

func msgFields(present, absent []string) string {
	return fmt.Sprintf("已提及的规定内容：%s；未找到：%s", listOrNone(present), listOrNone(absent))
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "无"
	}
	return strings.Join(xs, "、")
}

// msgAnnual: whether this year's budget and last year's final accounts
// were found; a nil title means not found.
func msgAnnual(budgetYear int, budget *annualFound, finalYear int, final *annualFound) string {
	return fmt.Sprintf("%d 年部门预算：%s；%d 年部门决算：%s", budgetYear, budget.words(), finalYear, final.words())
}

// annualFound is a report found in the budget column.
type annualFound struct{ title, url string }

func (a *annualFound) words() string {
	if a == nil {
		return "未找到"
	}
	return fmt.Sprintf("已找到“%s”（%s）", a.title, a.url)
}

func msgNoPolicyColumn() string {
	return "未找到政策文件栏目：没有可与解读配对的文件"
}

func msgPolicyColumnUnreadable(url string, err *govaudit.FetchError) string {
	return fmt.Sprintf("政策文件栏目 %s 无法读取（%s）：没有可与解读配对的文件", url, govaudit.FetchErrorText(err))
}

func msgPolicyColumnEmpty(url string) string {
	return fmt.Sprintf("政策文件栏目 %s 没有列出文件：无从配对", url)
}

func msgInterpreted(url string, interpreted, n int, pct string, byLink, byTitle int) string {
	return fmt.Sprintf("政策文件栏目 %s 最新 %d 份文件中，%d 份找到政策解读（%s），其中 %d 份按链接、%d 份按标题配对",
		url, n, interpreted, pct, byLink, byTitle)
}

func msgTimely(timely, interpreted, days int, pct string, holidays, workdays, undated int) string {
	line := fmt.Sprintf("%d 份解读中 %d 份在文件发布后 %d 个工作日内发布（%s；已扣除周末和 %d 个配置的节假日，计入 %d 个调休工作日）",
		interpreted, timely, days, pct, holidays, workdays)
	if undated > 0 {
		line += fmt.Sprintf("；%d 份缺少可比较的日期", undated)
	}
	return line
}

// Census evidence.

func msgMenuColumnsRead(n int) string { return fmt.Sprintf("共读取菜单栏目 %d 个", n) }

func msgEmptyColumn(label, url string) string {
	return fmt.Sprintf("空白栏目“%s”（%s）", label, url)
}

// msgStaleColumn: age < 0 means no dated item.
func msgStaleColumn(label string, class columnClass, url string, age int) string {
	head := fmt.Sprintf("栏目“%s”［%s］（%s）：", label, class, url)
	if age < 0 {
		return head + "没有注明日期的信息"
	}
	return head + fmt.Sprintf("最新信息发布已 %d 天，超过更新期限 %d 天", age, class.window())
}

func msgHomepageItems(n int) string { return fmt.Sprintf("首页各区块共列出信息 %d 条", n) }

func msgHomepageNewest(day govaudit.Date, title, url string, age int) string {
	return fmt.Sprintf("首页所列最新信息：%s 发布的“%s”（%s），距今 %d 天", day, title, url, age)
}

func msgNoConsultation() string {
	return "未找到咨询类栏目（领导信箱、咨询等）：无从判断"
}

func msgConsultationUnreadable(url string, err *govaudit.FetchError) string {
	return fmt.Sprintf("咨询栏目 %s 无法读取：%s", url, govaudit.FetchErrorText(err))
}

func msgConsultationListed(label, url string, n int) string {
	return fmt.Sprintf("咨询栏目“%s”（%s）列出留言 %d 条", label, url, n)
}

func msgUnanswered(age int, title, url string) string {
	return fmt.Sprintf("留言“%s”（%s）已 %d 天未答复", title, url, age)
}

func msgPagesScanned(n int) string { return fmt.Sprintf("共扫描页面 %d 个", n) }

// tamperKinds name the tampering findings.
var tamperKinds = map[string]string{
	tamper.KindSpamText:   "疑似被植入的违规文字",
	tamper.KindHiddenLink: "隐藏的外部链接",
	tamper.KindSpamLink:   "违规内容的外部链接",
}

func msgTamper(kind, url, evidence string) string {
	k, ok := tamperKinds[kind]
	if !ok {
		k = "疑似篡改内容（" + kind + "）"
	}
	return fmt.Sprintf("%s：%s（页面 %s）", k, evidence, url)
}

func msgMoreFindings(n int) string { return fmt.Sprintf("……另有 %d 处", n) }

// dayIn is a time's calendar day in loc, for the sentences above.
func dayIn(t time.Time, loc *time.Location) govaudit.Date { return govaudit.DateOf(t.In(loc)) }
