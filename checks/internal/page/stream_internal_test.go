package page

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
