package tamper

import "golang.org/x/net/html/atom"

// The tokenizer does not build a tree, so Scan keeps its own stack of open
// elements. These tables give it the few rules of the HTML parser that
// matter for hiding: which tags end a text block, which never have an end
// tag, and which close an open element implicitly — a hidden <p> or <li>
// left unclosed would otherwise hide the rest of the page.

// breaksBlock reports elements that start or end a block of text: words on
// either side of them do not run together.
func breaksBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr,
		atom.Li, atom.Main, atom.Marquee, atom.Nav, atom.Ol, atom.Option, atom.P,
		atom.Pre, atom.Section, atom.Select, atom.Table, atom.Tbody, atom.Td,
		atom.Textarea, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Body,
		atom.Head, atom.Html, atom.Button, atom.Summary, atom.Menu, atom.Legend:
		return true
	}
	return false
}

// voidElement reports elements that never have an end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.Param, atom.Keygen:
		return true
	}
	return false
}

// closesParagraph reports start tags that close an open <p>.
func closesParagraph(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dd, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Li, atom.Main, atom.Menu,
		atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Table, atom.Ul, atom.Xmp:
		return true
	}
	return false
}

// The scope functions report the elements that stop the search for an
// element to close implicitly: a <p> inside a table cell is not closed by
// a <div> outside the cell's content, a <li> of an inner list does not
// close the item of the outer one.

func pScope(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Td, atom.Th, atom.Caption, atom.Marquee, atom.Object,
		atom.Applet, atom.Html, atom.Button, atom.Template:
		return true
	}
	return false
}

func listScope(a atom.Atom) bool {
	switch a {
	case atom.Ul, atom.Ol, atom.Dl, atom.Menu, atom.Table, atom.Tbody, atom.Thead,
		atom.Tr, atom.Td, atom.Th, atom.Body, atom.Html, atom.Marquee, atom.Object,
		atom.Section, atom.Nav, atom.Article, atom.Header, atom.Footer, atom.Aside,
		atom.Main, atom.Form, atom.Fieldset, atom.Blockquote, atom.Figure, atom.Select:
		return true
	}
	return false
}

func cellScope(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot, atom.Html:
		return true
	}
	return false
}

func tableScope(a atom.Atom) bool { return a == atom.Table || a == atom.Html }

func optionScope(a atom.Atom) bool { return a != atom.Option && a != atom.Optgroup }

// closeImplied closes the elements that a start tag of a closes without an
// end tag (a paragraph before a block, a list item before the next one), so
// that a hidden element left unclosed does not hide the rest of the page.
func (s *scanner) closeImplied(a atom.Atom) {
	if closesParagraph(a) {
		s.closeNearest([]atom.Atom{atom.P}, pScope)
	}
	switch a {
	case atom.Li:
		s.closeNearest([]atom.Atom{atom.Li}, listScope)
	case atom.Dd, atom.Dt:
		s.closeNearest([]atom.Atom{atom.Dd, atom.Dt}, listScope)
	case atom.Td, atom.Th:
		s.closeNearest([]atom.Atom{atom.Td, atom.Th}, cellScope)
	case atom.Tr:
		s.closeNearest([]atom.Atom{atom.Tr}, tableScope)
	case atom.Option:
		s.closeNearest([]atom.Atom{atom.Option}, optionScope)
	case atom.A:
		s.closeNearest([]atom.Atom{atom.A}, cellScope)
	}
}

// closeNearest pops to the nearest open element among targets, unless an
// element of scope comes first.
func (s *scanner) closeNearest(targets []atom.Atom, scope func(atom.Atom) bool) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		a := s.stack[i].a
		for _, t := range targets {
			if a == t {
				s.popTo(i)
				return
			}
		}
		if scope(a) {
			return
		}
	}
}
