package checks

import (
	"context"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
)

// columnClass is a census class of column with its update window.
type columnClass int

const (
	classNone      columnClass = iota
	classNews                  // 动态 / 要闻: 14 days
	classNotice                // 通知公告 / 政策文件: 180 days
	classCatalogue             // every other catalogue column: 1 year
)

// window returns the class's update window in days.
func (c columnClass) window() int {
	switch c {
	case classNews:
		return 14
	case classNotice:
		return 180
	case classCatalogue:
		return 365
	}
	return 0
}

func (c columnClass) String() string {
	switch c {
	case classNews:
		return "动态/要闻"
	case classNotice:
		return "通知公告/政策文件"
	case classCatalogue:
		return "其他目录栏目"
	}
	return "非内容栏目"
}

// Column labels that are navigation, not content, and the words that put a
// content column into a class. Normalised forms.
var (
	utilityLabels = normalizeAll("首页", "网站首页", "返回首页", "网站地图", "联系我们", "关于我们", "english", "无障碍", "无障碍浏览",
		"长者模式", "适老化", "登录", "注册", "搜索", "高级搜索", "更多", "more", "收藏", "设为首页", "加入收藏", "繁体", "简体", "繁體",
		"打印", "关闭", "rss", "微博", "微信", "客户端", "app", "上一页", "下一页", "尾页", "末页", "网站声明", "隐私声明", "使用帮助",
		"政府信息公开", "信息公开", "政务公开", "信息公开目录", "政府信息公开目录", "法定主动公开内容", "主动公开目录")
	newsWords   = normalizeAll("动态", "要闻", "新闻", "快讯", "热点", "图片新闻", "今日")
	pressWords  = normalizeAll("新闻发布", "发布会", "新闻发言人")
	noticeWords = normalizeAll("通知公告", "通知", "公告", "公示", "政策文件", "规范性文件", "文件", "政策", "法规", "规章")
)

// maxCensusColumns bounds the columns read per site for the census counts.
const maxCensusColumns = 30

// classifyColumn puts a menu label into a census class, or classNone for
// labels that are navigation rather than content.
func classifyColumn(norm string) columnClass {
	n := utf8.RuneCountInString(norm)
	if n < 2 || n > headlineRunes {
		return classNone
	}
	for _, u := range utilityLabels {
		if norm == u {
			return classNone
		}
	}
	// A press-conference column (新闻发布会) is not news: releases come
	// every two months at best (all-09), so it is a catalogue column.
	if mentions(norm, pressWords) {
		return classCatalogue
	}
	if mentions(norm, newsWords) {
		return classNews
	}
	if mentions(norm, noticeWords) {
		return classNotice
	}
	return classCatalogue
}

// censusColumn is one column counted by the census rules.
type censusColumn struct {
	label string
	url   string
	class columnClass
	depth int
	col   column
}

// censusColumns picks the menu columns of the home page and the disclosure
// portal: same-site, content-classed, not archived, at most maxCensusColumns.
func (s *siteRun) censusColumns(pool *linkPool) []*censusColumn {
	home, _ := url.Parse(s.site.URL)
	var out []*censusColumn
	seen := map[string]bool{}
	for _, l := range pool.links {
		if !l.Nav || l.Dated || seen[l.URL] || pool.seen[l.URL] || looksLikeArticle(l.URL) {
			continue
		}
		if home != nil && !sameSite(home, l.URL) {
			continue
		}
		class := classifyColumn(l.Norm)
		if class == classNone || s.archived(l) {
			continue
		}
		seen[l.URL] = true
		out = append(out, &censusColumn{label: l.Label, url: l.URL, class: class, depth: l.depth + 1})
		if len(out) == maxCensusColumns {
			break
		}
	}
	return out
}

// archived reports whether the site's config marks the column as a
// historical special topic, exempt from freshness (docs/census.md).
func (s *siteRun) archived(l poolLink) bool {
	for _, a := range s.site.Archived {
		if a == l.URL || a == l.Label || a == l.Norm {
			return true
		}
	}
	return false
}

// sameSite reports whether u is on the home page's host or a sibling host
// of the same domain (www.x.gov.cn and x.gov.cn, or zwgk.x.gov.cn).
func sameSite(home *url.URL, u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	h, o := strings.TrimPrefix(home.Hostname(), "www."), strings.TrimPrefix(p.Hostname(), "www.")
	return h == o || strings.HasSuffix(o, "."+h) || strings.HasSuffix(h, "."+o)
}

// readCensusColumns reads every census column concurrently.
func (s *siteRun) readCensusColumns(ctx context.Context, cols []*censusColumn) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailConcurrency)
	for _, c := range cols {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			c.col = column{found: true, url: c.url, label: c.label, depth: c.depth}
			s.read(ctx, &c.col, nil)
		}()
	}
	wg.Wait()
}

// columnCensus turns the census columns into the three column findings.
func (s *siteRun) columnCensus(cols []*censusColumn) []govaudit.CensusFinding {
	t := s.a.Census
	var notUpdated, longUnupdated, empty []counted
	for _, c := range cols {
		if c.col.err != nil {
			continue
		}
		if len(c.col.items) == 0 {
			// Only an explicit empty list counts: a page without any list
			// (an introduction, a form) is not a 空白栏目.
			if c.col.list.Empty {
				empty = append(empty, counted{msgEmptyColumn(c.label, c.url), c.url})
			}
			continue
		}
		newest, ok := c.col.newest()
		age := -1
		if ok {
			age = daysBetween(newest.Date, s.now, s.a.Location)
		}
		if ok && age <= c.class.window() {
			continue
		}
		desc := counted{msgStaleColumn(c.label, c.class, c.url, age), c.url}
		if c.class == classCatalogue {
			longUnupdated = append(longUnupdated, desc)
		} else {
			notUpdated = append(notUpdated, desc)
		}
	}
	read := msgMenuColumnsRead(len(cols))
	judge := func(j func(int, []string) govaudit.CensusFinding, cs []counted) govaudit.CensusFinding {
		sort.Slice(cs, func(i, k int) bool { return cs[i].desc < cs[k].desc })
		ev := []string{read}
		var sources []string
		for _, c := range cs {
			ev = append(ev, c.desc)
			sources = append(sources, c.url)
		}
		return sourced(j(len(cs), ev), sources)
	}
	return []govaudit.CensusFinding{
		judge(t.JudgeColumnsNotUpdated, notUpdated),
		judge(t.JudgeLongUnupdated, longUnupdated),
		judge(t.JudgeEmptyColumns, empty),
	}
}

// sourced is f naming the pages it rests on.
func sourced(f govaudit.CensusFinding, sources []string) govaudit.CensusFinding {
	f.Sources = sources
	return f
}

// counted is a column a census rule counts: its line of evidence and its
// address.
type counted struct{ desc, url string }

// homepageCensus judges the newest dated item the home page itself lists,
// in all of its blocks (census.md: columns only linked from the menu do not
// count, so a fresh item one click away does not make a stale home page
// fresh). Where the home page shows no date at all, the items' own pages
// date them.
func (s *siteRun) homepageCensus(ctx context.Context, home *entryPage) govaudit.CensusFinding {
	var items []page.ListItem
	for _, p := range home.pages {
		items = append(items, page.ReadBlocks(p.Doc(), p.page.Body, p.base, s.now)...)
	}
	var best page.ListItem
	for _, it := range items {
		if it.Date.After(best.Date) {
			best = it
		}
	}
	if best.Date.IsZero() {
		for i := 0; i < len(items) && i < maxUndatedLookups; i++ {
			if d, ok := s.detailDate(ctx, items[i].URL, 1); ok && d.After(best.Date) {
				best = items[i]
				best.Date = d
			}
		}
	}
	// The home page as addressed first (a visitor's entry, the copy the
	// missing columns rest on too), then the pages that showed its blocks
	// when a stub or frames stood in between.
	sources := []string{home.url}
	for _, p := range home.pages {
		if !slices.Contains(sources, p.url) {
			sources = append(sources, p.url)
		}
	}
	if best.Date.IsZero() {
		return sourced(s.a.Census.JudgeHomepage(0, false, []string{msgHomepageItems(len(items))}), sources)
	}
	age := daysBetween(best.Date, s.now, s.a.Location)
	ev := []string{msgHomepageItems(len(items)), msgHomepageNewest(dayIn(best.Date, s.a.Location), best.Title, best.URL, age)}
	return sourced(s.a.Census.JudgeHomepage(age, true, ev), sources)
}
