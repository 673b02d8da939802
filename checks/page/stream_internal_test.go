package page

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govaudit/govaudit/checks/htmltree"
)

// checkStreamTokens pins streamText's allocation-free tag reading to the
// tokenizer's own API: body is tokenized twice in step, each tag read with
// tagAtom and inlineHidden in one tokenizer and with TagName and the full
// attribute loop in the other, and the first disagreement is reported.
func checkStreamTokens(body []byte) error {
	fast := html.NewTokenizer(bytes.NewReader(body))
	slow := html.NewTokenizer(bytes.NewReader(body))
	for i := 0; ; i++ {
		tt := fast.Next()
		if st := slow.Next(); st != tt {
			return fmt.Errorf("token %d: types %v and %v", i, tt, st)
		}
		switch tt {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.EndTagToken:
			raw := string(fast.Raw())
			got := tagAtom(fast)
			name, _ := slow.TagName()
			if want := atom.Lookup(name); got != want {
				return fmt.Errorf("token %d %q: tagAtom %v, TagName %q (%v)", i, raw, got, name, want)
			}
			if tt == html.StartTagToken {
				if got, want := inlineHidden(fast), hiddenAttr(slow); got != want {
					return fmt.Errorf("token %d %q: inlineHidden %v, attributes say %v", i, raw, got, want)
				}
			}
		}
	}
}

// FuzzStreamTokens compares the two ways of reading tags on arbitrary
// bodies.
func FuzzStreamTokens(f *testing.F) {
	for _, s := range []string{
		`<P STYLE="Display: None">x</P><Script>a</SCRIPT>`,
		`<div hidden>x</div><DIV HIDDEN=hidden>y</DIV>`,
		"<a\x00b>x</a\x00b><br/><img/src=x>",
		`<textarea>a</textarea><title>t</title></ title>`,
		`<x-verylongcustomelementnamebeyondanyatom style="display:none">`,
		`<span class="style1" data-hidden-x="1">z</span>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if err := checkStreamTokens(body); err != nil {
			t.Error(err)
		}
	})
}

// runsOf collects what streamTokens passes on from z, stopping after limit
// runs (0: all).
func runsOf(z htmltree.Tokens, limit int) []string {
	var out []string
	streamTokens(z, func(b []byte) bool {
		out = append(out, string(b))
		return limit == 0 || len(out) < limit
	}, 0)
	return out
}

// TestStreamTextFastPath holds streamText, which reads with htmltree's
// tokenizer and starts over with x/net/html's when refused, to the runs
// x/net/html's tokenizer alone gives: on every fixture, on pages refused
// part way (a textarea, a script holding "<!--"), and when fn stops early.
func TestStreamTextFastPath(t *testing.T) {
	bodies := map[string][]byte{
		"refused in the middle": []byte(`<p>one</p><div style="display:none">hidden</div><p>two</p><textarea>t</textarea><p>three</p>`),
		"refused by a script":   []byte(`<p>有效性：</p><script><!-- document.write('<script src=a></script>') --></script><p>有效</p>`),
		"refused at the start":  []byte("\x00<p>a</p>"),
		"entities and newlines": []byte("<p>a&amp;b\r\nc</p><title>t</title><p>d</p>"),
	}
	for _, dir := range []string{"testdata", "testdata/realpages"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), "html") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			bodies[e.Name()] = b
		}
	}
	for name, body := range bodies {
		for _, limit := range []int{0, 1, 3} {
			want := runsOf(html.NewTokenizer(bytes.NewReader(body)), limit)
			var got []string
			streamText(body, func(b []byte) bool {
				got = append(got, string(b))
				return limit == 0 || len(got) < limit
			})
			if !slices.Equal(got, want) {
				t.Errorf("%s, limit %d: got runs %q, want %q", name, limit, got, want)
			}
		}
	}
}
