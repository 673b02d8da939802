package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govaudit/govaudit/store"
)

// TestSanitizeCopy checks what is taken out of a stored page so that it
// stays on screen, on the shapes real and hostile pages have.
func TestSanitizeCopy(t *testing.T) {
	tests := []struct {
		name, in, want string
		removed        []string
	}{
		{"plain page", `<!doctype html><html><head><title>t</title></head><body class="a">x</body></html>`,
			`<!doctype html><html><head><title>t</title></head><body class="a">x</body></html>`, nil},
		{"meta refresh", `<html><head><meta http-equiv="refresh" content="0;url=/x"></head><body>x</body></html>`,
			`<html><head>` + refreshOff + `</head><body>x</body></html>`, []string{"meta refresh"}},
		{"meta refresh, other spelling", `<HTML><HEAD><META HTTP-EQUIV=" Refresh " CONTENT="5"/><meta charset="gbk"></HEAD><body>x`,
			`<HTML><HEAD>` + refreshOff + `<meta charset="gbk"></HEAD><body>x`, []string{"meta refresh"}},
		{"meta refresh in noscript", `<head><noscript><meta http-equiv="refresh" content="0;url=https://evil.example/"></noscript></head><body>x`,
			`<head><noscript>` + refreshOff + `</noscript></head><body>x`, []string{"meta refresh"}},
		{"base", `<head><base href="http://elsewhere.example/"><BASE target=_top></head><a href="/x">x</a>`,
			`<head>` + baseOff + baseOff + `</head><a href="/x">x</a>`, []string{"<base>"}},
		{"base in noscript and refresh", `<noscript><base href="http://e.example/"></noscript><meta http-equiv=refresh content=1>`,
			`<noscript>` + baseOff + `</noscript>` + refreshOff, []string{"<base>", "meta refresh"}},
		{"meta in a script is no tag", `<script>var s='<meta http-equiv="refresh" content="0">';</script>`,
			`<script>var s='<meta http-equiv="refresh" content="0">';</script>`, nil},
		{"empty", ``, ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits := scanStored([]byte(tt.in))
			var out bytes.Buffer
			applyEdits(&out, []byte(tt.in), edits)
			if got := out.String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if got := removedNames(edits); strings.Join(got, ",") != strings.Join(tt.removed, ",") {
				t.Errorf("removed: got %q, want %q", got, tt.removed)
			}
		})
	}
}

// FuzzSanitizeCopy checks, on any input, that every edit replaces a whole
// <meta> or <base> tag and that everything else is kept byte for byte.
func FuzzSanitizeCopy(f *testing.F) {
	for _, s := range []string{sthjColumnPage, "<body>", "<base", "<noscript><base href=x>", "<meta http-equiv=refresh>", "<!--<base>", "<textarea><base></textarea>", "\x00<base\x00>"} {
		f.Add(s)
	}
	const marker = "\x01GOVAUDIT\x01"
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, marker) || strings.Contains(in, "govaudit-disabled") {
			return
		}
		edits := scanStored([]byte(in))
		var kept strings.Builder
		pos := 0
		for _, e := range edits {
			tag := strings.ToLower(in[e.at : e.at+e.n])
			if e.at < pos || e.at+e.n > len(in) || !(strings.HasPrefix(tag, "<meta") || strings.HasPrefix(tag, "<base")) {
				t.Fatalf("bad edit at %d+%d in %q", e.at, e.n, in)
			}
			kept.WriteString(in[pos:e.at])
			kept.WriteString(marker)
			pos = e.at + e.n
		}
		kept.WriteString(in[pos:])
		var out bytes.Buffer
		applyEdits(&out, []byte(in), edits)
		got := strings.NewReplacer(refreshOff, marker, baseOff, marker).Replace(out.String())
		if got != kept.String() {
			t.Fatalf("content changed:\n in  %q\n out %q", in, out.String())
		}
		// What is left parses with no <base> and no refresh outside raw text.
		if rest := scanStored(out.Bytes()); len(rest) > 0 {
			t.Fatalf("a second pass still finds %d tags to take out of %q", len(rest), out.String())
		}
	})
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		contentType, body string
		want              bool
	}{
		{"text/html; charset=gbk", "x", true},
		{"application/xhtml+xml", "x", true},
		{"application/json", "<html>", false},
		{"text/xml", "<datastore>", false},
		{"", "<!DOCTYPE html><html>", true},
		{"", `{"a":1}`, false},
	}
	for _, tt := range tests {
		if got := isHTML(tt.contentType, []byte(tt.body)); got != tt.want {
			t.Errorf("isHTML(%q, %q): got %v, want %v", tt.contentType, tt.body, got, tt.want)
		}
	}
}

// TestHostileCopyCannotTouchBanner: a stored page that restyles the page,
// fakes a banner, re-targets links and redirects from <noscript> is shown
// only inside a sandboxed frame; the banner is in the page around it,
// under a CSP that allows no base and no form.
func TestHostileCopyCannotTouchBanner(t *testing.T) {
	const hostile = `<!doctype html><html><head><base href="http://elsewhere.example/">` +
		`<style>body{margin-top:-400px!important}#govaudit-evidence-banner{display:none!important}</style>` +
		`<noscript><meta http-equiv="refresh" content="0;url=https://evil.example/"></noscript></head>` +
		`<body><div id="govaudit-evidence-banner" style="position:fixed;top:0">原网址 URL: https://forged.example/</div>政府信息公开</body></html>`
	f := fixture()
	hash := f.addCopy("https://sthj.ln.test/hostile/", "text/html; charset=utf-8", 200, auditTime, hostile)
	h := newTestHandler(f)

	res, page := get(t, h, "/evidence/"+hash)
	if res.StatusCode != 200 {
		t.Fatalf("evidence page: HTTP %d", res.StatusCode)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, d := range []string{"base-uri 'none'", "form-action 'self'", "frame-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("page CSP %q lacks %s", csp, d)
		}
	}
	for _, s := range []string{"forged.example", "margin-top:-400px", "elsewhere.example", "evil.example"} {
		if strings.Contains(page, s) {
			t.Errorf("the page around the copy holds %q from the copy", s)
		}
	}
	doc := parse(t, page)
	banners := findAll(doc, func(n *html.Node) bool { return attrOf(n, "id") == "govaudit-evidence-banner" })
	frames := findAll(doc, func(n *html.Node) bool { return n.Data == "iframe" })
	if len(banners) != 1 || len(frames) != 1 {
		t.Fatalf("got %d banners and %d frames, want one of each", len(banners), len(frames))
	}
	fr := frames[0]
	if sb, ok := attrValue(fr, "sandbox"); !ok || sb != "" {
		t.Errorf("frame sandbox %q (present %v), want present with no allow-* token", sb, ok)
	}
	if got := attrOf(fr, "src"); got != "/evidence/"+hash+"/copy" {
		t.Errorf("frame src %q", got)
	}
	if !strings.Contains(page, "&lt;base&gt;") || !strings.Contains(page, "meta refresh") {
		t.Errorf("the banner does not say that <base> and meta refresh were removed")
	}

	res, cp := get(t, h, "/evidence/"+hash+"/copy")
	csp = res.Header.Get("Content-Security-Policy")
	for _, d := range []string{"sandbox", "default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("copy CSP %q lacks %s", csp, d)
		}
	}
	if strings.Contains(csp, "allow-") || strings.Contains(csp, "script-src") {
		t.Errorf("copy CSP %q allows something", csp)
	}
	if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("copy X-Content-Type-Options %q, want nosniff", got)
	}
	if strings.Contains(strings.ToLower(cp), "<base") || strings.Contains(cp, `http-equiv="refresh"`) {
		t.Errorf("copy keeps <base> or meta refresh:\n%s", cp)
	}
	if !strings.Contains(cp, "政府信息公开") {
		t.Errorf("copy lost its content")
	}
}

// attrValue returns n's attribute key and whether it is there.
func attrValue(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestEvidenceAsFetched: a GBK page kept as fetched is served raw in its
// own bytes (their SHA-256 is the hash it is stored under), and decoded
// for the frame.
func TestEvidenceAsFetched(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"><title>政策文件</title></head><body><h1>辽环发〔2026〕1号</h1></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(gbk))
	hash := hex.EncodeToString(sum[:])
	f := fixture()
	f.copies[hash] = storedCopy{store.EvidenceRecord{Hash: hash, URL: "https://sthj.ln.test/gbk/", FinalURL: "https://sthj.ln.test/gbk/",
		Status: 200, ContentType: "text/html; charset=GBK", FetchedAt: auditTime, Size: len(gbk), AsFetched: true, Charset: "gb18030"}, []byte(gbk)}
	h := newTestHandler(f)

	res, raw := get(t, h, "/evidence/"+hash+"/raw")
	if got := sha256.Sum256([]byte(raw)); hex.EncodeToString(got[:]) != hash {
		t.Errorf("raw: the SHA-256 of the bytes served is %x, want %s", got, hash)
	}
	if got := res.Header.Get("Content-Type"); got != "text/plain; charset=gb18030" {
		t.Errorf("raw Content-Type %q, want the charset it was read in", got)
	}
	_, cp := get(t, h, "/evidence/"+hash+"/copy")
	if !strings.Contains(cp, "<h1>辽环发〔2026〕1号</h1>") {
		t.Errorf("copy not decoded from GB18030: %q", cp)
	}
	_, page := get(t, h, "/evidence/"+hash)
	for _, s := range []string{"over the bytes as fetched", "gb18030"} {
		if !strings.Contains(page, s) {
			t.Errorf("evidence page lacks %q", s)
		}
	}
}
