package page

import (
	"testing"
	"time"
)

// item is the part of a ListItem a test states.
type item struct {
	title     string
	url       string
	date      time.Time
	yearKnown bool
	pinned    bool
	validity  string
}

func itemsOf(l List) []item {
	out := make([]item, len(l.Items))
	for i, it := range l.Items {
		out[i] = item{it.Title, it.URL, it.Date, it.YearKnown, it.Pinned, it.Validity}
	}
	return out
}

func TestReadList(t *testing.T) {
	tests := []struct {
		fixture string
		base    string
		source  string
		pages   int
		next    string
		items   []item
	}{
		{
			// TRS: nav menu, breadcrumb, side column menu, a "related"
			// box with newer dates, a footer with a date, and the list
			// split over two <ul class="list">.
			fixture: "trs_column.html",
			base:    "http://www.a.gov.cn/zwgk/tzgg/",
			source:  "ul", pages: 5, next: "http://www.a.gov.cn/zwgk/tzgg/index_1.html",
			items: []item{
				{"关于开展2026年度政务公开第三方评估工作的通知", "http://www.a.gov.cn/zwgk/tzgg/202611/t20261120_3051234.html", day(2026, 11, 20), true, false, ""},
				// The text is cut with "...": the title attribute is the title.
				{"某某市人民政府办公室关于2026年第三季度全市政府网站和政务新媒体检查情况的通报", "http://www.a.gov.cn/zwgk/tzgg/202611/t20261113_3049876.html", day(2026, 11, 13), true, false, ""},
				{"关于征求《某某市优化营商环境条例(草案)》意见的公告", "http://www.a.gov.cn/zwgk/tzgg/202610/t20261030_3040001.html", day(2026, 10, 30), true, false, ""},
				// "2027年度" in the title is not the item's date.
				{"某某市2027年度部门预算编制工作安排", "http://www.a.gov.cn/zwgk/tzgg/202610/t20261009_3031111.html", day(2026, 10, 9), true, false, ""},
				{"关于2026年国庆节放假安排的通知", "http://www.a.gov.cn/zwgk/tzgg/202609/t20260928_3029999.html", day(2026, 9, 28), true, false, ""},
				{"某某市公共资源交易中心关于系统升级的公告", "http://www.a.gov.cn/zwgk/tzgg/202609/t20260915_3020001.html", day(2026, 9, 15), true, false, ""},
			},
		},
		{
			// createPageHTML(records, pageCount, current, "index", "shtml")
			// with its numbers in variables; dates before the links.
			fixture: "trs_column_5args.html",
			base:    "http://www.a.gov.cn/zcjd/index.shtml",
			source:  "ul", pages: 8, next: "http://www.a.gov.cn/zcjd/index_1.shtml",
			items: []item{
				{"《某某市城市更新实施办法》政策解读", "http://www.a.gov.cn/zcjd/202611/t20261102_77.shtml", day(2026, 11, 2), true, false, ""},
				{"图解:2026年某某市政府工作报告重点任务", "http://www.a.gov.cn/zcjd/202610/t20261021_76.shtml", day(2026, 10, 21), true, false, ""},
				{"一图读懂某某市稳经济一揽子政策措施", "http://www.a.gov.cn/zcjd/202609/t20260930_75.shtml", day(2026, 9, 30), true, false, ""},
			},
		},
		{
			// Hanweb: the list is in a <script type="text/xml"> datastore.
			fixture: "hanweb_column.html",
			base:    "http://www.a.gov.cn/col/col1234/index.html",
			source:  "datastore", pages: 4,
			next: "http://www.a.gov.cn/module/web/jpage/dataproxy.jsp?appid=1&columnid=1234&endrecord=6&page=1&path=%2F&permissiontype=0&perpage=3&startrecord=4&unitid=5678&webid=1&webname=%E6%9F%90",
			items: []item{
				{"某某省发展和改革委员会关于印发《某某省重大建设项目管理办法》的通知", "http://www.a.gov.cn/art/2026/11/18/art_1234_90301.html", day(2026, 11, 18), true, false, ""},
				{"关于做好2027年度政府和社会资本合作(PPP)项目储备工作的通知", "http://www.a.gov.cn/art/2026/11/4/art_1234_90222.html", day(2026, 11, 4), true, false, ""},
				{"某某省发展和改革委员会2026年政务公开工作要点", "http://www.a.gov.cn/art/2026/10/12/art_1234_90100.html", day(2026, 10, 12), true, false, ""},
			},
		},
		{
			// A table with a header row: the date is the 发布日期 column,
			// not 成文日期; 有效性 is read (traditional 現行有效 folded,
			// "部分 失效" with a space normalised).
			fixture: "table_validity.html",
			base:    "http://www.a.gov.cn/zcwj/gfxwj/",
			source:  "table",
			items: []item{
				{"某某市人民政府关于印发某某市优化营商环境若干措施的通知", "http://www.a.gov.cn/zcwj/gfxwj/202611/t20261110_5001.html", day(2026, 11, 10), true, false, "有效"},
				{"某某市人民政府办公室关于进一步规范行政规范性文件管理的通知", "http://www.a.gov.cn/zcwj/gfxwj/202605/t20260520_4001.html", day(2026, 5, 20), true, false, "部分失效"},
				{"某某市城市绿化管理办法", "http://www.a.gov.cn/zcwj/gfxwj/201803/t20180302_1001.html", day(2018, 3, 2), true, false, "废止"},
				{"某某市政府信息公开规定", "http://www.a.gov.cn/zcwj/gfxwj/201601/t20160115_901.html", day(2016, 1, 15), true, false, "现行有效"},
			},
		},
		{
			// Epoint: repeated <div> rows; "共 3 页" and a rendered 下一页.
			fixture: "epoint_div.html",
			base:    "http://www.a.gov.cn/xxgk/002001/002001003/tzgg.html",
			source:  "div", pages: 3, next: "http://www.a.gov.cn/xxgk/002001/002001003/2.html",
			items: []item{
				{"某某县2026年第三季度政府网站检查情况通报", "http://www.a.gov.cn/xxgk/002001/002001003/20261119/7a1f9e3c-61f4-4b4e-9f7b-0d2f6b3a1c01.html", day(2026, 11, 19), true, false, ""},
				{"关于开展冬季安全生产大检查的通知", "http://www.a.gov.cn/xxgk/002001/002001003/20261105/1c2d3e4f-0000-4b4e-9f7b-0d2f6b3a1c02.html", day(2026, 11, 5), true, false, ""},
				{"某某县人民政府关于2027年度部门预算编制的通知", "http://www.a.gov.cn/xxgk/002001/002001003/20261020/5e6f7a8b-1111-4b4e-9f7b-0d2f6b3a1c03.html", day(2026, 10, 20), true, false, ""},
			},
		},
		{
			// Pinned old items keep their place, flagged: by class="top"
			// with 【置顶】 in the text, and by a pin image.
			fixture: "pinned.html",
			base:    "http://www.a.gov.cn/zfxxgk/gkzn/",
			source:  "ul",
			items: []item{
				{"某某区人民政府政府信息公开指南", "http://www.a.gov.cn/zfxxgk/gkzn/201903/t20190301_100.html", day(2019, 3, 1), true, true, ""},
				{"某某区政府信息公开申请表", "http://www.a.gov.cn/zfxxgk/gkzn/202001/t20200110_200.html", day(2020, 1, 10), true, true, ""},
				{"某某区2026年政府信息公开工作要点", "http://www.a.gov.cn/zfxxgk/gkzn/202611/t20261118_300.html", day(2026, 11, 18), true, false, ""},
				{"某某区人民政府关于调整政府信息公开工作机构的通知", "http://www.a.gov.cn/zfxxgk/gkzn/202610/t20261015_301.html", day(2026, 10, 15), true, false, ""},
				{"某某区2026年上半年政务公开工作情况", "http://www.a.gov.cn/zfxxgk/gkzn/202609/t20260901_302.html", day(2026, 9, 1), true, false, ""},
			},
		},
		{
			// Year-less dates: the year is guessed (YearKnown false) unless
			// the URL has the same month and day; an undated row takes the
			// URL's date.
			fixture: "yearless.html",
			base:    "http://www.a.gov.cn/gzdt/",
			source:  "ul",
			items: []item{
				{"市政务服务中心开展窗口服务规范化培训", "http://www.a.gov.cn/gzdt/show.jsp?id=88213", day(2026, 11, 20), false, false, ""},
				{"市政务公开办召开年度工作总结会议", "http://www.a.gov.cn/gzdt/show.jsp?id=80001", day(2025, 12, 30), false, false, ""},
				{"市政务服务中心端午节值班安排", "http://www.a.gov.cn/gzdt/202406/t20240604_77.html", day(2024, 6, 4), true, false, ""},
				{"市政务服务中心十月份办件情况统计", "http://www.a.gov.cn/art/2026/10/8/art_12_345.html", day(2026, 10, 8), true, false, ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			body := fixture(t, tt.fixture)
			l := ReadList(parse(t, body), body, mustURL(t, tt.base), clock)
			if l.Source != tt.source {
				t.Errorf("Source: got %q, want %q", l.Source, tt.source)
			}
			if l.Pages != tt.pages {
				t.Errorf("Pages: got %d, want %d", l.Pages, tt.pages)
			}
			if l.NextPage != tt.next {
				t.Errorf("NextPage: got %q, want %q", l.NextPage, tt.next)
			}
			if l.Empty {
				t.Errorf("Empty: got true, want false")
			}
			got := itemsOf(l)
			if len(got) != len(tt.items) {
				t.Fatalf("got %d items, want %d: %+v", len(got), len(tt.items), got)
			}
			for i := range got {
				if got[i] != tt.items[i] {
					t.Errorf("item %d:\ngot  %+v\nwant %+v", i, got[i], tt.items[i])
				}
			}
		})
	}
}

func TestReadListEmpty(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		empty    bool
		scripted bool
	}{
		{"暂无信息 marker", string(fixture(t, "empty.html")), true, false},
		{"traditional marker", `<div class="nav"><a href="/">首頁</a></div><div class="content"><span>暫無數據</span></div>`, true, false},
		{"empty list container", `<div class="nav"><ul><li><a href="/a/">栏目一</a></li><li><a href="/b/">栏目二</a></li></ul></div><ul class="news-list">  </ul>`, true, false},
		{"list filled by a script", `<ul class="news-list"></ul><script>$.ajax({url:"/api/list"})</script>`, false, true},
		{"placeholder in a list a script fills", `<ul id="list"><li>暂无信息</li></ul><script>fetch("list.json").then(r => r.json())</script>`, true, true},
		{"empty Hanweb datastore", `<div><script type="text/xml"><datastore><nextgroup><![CDATA[]]></nextgroup><recordset></recordset></datastore></script></div>`, true, false},
		{"empty Hanweb datastore with its pager script", `<div><script type="text/xml"><datastore><nextgroup><![CDATA[]]></nextgroup><recordset></recordset></datastore></script><script>$.ajax({url: "/module/web/jpage/dataproxy.jsp"})</script></div>`, true, false},
		{"marker only in the footer", `<div class="main"><p>本栏目介绍</p></div><div class="footer"><p>暂无信息</p></div>`, false, false},
		{"marker inside prose", `<div class="content"><p>经核查，该单位在检查期间没有相关违法违规行为记录，现将有关情况通报如下，请各单位认真对照检查，举一反三，切实加强安全生产管理工作，防止各类事故发生。</p></div>`, false, false},
		{"a page with items", string(fixture(t, "trs_column.html")) + `<p>暂无信息</p>`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			l := ReadList(parse(t, body), body, mustURL(t, "http://www.a.gov.cn/zdxm/"), clock)
			if l.Empty != tt.empty {
				t.Errorf("Empty: got %v, want %v (items %d)", l.Empty, tt.empty, len(l.Items))
			}
			if l.Scripted != tt.scripted {
				t.Errorf("Scripted: got %v, want %v", l.Scripted, tt.scripted)
			}
		})
	}
}

// A page of menus only (short labels, no dates) has no list; undated rows
// with article-like titles and URLs are a list when nothing else is.
func TestReadListUndated(t *testing.T) {
	menus := []byte(`<div class="nav"><ul><li><a href="/a/">首页</a></li><li><a href="/b/">政务公开</a></li></ul></div>
<div class="box"><ul><li><a href="/c/">政策文件</a></li><li><a href="/d/">政策解读</a></li><li><a href="/e/">通知公告</a></li></ul></div>`)
	l := ReadList(parse(t, menus), menus, mustURL(t, "http://www.a.gov.cn/"), clock)
	if len(l.Items) != 0 {
		t.Errorf("menus only: got %d items, want 0: %+v", len(l.Items), l.Items)
	}

	articles := []byte(`<div class="nav"><ul><li><a href="/a/">首页</a></li><li><a href="/b/">政务公开</a></li></ul></div>
<div class="box"><ul>
<li><a href="/c/content_5365945.htm">国务院关于在市场监管领域全面推行部门联合监管的意见</a></li>
<li><a href="/c/content_5354528.htm">国务院办公厅关于全面推行行政执法公示制度的指导意见</a></li>
</ul></div>`)
	l = ReadList(parse(t, articles), articles, mustURL(t, "http://www.a.gov.cn/"), clock)
	if len(l.Items) != 2 || l.Source != "ul" {
		t.Fatalf("undated articles: got %d items from %q, want 2 from ul", len(l.Items), l.Source)
	}
	if !l.Items[0].Date.IsZero() || l.Items[0].YearKnown {
		t.Errorf("undated item: got date %v (year known %v), want none", l.Items[0].Date, l.Items[0].YearKnown)
	}
}

// The row's date is read from its own visible text, not from attributes,
// scripts or neighbouring rows.
func TestReadListDatesFromVisibleText(t *testing.T) {
	body := []byte(`<ul class="list">
<li data-time="2011-01-01"><a href="/x/1.html" title="2012-02-02 某某通知一">某某市关于做好冬季供暖工作的通知</a><script>var d="2013-03-03";</script><span>2026-11-03</span></li>
<li><a href="/x/2.html">某某市关于开展消防安全检查的通知</a><!-- 2014-04-04 --><span>2026-11-02</span></li>
</ul>`)
	l := ReadList(parse(t, body), body, mustURL(t, "http://www.a.gov.cn/"), clock)
	if len(l.Items) != 2 {
		t.Fatalf("got %d items, want 2", len(l.Items))
	}
	for i, want := range []time.Time{day(2026, 11, 3), day(2026, 11, 2)} {
		if !l.Items[i].Date.Equal(want) {
			t.Errorf("item %d: got %v, want %v", i, l.Items[i].Date, want)
		}
	}
}

// Some templates put the date inside the link, before or after the title.
func TestReadListDateInLink(t *testing.T) {
	body := []byte(`<ul class="list">
<li><a href="/x/1.html"><span class="t">某某市关于做好冬季供暖工作的通知</span><span class="d">[2026-11-03]</span></a></li>
<li><a href="/x/2.html"><em>2026-11-02</em> 某某市关于开展消防安全检查的通知</a></li>
<li><a href="/x/3.html">关于2026年11月1日起调整公交线路的通告</a></li>
</ul>`)
	l := ReadList(parse(t, body), body, mustURL(t, "http://www.a.gov.cn/"), clock)
	want := []struct {
		title string
		date  time.Time
	}{
		{"某某市关于做好冬季供暖工作的通知", day(2026, 11, 3)},
		{"某某市关于开展消防安全检查的通知", day(2026, 11, 2)},
		// A date in the middle of a title is not the item's date.
		{"关于2026年11月1日起调整公交线路的通告", time.Time{}},
	}
	if len(l.Items) != len(want) {
		t.Fatalf("got %d items, want %d", len(l.Items), len(want))
	}
	for i, w := range want {
		if got := l.Items[i]; got.Title != w.title || !got.Date.Equal(w.date) {
			t.Errorf("item %d: got %q %v, want %q %v", i, got.Title, got.Date, w.title, w.date)
		}
	}
}
