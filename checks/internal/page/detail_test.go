package page

import (
	"maps"
	"strings"
	"testing"
	"time"
)

func TestReadDetail(t *testing.T) {
	tests := []struct {
		fixture  string
		url      string
		title    string
		date     time.Time
		source   string
		validity string
		meta     map[string]string
	}{
		{
			// <li><span>label：</span>value</li>; 发布时间 beats 成文日期 and
			// the URL; the nav's and the footer's dates are not the page's.
			fixture:  "detail_li.html",
			url:      "http://www.a.gov.cn/zfxxgk/202611/t20261104_9.html",
			title:    "某某市发展和改革委员会关于印发某某市重大项目谋划储备工作方案的通知",
			date:     day(2026, 11, 5),
			source:   "label:发布时间",
			validity: "现行有效",
			meta: map[string]string{
				"索引号": "11210000001234567X/2026-00123", "发布机构": "某某市发展和改革委员会",
				"发文字号": "某发改发〔2026〕8号", "成文日期": "2026年11月02日", "发布时间": "2026-11-05",
				"有效性": "现行有效",
			},
		},
		{
			// <dt>/<dd>, <th>/<td> pairs several to a row, and two <span>s;
			// 成文日期 beats the URL; the 索引号 2026-02-00018 is no date.
			fixture:  "detail_dl.html",
			url:      "http://www.a.gov.cn/zfxxgk/202611/t20261101_9.html",
			title:    "某某县人民政府办公室关于废止部分规范性文件的通知",
			date:     day(2026, 10, 30),
			source:   "label:成文日期",
			validity: "废止",
			meta: map[string]string{
				"发文机关": "某某县人民政府办公室", "成文日期": "2026-10-30", "公开方式": "主动公开",
				"索引号": "2026-02-00018", "有效性": "废止", "标题": "某某县人民政府办公室关于废止部分规范性文件的通知",
				"文号": "某政办发〔2026〕21号",
			},
		},
		{
			// No metadata: the URL's date beats the dates in the text.
			fixture: "detail_url.html",
			url:     "http://www.a.gov.cn/content/2026-10/15/content_123.htm",
			title:   "某某市居民医疗保险政策问答",
			date:    day(2026, 10, 15),
			source:  "url",
			meta:    map[string]string{},
		},
		{
			// Nothing but the byline: the first full date of the text.
			fixture: "detail_text.html",
			url:     "http://www.a.gov.cn/news/show.asp?id=9",
			title:   "某某镇召开秋季防火工作会议",
			date:    day(2026, 9, 30),
			source:  "text",
			// 浏览次数 ends the 来源 value and is not a field.
			meta: map[string]string{"来源": "某某镇人民政府 2026年09月30日"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			d := ReadDetail(parse(t, fixture(t, tt.fixture)), tt.url, cst)
			if d.Title != tt.title {
				t.Errorf("Title: got %q, want %q", d.Title, tt.title)
			}
			if !d.Published.Equal(tt.date) || !d.YearKnown || d.DateSource != tt.source {
				t.Errorf("date: got %v (year known %v) from %q, want %v from %q", d.Published, d.YearKnown, d.DateSource, tt.date, tt.source)
			}
			if d.Validity != tt.validity {
				t.Errorf("Validity: got %q, want %q", d.Validity, tt.validity)
			}
			if !maps.Equal(d.Meta, tt.meta) {
				t.Errorf("Meta:\ngot  %v\nwant %v", d.Meta, tt.meta)
			}
		})
	}
}

// Metadata layouts seen on real sites, one field each.
func TestReadDetailFields(t *testing.T) {
	tests := []struct {
		name string
		body string
		key  string
		want string
	}{
		{"strong label, colon after", `<p><strong>索引号</strong>：000014348/2020-35147</p>`, "索引号", "000014348/2020-35147"},
		{"label and value in one cell", `<table><tr><td>索引号: 002482082/2024-00332</td><td>文件编号: </td></tr></table>`, "索引号", "002482082/2024-00332"},
		{"empty value before another label", `<table><tr><td>文件编号: </td><td>发布机构: 省教育厅</td></tr></table>`, "文件编号", ""},
		{"bold label cell, value cell", `<table><tr><td><b>索 引 号：</b></td><td>000014349/2019-00007</td></tr></table>`, "索引号", "000014349/2019-00007"},
		{"spaced label with ideographic spaces", `<table><tr><td><b>标　　题：</b></td><td colspan="3">某某通知</td></tr></table>`, "标题", "某某通知"},
		{"span label in li", `<ul><li><span>发布机构：</span>某某市教育局</li></ul>`, "发布机构", "某某市教育局"},
		{"xxgk div spans", `<div class="xxgk"><span>主题分类：</span><span>教育</span></div>`, "主题分类", "教育"},
		{"two fields in one span", `<div><span>时间：2019-09-18 06:23 来源：山西日报</span></div>`, "来源", "山西日报"},
		{"time keeps its colon", `<div><span>时间：2019-09-18 06:23 来源：山西日报</span></div>`, "时间", "2019-09-18 06:23"},
		{"label run into the previous value", `<p>发布机构:省教育厅发布日期:2024-10-21</p>`, "发布日期", "2024-10-21"},
		{"full-width colon and digits", `<p>发布日期：２０２４－１０－２１</p>`, "发布日期", "2024-10-21"},
		{"traditional label", `<p>發布機構：某某局</p>`, "发布机构", "某某局"},
		{"commented-out field", `<div><p><strong>发布机构</strong>：某某局</p><!--<p><strong>有效期</strong>：长期</p>--></div>`, "有效期", "<absent>"},
		{"field in the footer", `<div class="footer"><p>发布日期：2019-01-01</p></div>`, "发布日期", "<absent>"},
		{"prose with a colon", `<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>`, "各省、自治区、直辖市人民政府,国务院各部委、各直属机构", "<absent>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ReadDetail(parse(t, []byte(tt.body)), "http://www.a.gov.cn/x.html", cst)
			got, ok := d.Meta[tt.key]
			if !ok {
				got = "<absent>"
			}
			if got != tt.want {
				t.Errorf("Meta[%q]: got %q, want %q (all: %v)", tt.key, got, tt.want, d.Meta)
			}
		})
	}
}

func TestReadDetailMetaDates(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		date   time.Time
		source string
	}{
		{"PubDate", `<meta name="PubDate" content="2024-04-15 14:53:51">`, day(2024, 4, 15), "meta:PubDate"},
		{"Chinese date", `<meta name="PubDate" content="2020年08月02日">`, day(2020, 8, 2), "meta:PubDate"},
		{"lower case", `<meta name="publishdate" content="2023/11/06">`, day(2023, 11, 6), "meta:publishdate"},
		{"firstpublishedtime", `<meta name="firstpublishedtime" content="2022-01-04-10:30:00">`, day(2022, 1, 4), "meta:firstpublishedtime"},
		{"PubDate beats Maketime", `<meta name="Maketime" content="2019-03-22 12:28:37"><meta name="PubDate" content="2016-11-22 09:53">`, day(2016, 11, 22), "meta:PubDate"},
		{"Maketime with a suffix", `<meta name='Maketime' content='2024-10-21 12:51:44_194'>`, day(2024, 10, 21), "meta:Maketime"},
		{"empty PubDate falls through to the label", `<meta name="PubDate" content="">`, day(2021, 5, 6), "label:发布日期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "<html><head>" + tt.head + "</head><body><p>发布日期：2021-05-06</p></body></html>"
			d := ReadDetail(parse(t, []byte(body)), "http://www.a.gov.cn/a.html", cst)
			if !d.Published.Equal(tt.date) || d.DateSource != tt.source {
				t.Errorf("got %v from %q, want %v from %q", d.Published, d.DateSource, tt.date, tt.source)
			}
		})
	}
}

func TestReadDetailText(t *testing.T) {
	body := `<html><head><title>标题</title><style>.a{}</style></head><body>
<div class="nav"><a href="/">首页</a></div>
<div id="hiddenLocation" style="display: none"><span>3099</span></div>
<div class="content"><p>正文第一段。</p><p>` + strings.Repeat("长文本", 10000) + `</p></div>
<script>var x = "脚本";</script></body></html>`
	d := ReadDetail(parse(t, []byte(body)), "http://www.a.gov.cn/a.html", nil)
	if !strings.HasPrefix(d.Text, "正文第一段。 长文本") {
		t.Errorf("Text starts with %q, want the body without menu, hidden block and title", d.Text[:40])
	}
	if len(d.Text) > MaxDetailText || len(d.Text) < MaxDetailText-3 {
		t.Errorf("Text is %d bytes, want at most %d and not much less", len(d.Text), MaxDetailText)
	}
	if strings.Contains(d.Text, "脚本") {
		t.Errorf("Text contains script source")
	}
	if d.Title != "标题" {
		t.Errorf("Title: got %q, want %q", d.Title, "标题")
	}
	if !d.Published.IsZero() || d.DateSource != "" {
		t.Errorf("Published: got %v from %q, want none", d.Published, d.DateSource)
	}
}
