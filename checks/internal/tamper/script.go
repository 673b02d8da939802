package tamper

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A classic injection writes the spam from a script, so that the page's
// HTML source looks clean to a casual look:
//
//	<script>document.write('<div style="display:none"><a href="http://…">百家乐</a></div>')</script>
//
// documentWrites recovers what such a script writes, without running it, for
// Scan to read as if it stood in place of the script, as a browser would.

// maxWritten bounds what documentWrites returns for one script.
const maxWritten = 256 << 10

// maxDecodeDepth bounds nested decoder calls such as unescape(unescape(…))
// and parentheses.
const maxDecodeDepth = 4

// Variables are looked up by scanning the script before the call, so the
// lookups of one script are bounded: spam scripts are short, and a long
// library that writes a computed variable is not what is looked for.
const (
	maxLookups      = 64
	maxLookupScript = 64 << 10
)

// documentWrites returns the markup that js writes with document.write and
// document.writeln, as far as it is made of string literals: literals
// joined with +, literals passed through unescape, decodeURI or
// decodeURIComponent, and variables assigned such expressions earlier in
// the script (var s = '…'; s += '…'; document.write(s)). Anything computed
// is skipped.
func documentWrites(js string) string {
	var out strings.Builder
	lookups := 0
	if len(js) > maxLookupScript {
		lookups = maxLookups
	}
	for i := 0; ; {
		k := strings.Index(js[i:], "document.write")
		if k < 0 {
			break
		}
		call := i + k
		rest := js[call+len("document.write"):]
		rest = strings.TrimPrefix(rest, "ln")
		rest = strings.TrimLeft(rest, " \t\r\n")
		i = call + len("document.write")
		if !strings.HasPrefix(rest, "(") {
			continue
		}
		p := &jsExpr{before: js[:call], lookups: &lookups}
		for arg := rest[1:]; ; {
			v, n := p.expr(arg, 0)
			out.WriteString(v)
			arg = strings.TrimLeft(arg[n:], " \t\r\n")
			if n == 0 || !strings.HasPrefix(arg, ",") { // writeln('a', 'b')
				break
			}
			arg = arg[1:]
		}
		if out.Len() > maxWritten {
			break
		}
	}
	return out.String()
}

// jsExpr evaluates the literal parts of a JavaScript expression. before is
// the script text before the expression, where variables are looked up;
// lookups counts the lookups of the script, nil when variables are not
// looked up (inside an assignment).
type jsExpr struct {
	before  string
	lookups *int
}

// expr reads a +-joined expression at the start of s and returns its value
// and the number of bytes read; unreadable terms stop the expression.
func (p *jsExpr) expr(s string, depth int) (string, int) {
	var b strings.Builder
	i := 0
	for {
		j := i + skipSpace(s[i:])
		v, n := p.operand(s[j:], depth)
		if n == 0 {
			return b.String(), i
		}
		b.WriteString(v)
		j += n
		i = j
		j += skipSpace(s[j:])
		if j >= len(s) || s[j] != '+' || j+1 < len(s) && (s[j+1] == '+' || s[j+1] == '=') {
			return b.String(), i
		}
		i = j + 1
	}
}

// operand reads one string literal, decoder call or variable.
func (p *jsExpr) operand(s string, depth int) (string, int) {
	if s == "" {
		return "", 0
	}
	switch s[0] {
	case '\'', '"', '`':
		return stringLiteral(s)
	case '(':
		if depth >= maxDecodeDepth {
			return "", 0
		}
		v, n := p.expr(s[1:], depth+1)
		j := 1 + n + skipSpace(s[1+n:])
		if n == 0 || j >= len(s) || s[j] != ')' {
			return "", 0
		}
		return v, j + 1
	}
	name := identAt(s)
	if name == "" {
		return "", 0
	}
	after := s[len(name):]
	switch name {
	case "unescape", "decodeURI", "decodeURIComponent", "window.unescape":
		k := skipSpace(after)
		if depth >= maxDecodeDepth || k >= len(after) || after[k] != '(' {
			return "", 0
		}
		v, n := p.expr(after[k+1:], depth+1)
		j := k + 1 + n + skipSpace(after[k+1+n:])
		if n == 0 || j >= len(after) || after[j] != ')' {
			return "", 0
		}
		return percentDecode(v), len(name) + j + 1
	}
	if p.lookups == nil || *p.lookups >= maxLookups {
		return "", 0
	}
	*p.lookups++
	v, ok := p.variable(name, depth)
	if !ok {
		return "", 0
	}
	return v, len(name)
}

// variable returns the value of name from the assignments in p.before:
// "name = expr" sets it, "name += expr" appends to it.
func (p *jsExpr) variable(name string, depth int) (string, bool) {
	var b strings.Builder
	found := false
	src := p.before
	for i := 0; ; {
		k := strings.Index(src[i:], name)
		if k < 0 {
			break
		}
		at := i + k
		i = at + len(name)
		if at > 0 && isIdentByte(src[at-1]) || i < len(src) && isIdentByte(src[i]) {
			continue
		}
		rest := src[i:]
		rest = rest[skipSpace(rest):]
		appendTo := strings.HasPrefix(rest, "+=")
		switch {
		case appendTo:
			rest = rest[2:]
		case strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "=="):
			rest = rest[1:]
		default:
			continue
		}
		inner := &jsExpr{}
		v, n := inner.expr(rest, depth+1)
		if n == 0 {
			continue
		}
		if !appendTo {
			b.Reset()
		}
		b.WriteString(v)
		found = true
		if b.Len() > maxWritten {
			break
		}
	}
	return b.String(), found
}

// stringLiteral reads a JavaScript string literal at the start of s and
// returns its value and length, or 0 when s does not hold a whole literal.
// In a template literal, ${…} substitutions are left out.
func stringLiteral(s string) (string, int) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1
		case c == '\n' && q != '`':
			return "", 0
		case c == '$' && q == '`' && i+1 < len(s) && s[i+1] == '{':
			k := strings.IndexByte(s[i:], '}')
			if k < 0 {
				return "", 0
			}
			i += k + 1
		case c == '\\' && i+1 < len(s):
			r, n := jsEscape(s[i+1:])
			if r >= 0 {
				b.WriteRune(r)
			}
			i += 1 + n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0
}

// jsEscape decodes the escape sequence after a backslash and returns the
// rune (-1 for a line continuation) and the bytes read.
func jsEscape(s string) (rune, int) {
	switch s[0] {
	case 'n':
		return '\n', 1
	case 't':
		return '\t', 1
	case 'r':
		return '\r', 1
	case 'b', 'f', 'v', '0':
		return ' ', 1
	case '\n':
		return -1, 1
	case 'x':
		if v, err := strconv.ParseUint(prefix(s[1:], 2), 16, 8); err == nil && len(s) >= 3 {
			return rune(v), 3
		}
	case 'u':
		if strings.HasPrefix(s, "u{") {
			if k := strings.IndexByte(s, '}'); k > 2 && k < 10 {
				if v, err := strconv.ParseUint(s[2:k], 16, 32); err == nil && v <= utf8.MaxRune {
					return rune(v), k + 1
				}
			}
			break
		}
		if v, err := strconv.ParseUint(prefix(s[1:], 4), 16, 16); err == nil && len(s) >= 5 {
			r := rune(v)
			// A surrogate pair: \uD83D\uDE00.
			if 0xD800 <= r && r < 0xDC00 && len(s) >= 11 && s[5] == '\\' && s[6] == 'u' {
				if lo, err := strconv.ParseUint(s[7:11], 16, 16); err == nil && 0xDC00 <= lo && lo < 0xE000 {
					return 0x10000 + (r-0xD800)<<10 + rune(lo) - 0xDC00, 11
				}
			}
			return r, 5
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return r, n
}

// percentDecode undoes %HH and %uHHHH escapes, as unescape and
// decodeURIComponent do; %HH bytes are taken as UTF-8.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+6 <= len(s) && (s[i+1] == 'u' || s[i+1] == 'U') {
				if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
					b.WriteRune(rune(v))
					i += 5
					continue
				}
			}
			if i+3 <= len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					b.WriteByte(byte(v))
					i += 2
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// prefix returns the first n bytes of s, or all of s.
func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// identAt returns the identifier, possibly dotted (window.unescape), at the
// start of s.
func identAt(s string) string {
	i := 0
	for i < len(s) && (isIdentByte(s[i]) || s[i] == '.' && i > 0) {
		i++
	}
	if i == 0 || isDigit(s[0]) {
		return ""
	}
	return strings.TrimRight(s[:i], ".")
}

func isIdentByte(c byte) bool { return isWordByte(c) || c == '_' || c == '$' }

// skipSpace returns the number of leading JavaScript whitespace bytes.
func skipSpace(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}
