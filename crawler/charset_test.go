package crawler

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const (
	zhText = "辽宁省人民政府办公厅关于印发政务公开工作要点的通知"
	// 镕 and 堃 are in GBK but not in GB2312; 𠀀 (U+20000) needs GB18030's
	// four-byte form.
	gbkOnlyText   = "朱镕基 王堃"
	gb18030Text   = "扩展字𠀀"
	big5Text      = "遼寧省政府資訊公開"
	latin1Text    = "Résumé"
	longComment   = "<!-- " + "TRS WCM template header comment. " + "-->"
	metaCharsetFm = `<meta charset="%s">`
)

func encodeWith(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func htmlPage(head, text string) string {
	return "<!DOCTYPE html><html><head>" + head + "<title>t</title></head><body><p>" + text + "</p></body></html>"
}

func TestToUTF8(t *testing.T) {
	gbk := func(head, text string) []byte {
		return encodeWith(t, simplifiedchinese.GBK, htmlPage(head, text))
	}
	utf16le := append([]byte{0xFF, 0xFE}, encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), htmlPage("", zhText))...)
	pdf := []byte("%PDF-1.4\n\xb0\xec\xb9\xab\n")
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string // must appear in the output
	}{
		{"GBK, header charset", gbk("", zhText), "text/html; charset=GBK", zhText},
		{"GBK, only <meta charset>", gbk(`<meta charset="gbk">`, zhText), "text/html", zhText},
		{"GB2312, only <meta http-equiv>", gbk(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, zhText), "text/html", zhText},
		{"GB2312, http-equiv after content", gbk(`<META content="text/html; charset=gb2312" http-equiv=Content-Type>`, zhText), "text/html", zhText},
		{"GBK, no charset anywhere", gbk("", zhText), "text/html", zhText},
		{"GBK, no Content-Type", gbk("", zhText), "", zhText},
		{"GBK-only characters labelled gb2312", gbk("", gbkOnlyText), "text/html; charset=gb2312", gbkOnlyText},
		{"GB18030 four-byte characters", encodeWith(t, simplifiedchinese.GB18030, htmlPage("", gb18030Text)), "text/html; charset=GB18030", gb18030Text},
		{"GB18030 four-byte characters, no label", encodeWith(t, simplifiedchinese.GB18030, htmlPage("", gb18030Text)), "text/html", gb18030Text},
		{"header charset in quotes", gbk("", zhText), `text/html; charset="gbk"`, zhText},
		{"Latin-1 header on a GBK page (Java server default)", gbk("", zhText), "text/html;charset=ISO-8859-1", zhText},
		{"Latin-1 header, GBK meta", gbk(`<meta charset="gbk">`, zhText), "text/html; charset=iso-8859-1", zhText},
		{"UTF-8, header says GBK", []byte(htmlPage("", zhText)), "text/html; charset=gbk", zhText},
		{"UTF-8, meta says gb2312", []byte(htmlPage(`<meta charset="gb2312">`, zhText)), "text/html", zhText},
		{"UTF-8 with a stray byte, header says GBK", []byte(htmlPage("", zhText+"\xff"+zhText)), "text/html; charset=gbk", zhText + "\uFFFD" + zhText},
		{"UTF-8 BOM, header says GBK", append([]byte("\xEF\xBB\xBF"), htmlPage("", zhText)...), "text/html; charset=gbk", "<!DOCTYPE html>"},
		{"UTF-16 BOM", utf16le, "text/html", zhText},
		{"Big5, header", encodeWith(t, traditionalchinese.Big5, htmlPage("", big5Text)), "text/html; charset=big5", big5Text},
		{"Big5, meta after a long comment", encodeWith(t, traditionalchinese.Big5, htmlPage(strings.Repeat(longComment, 60)+`<meta charset="big5">`, big5Text)), "text/html", big5Text},
		{"windows-1252 declared in meta", encodeWith(t, charmap.Windows1252, htmlPage(`<meta charset="windows-1252">`, latin1Text)), "text/html", latin1Text},
		{"PDF kept as it is", pdf, "application/pdf", string(pdf)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toUTF8(tt.body, tt.contentType)
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
			if tt.contentType != "application/pdf" && !utf8.Valid(got) {
				t.Errorf("output is not valid UTF-8: %q", got)
			}
			if strings.HasPrefix(tt.name, "UTF-8 BOM") && bytes.HasPrefix(got, []byte("\xEF\xBB\xBF")) {
				t.Error("BOM kept")
			}
		})
	}
}

func TestCharsetParam(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text/html; charset=gbk", "gbk"},
		{"text/html;charset=GB2312", "gb2312"},
		{`text/html; charset="utf-8"`, "utf-8"},
		{"text/html; charset = 'big5' ;", "big5"},
		{"text/html; charset=gbk;", "gbk"},
		{"text/html", ""},
		{"text/html; charset", ""},
		{"text/html; notcharset; charset=gbk", "gbk"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := charsetParam(tt.in); got != tt.want {
			t.Errorf("charsetParam(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFetchCharsets checks the whole path: colly must not decode the body
// by the header before toUTF8 sees it.
func TestFetchCharsets(t *testing.T) {
	pages := map[string]struct {
		contentType string
		body        []byte
	}{
		"/gbk-header": {"text/html; charset=gbk", encodeWith(t, simplifiedchinese.GBK, htmlPage("", zhText))},
		"/gbk-meta":   {"text/html", encodeWith(t, simplifiedchinese.GBK, htmlPage(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, zhText))},
		"/gbk-none":   {"text/html", encodeWith(t, simplifiedchinese.GBK, htmlPage("", zhText))},
		"/utf8-lying": {"text/html; charset=GBK", []byte(htmlPage("", zhText))},
		"/big5-meta":  {"text/html", encodeWith(t, traditionalchinese.Big5, htmlPage(`<meta charset="big5">`, big5Text))},
	}
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.contentType)
		w.Write(p.body)
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")
	for path, pg := range pages {
		t.Run(path, func(t *testing.T) {
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+path, 1)
			if !p.OK() {
				t.Fatalf("fetch: %v", p.Err)
			}
			want := zhText
			if path == "/big5-meta" {
				want = big5Text
			}
			if !strings.Contains(string(p.Body), want) {
				t.Errorf("body: got %q, want it to contain %q", p.Body, want)
			}
			if p.ContentType != pg.contentType {
				t.Errorf("content type: got %q, want the header as sent, %q", p.ContentType, pg.contentType)
			}
		})
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte(htmlPage(`<meta charset="gbk">`, "\xc1\xc9\xc4\xfe")), "text/html")
	f.Add([]byte("\xEF\xBB\xBFabc\xff"), "text/html; charset=gbk")
	f.Add([]byte("\xFF\xFEa\x00\xd8"), "")
	f.Add([]byte(`<meta http-equiv="content-type" content="charset='`), "text/plain; charset=")
	f.Add([]byte("\x81\x30\x81"), "text/html; charset=gb18030")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		got := toUTF8(body, contentType)
		if textual(contentType, body) && !utf8.Valid(got) {
			t.Errorf("toUTF8(%q, %q) = %q, not valid UTF-8", body, contentType, got)
		}
	})
}
