package checks

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// maxVisibleText bounds the text taken from one page for keyword mentions.
const maxVisibleText = 64 << 10

// visibleText returns the text a reader sees: text nodes outside script,
// style, template and comments, separated by spaces, bounded in size.
func visibleText(doc *goquery.Document) string {
	if doc == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if b.Len() >= maxVisibleText {
			return
		}
		switch n.Type {
		case html.TextNode:
			if t := strings.TrimSpace(n.Data); t != "" {
				b.WriteString(t)
				b.WriteByte(' ')
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template", "noscript":
				return
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return b.String()
}
