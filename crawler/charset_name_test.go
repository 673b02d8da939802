package crawler

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestDecodeTextCharset checks the charset decodeText names for each way
// it reads a body: the evidence store records it with the raw bytes.
func TestDecodeTextCharset(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("<p>政府信息公开</p>")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body, contentType, want string
	}{
		{"utf-8", "<p>政府信息公开</p>", "text/html", "utf-8"},
		{"utf-8 bom", "\xEF\xBB\xBF<p>x</p>", "text/html", "utf-8"},
		{"utf-16le bom", "\xFF\xFE<\x00p\x00>\x00", "text/html", "utf-16le"},
		{"utf-16be bom", "\xFE\xFF\x00<\x00p\x00>", "text/html", "utf-16be"},
		{"gbk header", gbk, "text/html; charset=GBK", "gb18030"},
		{"gb2312 meta", `<meta charset="gb2312">` + gbk, "text/html", "gb18030"},
		{"big5 header", "\xa4\xa4\xa4\xe5", "text/html; charset=big5", "big5"},
		{"no label", gbk, "text/html", "gb18030"},
		{"image", "\x89PNG\r\n\x1a\n\x00\x00", "image/png", ""},
		{"empty", "", "text/html", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := decodeText([]byte(tt.body), tt.contentType); got != tt.want {
				t.Errorf("charset: got %q, want %q", got, tt.want)
			}
		})
	}
}
