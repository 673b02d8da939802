package crawler

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// prescanBytes is how much of a body is searched for a <meta> charset. The
// HTML standard says 1024 bytes; Chinese CMS templates often put long
// comments and scripts before the <meta>, so we look further.
const prescanBytes = 8192

// toUTF8 decodes a response body to UTF-8, trusting, in order:
//
//  1. a byte order mark;
//  2. the body itself when it is valid UTF-8 (or nearly so: a few stray
//     bytes in an otherwise UTF-8 page), whatever the labels say — servers
//     often send a stale charset;
//  3. the charset of the Content-Type header, except a Latin-1 one: Java
//     servers (Tomcat, WebLogic) send ISO-8859-1 by default for pages that
//     are really GBK;
//  4. <meta charset> or <meta http-equiv="Content-Type"> in the body;
//  5. GB18030, the superset of GBK and GB2312 that Chinese government sites
//     use when they are not UTF-8.
//
// Labels naming GBK or GB2312 are decoded as GB18030, which is a superset:
// pages labelled gb2312 routinely contain GBK-only characters. Bodies that
// are not text (images, PDFs, archives) are returned as they are.
func toUTF8(body []byte, contentType string) []byte {
	out, _ := decodeText(body, contentType)
	return out
}

// decodeText is toUTF8 that also names the charset the body was read in
// (a WHATWG name such as "utf-8" or "gb18030"), "" for a body that is not
// text: the evidence store keeps the bytes as fetched with that name, and
// decodes them only for display.
func decodeText(body []byte, contentType string) ([]byte, string) {
	if len(body) == 0 || !textual(contentType, body) {
		return body, ""
	}
	if enc, n := bomEncoding(body); enc != nil {
		name, _ := htmlindex.Name(enc)
		return decode(enc, body[n:]), name
	}
	if utf8.Valid(body) {
		return body, "utf-8"
	}
	if nearlyUTF8(body) {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), "utf-8"
	}
	if enc, name := lookupCharset(charsetParam(contentType)); enc != nil && name != "windows-1252" {
		return decode(enc, body), charsetName(name)
	}
	if enc, name := lookupCharset(metaCharset(body)); enc != nil {
		return decode(enc, body), charsetName(name)
	}
	return decode(simplifiedchinese.GB18030, body), "gb18030"
}

// charsetName is the name of the decoder lookupCharset returns for name:
// GBK is read as GB18030, its superset.
func charsetName(name string) string {
	if name == "gbk" {
		return "gb18030"
	}
	return name
}

// textual reports whether a body of this Content-Type (or, without one, of
// the sniffed type) is text that should be decoded.
func textual(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	for _, s := range []string{"html", "xml", "json", "javascript", "ecmascript"} {
		if strings.Contains(mt, s) {
			return true
		}
	}
	return false
}

func bomEncoding(b []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	}
	return nil, 0
}

// nearlyUTF8 reports whether a body that is not valid UTF-8 is still UTF-8
// text with a few broken bytes. GBK text read as UTF-8 yields far more
// invalid bytes than valid multi-byte sequences, so the ratio tells the
// two apart.
func nearlyUTF8(b []byte) bool {
	var multi, invalid int
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			multi++
		}
		b = b[n:]
	}
	return multi >= 10*invalid
}

// lookupCharset maps a charset label to its decoder and WHATWG name. It
// returns nil for unknown labels and for labels that cannot be right for a
// body that failed the UTF-8 check: UTF-8 itself, UTF-16 (which the HTML
// standard reads as UTF-8 when declared in a page) and the "replacement"
// encoding.
func lookupCharset(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(label)
	if label == "" {
		return nil, ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, ""
	}
	name, _ := htmlindex.Name(enc)
	switch name {
	case "utf-8", "utf-16be", "utf-16le", "replacement", "x-user-defined":
		return nil, ""
	case "gbk", "gb18030":
		return simplifiedchinese.GB18030, name
	}
	return enc, name
}

// decode converts b with enc. The x/text decoders replace invalid input
// with U+FFFD rather than failing; the error path is a belt and braces.
func decode(enc encoding.Encoding, b []byte) []byte {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

// metaCharset returns the charset declared by a <meta charset> or a
// <meta http-equiv="Content-Type" content="…; charset=…"> near the top of
// the body, or "".
func metaCharset(body []byte) string {
	if len(body) > prescanBytes {
		body = body[:prescanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var charset, content string
			var contentType bool
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					contentType = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
			}
			if charset != "" {
				return charset
			}
			if contentType {
				if cs := charsetParam(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// charsetParam extracts the charset from a Content-Type value, leniently:
// real headers carry stray semicolons, spaces and quotes that
// mime.ParseMediaType rejects.
func charsetParam(s string) string {
	lower := strings.ToLower(s)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		rest := strings.TrimLeft(lower[i+len("charset"):], " \t")
		lower = rest
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t")
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			q := rest[0]
			rest = rest[1:]
			if j := strings.IndexByte(rest, q); j >= 0 {
				return rest[:j]
			}
			return rest
		}
		if j := strings.IndexAny(rest, "; \t,\"'"); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
}
