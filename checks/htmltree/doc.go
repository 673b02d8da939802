// Package htmltree builds, fast, the same tree that golang.org/x/net/html's
// Parse builds, for the pages that stay within the part of HTML it handles.
//
// Building a DOM is the costliest step of an audit: x/net/html reads its
// input a byte at a time through a buffered reader, copies every token and
// runs the full HTML5 tree-construction algorithm, so that parsing a page
// costs more than fetching it. Most pages a government CMS writes are
// regular — tags closed in order, the optional end tags of li, p, td and tr
// left out, an implicit tbody — and for those the algorithm reduces to a
// stack of open elements and a few rules. This package scans the body with
// strings.IndexByte, takes strings from one copy of the body instead of one
// allocation per token, allocates nodes in slabs, and applies those rules.
//
// Everything else it refuses rather than approximates: foster parenting,
// the adoption agency algorithm, reconstruction of formatting elements,
// frames, select, foreign content, templates, the scripts whose raw text
// holds "<!--", a NUL byte, input ending inside a tag. Parse then reports
// false and the caller parses with x/net/html. The contract is exact: when
// Parse reports true, its tree equals html.Parse's node for node — types,
// names, atoms, attributes in order, text — which the differential and fuzz
// tests check against x/net/html itself. Nothing a check decides can
// therefore depend on which parser read the page.
package htmltree
