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

// resolver resolves the links of one document against its base. Most
// links are plain paths ("/zwgk/zcwj/index.html", "./202611/t20261120_1.html",
// "content_200514.html?id=3"); for those it builds the result by joining
// strings, which is what resolve's parse, ResolveReference and String
// amount to, without their allocations. Everything else goes through
// resolve. TestResolverAgrees and FuzzResolver pin the two together.
type resolver struct {
	base *url.URL
	// prefix is scheme://host as base.String writes it; "" when the base
	// is not a plain http(s) URL and every reference takes the slow path.
	prefix string
	// dir is base's path up to its last '/', or "" when relative
	// references must take the slow path (a path with characters or dot
	// segments that resolution would rewrite).
	dir string
}

func newResolver(base *url.URL) *resolver {
	r := &resolver{base: base}
	if base == nil || base.Opaque != "" || base.User != nil || base.Host == "" ||
		base.Scheme != "http" && base.Scheme != "https" {
		return r
	}
	r.prefix = (&url.URL{Scheme: base.Scheme, Host: base.Host}).String()
	dir := base.EscapedPath()
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		dir = dir[:i+1]
	} else {
		dir = "/"
	}
	if plainPath(dir) && !strings.HasPrefix(dir, "//") {
		r.dir = dir
	}
	return r
}

// resolve is resolve(r.base, ref), faster for plain paths.
func (r *resolver) resolve(ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if r.prefix != "" {
		if u, ok := r.join(ref); ok {
			return u, true
		}
	}
	return resolve(r.base, ref)
}

// join returns the resolved address of a plain reference, or false when
// ref is not one: a path of unreserved characters and slashes without dot
// segments, not starting with "//", optionally followed by a query of
// printable ASCII without '#'. Such a path comes out of parsing, dot-segment
// removal and escaping unchanged, and the query is kept verbatim.
func (r *resolver) join(ref string) (string, bool) {
	path, query := ref, ""
	if i := strings.IndexByte(ref, '?'); i >= 0 {
		path, query = ref[:i], ref[i:]
	}
	if path == "" || path[0] == '.' || !plainPath(path) || !plainQuery(query) {
		return "", false
	}
	if path[0] == '/' {
		if len(path) > 1 && path[1] == '/' {
			return "", false // a network-path reference: another host
		}
		return r.prefix + ref, true
	}
	if r.dir == "" {
		return "", false
	}
	return r.prefix + r.dir + ref, true
}

// plainPath reports whether p has only unreserved characters (RFC 3986)
// and slashes, and no dot segment ("/." starts every one of them).
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
			return false
		}
	}
	return !strings.Contains(p, "/.")
}

// plainQuery reports whether q (empty, or starting with '?') is printable
// ASCII without '#' or spaces: url.Parse keeps such a query as it is.
func plainQuery(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return false
		}
	}
	return true
}
