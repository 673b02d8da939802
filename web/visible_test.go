package web

import (
	"strings"
	"testing"
)

func TestVisibleBytes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"辽宁省生态环境厅", "辽宁省生态环境厅"},
		{"line\nbreak\ttab\r", "line\nbreak\ttab\r"},
		{"gov.cn\u202Eexe.txt", "gov.cn[U+202E]exe.txt"},
		{"a\u2066b\u2069c\u200Fd\u061C", "a[U+2066]b[U+2069]c[U+200F]d[U+061C]"},
		{"bell\x07esc\x1bdel\x7fc1\u0085", "bell[U+0007]esc[U+001B]del[U+007F]c1[U+0085]"},
		{"bad \xff utf-8", "bad \xff utf-8"},
	}
	for _, tt := range tests {
		if got := string(visibleBytes([]byte(tt.in))); got != tt.want {
			t.Errorf("visibleBytes(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHiddenCharactersShown: a site name, a title and evidence text with
// bidi overrides and control characters reach the pages as visible
// escapes, never raw.
func TestHiddenCharactersShown(t *testing.T) {
	f := fixture()
	f.snap.Sites[1].Name = "辽宁省生态环境厅\u202Egpj.exe"
	a := f.snap.Audits["ln-sthj"]
	a.Results[1].NewestItem.Title = "通知\x1b[31m\u2067"
	a.Results[1].Evidence = []string{"evidence\u202Dtext"}
	f.snap.Audits["ln-sthj"] = a
	h := newTestHandler(f)
	for _, path := range []string{"/", "/sites/ln-sthj", "/requirements/all-10"} {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, h, path)
			if res.StatusCode != 200 {
				t.Fatalf("HTTP %d", res.StatusCode)
			}
			if i := strings.IndexFunc(body, hidden); i >= 0 {
				t.Errorf("raw hidden character %U at %d: %q", []rune(body[i:])[0], i, body[max(0, i-40):min(len(body), i+40)])
			}
			if !strings.Contains(body, "辽宁省生态环境厅[U+202E]gpj.exe") {
				t.Errorf("the site name is not shown with its override escaped")
			}
		})
	}
	_, body := get(t, h, "/sites/ln-sthj")
	for _, want := range []string{"通知[U+001B][31m[U+2067]", "evidence[U+202D]text"} {
		if !strings.Contains(body, want) {
			t.Errorf("site page lacks %q", want)
		}
	}
}
