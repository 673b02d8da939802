package page

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/govaudit/govaudit/checks/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Detail is what a detail (article) page says about itself.
type Detail struct {
	Title      string    // <meta name="ArticleTitle">, else the metadata 标题/名称, else <h1>, else <title>
	Published  time.Time // midnight in loc; zero if no date was found
	YearKnown  bool
	DateSource string // "meta:PubDate", "label:发布日期", "label:成文日期", "url", "text": where Published came from
	Validity   string // the 有效性 field when present (有效/失效/废止/已修改/部分失效/部分有效/现行有效), else ""
	// Meta is the metadata block: 索引号, 主题分类, 发布机构/发文机关, 成文日期,
	// 发文字号, 发布日期, 有效性 … keyed by text.Normalize'd label ("索 引 号"
	// → "索引号"), values cleaned.
	Meta map[string]string
	Text string // visible body text outside menus and footers, cleaned, at most MaxDetailText bytes
}

// MaxDetailText bounds Detail.Text.
const MaxDetailText = 20000

// Label sets in the order ReadDetail trusts them for the publication date.
var (
	pubMetas      = []string{"pubdate", "publishdate", "firstpublishedtime", "article:published_time", "maketime"}
	pubLabels     = []string{"发布日期", "发布时间", "时间发布", "发文日期", "公开日期", "生成日期", "发表日期", "发表时间"}
	writtenLabels = []string{"成文日期", "成文时间"}
	weakLabels    = []string{"日期", "时间"}
	validLabels   = []string{"有效性", "效力状态", "时效性", "效力"}
)

// textDateWindow is how far into the visible text a date may stand and
// still be the page's own date (the top part: title, byline, info box).
const textDateWindow = 3000

// ReadDetail reads the title, publication date, metadata block, 有效性
// and body text of a detail page. pageURL is the page's address (its date
// is a fallback); loc is the timezone of the dates (nil means UTC).
//
// Publication date, first found wins: a PubDate-like <meta>; a metadata
// field 发布日期/发布时间/时间发布/发文日期/公开日期/生成日期; 成文日期; the
// URL; a plain 日期/时间 field; the first full date in the top of the text.
// Comments are not content: a block commented out by the template (邯郸's
// 有效期) is not read.
func ReadDetail(doc *goquery.Document, pageURL string, loc *time.Location) Detail {
	if loc == nil {
		loc = time.UTC
	}
	d := Detail{Meta: make(map[string]string)}
	top := root(doc)
	if top == nil {
		return d
	}
	w := detailWalker{meta: d.Meta, metas: make(map[string]string), names: make(map[string]string)}
	w.text.reset(MaxDetailText * 3)
	w.walk(top, 0)

	d.Text = truncate(text.Clean(string(w.text.b)), MaxDetailText)
	d.Title = firstNonEmpty(text.Clean(w.metas["articletitle"]), d.Meta["标题"], d.Meta["名称"], d.Meta["文件名称"], w.h1, w.title)
	for _, k := range validLabels {
		if v := text.Normalize(d.Meta[k]); v != "" {
			d.Validity = canonValidity(v)
			break
		}
	}
	d.Published, d.YearKnown, d.DateSource = w.published(pageURL, d.Text, loc)
	return d
}

// published applies the date priority of ReadDetail.
func (w *detailWalker) published(pageURL, body string, loc *time.Location) (time.Time, bool, string) {
	for _, k := range pubMetas {
		if m, ok := fieldDate(w.metas[k]); ok {
			return m.Time(loc), true, "meta:" + w.names[k]
		}
	}
	for _, set := range [][]string{pubLabels, writtenLabels} {
		for _, k := range set {
			if m, ok := fieldDate(w.meta[k]); ok {
				return m.Time(loc), true, "label:" + k
			}
		}
	}
	if m, ok := text.DateFromURL(pageURL); ok && m.YearKnown {
		return m.Time(loc), true, "url"
	}
	for _, k := range weakLabels {
		if m, ok := fieldDate(w.meta[k]); ok {
			return m.Time(loc), true, "label:" + k
		}
	}
	for _, m := range text.FindDates(truncate(body, textDateWindow)) {
		if m.YearKnown {
			return m.Time(loc), true, "text"
		}
	}
	return time.Time{}, false, ""
}

// fieldDate reads a date with a year from a meta content or field value:
// the whole value ("2020年08月02日", "2024-04-15 14:53:51"), else the first
// date in it ("2024-10-21 12:51:44_194").
func fieldDate(v string) (text.Match, bool) {
	if v == "" {
		return text.Match{}, false
	}
	if m, ok := text.ParseDate(v); ok && m.YearKnown {
		return m, true
	}
	for _, m := range text.FindDates(v) {
		if m.YearKnown {
			return m, true
		}
	}
	return text.Match{}, false
}

// detailWalker collects what ReadDetail needs in one walk.
type detailWalker struct {
	meta  map[string]string // metadata fields
	metas map[string]string // <meta name> (lower-cased) → content
	names map[string]string // lower-cased → as written
	title string
	h1    string
	text  textWriter
}

// bodyless are the regions whose text and fields are not the page's own.
const bodyless = regionNav | regionFooter

// walk visits n's children. It reports whether n has block-level
// descendants: a metadata field is read from the innermost elements that
// have none, so that the text read per element stays small.
func (w *detailWalker) walk(n *html.Node, r region) (hasBlock bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if r&bodyless == 0 {
				w.text.text(c.Data)
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch c.DataAtom {
		case atom.Meta:
			w.metaTag(c)
			continue
		case atom.Title:
			if w.title == "" {
				w.title = text.Clean(textOf(c, 1000))
			}
			continue
		case atom.Head:
			w.walk(c, r|regionNav) // metas and title only: no text, no fields
			continue
		}
		if invisible(c) || hidden(c) {
			continue
		}
		cr := enter(c, r)
		block := isBlock(c)
		if block {
			w.text.space()
		}
		inner := w.walk(c, cr)
		if block {
			w.text.space()
		}
		if c.DataAtom == atom.H1 && w.h1 == "" {
			w.h1 = text.Clean(textOf(c, 1000))
		}
		if !inner && cr&bodyless == 0 && fieldElement(c) {
			w.field(c)
		}
		hasBlock = hasBlock || inner || block && c.DataAtom != atom.Br
	}
	return hasBlock
}

func (w *detailWalker) metaTag(n *html.Node) {
	name := attr(n, "name")
	if name == "" {
		name = attr(n, "property")
	}
	k := strings.ToLower(strings.TrimSpace(name))
	if k == "" {
		return
	}
	if _, ok := w.metas[k]; !ok {
		w.metas[k] = attr(n, "content")
		w.names[k] = strings.TrimSpace(name)
	}
}

// fieldElement reports whether an element can hold a metadata field.
func fieldElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.P, atom.Li, atom.Span, atom.Strong, atom.B,
		atom.Dt, atom.Dd, atom.Div, atom.Label, atom.Font, atom.Em, atom.I:
		return true
	}
	return false
}

// cellLike are the elements whose value sits in the next sibling element.
func cellLike(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Dt, atom.Dd, atom.P, atom.Li, atom.Div:
		return true
	}
	return false
}

// maxFieldText bounds the text of an element read as a metadata field.
const maxFieldText = 400

// field reads "label：value" pairs from an element, or a label whose value
// is in the next cell or right after the element.
func (w *detailWalker) field(n *html.Node) {
	t := text.Clean(textOf(n, maxFieldText+1))
	if t == "" || len(t) > maxFieldText {
		return
	}
	key, rest, ok := cutLabel(t)
	if !ok {
		return
	}
	if rest != "" {
		for _, p := range splitFields(key, rest) {
			w.set(p[0], p[1])
		}
		return
	}
	if v, found := siblingValue(n); found {
		w.set(key, v)
	} else if cellLike(n) {
		w.set(key, "")
	}
}

// set records a field; the first non-empty value of a label wins.
func (w *detailWalker) set(k, v string) {
	if stopLabels[k] {
		return
	}
	v = trimUnbalanced(v)
	if old, ok := w.meta[k]; !ok || old == "" {
		w.meta[k] = v
	}
}

// cutLabel splits cleaned text into a known label and what follows its
// colon. Text that is a label and nothing else gives an empty rest.
func cutLabel(t string) (key, rest string, ok bool) {
	if i := strings.IndexByte(t, ':'); i >= 0 {
		if k := text.Normalize(t[:i]); isLabel(k) {
			return k, strings.TrimSpace(t[i+1:]), true
		}
		return "", "", false
	}
	if k := text.Normalize(t); isLabel(k) {
		return k, "", true
	}
	return "", "", false
}

// splitFields splits "v1 标签2: v2 …" after a first label into pairs, so
// that one element holding several fields ("时间: 2019-09-18 06:23 来源:
// 山西日报") gives each its own value. A colon that does not follow a known
// label (the one in 06:23) belongs to the value.
func splitFields(key, rest string) [][2]string {
	var out [][2]string
	for {
		cut, next, nextRest := -1, "", ""
		for j := strings.IndexByte(rest, ':'); j >= 0; {
			token := rest[:j]
			if sp := strings.LastIndexByte(token, ' '); sp >= 0 {
				token = token[sp+1:]
			}
			tokStart := j - len(token)
			if k := text.Normalize(token); isLabel(k) {
				cut, next = tokStart, k
			} else {
				for _, l := range labelsBySize {
					if strings.HasSuffix(token, l) {
						cut, next = j-len(l), l
						break
					}
				}
			}
			if cut >= 0 {
				nextRest = strings.TrimSpace(rest[j+1:])
				break
			}
			k := strings.IndexByte(rest[j+1:], ':')
			if k < 0 {
				break
			}
			j += 1 + k
		}
		if cut < 0 {
			return append(out, [2]string{key, strings.TrimSpace(rest)})
		}
		out = append(out, [2]string{key, strings.TrimSpace(rest[:cut])})
		key, rest = next, nextRest
		if rest == "" {
			return append(out, [2]string{key, ""})
		}
	}
}

// siblingValue finds the value of a label element: the next cell for a
// cell, else the text right after an inline element. found is false when
// nothing follows. A following element that is itself a label means the
// field is empty.
func siblingValue(n *html.Node) (v string, found bool) {
	if cellLike(n) {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if s.Type != html.ElementNode {
				continue
			}
			t := text.Clean(textOf(s, maxFieldText))
			if _, _, isLabel := cutLabel(t); isLabel {
				return "", true
			}
			return strings.TrimSpace(strings.TrimLeft(t, ": ")), true
		}
		return "", false
	}
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		var t string
		switch s.Type {
		case html.TextNode:
			t = text.Clean(s.Data)
		case html.ElementNode:
			if isBlock(s) || invisible(s) {
				return "", false
			}
			t = text.Clean(textOf(s, maxFieldText))
			if _, _, isLabel := cutLabel(t); isLabel {
				return "", true
			}
		default:
			continue
		}
		if t = strings.TrimSpace(strings.TrimLeft(t, ": ")); t != "" {
			return t, true
		}
	}
	return "", false
}

// trimUnbalanced drops a closing bracket left at the end of a value by a
// field written as "【来源: 某某】".
func trimUnbalanced(v string) string {
	for _, p := range [][2]string{{"【", "】"}, {"[", "]"}, {"(", ")"}, {"《", "》"}} {
		if strings.HasSuffix(v, p[1]) && !strings.Contains(v, p[0]) {
			v = strings.TrimSpace(strings.TrimSuffix(v, p[1]))
		}
	}
	return v
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
