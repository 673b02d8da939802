package htmltree

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Parse returns the tree html.Parse builds for body, or ok == false when
// body leaves the part of HTML this package handles (see the package
// comment); the caller then parses body with x/net/html.
func Parse(body []byte) (doc *html.Node, ok bool) {
	_, doc, ok = parse(body)
	return doc, ok
}

// parse is Parse that also says why it refused, for tests.
func parse(body []byte) (reason string, doc *html.Node, ok bool) {
	if bytes.IndexByte(body, 0) >= 0 {
		return "NUL byte", nil, false
	}
	// Nodes and attributes come from slabs sized for the page: one node per
	// start tag, text run and implied element, which came to 1.1 for every
	// '<' over the synthetic province's pages (end tags make none, text
	// runs and implied elements make up for them); attribute values follow
	// an '='. A slab that runs out is continued 64 nodes at a time.
	b := &builder{
		lx:   lexer{src: string(body), attrs: make([]html.Attribute, 0, min(bytes.Count(body, []byte{'='})+8, 1024))},
		slab: make([]html.Node, bytes.Count(body, []byte{'<'})+16),
	}
	b.doc = b.newNode()
	b.doc.Type = html.DocumentNode
	b.oe = make([]*html.Node, 0, 32)
	defer func() {
		if r := recover(); r != nil {
			bo, isBailout := r.(bailout)
			if !isBailout {
				panic(r)
			}
			reason, doc, ok = bo.reason, nil, false
		}
	}()
	b.run()
	return "", b.doc, true
}

// mode is an insertion mode of the tree-construction algorithm.
type mode int

const (
	initial mode = iota
	beforeHTML
	beforeHead
	inHead
	afterHead
	inBody
	inTable
	inTableBody
	inRow
	inCell
	afterBody
	afterAfterBody
	text
)

// builder is the tree-construction state: the stack of open elements, the
// list of active formatting elements and the insertion mode.
//
// The list of active formatting elements is kept equal to the formatting
// elements on the stack above the last marker: any step that would pop a
// formatting element the list still holds (which x/net/html would later
// reconstruct, or resolve by the adoption agency algorithm) bails. With that
// invariant, reconstructing the active formatting elements never has
// anything to do.
type builder struct {
	lx   lexer
	doc  *html.Node
	oe   []*html.Node
	afe  []*html.Node // nil is a marker
	head *html.Node
	form *html.Node
	mode mode
	// original is the mode to return to after a raw text element.
	original mode
	// fostering is set while a table mode processes a token with the "in
	// body" rules; inserting anything then would be foster-parented.
	fostering bool
	slab      []html.Node
	// joined holds the text of text nodes that later text was joined to.
	joined map[*html.Node][]byte
}

func (b *builder) run() {
	for {
		t := b.lx.next()
		for !b.step(&t) {
		}
		if t.typ == html.StartTagToken && b.lx.rawTag != "" && b.mode != text {
			bail("raw text element not inserted")
		}
		if t.typ == html.ErrorToken {
			for n, text := range b.joined {
				n.Data = string(text)
			}
			return
		}
	}
}

// step processes t in the current mode and reports whether it was
// consumed; false means the mode changed and t is to be processed again.
func (b *builder) step(t *token) bool {
	switch b.mode {
	case initial:
		return b.initial(t)
	case beforeHTML:
		return b.beforeHTML(t)
	case beforeHead:
		return b.beforeHead(t)
	case inHead:
		return b.inHead(t)
	case afterHead:
		return b.afterHead(t)
	case inBody:
		return b.inBody(t)
	case inTable:
		return b.inTable(t)
	case inTableBody:
		return b.inTableBody(t)
	case inRow:
		return b.inRow(t)
	case inCell:
		return b.inCell(t)
	case afterBody:
		return b.afterBody(t)
	case afterAfterBody:
		return b.afterAfterBody(t)
	case text:
		return b.text(t)
	}
	panic("htmltree: unknown mode")
}

const whitespace = " \t\r\n\f"

func (b *builder) newNode() *html.Node {
	if len(b.slab) == 0 {
		b.slab = make([]html.Node, 64)
	}
	n := &b.slab[0]
	b.slab = b.slab[1:]
	return n
}

func (b *builder) top() *html.Node {
	if len(b.oe) == 0 {
		return b.doc
	}
	return b.oe[len(b.oe)-1]
}

func appendChild(parent, c *html.Node) {
	c.Parent = parent
	if last := parent.LastChild; last != nil {
		last.NextSibling = c
		c.PrevSibling = last
	} else {
		parent.FirstChild = c
	}
	parent.LastChild = c
}

// addChild appends n to the current node.
func (b *builder) addChild(n *html.Node) {
	if b.fostering {
		bail("foster parenting")
	}
	appendChild(b.top(), n)
}

func (b *builder) addComment(parent *html.Node, data string) {
	n := b.newNode()
	n.Type = html.CommentNode
	n.Data = data
	appendChild(parent, n)
}

// addText appends s to the current node, joining it to a text node there.
func (b *builder) addText(s string) {
	if s == "" {
		return
	}
	if b.fostering {
		bail("foster parenting")
	}
	top := b.top()
	if last := top.LastChild; last != nil && last.Type == html.TextNode {
		// Joined text is collected and written once at the end: joining
		// strings one run at a time is quadratic on "a</x>a</x>…".
		if b.joined == nil {
			b.joined = make(map[*html.Node][]byte)
		}
		buf, ok := b.joined[last]
		if !ok {
			buf = []byte(last.Data)
		}
		b.joined[last] = append(buf, s...)
		return
	}
	n := b.newNode()
	n.Type = html.TextNode
	n.Data = s
	appendChild(top, n)
}

// addElement inserts t's element at the current node and pushes it.
func (b *builder) addElement(t *token) *html.Node {
	n := b.newNode()
	n.Type = html.ElementNode
	n.DataAtom = t.atom
	n.Data = t.data
	n.Attr = t.attr
	b.addChild(n)
	b.oe = append(b.oe, n)
	if len(b.oe) > 512 {
		bail("open elements exceed 512")
	}
	return n
}

// implied is the token of an element the algorithm inserts by itself.
func implied(a atom.Atom) *token {
	return &token{typ: html.StartTagToken, atom: a, data: a.String()}
}

// isMarkerElement reports whether opening n pushes a marker onto the list
// of active formatting elements.
func isMarkerElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Applet, atom.Marquee, atom.Object, atom.Td, atom.Th, atom.Caption:
		return true
	}
	return false
}

// inActiveFormatting reports whether n is in the list of active formatting
// elements.
func (b *builder) inActiveFormatting(n *html.Node) bool {
	for i := len(b.afe) - 1; i >= 0; i-- {
		if b.afe[i] == n {
			return true
		}
	}
	return false
}

// popTo pops the elements from index i of the stack up. Popping a marker
// element clears the list of active formatting elements up to its marker,
// as every x/net/html step that pops one does; popping a formatting element
// that stays listed, or a marker element that is not the lowest popped,
// bails.
func (b *builder) popTo(i int) {
	clears := isMarkerElement(b.oe[i])
	for j := len(b.oe) - 1; j >= i; j-- {
		n := b.oe[j]
		if j > i && isMarkerElement(n) {
			bail("marker element popped implicitly")
		}
		if !clears && formatting(n.DataAtom) && b.inActiveFormatting(n) {
			bail("formatting element popped implicitly")
		}
	}
	b.oe = b.oe[:i]
	if clears {
		b.clearToMarker()
	}
}

func (b *builder) pop() { b.popTo(len(b.oe) - 1) }

// clearToMarker removes the entries of the list of active formatting
// elements up to and including the last marker.
func (b *builder) clearToMarker() {
	for i := len(b.afe) - 1; i >= 0; i-- {
		if b.afe[i] == nil {
			b.afe = b.afe[:i]
			return
		}
	}
	b.afe = b.afe[:0]
}

type scope int

const (
	defaultScope scope = iota
	listItemScope
	buttonScope
	tableScope
)

// indexInScope returns the index of the highest element with one of the
// atoms in scope s, or -1.
func (b *builder) indexInScope(s scope, as ...atom.Atom) int {
	for i := len(b.oe) - 1; i >= 0; i-- {
		a := b.oe[i].DataAtom
		for _, want := range as {
			if a == want {
				return i
			}
		}
		switch s {
		case listItemScope:
			if a == atom.Ol || a == atom.Ul {
				return -1
			}
		case buttonScope:
			if a == atom.Button {
				return -1
			}
		case tableScope:
			if a == atom.Html || a == atom.Table || a == atom.Template {
				return -1
			}
		}
		if s != tableScope && defaultScopeStop(a) {
			return -1
		}
	}
	return -1
}

func (b *builder) inScope(s scope, as ...atom.Atom) bool { return b.indexInScope(s, as...) >= 0 }

// popUntil pops the highest element with one of the atoms in scope s and
// everything above it; it reports whether there was one.
func (b *builder) popUntil(s scope, as ...atom.Atom) bool {
	i := b.indexInScope(s, as...)
	if i < 0 {
		return false
	}
	b.popTo(i)
	return true
}

// generateImpliedEndTags pops the elements whose end tags may be left out
// (dd, dt, li, p, …), except those named except.
func (b *builder) generateImpliedEndTags(except string) {
	i := len(b.oe) - 1
	for ; i >= 0; i-- {
		n := b.oe[i]
		if !impliedEnd(n.DataAtom) || n.Data == except {
			break
		}
	}
	if i+1 < len(b.oe) {
		b.popTo(i + 1)
	}
}

// clearStackToContext pops up to the nearest of stop (html and template
// always stop).
func (b *builder) clearStackToContext(stop ...atom.Atom) {
	for i := len(b.oe) - 1; i >= 0; i-- {
		a := b.oe[i].DataAtom
		if a == atom.Html || a == atom.Template {
			if i+1 < len(b.oe) {
				b.popTo(i + 1)
			}
			return
		}
		for _, s := range stop {
			if a == s {
				if i+1 < len(b.oe) {
					b.popTo(i + 1)
				}
				return
			}
		}
	}
}

// remove takes n out of the stack wherever it is.
func (b *builder) remove(n *html.Node) {
	for i := len(b.oe) - 1; i >= 0; i-- {
		if b.oe[i] == n {
			b.oe = append(b.oe[:i], b.oe[i+1:]...)
			return
		}
	}
}

// resetInsertionMode chooses the mode from the stack of open elements.
func (b *builder) resetInsertionMode() {
	for i := len(b.oe) - 1; i >= 0; i-- {
		last := i == 0
		switch b.oe[i].DataAtom {
		case atom.Td, atom.Th:
			b.mode = inCell
		case atom.Tr:
			b.mode = inRow
		case atom.Tbody, atom.Thead, atom.Tfoot:
			b.mode = inTableBody
		case atom.Table:
			b.mode = inTable
		case atom.Caption, atom.Colgroup, atom.Template, atom.Frameset:
			bail("reset to an unhandled mode")
		case atom.Head:
			b.mode = inHead
		case atom.Body:
			b.mode = inBody
		case atom.Html:
			if b.head == nil {
				b.mode = beforeHead
			} else {
				b.mode = afterHead
			}
		default:
			if last {
				b.mode = inBody
				return
			}
			continue
		}
		return
	}
}

// rawTextElement inserts a script, style, title or other element whose
// content the lexer reads as raw text.
func (b *builder) rawTextElement(t *token) {
	b.addElement(t)
	b.original = b.mode
	b.mode = text
}

func (b *builder) text(t *token) bool {
	switch t.typ {
	case html.TextToken:
		b.addText(t.data)
	case html.EndTagToken:
		b.pop()
		b.mode = b.original
	default:
		bail("token inside raw text")
	}
	return true
}

func (b *builder) initial(t *token) bool {
	switch t.typ {
	case html.TextToken:
		t.data = strings.TrimLeft(t.data, whitespace)
		if t.data == "" {
			return true
		}
	case html.CommentToken:
		b.addComment(b.doc, t.data)
		return true
	case html.DoctypeToken:
		appendChild(b.doc, b.doctypeNode(t.raw))
		b.mode = beforeHTML
		return true
	}
	b.mode = beforeHTML
	return false
}

// doctypeNode builds the doctype node as x/net/html does, by letting it
// parse the doctype alone: the name and the public and system identifiers
// follow rules that are not worth repeating for one node per page. Sites
// repeat one doctype on every page, so the result is kept by source.
func (b *builder) doctypeNode(raw string) *html.Node {
	var proto *html.Node
	if v, ok := doctypes.Load(raw); ok {
		proto = v.(*html.Node)
	} else {
		d, err := html.Parse(strings.NewReader(raw))
		if err != nil || d.FirstChild == nil || d.FirstChild.Type != html.DoctypeNode {
			bail("doctype")
		}
		proto = d.FirstChild
		d.RemoveChild(proto)
		if doctypeCount.Add(1) <= maxDoctypes {
			doctypes.Store(raw, proto)
		}
	}
	n := b.newNode()
	n.Type, n.Data, n.Attr = html.DoctypeNode, proto.Data, slices.Clone(proto.Attr)
	return n
}

// doctypes caches doctype nodes by their source, up to maxDoctypes of them.
var (
	doctypes     sync.Map
	doctypeCount atomic.Int64
)

const maxDoctypes = 256

func (b *builder) beforeHTML(t *token) bool {
	switch t.typ {
	case html.DoctypeToken:
		return true
	case html.TextToken:
		t.data = strings.TrimLeft(t.data, whitespace)
		if t.data == "" {
			return true
		}
	case html.StartTagToken:
		if t.atom == atom.Html {
			b.addElement(t)
			b.mode = beforeHead
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Head, atom.Body, atom.Html, atom.Br:
		default:
			return true
		}
	case html.CommentToken:
		b.addComment(b.doc, t.data)
		return true
	}
	b.addElement(implied(atom.Html))
	b.mode = beforeHead
	return false
}

func (b *builder) beforeHead(t *token) bool {
	switch t.typ {
	case html.TextToken:
		t.data = strings.TrimLeft(t.data, whitespace)
		if t.data == "" {
			return true
		}
	case html.StartTagToken:
		switch t.atom {
		case atom.Head:
			b.head = b.addElement(t)
			b.mode = inHead
			return true
		case atom.Html:
			return b.inBody(t)
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Head, atom.Body, atom.Html, atom.Br:
		default:
			return true
		}
	case html.CommentToken:
		b.addComment(b.top(), t.data)
		return true
	case html.DoctypeToken:
		return true
	}
	b.head = b.addElement(implied(atom.Head))
	b.mode = inHead
	return false
}

// leadingSpace adds the leading whitespace of a text token to the current
// node and leaves the rest in t; it reports whether nothing is left.
func (b *builder) leadingSpace(t *token) bool {
	s := strings.TrimLeft(t.data, whitespace)
	if len(s) < len(t.data) {
		b.addText(t.data[:len(t.data)-len(s)])
		t.data = s
	}
	return s == ""
}

func (b *builder) inHead(t *token) bool {
	switch t.typ {
	case html.TextToken:
		if b.leadingSpace(t) {
			return true
		}
	case html.StartTagToken:
		switch t.atom {
		case atom.Html:
			return b.inBody(t)
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta:
			b.addElement(t)
			b.pop()
			return true
		case atom.Noscript, atom.Script, atom.Title, atom.Noframes, atom.Style:
			b.rawTextElement(t)
			return true
		case atom.Head:
			return true
		case atom.Template:
			bail("template")
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Head:
			b.pop()
			b.mode = afterHead
			return true
		case atom.Body, atom.Html, atom.Br:
		case atom.Template:
			bail("template")
		default:
			return true
		}
	case html.CommentToken:
		b.addComment(b.top(), t.data)
		return true
	case html.DoctypeToken:
		return true
	}
	b.pop()
	b.mode = afterHead
	return false
}

func (b *builder) afterHead(t *token) bool {
	switch t.typ {
	case html.TextToken:
		if b.leadingSpace(t) {
			return true
		}
	case html.StartTagToken:
		switch t.atom {
		case atom.Html:
			return b.inBody(t)
		case atom.Frameset, atom.Template:
			bail("<" + t.data + "> after head")
		case atom.Body:
			b.addElement(t)
			b.mode = inBody
			return true
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Noframes, atom.Script, atom.Style, atom.Title:
			if b.head == nil {
				bail("no head")
			}
			b.oe = append(b.oe, b.head)
			b.inHead(t)
			b.remove(b.head)
			return true
		case atom.Head:
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Body, atom.Html, atom.Br:
		case atom.Template:
			bail("template")
		default:
			return true
		}
	case html.CommentToken:
		b.addComment(b.top(), t.data)
		return true
	case html.DoctypeToken:
		return true
	}
	b.addElement(implied(atom.Body))
	b.mode = inBody
	return t.typ == html.ErrorToken
}

func (b *builder) inBody(t *token) bool {
	switch t.typ {
	case html.TextToken:
		d := t.data
		if top := b.top(); (top.DataAtom == atom.Pre || top.DataAtom == atom.Listing) && top.FirstChild == nil {
			// A newline at the start of a <pre> block is not content.
			d = strings.TrimPrefix(d, "\n")
		}
		b.addText(d)
	case html.StartTagToken:
		b.inBodyStart(t)
	case html.EndTagToken:
		return b.inBodyEnd(t)
	case html.CommentToken:
		b.addComment(b.top(), t.data)
	case html.DoctypeToken:
		// Ignored.
	}
	return true
}

func (b *builder) inBodyStart(t *token) {
	a := t.atom
	switch {
	case headElements(a):
		if a == atom.Template {
			bail("template")
		}
		if a == atom.Base || a == atom.Basefont || a == atom.Bgsound || a == atom.Link || a == atom.Meta {
			b.addElement(t)
			b.pop()
			return
		}
		b.rawTextElement(t)
	case closesP(a):
		b.popUntil(buttonScope, atom.P)
		b.addElement(t)
	case headings(a):
		b.popUntil(buttonScope, atom.P)
		if headings(b.top().DataAtom) {
			b.pop()
		}
		b.addElement(t)
	case a == atom.Pre || a == atom.Listing:
		b.popUntil(buttonScope, atom.P)
		b.addElement(t)
	case a == atom.Form:
		if b.form != nil {
			return
		}
		b.popUntil(buttonScope, atom.P)
		b.form = b.addElement(t)
	case a == atom.Li || a == atom.Dd || a == atom.Dt:
		b.listItem(t)
	case a == atom.Button:
		if b.inScope(defaultScope, atom.Button) {
			bail("nested button")
		}
		b.addElement(t)
	case a == atom.A:
		for i := len(b.afe) - 1; i >= 0 && b.afe[i] != nil; i-- {
			if b.afe[i].DataAtom == atom.A {
				bail("nested a")
			}
		}
		b.addFormatting(t)
	case formatting(a) && a != atom.Nobr:
		b.addFormatting(t)
	case a == atom.Applet || a == atom.Marquee || a == atom.Object:
		b.addElement(t)
		b.afe = append(b.afe, nil)
	case a == atom.Table:
		if b.inScope(buttonScope, atom.P) {
			// Whether the table closes the p depends on the document's
			// quirks mode.
			bail("table in p")
		}
		b.addElement(t)
		b.mode = inTable
	case a == atom.Area || a == atom.Br || a == atom.Embed || a == atom.Img || a == atom.Keygen || a == atom.Wbr ||
		a == atom.Param || a == atom.Source || a == atom.Track:
		b.addElement(t)
		b.pop()
	case a == atom.Input:
		b.popUntil(defaultScope, atom.Select)
		b.addElement(t)
		b.pop()
	case a == atom.Hr:
		b.popUntil(buttonScope, atom.P)
		if b.inScope(defaultScope, atom.Select) {
			b.generateImpliedEndTags("")
		}
		b.addElement(t)
		b.pop()
	// x/net/html parses select as the "customizable select" of current
	// HTML: no insertion mode of its own, options closed by implied end
	// tags.
	case a == atom.Select:
		if b.popUntil(defaultScope, atom.Select) {
			return
		}
		b.addElement(t)
	case a == atom.Option || a == atom.Optgroup:
		if b.inScope(defaultScope, atom.Select) {
			if a == atom.Option {
				b.generateImpliedEndTags("optgroup")
			} else {
				b.generateImpliedEndTags("")
			}
		} else if b.top().DataAtom == atom.Option {
			b.pop()
		}
		b.addElement(t)
	case a == atom.Iframe || a == atom.Noembed || a == atom.Noscript:
		b.rawTextElement(t)
	case a == atom.Caption || a == atom.Col || a == atom.Colgroup || a == atom.Frame || a == atom.Head ||
		a == atom.Tbody || a == atom.Td || a == atom.Tfoot || a == atom.Th || a == atom.Thead || a == atom.Tr:
		// Ignored outside a table.
	case a == atom.Html:
		if len(b.oe) > 0 {
			copyAttributes(b.oe[0], t.attr)
		}
	case a == atom.Body:
		if len(b.oe) >= 2 && b.oe[1].DataAtom == atom.Body {
			copyAttributes(b.oe[1], t.attr)
		}
	case a == atom.Frameset || a == atom.Plaintext || a == atom.Nobr ||
		a == atom.Image || a == atom.Textarea || a == atom.Xmp || a == atom.Rb || a == atom.Rtc || a == atom.Rp || a == atom.Rt ||
		a == atom.Math || a == atom.Svg:
		bail("<" + t.data + ">")
	default:
		b.addElement(t)
	}
}

// copyAttributes adds to dst the attributes of a repeated <html> or <body>
// tag that it lacks.
func copyAttributes(dst *html.Node, attr []html.Attribute) {
	for _, a := range attr {
		found := false
		for _, d := range dst.Attr {
			if d.Key == a.Key {
				found = true
				break
			}
		}
		if !found {
			dst.Attr = append(dst.Attr, a)
		}
	}
}

// listItem opens an li, dd or dt, closing the open item it continues.
func (b *builder) listItem(t *token) {
	for i := len(b.oe) - 1; i >= 0; i-- {
		n := b.oe[i]
		if t.atom == atom.Li && n.DataAtom == atom.Li ||
			t.atom != atom.Li && (n.DataAtom == atom.Dd || n.DataAtom == atom.Dt) {
			b.popTo(i)
			break
		}
		if n.DataAtom == atom.Address || n.DataAtom == atom.Div || n.DataAtom == atom.P {
			continue
		}
		if special(n.DataAtom) && n.Namespace == "" {
			break
		}
	}
	b.popUntil(buttonScope, atom.P)
	b.addElement(t)
}

// addFormatting opens a formatting element and lists it.
func (b *builder) addFormatting(t *token) {
	same := 0
	for i := len(b.afe) - 1; i >= 0 && b.afe[i] != nil; i-- {
		if n := b.afe[i]; n.DataAtom == t.atom && n.Data == t.data {
			same++
		}
	}
	if same >= 3 {
		// Noah's Ark would drop the earliest from the list.
		bail("many identical formatting elements")
	}
	n := b.addElement(t)
	// x/net/html sorts a formatting element's attributes when it lists
	// the element (to compare it with others), and the tree keeps that
	// order.
	slices.SortFunc(n.Attr, func(x, y html.Attribute) int {
		return cmp.Or(cmp.Compare(x.Namespace, y.Namespace), cmp.Compare(x.Key, y.Key), cmp.Compare(x.Val, y.Val))
	})
	b.afe = append(b.afe, n)
}

func (b *builder) inBodyEnd(t *token) bool {
	a := t.atom
	switch {
	case a == atom.Body:
		if b.inScope(defaultScope, atom.Body) {
			b.mode = afterBody
		}
	case a == atom.Html:
		if b.inScope(defaultScope, atom.Body) {
			b.mode = afterBody
			return false
		}
	case blockEnd(a) || a == atom.Select:
		if !b.inScope(defaultScope, a) {
			return true
		}
		b.generateImpliedEndTags("")
		b.popUntil(defaultScope, a)
	case a == atom.Form:
		node := b.form
		b.form = nil
		i := b.indexInScope(defaultScope, atom.Form)
		if node == nil || i < 0 || b.oe[i] != node {
			return true
		}
		b.generateImpliedEndTags("")
		if b.top() == node {
			b.pop()
		} else {
			b.remove(node)
		}
	case a == atom.P:
		if !b.inScope(buttonScope, atom.P) {
			b.addElement(implied(atom.P))
		}
		b.popUntil(buttonScope, atom.P)
	case a == atom.Li:
		b.popUntil(listItemScope, atom.Li)
	case a == atom.Dd || a == atom.Dt:
		b.popUntil(defaultScope, a)
	case headings(a):
		b.popUntil(defaultScope, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
	case formatting(a):
		b.endFormatting(t)
	case a == atom.Applet || a == atom.Marquee || a == atom.Object:
		b.popUntil(defaultScope, a)
	case a == atom.Br:
		t.typ = html.StartTagToken
		t.attr = nil
		return false
	case a == atom.Template:
		bail("template")
	default:
		b.endOther(t)
	}
	return true
}

// endOther closes the nearest element named t, unless a special element
// comes first.
func (b *builder) endOther(t *token) {
	for i := len(b.oe) - 1; i >= 0; i-- {
		n := b.oe[i]
		if n.Namespace == "" && n.DataAtom == t.atom && (t.atom != 0 || n.Data == t.data) {
			b.popTo(i)
			return
		}
		if special(n.DataAtom) && n.Namespace == "" {
			return
		}
	}
}

// endFormatting handles the end tag of a formatting element in the cases
// that need no adoption agency: the element is the current node, or only
// ordinary (not special, not listed) elements are open above it.
func (b *builder) endFormatting(t *token) {
	if top := b.top(); top.DataAtom == t.atom && !b.inActiveFormatting(top) {
		b.pop()
		return
	}
	fe := -1
	for i := len(b.afe) - 1; i >= 0 && b.afe[i] != nil; i-- {
		if b.afe[i].DataAtom == t.atom {
			fe = i
			break
		}
	}
	if fe < 0 {
		b.endOther(t)
		return
	}
	el := b.afe[fe]
	at := -1
	for i := len(b.oe) - 1; i >= 0; i-- {
		if b.oe[i] == el {
			at = i
			break
		}
	}
	if at < 0 {
		bail("listed formatting element not open")
	}
	if !b.inScope(defaultScope, t.atom) {
		return
	}
	for _, n := range b.oe[at+1:] {
		if special(n.DataAtom) || b.inActiveFormatting(n) {
			bail("adoption agency")
		}
	}
	b.oe = b.oe[:at]
	b.afe = append(b.afe[:fe], b.afe[fe+1:]...)
}

func (b *builder) inTable(t *token) bool {
	switch t.typ {
	case html.TextToken:
		switch b.top().DataAtom {
		case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if strings.Trim(t.data, whitespace) == "" {
				b.addText(t.data)
				return true
			}
		}
	case html.StartTagToken:
		switch t.atom {
		case atom.Caption, atom.Colgroup, atom.Col, atom.Table, atom.Template:
			bail("<" + t.data + "> in table")
		case atom.Tbody, atom.Tfoot, atom.Thead:
			b.clearStackToContext(atom.Table)
			b.addElement(t)
			b.mode = inTableBody
			return true
		case atom.Td, atom.Th, atom.Tr:
			b.clearStackToContext(atom.Table)
			b.addElement(implied(atom.Tbody))
			b.mode = inTableBody
			return false
		case atom.Style, atom.Script:
			b.rawTextElement(t)
			return true
		case atom.Input:
			for _, at := range t.attr {
				if at.Key == "type" && strings.EqualFold(at.Val, "hidden") {
					b.addElement(t)
					b.pop()
					return true
				}
			}
		case atom.Form:
			if b.form != nil {
				return true
			}
			b.addElement(t)
			b.form = b.top()
			b.oe = b.oe[:len(b.oe)-1]
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Table:
			if b.popUntil(tableScope, atom.Table) {
				b.resetInsertionMode()
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			return true
		case atom.Template:
			bail("template")
		}
	case html.CommentToken:
		b.addComment(b.top(), t.data)
		return true
	case html.DoctypeToken:
		return true
	case html.ErrorToken:
		return b.inBody(t)
	}
	// Anything else is foster-parented: processed with the "in body"
	// rules, where any insertion bails.
	b.fostering = true
	defer func() { b.fostering = false }()
	if t.typ == html.StartTagToken {
		bail("foster parenting")
	}
	return b.inBody(t)
}

func (b *builder) inTableBody(t *token) bool {
	switch t.typ {
	case html.StartTagToken:
		switch t.atom {
		case atom.Tr:
			b.clearStackToContext(atom.Tbody, atom.Tfoot, atom.Thead)
			b.addElement(t)
			b.mode = inRow
			return true
		case atom.Td, atom.Th:
			b.clearStackToContext(atom.Tbody, atom.Tfoot, atom.Thead)
			b.addElement(implied(atom.Tr))
			b.mode = inRow
			return false
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead:
			if b.popUntil(tableScope, atom.Tbody, atom.Thead, atom.Tfoot) {
				b.mode = inTable
				return false
			}
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if b.inScope(tableScope, t.atom) {
				b.clearStackToContext(atom.Tbody, atom.Tfoot, atom.Thead)
				b.pop()
				b.mode = inTable
			}
			return true
		case atom.Table:
			if b.popUntil(tableScope, atom.Tbody, atom.Thead, atom.Tfoot) {
				b.mode = inTable
				return false
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th, atom.Tr:
			return true
		}
	case html.CommentToken:
		b.addComment(b.top(), t.data)
		return true
	}
	return b.inTable(t)
}

func (b *builder) inRow(t *token) bool {
	closeRow := func() {
		b.clearStackToContext(atom.Tr)
		b.pop()
		b.mode = inTableBody
	}
	switch t.typ {
	case html.StartTagToken:
		switch t.atom {
		case atom.Td, atom.Th:
			b.clearStackToContext(atom.Tr)
			b.addElement(t)
			b.afe = append(b.afe, nil)
			b.mode = inCell
			return true
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if b.inScope(tableScope, atom.Tr) {
				closeRow()
				return false
			}
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Tr:
			if b.inScope(tableScope, atom.Tr) {
				closeRow()
			}
			return true
		case atom.Table:
			if b.inScope(tableScope, atom.Tr) {
				closeRow()
				return false
			}
			return true
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if b.inScope(tableScope, t.atom) && b.inScope(tableScope, atom.Tr) {
				closeRow()
				return false
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th:
			return true
		}
	}
	return b.inTable(t)
}

func (b *builder) inCell(t *token) bool {
	switch t.typ {
	case html.StartTagToken:
		switch t.atom {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			if b.popUntil(tableScope, atom.Td, atom.Th) {
				b.mode = inRow
				return false
			}
			return true
		}
	case html.EndTagToken:
		switch t.atom {
		case atom.Td, atom.Th:
			if b.popUntil(tableScope, t.atom) {
				b.mode = inRow
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html:
			return true
		case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if !b.inScope(tableScope, t.atom) {
				return true
			}
			b.popUntil(tableScope, atom.Td, atom.Th)
			b.mode = inRow
			return false
		}
	}
	return b.inBody(t)
}

func (b *builder) afterBody(t *token) bool {
	switch t.typ {
	case html.ErrorToken:
		return true
	case html.TextToken:
		if strings.TrimLeft(t.data, whitespace) == "" {
			return b.inBody(t)
		}
	case html.StartTagToken:
		if t.atom == atom.Html {
			return b.inBody(t)
		}
	case html.EndTagToken:
		if t.atom == atom.Html {
			b.mode = afterAfterBody
			return true
		}
	case html.CommentToken:
		if len(b.oe) == 0 || b.oe[0].DataAtom != atom.Html {
			bail("no html element after body")
		}
		b.addComment(b.oe[0], t.data)
		return true
	}
	b.mode = inBody
	return false
}

func (b *builder) afterAfterBody(t *token) bool {
	switch t.typ {
	case html.ErrorToken:
		return true
	case html.TextToken:
		if strings.TrimLeft(t.data, whitespace) == "" {
			return b.inBody(t)
		}
	case html.StartTagToken:
		if t.atom == atom.Html {
			return b.inBody(t)
		}
	case html.CommentToken:
		b.addComment(b.doc, t.data)
		return true
	case html.DoctypeToken:
		return b.inBody(t)
	}
	b.mode = inBody
	return false
}
