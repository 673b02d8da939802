package page

import (
	"testing"
)

// link is the part of a Link a test states.
type link struct {
	label string
	url   string
	nav   bool
	dated bool
}

func TestLinks(t *testing.T) {
	tests := []struct {
		fixture string
		base    string
		want    []link
	}{
		{
			fixture: "home_images.html",
			base:    "http://www.a.gov.cn/",
			want: []link{
				// Labels split over <span>s, in a top bar.
				{"政务公开", "http://www.a.gov.cn/zwgk/", true, false},
				{"政务服务", "http://www.a.gov.cn/zwfw/", true, false},
				// Image links: title attribute, else the image's alt. The
				// fourth image link differs only by its fragment: dropped.
				{"政策文件", "http://www.a.gov.cn/zcwj/", true, false},
				{"政策解读", "http://www.a.gov.cn/zcjd/", true, false},
				{"信息公开目录", "http://www.a.gov.cn/xxgkml/", true, false},
				// A menu link next to a news item about the same topic.
				{"PPP专栏", "http://www.a.gov.cn/pppzl/", true, false},
				{"信用辽宁", "http://www.a.gov.cn/xyln/", true, false},
				{"重大项目", "http://www.a.gov.cn/zdxm/", true, false},
				{"召开PPP项目推介会", "http://www.a.gov.cn/xwzx/202611/t20261120_1.html", false, true},
				{"全市政务公开工作会议召开", "http://www.a.gov.cn/xwzx/202611/t20261118_2.html", false, true},
				{"市发展改革委开展重大项目集中开工活动", "http://www.a.gov.cn/xwzx/202611/t20261110_3.html", false, true},
				// Two short undated labels side by side: menu-like.
				{"政府信息公开指南", "http://www.a.gov.cn/gkzn/", true, false},
				{"政府信息公开年报", "http://www.a.gov.cn/gknb/", true, false},
				// <area href> of an image map.
				{"政府信息公开", "http://www.a.gov.cn/zfxxgk/", false, false},
				// javascript:, mailto:, tel:, #top and a blank href: skipped.
			},
		},
		{
			fixture: "trs_column.html",
			base:    "http://www.a.gov.cn/zwgk/tzgg/",
			want: []link{
				{"某某市人民政府", "http://www.a.gov.cn/", true, false},
				{"首页", "http://www.a.gov.cn/", true, false},
				{"政务公开", "http://www.a.gov.cn/zwgk/", true, false},
				{"政策文件", "http://www.a.gov.cn/zcwj/", true, false},
				{"PPP专栏", "http://www.a.gov.cn/pppzl/", true, false},
				{"互动交流", "http://www.a.gov.cn/hdjl/", true, false},
				{"通知公告", "http://www.a.gov.cn/zwgk/tzgg/", true, false},
				{"公示公告", "http://www.a.gov.cn/zwgk/gsgg/", true, false},
				{"人事信息", "http://www.a.gov.cn/zwgk/rsxx/", true, false},
				{"关于开展2026年度政务公开第三方评估工作的通知", "http://www.a.gov.cn/zwgk/tzgg/202611/t20261120_3051234.html", false, true},
				{"某某市人民政府办公室关于2026年第三季度全市政府网站和政务...", "http://www.a.gov.cn/zwgk/tzgg/202611/t20261113_3049876.html", false, true},
				{"关于征求《某某市优化营商环境条例(草案)》意见的公告", "http://www.a.gov.cn/zwgk/tzgg/202610/t20261030_3040001.html", false, true},
				{"某某市2027年度部门预算编制工作安排", "http://www.a.gov.cn/zwgk/tzgg/202610/t20261009_3031111.html", false, true},
				{"关于2026年国庆节放假安排的通知", "http://www.a.gov.cn/zwgk/tzgg/202609/t20260928_3029999.html", false, true},
				{"某某市公共资源交易中心关于系统升级的公告", "http://www.a.gov.cn/zwgk/tzgg/202609/t20260915_3020001.html", false, true},
				{"某某市召开全市安全生产工作会议", "http://www.a.gov.cn/xwzx/202611/t20261124_3052222.html", false, true},
				{"市领导调研重点项目建设情况", "http://www.a.gov.cn/xwzx/202611/t20261123_3052111.html", false, true},
				{"网站地图", "http://www.a.gov.cn/wzdt/", true, false},
				{"联系我们", "http://www.a.gov.cn/lxwm/", true, false},
				{"网站声明", "http://www.a.gov.cn/wzsm/", true, false},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got := Links(parse(t, fixture(t, tt.fixture)), mustURL(t, tt.base))
			if len(got) != len(tt.want) {
				for _, l := range got {
					t.Logf("%+v", l)
				}
				t.Fatalf("got %d links, want %d", len(got), len(tt.want))
			}
			for i, l := range got {
				if g := (link{l.Label, l.URL, l.Nav, l.Dated}); g != tt.want[i] {
					t.Errorf("link %d:\ngot  %+v\nwant %+v", i, g, tt.want[i])
				}
			}
		})
	}
}

func TestLinkNorm(t *testing.T) {
	body := []byte(`<div><a href="/a/"> 政務<span>公開</span> </a><a href="/b/">【 ＰＰＰ 專欄 】</a></div>`)
	got := Links(parse(t, body), mustURL(t, "http://www.a.gov.cn/"))
	want := []struct{ label, norm string }{
		{"政務公開", "政务公开"},
		{"【 PPP 專欄 】", "ppp专栏"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d links, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Label != w.label || got[i].Norm != w.norm {
			t.Errorf("link %d: got %q/%q, want %q/%q", i, got[i].Label, got[i].Norm, w.label, w.norm)
		}
	}
}

// Links resolve against <base href> when the page has one, keep only
// http(s), and drop the fragment.
func TestLinksResolve(t *testing.T) {
	body := []byte(`<html><head><base href="http://www.b.gov.cn/sub/"></head><body>
<a href="zcwj/index.html#top">政策文件</a>
<a href="//www.c.gov.cn/x/">跨站</a>
<a href="ftp://files.b.gov.cn/a.doc">下载</a>
<a href="JavaScript:openWin('/x')">弹窗</a>
<a href="https://www.d.gov.cn">安全站点</a>
</body></html>`)
	got := Links(parse(t, body), mustURL(t, "http://www.a.gov.cn/index.html"))
	want := []string{"http://www.b.gov.cn/sub/zcwj/index.html", "http://www.c.gov.cn/x/", "https://www.d.gov.cn"}
	if len(got) != len(want) {
		t.Fatalf("got %d links (%+v), want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].URL != w {
			t.Errorf("link %d: got %q, want %q", i, got[i].URL, w)
		}
	}
}
