package htmltree

import (
	"errors"
	"io"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrRefused is the error of a Tokenizer whose input left the handled
// subset. The tokens it gave until then were right; the caller starts over
// with x/net/html's tokenizer, which reads everything.
var ErrRefused = errors.New("htmltree: input outside the handled subset")

// Tokens is what a streaming scanner reads of a tokenizer. x/net/html's
// *html.Tokenizer and *Tokenizer both have these methods and give the same
// tokens through them, so a scanner written against Tokens can start over
// with x/net/html when a Tokenizer refuses its input.
type Tokens interface {
	Next() html.TokenType
	Raw() []byte
	Text() []byte
	TagName() (name []byte, hasAttr bool)
	TagAttr() (key, val []byte, moreAttr bool)
}

var (
	_ Tokens = (*html.Tokenizer)(nil)
	_ Tokens = (*Tokenizer)(nil)
)

// Tokenizer gives the tokens x/net/html's Tokenizer gives, through the same
// methods, for the inputs Parse handles, without reading a byte at a time
// and without copying what needs no decoding. It serves scanners that only
// stream tokens (the tampering scan). Unlike x/net/html's, it also refuses
// a start tag of textarea, xmp or plaintext, whose content that tokenizer
// reads in ways this one does not.
type Tokenizer struct {
	l    lexer
	body []byte
	tok  token
	err  error
	// textRead and nameRead mirror x/net/html, where Text and TagName
	// give the data once per token.
	textRead, nameRead bool
	nAttr              int
	scratch            []byte
	attrBase           []html.Attribute
}

// NewTokenizer returns a Tokenizer reading body, which must not change
// while it is read.
func NewTokenizer(body []byte) *Tokenizer {
	// The lexer reads a string; the body is not copied into one, because
	// no string the lexer cuts from it outlives the Tokenizer: Text,
	// TagName and TagAttr hand out the body itself or copies.
	src := unsafe.String(unsafe.SliceData(body), len(body))
	z := &Tokenizer{body: body, l: lexer{src: src}, attrBase: make([]html.Attribute, 0, 64)}
	if strings.IndexByte(z.l.src, 0) >= 0 {
		z.err = ErrRefused
	}
	return z
}

// Err is io.EOF at the end of the input, ErrRefused when the input left the
// handled subset, nil otherwise.
func (z *Tokenizer) Err() error { return z.err }

// Next reads the next token and returns its type.
func (z *Tokenizer) Next() (tt html.TokenType) {
	if z.err != nil {
		return html.ErrorToken
	}
	z.textRead, z.nameRead, z.nAttr = false, false, 0
	z.scratch = z.scratch[:0]
	// Attribute slices are not kept beyond the token: one slab serves all.
	z.l.attrs = z.attrBase[:0]
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			z.err, tt = ErrRefused, html.ErrorToken
		}
	}()
	z.tok = z.l.next()
	switch z.tok.typ {
	case html.ErrorToken:
		z.err = io.EOF
	case html.StartTagToken:
		switch z.tok.atom {
		case atom.Textarea, atom.Xmp, atom.Plaintext:
			bail("<" + z.tok.data + ">")
		}
		if z.tok.selfClosing {
			return html.SelfClosingTagToken
		}
	}
	return z.tok.typ
}

// Raw returns the source of the current token.
func (z *Tokenizer) Raw() []byte { return z.body[z.tok.start:z.tok.end] }

// Text returns the decoded data of a text, comment or doctype token, once.
func (z *Tokenizer) Text() []byte {
	if z.textRead {
		return nil
	}
	switch z.tok.typ {
	case html.TextToken, html.CommentToken:
		z.textRead = true
		if z.tok.typ == html.TextToken && len(z.tok.data) == z.tok.end-z.tok.start && string(z.body[z.tok.start:z.tok.end]) == z.tok.data {
			// Nothing was decoded: the source itself is the text.
			return z.body[z.tok.start:z.tok.end]
		}
		return []byte(z.tok.data)
	case html.DoctypeToken:
		z.textRead = true
		// What follows "<!DOCTYPE" and its spaces, up to the '>'.
		d := strings.TrimLeft(z.tok.raw[len("<!doctype"):len(z.tok.raw)-1], " \t\n\r\f")
		return []byte(decodeText(d))
	}
	return nil
}

// TagName returns the lower-cased name of a start or end tag, once, and
// whether the tag has attributes.
func (z *Tokenizer) TagName() (name []byte, hasAttr bool) {
	switch z.tok.typ {
	case html.StartTagToken, html.EndTagToken:
	default:
		return nil, false
	}
	if z.nameRead {
		return nil, z.nAttr < len(z.tok.attr)
	}
	z.nameRead = true
	start := len(z.scratch)
	z.scratch = append(z.scratch, z.tok.data...)
	return z.scratch[start:len(z.scratch):len(z.scratch)], z.nAttr < len(z.tok.attr)
}

// TagAttr returns the next attribute of a start tag, lower-cased key and
// decoded value, and whether more follow.
func (z *Tokenizer) TagAttr() (key, val []byte, moreAttr bool) {
	if z.tok.typ != html.StartTagToken || z.nAttr >= len(z.tok.attr) {
		return nil, nil, false
	}
	a := z.tok.attr[z.nAttr]
	z.nAttr++
	start := len(z.scratch)
	z.scratch = append(z.scratch, a.Key...)
	mid := len(z.scratch)
	z.scratch = append(z.scratch, a.Val...)
	return z.scratch[start:mid:mid], z.scratch[mid:len(z.scratch):len(z.scratch)], z.nAttr < len(z.tok.attr)
}
