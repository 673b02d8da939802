package report

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govaudit/govaudit"
)

func renderHTML(t *testing.T, doc Document) (string, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, doc); err != nil {
		t.Fatal(err)
	}
	checkBalanced(t, buf.String())
	root, err := html.Parse(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), root
}

// checkBalanced fails unless every element the page opens is closed in
// order: html.Parse forgives anything, so well-formedness is checked on
// the tokens.
func checkBalanced(t *testing.T, page string) {
	t.Helper()
	void := map[atom.Atom]bool{atom.Meta: true, atom.Br: true, atom.Img: true, atom.Link: true, atom.Hr: true, atom.Input: true}
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenize: %v", z.Err())
			}
			if len(stack) > 0 {
				t.Errorf("elements left open at the end: %v", stack)
			}
			return
		case html.StartTagToken:
			tok := z.Token()
			if !void[tok.DataAtom] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Fatalf("</%s> closes %v", tok.Data, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// TestHTMLSelfContained checks that the page loads nothing: no script, no
// stylesheet link, no image, no font; the only absolute addresses are the
// sites' own pages, as links.
func TestHTMLSelfContained(t *testing.T) {
	doc := fixtureDocument(t)
	own := map[string]bool{}
	for _, sc := range doc.Sites {
		own[sc.URL] = true
		for _, r := range sc.Requirements {
			own[r.ColumnURL] = true
			if r.NewestItem != nil {
				own[r.NewestItem.URL] = true
			}
		}
	}
	_, root := renderHTML(t, doc)
	var styles int
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Link, atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Source, atom.Video, atom.Audio:
			t.Errorf("page has a <%s> element", n.Data)
		case atom.Style:
			styles++
			css := text(n)
			for _, bad := range []string{"url(", "@import", "@font-face", "http:", "https:"} {
				if strings.Contains(css, bad) {
					t.Errorf("stylesheet contains %q", bad)
				}
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src", "href", "srcset", "action", "data", "poster", "formaction":
			default:
				continue
			}
			v := strings.TrimSpace(a.Val)
			external := strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "//")
			switch {
			case n.DataAtom == atom.A && a.Key == "href" && strings.HasPrefix(v, "#"):
			case n.DataAtom == atom.A && a.Key == "href" && external && own[v]:
			default:
				t.Errorf("<%s %s=%q>: only links to the sites' own pages may leave the page", n.Data, a.Key, v)
			}
		}
	})
	if styles != 1 {
		t.Errorf("%d <style> elements, want 1", styles)
	}
}

func TestHTMLStructure(t *testing.T) {
	doc := fixtureDocument(t)
	page, root := renderHTML(t, doc)

	var css string
	var sections []*html.Node
	var summary *html.Node
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.Style {
			css = text(n)
		}
		if n.DataAtom == atom.Section {
			class, _ := attr(n, "class")
			switch class {
			case "site":
				sections = append(sections, n)
			case "summary":
				summary = n
			}
		}
	})
	for _, want := range []string{"@media print", "@page{size:A4", "page-break-before:always", "print-color-adjust:exact",
		"thead{display:table-header-group}", `"Microsoft YaHei"`, `"Noto Sans CJK SC"`, "sans-serif"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
	if summary == nil {
		t.Fatal("no province summary section")
	}
	if len(sections) != len(doc.Sites) {
		t.Fatalf("%d site sections, want %d", len(sections), len(doc.Sites))
	}
	for i, sc := range doc.Sites {
		sec := sections[i]
		if id, _ := attr(sec, "id"); id != "site-"+sc.ID {
			t.Errorf("section %d id %q, want site-%s", i, id, sc.ID)
		}
		body := text(sec)
		if !strings.Contains(body, sc.Name) {
			t.Errorf("section of %s lacks its name", sc.ID)
		}
		if !sc.Audited() {
			if !strings.Contains(body, "未审计") {
				t.Errorf("section of %s does not say it was not audited", sc.ID)
			}
			continue
		}
		for _, r := range sc.Requirements {
			if !strings.Contains(body, r.ID) || !strings.Contains(body, statusLabels[r.Status]) {
				t.Errorf("section of %s lacks %s or its status %s", sc.ID, r.ID, statusLabels[r.Status])
			}
			for _, ev := range r.Evidence {
				if !strings.Contains(body, ev) {
					t.Errorf("section of %s lacks evidence %q", sc.ID, ev)
				}
			}
			if r.NewestItem != nil && !strings.Contains(body, r.NewestItem.Date.String()) {
				t.Errorf("section of %s lacks the newest date of %s", sc.ID, r.ID)
			}
		}
		for _, f := range sc.Census {
			if !strings.Contains(body, ruleLabels[f.Rule]) || !strings.Contains(body, censusVerdictLabels[f.Verdict]) {
				t.Errorf("section of %s lacks census rule %s", sc.ID, f.Rule)
			}
		}
	}
	// The summary ranks by score; unscored sites come last without a rank.
	var standings *html.Node
	walk(summary, func(n *html.Node) {
		if id, _ := attr(n, "id"); id == "standings" {
			standings = n
		}
	})
	if standings == nil {
		t.Fatal("the summary has no ranking table (#standings)")
	}
	var ranks []string
	walk(standings, func(n *html.Node) {
		if n.DataAtom == atom.Tr && n.Parent != nil && n.Parent.DataAtom == atom.Tbody {
			ranks = append(ranks, strings.TrimSpace(text(n.FirstChild))+":"+text(n.FirstChild.NextSibling))
		}
	})
	want := []string{"1:辽宁省教育厅ln-jyt", "2:辽宁省财政厅ln-czt", "3:辽宁省发展和改革委员会ln-fgw", ":大连市人民政府dl-gov", ":沈阳市人民政府sy-gov"}
	if strings.Join(ranks, ",") != strings.Join(want, ",") {
		t.Errorf("summary ranks %v, want %v", ranks, want)
	}
	// A title with markup is shown as text.
	if !strings.Contains(page, "&lt;script&gt;alert(") {
		t.Error("the title with markup is not escaped")
	}
}

// TestHTMLStatusLabels pins the Chinese words of every status.
func TestHTMLStatusLabels(t *testing.T) {
	want := map[govaudit.Status]string{
		govaudit.StatusFresh: "正常", govaudit.StatusStale: "超期未更新", govaudit.StatusEmpty: "空白栏目",
		govaudit.StatusMissing: "未找到栏目", govaudit.StatusUnreachable: "无法访问", govaudit.StatusBlocked: "被拦截",
		govaudit.StatusNotWebCheckable: "不可在线检查", govaudit.StatusUnreadable: "无法读取",
		govaudit.StatusError: "未判定（内部错误）",
	}
	for _, s := range govaudit.Statuses {
		if got := statusLabels[s]; got != want[s] {
			t.Errorf("label of %s = %q, want %q", s, got, want[s])
		}
		if statusMarks[s] == "" {
			t.Errorf("status %s has no print mark", s)
		}
	}
}

// TestHTMLUnsafeURL shows that a javascript: address from a crawled page
// does not become a live link.
func TestHTMLUnsafeURL(t *testing.T) {
	doc := fixtureDocument(t)
	doc.Sites[0].Requirements[0].NewestItem.URL = "javascript:alert(1)"
	page, _ := renderHTML(t, doc)
	if strings.Contains(page, `href="javascript:`) {
		t.Error("javascript: URL written as a link")
	}
}
