package page

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// resolverBases are the document addresses the resolver is checked
// against: ordinary ones and every kind the fast path must refuse.
var resolverBases = []string{
	"http://www.a.gov.cn/zwgk/tzgg/index.html",
	"http://www.a.gov.cn/zwgk/tzgg/",
	"https://WWW.A.GOV.CN:8443/col/col1050/index.html?uid=1&pageNum=2",
	"http://www.a.gov.cn",
	"http://www.a.gov.cn/a/./b/../c/d.html",
	"http://www.a.gov.cn//double/slash.html",
	"http://www.a.gov.cn/%E6%94%BF%E5%8A%A1/index.html",
	"http://www.a.gov.cn/政务/index.html",
	"http://user:pw@www.a.gov.cn/a/b.html",
	"http://[::1]:8080/a/b.html",
	"ftp://www.a.gov.cn/a/b.html",
	"mailto:x@a.gov.cn",
	"/relative/base.html",
	"",
}

// resolverRefs are references the corpus does not cover.
var resolverRefs = []string{
	"", " ", "#", "#top", "/", "//", "///x", "//www.b.gov.cn/x.html", "/a//b.html", "a//b/",
	".", "..", "./", "../", "./a.html", "../a.html", "a/./b.html", "a/../b.html", "/a/..", "/a/.", ".hidden",
	"a.html", "a.html?", "a.html??x", "a.html?x=1&y=%zz", "a.html?x=#y", "?page=2", "a.html?q=中文", "a.html?q=a b",
	"/a b.html", "/a%20b.html", "/a%zz.html", "/中文.html", "/a:b.html", "a:b.html", "http://www.b.gov.cn/x.html",
	"HTTP://WWW.B.GOV.CN/X.HTML", "javascript:void(0)", "mailto:x@a.gov.cn", " /a.html ", "\t./a.html\n", "/a\x7f.html",
	"/a.html?x=\x01", "/~user/x-y_z.html", "/A/B/C.HTML",
}

// corpusRefs returns the href and src values of every fixture page.
func corpusRefs(t *testing.T) []string {
	t.Helper()
	var refs []string
	for _, glob := range []string{"testdata/*.html", "testdata/realpages/*.html"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := parse(t, b)
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				for _, a := range n.Attr {
					if a.Key == "href" || a.Key == "src" {
						refs = append(refs, a.Val)
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(root(doc))
		}
	}
	if len(refs) < 100 {
		t.Fatalf("only %d references in the corpus", len(refs))
	}
	return refs
}

// TestResolverAgrees pins the resolver's fast path to resolve: for every
// base and every reference both give the same answer.
func TestResolverAgrees(t *testing.T) {
	refs := append(corpusRefs(t), resolverRefs...)
	fast := 0
	for _, b := range resolverBases {
		base, err := url.Parse(b)
		if err != nil {
			t.Fatalf("base %q: %v", b, err)
		}
		r := newResolver(base)
		for _, ref := range refs {
			got, gotOK := r.resolve(ref)
			want, wantOK := resolve(base, ref)
			if got != want || gotOK != wantOK {
				t.Errorf("base %q, ref %q: resolver %q %v, resolve %q %v", b, ref, got, gotOK, want, wantOK)
			}
			if r.prefix != "" {
				if _, ok := r.join(ref); ok {
					fast++
				}
			}
		}
	}
	if fast == 0 {
		t.Error("no reference took the fast path: the comparison proves nothing")
	}
}

// FuzzResolver compares the resolver with resolve on arbitrary bases and
// references.
func FuzzResolver(f *testing.F) {
	for _, b := range resolverBases[:6] {
		for _, ref := range resolverRefs {
			f.Add(b, ref)
		}
	}
	f.Fuzz(func(t *testing.T, b, ref string) {
		base, err := url.Parse(b)
		if err != nil {
			return
		}
		got, gotOK := newResolver(base).resolve(ref)
		want, wantOK := resolve(base, ref)
		if got != want || gotOK != wantOK {
			t.Errorf("base %q, ref %q: resolver %q %v, resolve %q %v", b, ref, got, gotOK, want, wantOK)
		}
	})
}
