package tamper

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScan runs Scan on arbitrary bodies: it must not panic, and what it
// returns must be well formed.
func FuzzScan(f *testing.F) {
	synthetic, err := filepath.Glob(filepath.Join("testdata", "synthetic", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, files := range [][]string{synthetic, realPageFiles(f)} {
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, pageURL)
		}
	}
	f.Add([]byte(`<script>document.write('<div style="display:none"><a href="//x.com">百家乐')</script></a>`), "")
	f.Add([]byte(`<script>var a='x';a+=a;a+=a;document.write(a+a+unescape(unescape('%25u767e')))</script>`), "http://[::1]/")
	f.Add([]byte(`<style>.a{display:none}@media{.b{</style><p class="a b"><a href="http:///">`), "::")
	f.Add([]byte(`<noscript><noscript><a href=http://x.com>六合彩</noscript>`), "http://x.com")
	f.Fuzz(func(t *testing.T, body []byte, page string) {
		got := Scan(body, page)
		if len(got) > maxFindings {
			t.Errorf("got %d findings, more than %d", len(got), maxFindings)
		}
		for _, g := range got {
			switch g.Kind {
			case KindSpamText:
				if g.URL != "" {
					t.Errorf("spam-text with URL %q", g.URL)
				}
			case KindHiddenLink, KindSpamLink:
				if !strings.HasPrefix(g.URL, "http://") && !strings.HasPrefix(g.URL, "https://") {
					t.Errorf("%s with URL %q", g.Kind, g.URL)
				}
			default:
				t.Errorf("unknown kind %q", g.Kind)
			}
			if g.Evidence == "" {
				t.Errorf("%s without evidence", g.Kind)
			}
		}
	})
}
