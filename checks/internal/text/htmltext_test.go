package text

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// leafTexts parses an HTML fixture and returns the visible text of each
// element named in tags that contains no other such element: per cell, per
// list item, per span — the way checks/page reads dates, not the raw HTML.
func leafTexts(t *testing.T, path string, tags ...string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	want := make(map[string]bool, len(tags))
	for _, tag := range tags {
		want[tag] = true
	}
	var out []string
	var walk func(n *html.Node) bool // reports whether n holds a wanted element
	walk = func(n *html.Node) bool {
		holds := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				holds = true
			}
		}
		if n.Type != html.ElementNode || !want[n.Data] {
			return holds
		}
		if !holds {
			out = append(out, visibleText(n))
		}
		return true
	}
	walk(doc)
	return out
}

// visibleText concatenates the text under n, skipping scripts and styles,
// with a space between text nodes as a browser would at element edges.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return Clean(b.String())
}

// metaContent returns the content attribute of <meta name=name>.
func metaContent(t *testing.T, path, name string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var found string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" {
			var isName bool
			var content string
			for _, a := range n.Attr {
				switch a.Key {
				case "name":
					isName = a.Val == name
				case "content":
					content = a.Val
				}
			}
			if isName && found == "" {
				found = content
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == "" {
		t.Fatalf("%s: no <meta name=%q>", path, name)
	}
	return found
}
