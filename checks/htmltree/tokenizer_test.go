package htmltree_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/govaudit/govaudit/checks/htmltree"
)

// tokenStream renders everything a scanner can read from a tokenizer:
// each token's type, source, text, name and attributes.
func tokenStream(z htmltree.Tokens) []string {
	var out []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		s := fmt.Sprintf("%v raw=%q", tt, z.Raw())
		switch tt {
		case html.TextToken, html.CommentToken, html.DoctypeToken:
			s += fmt.Sprintf(" text=%q", z.Text())
		default:
			name, more := z.TagName()
			s += fmt.Sprintf(" name=%q", name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				s += fmt.Sprintf(" %q=%q", k, v)
			}
		}
		out = append(out, s)
	}
}

// checkTokens fails t when the fast tokenizer, not refusing body, gives a
// token stream other than x/net/html's. It reports whether it refused.
func checkTokens(t *testing.T, name string, body []byte) bool {
	t.Helper()
	fast := htmltree.NewTokenizer(body)
	got := tokenStream(fast)
	if fast.Err() == htmltree.ErrRefused {
		return true
	}
	if fast.Err() != io.EOF {
		t.Errorf("%s: ended with %v, want EOF or ErrRefused", name, fast.Err())
	}
	want := tokenStream(html.NewTokenizer(bytes.NewReader(body)))
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("%s: token %d: got %s, want %s", name, i, g, w)
			return false
		}
	}
	return false
}

func TestTokenizerCases(t *testing.T) {
	tests := []struct {
		in      string
		refused bool
	}{
		{"", false},
		{"<!DOCTYPE html><html lang=zh><head><title>a &amp; b</title></head><body><p class=x>t&nbsp;u</p></body></html>", false},
		{"<br/><img src=a/><a href=x/ >y</a><input disabled/><a b=x/>", false},
		{`<a href="/x?a=1&b=2" HREF=dup title='t&lt;'>y</a>`, false},
		{"<script>if(a<b){document.write('<a href=x>y</a>')}</script><style>p{}</style>", false},
		{"<!-- c --><?xml?><![CDATA[x]]>a\r\nb", false},
		{"<noscript><img src=a></noscript><iframe src=b></iframe>", false},
		{"<textarea>x</textarea>", true},
		{"<script><!-- x --></script>", false},
		{"<script><!-- <script>x</script> --></script>", true},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if refused := checkTokens(t, tt.in, []byte(tt.in)); refused != tt.refused {
				t.Errorf("refused %v, want %v", refused, tt.refused)
			}
		})
	}
}

func TestTokenizerPages(t *testing.T) {
	files := map[string][]byte{}
	for _, dir := range []string{"../page/testdata", "../tamper/testdata"} {
		for k, v := range corpus(t, dir) {
			files[k] = v
		}
	}
	refused := 0
	for name, body := range files {
		if checkTokens(t, name, body) {
			refused++
		}
	}
	t.Logf("%d of %d pages refused", refused, len(files))
}

func TestTokenizerRandom(t *testing.T) {
	n := *randomDocs
	if testing.Short() {
		n /= 10
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < n && !t.Failed(); i++ {
		var b strings.Builder
		for k := r.IntN(40); k >= 0; k-- {
			b.WriteString(randomFragments[r.IntN(len(randomFragments))])
		}
		checkTokens(t, b.String(), []byte(b.String()))
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"<a href=x/>y</a>", "<!doctype html><p>a&amp;b", "<script>a<b</script>", "<b/ c=d/>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkTokens(t, "fuzz", body)
	})
}
