package page

import (
	"slices"
	"testing"
)

func TestRedirect(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		target string
		ok     bool
	}{
		{"meta refresh stub", string(fixture(t, "refresh_stub.html")), "http://www.a.gov.cn/zfxxgk/index.html", true},
		{"window.location.href stub", string(fixture(t, "js_stub.html")), "http://www.d.gov.cn/index.shtml", true},
		{"click handler on a normal page", string(fixture(t, "onclick_normal.html")), "", false},
		{"frameset", string(fixture(t, "frameset.html")), "", false},
		{"column page", string(fixture(t, "trs_column.html")), "", false},
		{"refresh without url reloads", `<meta http-equiv="refresh" content="300"><p>新闻</p>`, "", false},
		{"refresh to itself", `<meta http-equiv="refresh" content="0;url=http://www.a.gov.cn/">`, "", false},
		{"refresh on a full page still counts", `<meta http-equiv="refresh" content="5,URL=/new/">` + string(fixture(t, "onclick_normal.html")), "http://www.a.gov.cn/new/", true},
		{"top.location", `<script>top.location = '/portal/';</script>`, "http://www.a.gov.cn/portal/", true},
		{"location.replace", `<body><script>location.replace("https://www.a.gov.cn/index.html")</script></body>`, "https://www.a.gov.cn/index.html", true},
		{"body onload", `<body onload="self.location.href='/zwgk/'"></body>`, "http://www.a.gov.cn/zwgk/", true},
		{"concatenated target", `<script>window.location.href = "/search?q=" + q;</script>`, "", false},
		{"comparison, not assignment", `<script>if (location.href == "/x/") { go(); }</script>`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, ok := Redirect(parse(t, []byte(tt.body)), mustURL(t, "http://www.a.gov.cn/"))
			if target != tt.target || ok != tt.ok {
				t.Errorf("got %q, %v; want %q, %v", target, ok, tt.target, tt.ok)
			}
		})
	}
}

func TestRefreshURL(t *testing.T) {
	tests := []struct {
		content string
		want    string
		ok      bool
	}{
		{"0;url=/a/", "/a/", true},
		{"0; URL='/a/'", "/a/", true},
		{`0;URL="http://x.gov.cn/"`, "http://x.gov.cn/", true},
		{"0,url=/a/", "/a/", true},
		{"1; /a/index.html", "/a/index.html", true},
		{"url=/a/", "/a/", true},
		{"  5  ", "", false},
		{"0;", "", false},
		{"0; url=", "", false},
	}
	for _, tt := range tests {
		got, ok := refreshURL(tt.content)
		if got != tt.want || ok != tt.ok {
			t.Errorf("refreshURL(%q): got %q, %v; want %q, %v", tt.content, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJSLocation(t *testing.T) {
	tests := []struct {
		src  string
		want string
		ok   bool
	}{
		{`window.location = "/a/";`, "/a/", true},
		{`window.location.href='/a/'`, "/a/", true},
		{`location.href=/*x*/"/a/"`, "", false}, // comments are not parsed
		{`location.href = "/a/"`, "/a/", true},
		{`top.location.href="/a/"`, "/a/", true},
		{`window.top.location = "/a/"`, "/a/", true},
		{`self.location="/a/"`, "/a/", true},
		{`parent.location = '/a/'`, "/a/", true},
		{`document.location.href = '/a/'`, "/a/", true},
		{`location.replace("/a/")`, "/a/", true},
		{`window.location.replace ( '/a/' )`, "/a/", true},
		{`location.assign("/a/")`, "/a/", true},
		{"location.href = `/a/`", "/a/", true},
		{"location.href = `/a/${x}`", "", false},
		{`location.href = "/a/?id=" + id`, "", false},
		{`location.href = url`, "", false},
		{`if (location.href === "/a/") {}`, "", false},
		{`myLocation.href = "/a/"`, "", false},
		{`foo.location = "/a/"`, "", false},
		{`var l = location.href; location.href = '/b/'`, "/b/", true},
		{`location.href = "a\"b"`, `a"b`, true},
		{`location.href = "unterminated`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		got, ok := jsLocation(tt.src)
		if got != tt.want || ok != tt.ok {
			t.Errorf("jsLocation(%q): got %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFrames(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		base string
		want []string
	}{
		{"frameset", fixture(t, "frameset.html"), "http://www.c.gov.cn/", []string{"http://www.c.gov.cn/top.html", "http://www.c.gov.cn/main/index.html"}},
		{"gov.cn iframe", realPage(t, "govcn_policy_guofa2019-5_shuangsuiji.fragment.html"), "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", []string{"http://www.gov.cn/zhengce/2019-02/15/content_5365963.htm"}},
		{"iframes", []byte(`<iframe src=""></iframe><iframe src="about:blank"></iframe><iframe src="javascript:''"></iframe><iframe src="menu.html"></iframe>`), "http://www.c.gov.cn/a/", []string{"http://www.c.gov.cn/a/menu.html"}},
		{"hidden counter", realPage(t, "zj_jyt_detail_TAMPERED.html"), "http://jyt.zj.gov.cn/art/2024/10/21/art_1543973_58942886.html", nil},
		{"zero-sized", []byte(`<iframe src="/count.jsp" width="0" height="0"></iframe><iframe src="/menu.html" width="200"></iframe>`), "http://www.c.gov.cn/", []string{"http://www.c.gov.cn/menu.html"}},
		{"none", fixture(t, "trs_column.html"), "http://www.c.gov.cn/", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Frames(parse(t, tt.body), mustURL(t, tt.base))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
