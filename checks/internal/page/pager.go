package page

import (
	"net/url"
	"strconv"
	"strings"
)

// pager is what a list page says about its pagination.
type pager struct {
	pages   int    // total pages, 0 when unknown
	current int    // 0-based index of this page (TRS counts from 0)
	name    string // file name stem of the pages: "index" → index_1.html
	ext     string // "html", "shtml"
	trs     bool   // pages, current, name and ext come from createPageHTML
}

// trsPager reads the TRS WCM pager from inline scripts:
//
//	createPageHTML(pageCount, current, "index", "html")
//	createPageHTML(records, pageCount, current, "index", "html")
//	createPageHTML("pageDiv", pageCount, current, "index", "html", records)
//
// The two numbers right before the name are the page count and the current
// page, whatever comes before or after. Identifiers are resolved from
// integer assignments in the same scripts (var countPage = 56). Without a
// call, the variables countPage/pageCount/totalPage give the page count.
func trsPager(scripts []string) pager {
	vars := make(map[string]int)
	for _, src := range scripts {
		if containsAny(src, "page", "Page", "PAGE") {
			intAssignments(src, vars)
		}
	}
	for _, src := range scripts {
		for off := 0; ; {
			i := strings.Index(src[off:], "createPageHTML")
			if i < 0 {
				break
			}
			i += off
			off = i + len("createPageHTML")
			if strings.HasSuffix(strings.TrimRight(src[:i], " \t"), "function") {
				continue // the definition, not a call
			}
			j := skipSpaces(src, off)
			if j >= len(src) || src[j] != '(' {
				continue
			}
			args, ok := jsArgs(src, j+1)
			if !ok {
				continue
			}
			if p, ok := pagerFromArgs(args, vars); ok {
				return p
			}
		}
	}
	p := pager{}
	for _, k := range []string{"countpage", "pagecount", "totalpage", "totalpages", "page_count", "pagesize_count"} {
		if v, ok := vars[k]; ok && v > 0 {
			p.pages = v
			break
		}
	}
	for _, k := range []string{"currentpage", "curpage", "currpage", "current_page", "pageindex"} {
		if v, ok := vars[k]; ok && v >= 0 {
			p.current = v
			break
		}
	}
	return p
}

// jsArg is one argument of a call: a number, a string or something else.
type jsArg struct {
	num   int
	str   string
	isNum bool
	isStr bool
	ident string
}

// jsArgs reads the arguments of a call whose '(' is just before src[i:].
func jsArgs(src string, i int) ([]jsArg, bool) {
	var args []jsArg
	for len(args) < 12 {
		i = skipSpaces(src, i)
		if i >= len(src) {
			return nil, false
		}
		var a jsArg
		switch c := src[i]; {
		case c == ')' && len(args) == 0:
			return args, true
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return nil, false
			}
			a.str, a.isStr = src[i+1:i+1+end], true
			i += end + 2
		default:
			k := i
			for k < len(src) && src[k] != ',' && src[k] != ')' && src[k] != '(' && src[k] != '\n' {
				k++
			}
			tok := strings.TrimSpace(src[i:k])
			if n, err := strconv.Atoi(tok); err == nil {
				a.num, a.isNum = n, true
			} else {
				a.ident = tok
			}
			i = k
		}
		args = append(args, a)
		i = skipSpaces(src, i)
		if i >= len(src) {
			return nil, false
		}
		switch src[i] {
		case ')':
			return args, true
		case ',':
			i++
		default:
			return nil, false
		}
	}
	return nil, false
}

// pagerFromArgs interprets the arguments of a createPageHTML call.
func pagerFromArgs(args []jsArg, vars map[string]int) (pager, bool) {
	for i := range args {
		if !args[i].isNum && !args[i].isStr && args[i].ident != "" {
			if v, ok := vars[strings.ToLower(args[i].ident)]; ok {
				args[i].num, args[i].isNum = v, true
			}
		}
	}
	var strs []int
	for i, a := range args {
		if a.isStr {
			strs = append(strs, i)
		}
	}
	p := pager{name: "index", ext: "html", trs: true}
	at := len(args) // index of the name argument
	if len(strs) >= 2 {
		at = strs[len(strs)-2]
		p.name = args[at].str
		p.ext = args[strs[len(strs)-1]].str
	}
	if at < 2 || !args[at-2].isNum || !args[at-1].isNum {
		return pager{}, false
	}
	p.pages, p.current = args[at-2].num, args[at-1].num
	if p.pages < 0 || p.current < 0 || p.name == "" || p.ext == "" {
		return pager{}, false
	}
	return p, true
}

// intAssignments records "name = 123" assignments of src in vars, keyed by
// the lower-cased name. The first assignment of a name wins.
func intAssignments(src string, vars map[string]int) {
	for off := 0; ; {
		i := strings.IndexByte(src[off:], '=')
		if i < 0 {
			return
		}
		i += off
		off = i + 1
		if i+1 < len(src) && src[i+1] == '=' {
			off = i + 2 // == or ===
			continue
		}
		if i > 0 && strings.IndexByte("=!<>+-*/%&|^", src[i-1]) >= 0 {
			continue
		}
		end := i
		for end > 0 && (src[end-1] == ' ' || src[end-1] == '\t') {
			end--
		}
		start := end
		for start > 0 && isIdent(src[start-1]) {
			start--
		}
		if start == end {
			continue
		}
		j := skipSpaces(src, i+1)
		k := j
		for k < len(src) && '0' <= src[k] && src[k] <= '9' {
			k++
		}
		if k == j || k-j > 9 || k < len(src) && (isIdent(src[k]) || src[k] == '.') {
			continue
		}
		name := strings.ToLower(src[start:end])
		if _, ok := vars[name]; !ok {
			vars[name], _ = strconv.Atoi(src[j:k])
		}
	}
}

// textPages finds "共N页" (or "共 N 页") in visible page text.
func textPages(s string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], "共")
		if i < 0 {
			return 0
		}
		i += off
		off = i + len("共")
		j := skipSpaces(s, off)
		k := j
		for k < len(s) && '0' <= s[k] && s[k] <= '9' {
			k++
		}
		if k == j || k-j > 6 {
			continue
		}
		if strings.HasPrefix(s[skipSpaces(s, k):], "页") {
			n, _ := strconv.Atoi(s[j:k])
			return n
		}
	}
}

// trsNext returns the page after p.current: name_N.ext next to base.
func trsNext(base *url.URL, name, ext string, current int) string {
	u, ok := resolve(base, name+"_"+strconv.Itoa(current+1)+"."+ext)
	if !ok {
		return ""
	}
	return u
}

// stemOf splits the last path segment of u into a TRS page stem and
// extension: index.html → index, html; index_3.shtml → index, shtml. A
// directory URL gives index, html.
func stemOf(u *url.URL) (name, ext string) {
	name, ext = "index", "html"
	if u == nil {
		return
	}
	seg := u.Path[strings.LastIndexByte(u.Path, '/')+1:]
	dot := strings.LastIndexByte(seg, '.')
	if dot <= 0 || dot == len(seg)-1 {
		return
	}
	stem, e := seg[:dot], seg[dot+1:]
	if us := strings.LastIndexByte(stem, '_'); us > 0 {
		if _, err := strconv.Atoi(stem[us+1:]); err == nil {
			stem = stem[:us]
		}
	}
	return stem, e
}
