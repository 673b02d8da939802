package htmltree_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/checks/htmltree"
	"github.com/govaudit/govaudit/demo"
)

// check parses body with both parsers and fails t when the fast tree
// differs from x/net/html's. It returns the refusal reason ("" when the
// fast parser built the tree).
func check(t *testing.T, name string, body []byte) string {
	t.Helper()
	reason, got, ok := htmltree.ParseWithReason(body)
	want, err := reference(body)
	if !ok {
		if reason == "" {
			t.Errorf("%s: refused without a reason", name)
		}
		return reason
	}
	if err != nil {
		t.Errorf("%s: x/net/html failed (%v) where the fast parser did not", name, err)
		return ""
	}
	if d := diffTrees(got, want); d != "" {
		t.Errorf("%s: trees differ: %s", name, d)
	}
	return ""
}

func TestCases(t *testing.T) {
	tests := []struct {
		name string
		in   string
		fast bool // whether the fast path must build it
	}{
		{"empty", "", true},
		{"text only", "hello", true},
		{"minimal", "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>", true},
		{"xhtml doctype", `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>`, true},
		{"implied html head body", "<title>t</title><div>x</div>", true},
		{"whitespace around head", "<html>\n<head>\n<meta charset=utf-8>\n</head>\n<body>\n<p>a\n</body>\n</html>\n", true},
		{"meta after head", "<html><head></head>\n<meta name=a content=b><body>x</body></html>", true},
		{"script after head", "<html><head></head><script>var a = 1 < 2;</script><body>x</body></html>", true},
		{"comments everywhere", "<!-- a --><html><!-- b --><head><!-- c --></head><body><!-- d --></body><!-- e --></html><!-- f -->", true},
		{"content after body", "<html><body><p>x</p></body></html><script>var x;</script>\n", true},
		{"unclosed li", "<ul><li><a href=/a>A</a><li><a href=/b>B</a></ul>", true},
		{"unclosed p", "<div><p>one<p>two</div>", true},
		{"dl", "<dl><dt>a<dd>b<dt>c<dd>d</dl>", true},
		{"implicit tbody", "<table><tr><td>a<td>b<tr><td>c</table>", true},
		{"explicit tbody", "<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>", true},
		{"nested table", "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>", true},
		{"td without tr", "<table><tbody><td>x</td></tbody></table>", true},
		{"formatting in cell closed by cell", "<table><tr><td><b>x</td><td>y</td></tr></table>", true},
		{"font closed in order", "<p><font color=red size=2>x</font></p>", true},
		{"entities", "<p>a &amp; b &lt; c &nbsp; &copy &#21457; &#x53d1;</p>", true},
		{"attribute entities", `<a href="/x?a=1&b=2&amp;c=3&copy=4&lt;&ltx;">x</a>`, true},
		{"duplicate attributes", `<div id=a ID=b class=c>x</div>`, true},
		{"uppercase", `<DIV CLASS="a"><A HREF="/x">X</A></DIV>`, true},
		{"crlf", "<p>a\r\nb\rc</p>\r\n<a title='x\r\ny'>z</a>", true},
		{"pre newline", "<pre>\nline</pre>", true},
		{"stray end tags", "<div>a</span></font>b</div></div>", true},
		{"end p without p", "<div></p>x</div>", true},
		{"end br", "<div>a</br>b</div>", true},
		{"iframe", `<body><iframe src="/f.html"></iframe><p>x</p></body>`, true},
		{"noscript", `<body><noscript><img src=a></noscript></body>`, true},
		{"style in table", `<table><style>td{}</style><tr><td>x</td></tr></table>`, true},
		{"form", `<form action=/s><input name=q><input type=submit></form>`, true},
		{"form in table", `<table><form action=/s><tr><td><input name=q></td></tr></form></table>`, true},
		{"marquee", `<marquee><a href=/a>a</a></marquee>`, true},
		{"bogus comment", `<?xml version="1.0"?><p>x</p>`, true},
		{"cdata in html", `<datastore><record><![CDATA[<li><a href="/a">A</a></li>]]></record></datastore>`, true},
		{"lone lt", "<p>1 < 2 <3</p>", true},
		{"script with lt", "<script>if (a<b && c>d) {}</script>", true},
		{"void self-closing", "<br/><img src=a /><hr/>", true},
		{"unquoted value with slash", "<a href=/x/>y</a>", true},
		{"heading closes heading", "<h1>a<h2>b</h2>", true},
		{"anchor with span closed", "<a href=/x><span>y</a>z", true},
		{"text joined over ignored tags", "<div>a</x>b</y>c<td>d</div>", true},

		{"nested a", "<a href=1>x<a href=2>y</a>", false},
		{"misnested formatting", "<b><i>x</b>y</i>", false},
		{"formatting across p", "<p><b>x<p>y", false},
		{"text in table", "<table>x<tr><td>y</td></tr></table>", false},
		{"div in table", "<table><div>x</div></table>", false},
		{"frameset", "<frameset><frame src=a></frameset>", false},
		{"select", `<select onchange="go(this)"><option value="">友情链接<option value=/a>A</option><optgroup label=g><option>B</select>`, true},
		{"nested select", "<select><option>a<select><option>b</select>", true},
		{"input closes select", "<select><option>a<input name=q>b", true},
		{"hr in select", "<select><option>a<hr><option>b</select>", true},
		{"option outside select", "<div><option>a<option>b</div>", true},
		{"repeated html and body", `<html lang=zh><body class=a><div>x<html lang=en dir=ltr><body id=b class=c>y</div>`, true},
		{"doctype in body", "<p>a<!DOCTYPE html>b</p>", true},
		{"svg", "<svg><path d=x /></svg>", false},
		{"script in a comment", "<script language=javascript><!--\nfunction go(u){location=u}\n//--></script><p>x</p>", true},
		{"script double-escaped", "<script><!-- document.write('<script src=a></script>') --></script><p>x</p>", false},
		{"nul", "a\x00b", false},
		{"unterminated tag", "<div class=", false},
		{"textarea", "<textarea>x</textarea>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason := check(t, tt.name, []byte(tt.in))
			if fast := reason == ""; fast != tt.fast {
				t.Errorf("fast path %v (refusal %q), want %v", fast, reason, tt.fast)
			}
		})
	}
}

// corpus reads every file under dir.
func corpus(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".txt") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[p] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRealPages runs the differential check on the real government pages
// and the fixtures of the page readers and the tampering scan.
func TestRealPages(t *testing.T) {
	files := map[string][]byte{}
	for _, dir := range []string{"../page/testdata", "../tamper/testdata"} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for k, v := range corpus(t, dir) {
			files[k] = v
		}
	}
	if len(files) == 0 {
		t.Fatal("no pages found")
	}
	reasons := map[string]int{}
	fast := 0
	for name, body := range files {
		if r := check(t, name, body); r != "" {
			reasons[r]++
		} else {
			fast++
		}
	}
	t.Logf("%d of %d pages built by the fast path; refusals: %v", fast, len(files), reasons)
}

// provincePages fetches every page a demo province serves.
func provincePages(t *testing.T, p *demo.Province) map[string][]byte {
	t.Helper()
	h := p.Handler()
	out := map[string][]byte{}
	for _, u := range p.URLs() {
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, u, nil)
		req.Host = pu.Host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Header().Get("Content-Type"), "html") {
			continue
		}
		b, _ := io.ReadAll(rec.Body)
		out[u] = b
	}
	return out
}

// TestProvincePages runs the differential check on every HTML page of the
// demo province and of a synthetic one (the benchmark's pages), and holds
// the fast path to the share it reaches on them: a change that makes it
// refuse the common pages would slow every audit without failing anything
// else.
func TestProvincePages(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		p       *demo.Province
		minFast float64
	}{
		{"demo", demo.New(now), 0.9},
		{"synthetic", demo.Synthetic(24, now), 0.9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := provincePages(t, tc.p)
			reasons := map[string]int{}
			fast := 0
			for u, body := range pages {
				if r := check(t, u, body); r != "" {
					reasons[r]++
				} else {
					fast++
				}
			}
			share := float64(fast) / float64(len(pages))
			var rs []string
			for r, n := range reasons {
				rs = append(rs, r+"="+itoa(n))
			}
			sort.Strings(rs)
			t.Logf("%d of %d pages built by the fast path (%.1f%%); refusals: %s", fast, len(pages), 100*share, strings.Join(rs, ", "))
			if share < tc.minFast {
				t.Errorf("fast path built %.1f%% of the pages, want at least %.0f%%", 100*share, 100*tc.minFast)
			}
		})
	}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
