package page

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Parse parses an HTML body (already decoded to UTF-8) once; callers reuse
// the document for Links, Redirect, Frames, ReadList and ReadDetail.
func Parse(body []byte) (*goquery.Document, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return doc, nil
}

// root returns the document node of doc, or nil.
func root(doc *goquery.Document) *html.Node {
	if doc == nil || doc.Selection == nil || len(doc.Nodes) == 0 {
		return nil
	}
	return doc.Nodes[0]
}

// documentBase returns the URL relative references resolve against: the
// document's <base href> when it has one, else base. A nil base becomes an
// empty URL, against which relative references stay relative (and are then
// dropped by callers that need absolute http(s) URLs).
func documentBase(top *html.Node, base *url.URL) *url.URL {
	if base == nil {
		base = &url.URL{}
	}
	head := findFirst(top, atom.Head, 3)
	if head == nil {
		return base
	}
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Base {
			continue
		}
		if href := strings.TrimSpace(attr(c, "href")); href != "" {
			if u, err := base.Parse(href); err == nil {
				return u
			}
		}
		break
	}
	return base
}

// findFirst returns the first element with atom a within depth levels of n.
func findFirst(n *html.Node, a atom.Atom, depth int) *html.Node {
	if n == nil || depth < 0 {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode && c.Type != html.DocumentNode {
			continue
		}
		if c.DataAtom == a {
			return c
		}
		if f := findFirst(c, a, depth-1); f != nil {
			return f
		}
	}
	return nil
}

// resolve turns a raw href or src into an absolute http(s) URL without its
// fragment. It rejects empty and fragment-only references and the
// javascript:, mailto:, tel: and data: schemes.
func resolve(base *url.URL, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" || ref[0] == '#' {
		return "", false
	}
	if i := strings.IndexByte(ref, ':'); i > 0 && i < 12 {
		switch strings.ToLower(ref[:i]) {
		case "http", "https":
		default:
			// javascript:, mailto:, tel:, data:, vbscript:, about:, ftp: …
			// A colon later in a relative path ("a/b:c") is not a scheme,
			// but such hrefs do not occur on the sites we read.
			if !strings.ContainsAny(ref[:i], "/?.") {
				return "", false
			}
		}
	}
	u, err := base.Parse(ref)
	if err != nil {
		return "", false
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u.String(), true
}
