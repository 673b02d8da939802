package page

import "testing"

func TestTRSPager(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   pager
	}{
		{"count, current", `createPageHTML(56, 0, "index", "html");`, pager{56, 0, "index", "html", true}},
		{"records first", `createPageHTML(1103, 56, 2, "index", "shtml");`, pager{56, 2, "index", "shtml", true}},
		{"div id first, records last", `createPageHTML('page_div', 12, 0, 'index', 'htm', 240);`, pager{12, 0, "index", "htm", true}},
		{"variables", "var countPage = 9//共多少页\nvar currentPage = 3;\ncreatePageHTML(countPage, currentPage, \"index\", \"html\");", pager{9, 3, "index", "html", true}},
		{"detail page", `createPageHTML(1,0,"t20190918_693227","shtml");`, pager{1, 0, "t20190918_693227", "shtml", true}},
		{
			"definition is not a call",
			"function createPageHTML(_nPageCount,_nCurrIndex,_sPageName,_sPageExt){ if(_nPageCount == null || _nPageCount<=1){ return; } }\ncreatePageHTML(7, 0, \"index\", \"html\");",
			pager{7, 0, "index", "html", true},
		},
		{
			// Handan writes its pager inline from variables.
			"Handan variables",
			"var countnum= 6348;\nvar currentPage=0;\nvar prevPage=currentPage-1\nvar countPage=56\nvar endPage=countPage-1",
			pager{pages: 56},
		},
		{"unknown identifiers", `createPageHTML(total, cur, "index", "html");`, pager{}},
		{"no pager", `var a = 1; if (a == 2) { b = 3 }`, pager{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trsPager([]string{tt.script}); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTextPages(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"共 56 页 当前第1页", 56},
		{"共6348条 共56页", 56},
		{"共有记录 12 条", 0},
		{"第1页/共3页", 3},
		{"", 0},
	}
	for _, tt := range tests {
		if got := textPages(tt.text); got != tt.want {
			t.Errorf("textPages(%q): got %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestStemOf(t *testing.T) {
	tests := []struct{ url, name, ext string }{
		{"http://a.gov.cn/zwgk/", "index", "html"},
		{"http://a.gov.cn/zwgk/index.shtml", "index", "shtml"},
		{"http://a.gov.cn/zwgk/index_3.html", "index", "html"},
		{"http://a.gov.cn/zwgk/list.htm", "list", "htm"},
	}
	for _, tt := range tests {
		name, ext := stemOf(mustURL(t, tt.url))
		if name != tt.name || ext != tt.ext {
			t.Errorf("stemOf(%s): got %s.%s, want %s.%s", tt.url, name, ext, tt.name, tt.ext)
		}
	}
}
