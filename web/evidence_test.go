package web

import (
	"bytes"
	"strings"
	"testing"
)

// TestInjectBanner checks where the banner goes in a stored page and that
// meta refresh is turned off, on the shapes real pages have.
func TestInjectBanner(t *testing.T) {
	const banner = "[BANNER]"
	const off = `<meta name="govaudit-disabled" content="meta refresh">`
	tests := []struct {
		name, in, want string
	}{
		{"body", `<!doctype html><html><head><title>t</title></head><body class="a">x</body></html>`,
			`<!doctype html><html><head><title>t</title></head><body class="a">[BANNER]x</body></html>`},
		{"attribute with >", `<html><body onload="if(a>b)c()" data-x='>'>x</body></html>`,
			`<html><body onload="if(a>b)c()" data-x='>'>[BANNER]x</body></html>`},
		{"body in a comment and a script first", `<html><head><!-- <body> --><script>var s="<body>";</script></head><BODY>x</BODY></html>`,
			`<html><head><!-- <body> --><script>var s="<body>";</script></head><BODY>[BANNER]x</BODY></html>`},
		{"no body: after the doctype", `<!DOCTYPE html><p>fragment`, `<!DOCTYPE html>[BANNER]<p>fragment`},
		{"no body, no doctype: first", `<p>fragment`, `[BANNER]<p>fragment`},
		{"frameset", `<!doctype html><frameset><frame src="a.html"></frameset>`, `<!doctype html>[BANNER]<frameset><frame src="a.html"></frameset>`},
		{"meta refresh", `<html><head><meta http-equiv="refresh" content="0;url=/x"></head><body>x</body></html>`,
			`<html><head>` + off + `</head><body>[BANNER]x</body></html>`},
		{"meta refresh, other spelling", `<HTML><HEAD><META HTTP-EQUIV=" Refresh " CONTENT="5"/><meta charset="gbk"></HEAD><body>x`,
			`<HTML><HEAD>` + off + `<meta charset="gbk"></HEAD><body>[BANNER]x`},
		{"meta refresh right after body", `<body><meta http-equiv="refresh" content="0">x`, `<body>[BANNER]` + off + `x`},
		{"empty", ``, `[BANNER]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits, at := scanStored([]byte(tt.in))
			var out bytes.Buffer
			applyEdits(&out, []byte(tt.in), append(edits, edit{at: at, insert: []byte(banner)}))
			if got := out.String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// FuzzInjectBanner checks, on any input, that the banner is inserted once
// and that everything but the meta refresh tags is kept byte for byte.
func FuzzInjectBanner(f *testing.F) {
	for _, s := range []string{sthjColumnPage, "<body>", "<body", "<!doctype", "<meta http-equiv=refresh>", "<!--<body>", "<textarea><body></textarea><body>", "\x00<body\x00>"} {
		f.Add(s)
	}
	const marker = "\x01GOVAUDIT\x01"
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, marker) || strings.Contains(in, "govaudit-disabled") {
			return
		}
		edits, at := scanStored([]byte(in))
		if at < 0 || at > len(in) {
			t.Fatalf("banner at %d of %d bytes", at, len(in))
		}
		var kept strings.Builder
		pos := 0
		for _, e := range edits {
			if e.at < pos || e.at+e.n > len(in) || !strings.HasPrefix(strings.ToLower(in[e.at:e.at+e.n]), "<meta") {
				t.Fatalf("bad meta edit at %d+%d in %q", e.at, e.n, in)
			}
			kept.WriteString(in[pos:e.at])
			kept.WriteString(marker)
			pos = e.at + e.n
		}
		kept.WriteString(in[pos:])
		var out bytes.Buffer
		applyEdits(&out, []byte(in), append(edits, edit{at: at, insert: []byte(marker)}))
		got := out.String()
		if n := strings.Count(got, marker); n != 1 {
			t.Fatalf("banner inserted %d times, want once", n)
		}
		// Without the banner and the replacements, the page is as stored.
		strip := func(s string) string { return strings.ReplaceAll(s, marker, "") }
		if strip(strings.ReplaceAll(got, `<meta name="govaudit-disabled" content="meta refresh">`, marker)) != strip(kept.String()) {
			t.Fatalf("content changed:\n in  %q\n out %q", in, got)
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
