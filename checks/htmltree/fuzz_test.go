package htmltree_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/govaudit/govaudit/checks/htmltree"
)

// FuzzParse holds the package's contract on any input: either the fast
// parser refuses, or its tree is x/net/html's.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "<p>x", "<ul><li>a<li>b</ul>", "<table><tr><td>a<td>b</table>",
		"<a href='x?a=1&b=2&amp;c'>y</a>", "<!DOCTYPE html><title>&amp;</title><p>a</p>",
		"<div><b>x</b></div></p></br>", "<html><head></head>\n<script>a<b</script><body></body></html><!--x-->",
		"<pre>\nx</pre><dl><dt>a<dd>b</dl><form><input></form><marquee><a>x</a></marquee>",
		"<?x?><![CDATA[<li>]]><iframe src=a></iframe><noscript><p></noscript>",
	} {
		f.Add([]byte(s))
	}
	if paths, err := filepath.Glob("../page/testdata/*.html"); err == nil {
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		_, got, ok := htmltree.ParseWithReason(body)
		if !ok {
			return
		}
		want, err := reference(body)
		if err != nil {
			t.Fatalf("x/net/html failed (%v) where the fast parser did not", err)
		}
		if d := diffTrees(got, want); d != "" {
			t.Fatalf("trees differ: %s\ninput: %q", d, body)
		}
	})
}
