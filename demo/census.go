package demo

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/govaudit/govaudit"
)

// CensusExpect is what a correct audit reports for one national-census
// rule of one site.
type CensusExpect struct {
	Verdict govaudit.Verdict
	// Value is the rule's measure: the percentage of failed probes, the
	// home page's age in days (-1 when nothing on it is dated), a number
	// of columns, unanswered messages or tampering findings.
	Value float64
}

// censusClass is a census class of column (docs/census.md) with its
// update window in days; 0 for links that are navigation, not content.
type censusClass int

const (
	classNone      censusClass = 0
	classNews      censusClass = 14  // 动态 / 要闻
	classNotice    censusClass = 180 // 通知公告 / 政策文件
	classCatalogue censusClass = 365 // every other catalogue column
)

// The words of menu labels that decide a column's class, as the census
// names the classes and real menus spell them; and the labels of menus that
// lead nowhere countable (home, site map, the disclosure portal itself).
var (
	navigationLabels = []string{"首页", "网站首页", "返回首页", "网站地图", "联系我们", "关于我们", "english", "无障碍", "无障碍浏览",
		"长者模式", "适老化", "登录", "注册", "搜索", "高级搜索", "更多", "more", "收藏", "设为首页", "加入收藏", "繁体", "简体",
		"打印", "关闭", "rss", "微博", "微信", "客户端", "app", "上一页", "下一页", "尾页", "末页", "网站声明", "隐私声明", "使用帮助",
		"政府信息公开", "信息公开", "政务公开", "信息公开目录", "政府信息公开目录", "法定主动公开内容", "主动公开目录"}
	newsLabelWords   = []string{"动态", "要闻", "新闻", "快讯", "热点", "图片新闻", "今日"}
	pressLabelWords  = []string{"新闻发布", "发布会", "新闻发言人"} // all-09's column: not news
	noticeLabelWords = []string{"通知公告", "通知", "公告", "公示", "政策文件", "规范性文件", "文件", "政策", "法规", "规章"}
)

// classOf puts a menu label into its census class. A label of one
// character or longer than a menu entry is not a column name.
func classOf(label string) censusClass {
	n := utf8.RuneCountInString(label)
	if n < 2 || n > 12 || slices.Contains(navigationLabels, strings.ToLower(label)) {
		return classNone
	}
	has := func(words []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(label, w) })
	}
	switch {
	case has(pressLabelWords):
		return classCatalogue
	case has(newsLabelWords):
		return classNews
	case has(noticeLabelWords):
		return classNotice
	}
	return classCatalogue
}

// consultationLabels name the columns where citizens write to the
// government and are answered (census: 领导信箱, 咨询).
var consultationLabels = []string{"领导信箱", "书记信箱", "省长信箱", "市长信箱", "县长信箱", "区长信箱", "厅长信箱", "局长信箱",
	"主任信箱", "网民留言", "在线咨询", "咨询投诉", "咨询", "留言", "民心网", "信箱"}

// unansweredStatus are the reply statuses of a message still waiting.
var unansweredStatus = []string{"未回复", "待回复", "未答复", "待答复", "未办结", "待处理", "未处理", "处理中", "办理中", "未受理"}

// censusColumn is a column the census counts: the first menu link to it
// that names a class, and the depth of the page that link is on.
type censusColumn struct {
	menuLink
	class censusClass
}

// explored are the pages the census does not count as columns because the
// audit reads them as the site itself: the home page, which menus link as
// 首页 and logos link as /, and the disclosure portal the main menu opens.
func (s *site) explored() map[string]bool {
	seen := map[string]bool{"/": true, s.homePath(): true}
	if s.zwgkHref != "" {
		seen[s.zwgkHref] = true
	}
	return seen
}

// censusColumns lists the menu links of the home page and the disclosure
// portal that the census counts, in the order a reader meets them: the
// main menu, the home page's menus, then the portal's catalogue. A link
// whose label is navigation does not claim its target; the first link
// with a content label does. Links to other sites, and columns the site's
// config marks archived, are not the site's columns.
func (s *site) censusColumns() []censusColumn {
	links := append(s.navMenus(), s.menus...)
	seen := s.explored()
	var out []censusColumn
	for _, l := range links {
		if !strings.HasPrefix(l.href, "/") || seen[l.href] {
			continue
		}
		class := classOf(l.label)
		if class == classNone || slices.Contains(s.Archived, l.label) || slices.Contains(s.Archived, s.base()+l.href) {
			continue
		}
		seen[l.href] = true
		out = append(out, censusColumn{menuLink: l, class: class})
	}
	return out
}

// census returns the expectation for every census rule an audit judges on
// the site: availability from the home-page probes (ProbeRounds of them
// and the audit's own fetch), and, when the home page could be read, the
// rules that read pages.
func (s *site) census(c clock) map[string]CensusExpect {
	t := govaudit.DefaultCensusThresholds
	out := map[string]CensusExpect{govaudit.RuleAvailability: s.availability(t)}
	if s.mode != modeNormal {
		return out
	}
	cols := s.censusColumns()

	// The home page's freshness: the newest dated item of its own lists.
	// Columns it only links to do not count (census.md).
	var newest *item
	consider := func(it *item) {
		if !it.date.IsZero() && (newest == nil || it.date.After(newest.date)) {
			newest = it
		}
	}
	for _, it := range s.homeItems {
		consider(it)
	}
	var notUpdated, longUnupdated, empty int
	for _, cc := range cols {
		if cc.col == nil {
			continue // a page that lists nothing: not a column to count
		}
		items := cc.col.firstPage(s)
		if len(cc.col.items) == 0 {
			empty++ // every CMS of the demo says 暂无信息 on an empty list
			continue
		}
		var top *item
		for _, it := range items {
			if !it.date.IsZero() && (top == nil || it.date.After(top.date)) {
				top = it
			}
		}
		if top != nil && c.ageDays(top.date) <= int(cc.class) {
			continue
		}
		// Undated items count as not updated.
		if cc.class == classCatalogue {
			longUnupdated++
		} else {
			notUpdated++
		}
	}
	home := CensusExpect{Verdict: govaudit.VerdictVeto, Value: -1}
	if newest != nil {
		age := c.ageDays(newest.date)
		home = CensusExpect{Verdict: atLeast(age, t.HomepageWarnDays, t.HomepageVetoDays), Value: float64(age)}
	}
	out[govaudit.RuleHomepageNotUpdated] = home
	out[govaudit.RuleColumnsNotUpdated] = count(notUpdated, t.ColumnsNotUpdatedWarn, t.ColumnsNotUpdatedVeto)
	out[govaudit.RuleLongUnupdatedColumns] = count(longUnupdated, t.LongUnupdatedWarn, t.LongUnupdatedVeto)
	out[govaudit.RuleEmptyColumns] = count(empty, t.EmptyColumnsWarn, t.EmptyColumnsVeto)
	out[govaudit.RuleInteraction] = count(s.unanswered(c), 1, 1)
	findings := 0
	if s.spam != nil {
		findings = s.spam.findings()
	}
	out[govaudit.RuleTampering] = count(findings, 1, 1)
	return out
}

// unanswered counts the messages of the site's consultation column that
// have waited for an answer more than the census allows, within the
// census's year.
func (s *site) unanswered(c clock) int {
	t := govaudit.DefaultCensusThresholds
	var mailbox *column
	for _, l := range append(s.navMenus(), s.menus...) {
		if l.col != nil && slices.Contains(consultationLabels, l.label) {
			mailbox = l.col
			break
		}
	}
	if mailbox == nil {
		return 0
	}
	n := 0
	for _, it := range mailbox.firstPage(s) {
		age := c.ageDays(it.date)
		if !it.date.IsZero() && age > t.InteractionUnansweredD && age <= t.InteractionWindowDays && slices.Contains(unansweredStatus, it.status) {
			n++
		}
	}
	return n
}

// navMenus is the main menu as menu links of the home page.
func (s *site) navMenus() []menuLink {
	var out []menuLink
	for _, l := range s.navLinks() {
		out = append(out, menuLink{anchor: anchor{label: l.label, href: l.href, col: s.columnAt(l.href), req: l.req}, depth: 1})
	}
	return out
}

// availability is the share of failed home-page probes: a site that
// refuses connections or answers with a server error fails every probe,
// a flaky one the probe its server drops; an anti-bot wall answers, so
// the site is up. The burst takes seconds, not the census's week of 20
// probes a day, so a failure rate over the veto line only warns.
func (s *site) availability(t govaudit.CensusThresholds) CensusExpect {
	total, failed := ProbeRounds+1, 0
	switch {
	case s.mode == modeRefused || s.mode == modeServerError:
		failed = total
	case s.flakyAt > 0 && s.flakyAt <= int64(total):
		failed = 1
	}
	pct := 100 * float64(failed) / float64(total)
	v := govaudit.VerdictOK
	switch {
	case pct >= t.AvailabilityWarnPct:
		v = govaudit.VerdictWarning
	}
	return CensusExpect{Verdict: v, Value: math.Round(pct*100) / 100}
}

// atLeast is the verdict of a measure against its warning and veto lines.
func atLeast(n, warn, veto int) govaudit.Verdict {
	switch {
	case n >= veto:
		return govaudit.VerdictVeto
	case n >= warn:
		return govaudit.VerdictWarning
	}
	return govaudit.VerdictOK
}

func count(n, warn, veto int) CensusExpect {
	return CensusExpect{Verdict: atLeast(n, warn, veto), Value: float64(n)}
}
