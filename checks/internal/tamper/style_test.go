package tamper

import "testing"

func TestParseStyle(t *testing.T) {
	tests := []struct {
		style string
		hide  hiding
	}{
		{"display:none", hideDisplay},
		{"DISPLAY: NONE !important", hideDisplay},
		{"display:block", 0},
		{"visibility:hidden", hideVisibility},
		{"position:absolute;left:-9999px", hideOffscreen},
		{"position: fixed; top: -1000px", hideOffscreen},
		{"position:absolute;left:-999em", hideOffscreen},
		{"position:relative;left:-600px", hideOffscreen},
		// Layout offsets, not hiding.
		{"position:absolute;left:-2px;top:-2px", 0},
		{"position:absolute;left:50%;margin-left:-500px", 0},
		{"left:-9999px", 0}, // not positioned: left does nothing
		{"text-indent:-9999px", hideIndent},
		{"text-indent:2em", 0},
		{"font-size:0", hideFontZero},
		{"font-size:0px;line-height:0", hideFontZero},
		{"font-size:14px", 0},
		{"height:0;overflow:hidden", hideTinyBox},
		{"width:1px;height:1px;overflow:hidden", hideTinyBox},
		// A zero-height box without overflow:hidden shows its content.
		{"height:0", 0},
		{"height:200px;overflow:hidden", 0},
		{"display:none;position:absolute;left:-9999px", hideDisplay | hideOffscreen},
		{"", 0},
		{";;:;display", 0},
	}
	for _, tt := range tests {
		t.Run(tt.style, func(t *testing.T) {
			if got := parseStyle(tt.style).hide; got != tt.hide {
				t.Errorf("got %b, want %b", got, tt.hide)
			}
		})
	}
}

func TestParseStylesheets(t *testing.T) {
	body := []byte(`<html><head><STYLE type="text/css">
/* .commented{display:none} */
.a1{display:none}
div#b2 { position:absolute; left:-9999px }
.c3, .d4 {visibility:hidden}
.nav .sub{display:none}
.menu{display:none} .nav li:hover .menu{display:block}
@media print { .noprint{display:none} }
@media (max-width:768px) { .m{display:block} }
.m{display:none}
@font-face { font-family: x; src: url(x.woff) }
</STYLE></head><style>.late{font-size:0}</style>`)
	ss := parseStylesheets(body)
	if ss == nil {
		t.Fatal("got no stylesheet")
	}
	for _, c := range []string{"a1", "c3", "d4", "menu", "m", "late"} {
		if _, ok := ss.classHides[c]; !ok {
			t.Errorf("class %q: got not hidden, want hidden", c)
		}
	}
	for _, c := range []string{"commented", "sub", "nav", "noprint"} {
		if _, ok := ss.classHides[c]; ok {
			t.Errorf("class %q: got hidden, want not hidden", c)
		}
	}
	if r, ok := ss.idHides["b2"]; !ok || r.how != "div#b2{position:absolute;left:-9999px}" {
		t.Errorf("id b2: got %+v %v, want the off-screen rule", r, ok)
	}
	for _, k := range []string{".menu", ".m", ".nav"} {
		if !ss.reveals[k] {
			t.Errorf("%s: got not revealed, want revealed", k)
		}
	}
	if ss.reveals[".a1"] {
		t.Error(".a1: got revealed, want not")
	}
	if parseStylesheets([]byte(`<p>no styles</p>`)) != nil {
		t.Error("got a stylesheet for a page without <style>")
	}
}
