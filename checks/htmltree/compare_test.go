package htmltree_test

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// diffTrees returns "" when got and want are the same tree, node for node,
// or a description of the first difference with the path to it.
func diffTrees(got, want *html.Node) string {
	return diffNode(got, want, "#document")
}

func diffNode(got, want *html.Node, path string) string {
	if got.Type != want.Type || got.DataAtom != want.DataAtom || got.Data != want.Data || got.Namespace != want.Namespace {
		return fmt.Sprintf("%s: got %s, want %s", path, describe(got), describe(want))
	}
	if len(got.Attr) != len(want.Attr) {
		return fmt.Sprintf("%s: got attributes %v, want %v", path, got.Attr, want.Attr)
	}
	for i := range got.Attr {
		if got.Attr[i] != want.Attr[i] {
			return fmt.Sprintf("%s: got attributes %v, want %v", path, got.Attr, want.Attr)
		}
	}
	g, w := got.FirstChild, want.FirstChild
	for i := 0; g != nil || w != nil; i++ {
		p := fmt.Sprintf("%s/%d", path, i)
		switch {
		case g == nil:
			return fmt.Sprintf("%s: got no node, want %s", p, describe(w))
		case w == nil:
			return fmt.Sprintf("%s: got %s, want no node", p, describe(g))
		}
		if g.Parent != got || (g.PrevSibling == nil) != (w.PrevSibling == nil) {
			return fmt.Sprintf("%s: broken links", p)
		}
		if d := diffNode(g, w, p+"("+describe(w)+")"); d != "" {
			return d
		}
		g, w = g.NextSibling, w.NextSibling
	}
	if (got.LastChild == nil) != (want.LastChild == nil) {
		return fmt.Sprintf("%s: broken last child", path)
	}
	return ""
}

func describe(n *html.Node) string {
	switch n.Type {
	case html.ElementNode:
		return "<" + n.Data + ">"
	case html.TextNode:
		s := n.Data
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return fmt.Sprintf("text %q", s)
	case html.CommentNode:
		return fmt.Sprintf("comment %q", n.Data)
	case html.DoctypeNode:
		return fmt.Sprintf("doctype %q %v", n.Data, n.Attr)
	case html.DocumentNode:
		return "document"
	}
	return fmt.Sprintf("node type %d", n.Type)
}

// reference parses body with x/net/html.
func reference(body []byte) (*html.Node, error) {
	return html.Parse(strings.NewReader(string(body)))
}
