package tamper

import "testing"

func TestDocumentWrites(t *testing.T) {
	tests := []struct {
		name, js, want string
	}{
		{"single quotes", `document.write('<a href="x">y</a>');`, `<a href="x">y</a>`},
		{"double quotes and writeln", `document.writeln("<p>a</p>")`, `<p>a</p>`},
		{"concatenation", `document.write('<a href="http://' + "x.com" + '/">' + 'z</a>')`, `<a href="http://x.com/">z</a>`},
		{"escapes", `document.write("<a href=\"x\">\u767e\u5bb6\u4e50<\/a>\x21")`, `<a href="x">百家乐</a>!`},
		{"surrogate pair", `document.write("\uD83D\uDE00")`, "😀"},
		{"unescape", `document.write(unescape("%3Cb%3E%u516D%u5408%u5F69%3C/b%3E"))`, "<b>六合彩</b>"},
		{"decodeURIComponent", `document.write(decodeURIComponent('%E8%B5%8C%E5%9C%BA'))`, "赌场"},
		{"variable", "var s = '<a>';\ns += 'b' + '</a>';\ndocument.write(s);", "<a>b</a>"},
		{"reassigned variable", "var s = 'old'; s = 'new'; document.write(s)", "new"},
		{"variable assigned later", "document.write(s); var s = 'x';", ""},
		{"template literal", "document.write(`<p>${n}条</p>`)", "<p>条</p>"},
		{"computed", `document.write(makeLinks(3))`, ""},
		{"partly computed", `document.write('<p>' + n + '</p>')`, "<p>"},
		{"several calls", `document.write('a');document.write('b')`, "ab"},
		{"TRS pager", `document.write("<a href=\"index_" + (i) + ".html\">" + i + "</a>");`, `<a href="index_`},
		{"unterminated", `document.write('abc`, ""},
		{"no call", `var w = document.writeable;`, ""},
		{"nested parentheses", `document.write((('a')))`, "a"},
		{"deep parentheses", `document.write(((((((((('a'))))))))))`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := documentWrites(tt.js); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
