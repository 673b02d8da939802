package page

import (
	"bytes"
	"strings"
	"testing"
)

// Real pages (testdata/realpages, see MANIFEST.md there). Each test states
// the facts that matter; the golden files hold the whole output so that any
// change in what is read from a real page shows up in review.

const (
	handanList    = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"
	handanDetails = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html"
	dingxiProxy   = "http://www.dingxi.gov.cn/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=110&path=/&columnid=12377&unitid=38486"
)

func TestRealHandanList(t *testing.T) {
	body := realPage(t, "handan_trs_xxgk_list.jsp.html")
	l := ReadList(parse(t, body), body, mustURL(t, handanList), clock)
	if len(l.Items) != 1 {
		t.Fatalf("got %d items, want 1: %+v", len(l.Items), l.Items)
	}
	it := l.Items[0]
	if want := "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html"; it.URL != want {
		t.Errorf("URL: got %q, want %q", it.URL, want)
	}
	if !it.Date.Equal(day(2020, 8, 5)) || !it.YearKnown {
		t.Errorf("Date: got %v (year known %v), want 2020-08-05", it.Date, it.YearKnown)
	}
	if want := "邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知"; it.Title != want {
		t.Errorf("Title: got %q, want %q", it.Title, want)
	}
	if l.Source != "table" || l.Pages != 56 || l.NextPage != handanList+"index_1.html" {
		t.Errorf("got source %q, %d pages, next %q; want table, 56, %sindex_1.html", l.Source, l.Pages, l.NextPage, handanList)
	}
}

func TestRealHandanDetails(t *testing.T) {
	body := realPage(t, "handan_trs_xxgk_details.jsp.html")
	d := ReadDetail(parse(t, body), handanDetails, cst)
	want := map[string]string{
		"索引号":  "000014348/2020-35147",
		"发布机构": "邯郸市教育局",
		"文号":   "无",
		"主题分类": "教育",
		"发布日期": "2020年08月02日",
	}
	for k, v := range want {
		if d.Meta[k] != v {
			t.Errorf("Meta[%q]: got %q, want %q", k, d.Meta[k], v)
		}
	}
	// 成文日期, 主题词 and 有效期 are commented out in the template.
	for _, k := range []string{"成文日期", "主题词", "有效期"} {
		if v, ok := d.Meta[k]; ok {
			t.Errorf("Meta[%q] = %q read from an HTML comment", k, v)
		}
	}
	if !d.Published.Equal(day(2020, 8, 2)) || d.DateSource != "meta:PubDate" {
		t.Errorf("got %v from %q, want 2020-08-02 from meta:PubDate", d.Published, d.DateSource)
	}
	if d.Validity != "" {
		t.Errorf("Validity: got %q, want none", d.Validity)
	}

	// Without the PubDate meta and the 发布日期 line, the 索引号
	// 000014348/2020-35147 must not pass for a date: the URL's date is
	// next, and without it there is no date at all.
	stripped := body
	for _, s := range []string{`<meta name="PubDate" content="2020年08月02日">`, `<p><strong>发布日期</strong>：2020年08月02日</p>`} {
		if !bytes.Contains(stripped, []byte(s)) {
			t.Fatalf("the page changed: %s is gone", s)
		}
		stripped = bytes.Replace(stripped, []byte(s), nil, 1)
	}
	d = ReadDetail(parse(t, stripped), handanDetails, cst)
	if !d.Published.Equal(day(2020, 8, 2)) || d.DateSource != "url" {
		t.Errorf("without dates: got %v from %q, want 2020-08-02 from url", d.Published, d.DateSource)
	}
	d = ReadDetail(parse(t, stripped), "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/show.jsp?id=1352104", cst)
	if !d.Published.IsZero() {
		t.Errorf("without dates or URL date: got %v from %q, want none", d.Published, d.DateSource)
	}
}

func TestRealGovCNFragments(t *testing.T) {
	tests := []struct {
		file, written, published, number string
	}{
		{"govcn_policy_guofa2019-5_shuangsuiji.fragment.html", "2019年01月27日", "2019-02-15", "国发〔2019〕5号"},
		{"govcn_policy_guobanfa2018-115.fragment.html", "2018年12月04日", "2018-12-20", "国办发〔2018〕115号"},
		{"govcn_policy_guobanfa2018-118.fragment.html", "2018年12月05日", "2019-01-03", "国办发〔2018〕118号"},
		{"govcn_policy_guobanfa2018-128.fragment.html", "2018年12月29日", "2019-01-21", "国办发〔2018〕128号"},
		{"govcn_policy_guobanhan2004-57_liaoning.fragment.html", "2004年08月12日", "2018-12-24", "国办函〔2004〕57号"},
		{"govcn_policy_guobanhan2018-71_zwwz.fragment.html", "2018年10月27日", "2018-11-09", "国办函〔2018〕71号"},
		{"govcn_policy_guoling707.fragment.html", "2018年12月18日", "2018-12-22", "国令第707号"},
		{"govcn_policy_mingdian2018-15_holidays.fragment.html", "2018年12月04日", "2018-12-06", "国办发明电〔2018〕15号"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			// The page URL has no date, so the date must come from the table.
			d := ReadDetail(parse(t, realPage(t, tt.file)), "http://www.gov.cn/zhengce/content/x.htm", cst)
			if d.Meta["成文日期"] != tt.written {
				t.Errorf("成文日期: got %q, want %q", d.Meta["成文日期"], tt.written)
			}
			if d.Meta["发文字号"] != tt.number {
				t.Errorf("发文字号: got %q, want %q", d.Meta["发文字号"], tt.number)
			}
			if got := d.Published.Format("2006-01-02"); got != tt.published || d.DateSource != "label:发布日期" {
				t.Errorf("Published: got %s from %q, want %s from label:发布日期", got, d.DateSource, tt.published)
			}
			if !strings.HasPrefix(d.Meta["索引号"], "000014349/") {
				t.Errorf("索引号: got %q", d.Meta["索引号"])
			}
			if d.Title == "" || d.Title != d.Meta["标题"] {
				t.Errorf("Title: got %q, want the 标题 field %q", d.Title, d.Meta["标题"])
			}
			// guobanfa2018-128 has "有效性" in its prose: not a field.
			if d.Validity != "" {
				t.Errorf("Validity: got %q, want none", d.Validity)
			}
		})
	}
}

func TestRealDingxiDatastore(t *testing.T) {
	body := realPage(t, "dingxi_hanweb_dataproxy_list.xml")
	l := ReadList(parse(t, body), body, mustURL(t, dingxiProxy), clock)
	if l.Source != "datastore" || len(l.Items) != 15 {
		t.Fatalf("got %d items from %q, want 15 from datastore", len(l.Items), l.Source)
	}
	first, last := l.Items[0], l.Items[14]
	if first.URL != "http://www.dingxi.gov.cn/art/2022/1/20/art_12377_1486865.html" || !first.Date.Equal(day(2022, 1, 20)) {
		t.Errorf("first item: got %s %v", first.URL, first.Date)
	}
	if !last.Date.Equal(day(2021, 9, 30)) {
		t.Errorf("last item: got %v, want 2021-09-30", last.Date)
	}
	// Titles cut with "..." come from the title attribute.
	if want := "定西市工信局关于对省级第二轮环保督察反馈第四项第十三项问题整改完成情况的公示"; l.Items[1].Title != want {
		t.Errorf("truncated title: got %q, want %q", l.Items[1].Title, want)
	}
	cross := 0
	for _, it := range l.Items {
		if !it.YearKnown || it.Date.IsZero() {
			t.Errorf("%s: no date", it.URL)
		}
		if strings.HasSuffix(it.Title, "...") {
			t.Errorf("title still truncated: %q", it.Title)
		}
		if strings.HasPrefix(it.URL, "http://zwgk.dingxi.gov.cn/") {
			cross++
			if it.URL != "http://zwgk.dingxi.gov.cn/art/2021/11/4/art_12480_1461862.html" || !it.Date.Equal(day(2021, 11, 4)) {
				t.Errorf("cross-site item: got %s %v", it.URL, it.Date)
			}
		}
	}
	if cross != 1 {
		t.Errorf("got %d cross-site items, want 1", cross)
	}
	if !strings.Contains(l.NextPage, "/module/web/jpage/dataproxy.jsp?") || !strings.Contains(l.NextPage, "startrecord=16") || !strings.Contains(l.NextPage, "columnid=12377") {
		t.Errorf("NextPage: got %q, want the dataproxy for records 16…", l.NextPage)
	}
}

func TestRealDetails(t *testing.T) {
	tests := []struct {
		file, url, title, date, source string
		meta                           map[string]string
	}{
		{
			"zj_fgw_hanweb_detail.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html",
			"1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22", "meta:PubDate",
			map[string]string{"发布日期": "2016-11-22", "信息来源": "省发改委"},
		},
		{
			"shanxi_gov_detail.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml",
			"山西品牌丝路行(南美站)正式启动", "2019-09-18", "meta:PubDate",
			map[string]string{"时间": "2019-09-18 06:23", "来源": "山西日报"},
		},
		{
			"liaoyang_epoint_detail_TAMPERED.html", "http://www.liaoyang.gov.cn/zwzx/002002/002002001/x.html",
			"辽宁省第十四届运动会青少年组现代五项比赛在弓长岭区开幕", "2023-06-12", "meta:PubDate",
			map[string]string{"时间发布": "2023-06-12 09:51", "信息来源": "辽阳日报"},
		},
		{
			"zj_jyt_detail_TAMPERED.html", "http://jyt.zj.gov.cn/art/2024/10/21/art_1543973_58942886.html",
			"全省教育系统师德师风建设专题培训班举办", "2024-10-21", "meta:PubDate",
			map[string]string{"索引号": "002482082/2024-00332", "生成日期": "2024-10-21", "发布机构": "省教育厅", "文件编号": "", "主题分类": "教育"},
		},
		{
			"sc_sctcm_detail_TAMPERED.html", "http://sctcm.sc.gov.cn/sctcm/gdtt/2024/4/15/x.shtml",
			"普及中医药健康知识 感悟中医药文化魅力 中医药文化服务月活动持续开展", "2024-04-15", "meta:PubDate", nil,
		},
		{
			"ah_jyt_detail_TAMPERED.html", "http://jyt.ah.gov.cn/x/8888.html",
			"拨动心弦 守护心灵健康 肥西县举办心理健康教育主题演讲比赛", "2023-11-06", "meta:PubDate", nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := ReadDetail(parse(t, realPage(t, tt.file)), tt.url, cst)
			if d.Title != tt.title {
				t.Errorf("Title: got %q, want %q", d.Title, tt.title)
			}
			if got := d.Published.Format("2006-01-02"); got != tt.date || d.DateSource != tt.source {
				t.Errorf("Published: got %s from %q, want %s from %q", got, d.DateSource, tt.date, tt.source)
			}
			for k, v := range tt.meta {
				if got, ok := d.Meta[k]; !ok || got != v {
					t.Errorf("Meta[%q]: got %q (present %v), want %q", k, got, ok, v)
				}
			}
		})
	}
}

// Without its PubDate meta, the Epoint page is dated by its "时间发布"
// line, an unusual label order that real Liaoyang pages use.
func TestRealLiaoyangLabel(t *testing.T) {
	doc := parse(t, realPage(t, "liaoyang_epoint_detail_TAMPERED.html"))
	doc.Find(`meta[name="PubDate"]`).Remove()
	d := ReadDetail(doc, "http://www.liaoyang.gov.cn/zwzx/002002/002002001/x.html", cst)
	if got := d.Published.Format("2006-01-02"); got != "2023-06-12" || d.DateSource != "label:时间发布" {
		t.Errorf("got %s from %q, want 2023-06-12 from label:时间发布", got, d.DateSource)
	}
}

func TestRealGolden(t *testing.T) {
	lists := []struct{ file, base string }{
		{"handan_trs_xxgk_list.jsp.html", handanList},
		{"handan_trs_xxgk_index.jsp.html", "http://hdzfxxgk.hd.gov.cn/"},
		{"dingxi_hanweb_dataproxy_list.xml", dingxiProxy},
	}
	for _, tt := range lists {
		t.Run(tt.file+"/list", func(t *testing.T) {
			body := realPage(t, tt.file)
			checkGolden(t, tt.file+".list.json", ReadList(parse(t, body), body, mustURL(t, tt.base), clock))
		})
	}
	details := []struct{ file, url string }{
		{"handan_trs_xxgk_details.jsp.html", handanDetails},
		{"zj_fgw_hanweb_detail.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html"},
		{"shanxi_gov_detail.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml"},
		{"liaoyang_epoint_detail_TAMPERED.html", "http://www.liaoyang.gov.cn/zwzx/002002/002002001/x.html"},
		{"zj_jyt_detail_TAMPERED.html", "http://jyt.zj.gov.cn/art/2024/10/21/art_1543973_58942886.html"},
		{"ah_jyt_detail_TAMPERED.html", "http://jyt.ah.gov.cn/x/8888.html"},
		{"sc_sctcm_detail_TAMPERED.html", "http://sctcm.sc.gov.cn/sctcm/gdtt/2024/4/15/x.shtml"},
		{"govcn_policy_guofa2019-5_shuangsuiji.fragment.html", "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm"},
		{"govcn_policy_guobanfa2018-115.fragment.html", "http://www.gov.cn/zhengce/content/2018-12/20/content_5350427.htm"},
		{"govcn_policy_guobanfa2018-118.fragment.html", "http://www.gov.cn/zhengce/content/2019-01/03/content_5354528.htm"},
		{"govcn_policy_guobanfa2018-128.fragment.html", "http://www.gov.cn/zhengce/content/2019-01/21/content_5359620.htm"},
		{"govcn_policy_guobanhan2004-57_liaoning.fragment.html", "http://www.gov.cn/zhengce/content/2018-12/24/content_5351707.htm"},
		{"govcn_policy_guobanhan2018-71_zwwz.fragment.html", "http://www.gov.cn/zhengce/content/2018-11/09/content_5338761.htm"},
		{"govcn_policy_guoling707.fragment.html", "http://www.gov.cn/zhengce/content/2018-12/22/content_5351177.htm"},
		{"govcn_policy_mingdian2018-15_holidays.fragment.html", "http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm"},
	}
	for _, tt := range details {
		t.Run(tt.file+"/detail", func(t *testing.T) {
			d := ReadDetail(parse(t, realPage(t, tt.file)), tt.url, cst)
			if strings.Contains(tt.file, "TAMPERED") {
				// Only the template of these pages is real; their body
				// text was replaced by someone else and is not kept here.
				d.Text = ""
			}
			checkGolden(t, tt.file+".detail.json", d)
		})
	}
	links := []struct{ file, base string }{
		{"handan_trs_xxgk_index.jsp.html", "http://hdzfxxgk.hd.gov.cn/"},
		{"handan_trs_xxgk_gkzn.jsp.html", "http://hdzfxxgk.hd.gov.cn/gkzn/"},
	}
	for _, tt := range links {
		t.Run(tt.file+"/links", func(t *testing.T) {
			checkGolden(t, tt.file+".links.json", Links(parse(t, realPage(t, tt.file)), mustURL(t, tt.base)))
		})
	}
}
