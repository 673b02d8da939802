package config

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// document parses data as a single YAML document and returns its top-level
// mapping, or nil for an empty file or after a problem.
func (d *decoder) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			d.syntax(err, data)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		d.errorf(&next, "a config holds one yaml document; remove the second one (the --- line and what follows)")
	case !errors.Is(err, io.EOF):
		d.syntax(err, data)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "expected a mapping of keys such as store, schedule and sites at the top level, got %s", describe(root))
		return nil
	}
	return root
}

// syntaxLine matches the yaml library's "yaml: line N: message" errors.
var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// unknownAnchor matches the error for an alias whose anchor is not defined.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntax turns a YAML syntax error into a problem on its line. The library
// reports the line of most errors but no column, and no position at all for
// an undefined alias or a byte it cannot read; those are found in data.
func (d *decoder) syntax(err error, data []byte) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		p := Problem{Line: line, Message: "invalid yaml: " + m[2]}
		if strings.Contains(m[2], "tab character") {
			// The library names the line before the tab (the one whose
			// indentation the tab breaks); point at the tab itself.
			p.Line, p.Column = tabIndent(data, line)
			p.Message = "invalid yaml: a tab in the indentation (YAML indents with spaces only)"
		}
		d.errs = append(d.errs, p)
		return
	}
	off := -1
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		off = aliasOffset(data, m[1])
	} else {
		off = unreadableOffset(data)
	}
	p := Problem{Message: "invalid yaml: " + msg}
	if off >= 0 {
		p.Line, p.Column = lineColumn(data, off)
	}
	d.errs = append(d.errs, p)
}

// aliasOffset returns the offset of the first "*name" alias in data, or -1.
func aliasOffset(data []byte, name string) int {
	alias := []byte("*" + name)
	for from := 0; ; {
		i := bytes.Index(data[from:], alias)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(alias)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,]}"), data[end]) >= 0 {
			return i
		}
		from = i + 1
	}
}

// unreadableOffset returns the offset of the first byte the YAML reader
// refuses (invalid UTF-8 or a control character), or -1. It only knows
// UTF-8, the encoding configs are written in.
func unreadableOffset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size == 1) || !yamlPrintable(r) {
			return i
		}
		i += size
	}
	return -1
}

// yamlPrintable is YAML 1.1's set of characters a stream may hold.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// lineColumn converts a byte offset into a 1-based line and a 1-based
// column counted in characters, as yaml.Node positions are.
func lineColumn(data []byte, off int) (line, col int) {
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

// tabIndent finds the first line at or after from whose indentation holds a
// tab, and the tab's column; from itself when there is none.
func tabIndent(data []byte, from int) (line, col int) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if i+1 < from {
			continue
		}
		for j, c := range l {
			if c == '\t' {
				return i + 1, j + 1
			}
			if c != ' ' {
				break
			}
		}
	}
	return from, 0
}
