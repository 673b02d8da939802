package page

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The text limit holds however text and block separators interleave, and
// never cuts a rune in two.
func TestTextWriterLimit(t *testing.T) {
	for limit := 0; limit < 12; limit++ {
		var w textWriter
		w.reset(limit)
		for _, s := range []string{"abc", "", "政策", "d", "文件", "efgh"} {
			w.text(s)
			w.space()
		}
		if len(w.b) > limit {
			t.Errorf("limit %d: got %d bytes %q", limit, len(w.b), w.b)
		}
		if !utf8.Valid(w.b) {
			t.Errorf("limit %d: invalid UTF-8 %q", limit, w.b)
		}
	}
	if got := textOf(parse(t, []byte(`<a><span>政策</span><span>文件</span></a><p>一</p><p>二</p>`)).Nodes[0], 100); strings.TrimSpace(got) != "政策文件 一 二" {
		t.Errorf("textOf: got %q, want inline children joined and blocks apart", got)
	}
}
