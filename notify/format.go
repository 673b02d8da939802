package notify

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Size limits of the services, in bytes: DingTalk refuses a body over
// 20000 bytes (errcode 460101), WeCom a markdown content over 4096 (errcode
// 40058), Feishu a body over 20 KB. A message over its limit loses items
// from the end, which the message then counts as left out.
const (
	dingtalkMaxBody = 20000
	wecomMaxContent = 4096
	feishuMaxBody   = 20000
)

// fit shrinks m until size(m) <= limit: first whole items from the end,
// then the last item's detail, then its head; a message always keeps at
// least its title and one item.
func fit(m Message, limit int, size func(Message) int) Message {
	m.Items = append([]Item(nil), m.Items...)
	if len(m.Items) > 1 && size(m) > limit {
		// The largest number of items that fits, by bisection: a message
		// of a thousand alerts is not rendered a thousand times.
		all, more := m.Items, m.More
		keep := func(k int) Message {
			m.Items, m.More = all[:k], more+len(all)-k
			return m
		}
		lo, hi := 1, len(all)-1 // keep(lo) is what is left if nothing fits; keep(hi+1) is too large
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if size(keep(mid)) <= limit {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		m = keep(lo)
	}
	if len(m.Items) == 1 && size(m) > limit {
		m.Items[0].Detail = ""
	}
	for len(m.Items) == 1 && size(m) > limit && m.Items[0].Head != "" {
		m.Items[0].Head = cutRunes(m.Items[0].Head, utf8.RuneCountInString(m.Items[0].Head)*3/4)
	}
	for size(m) > limit && m.Title != "" {
		m.Title = cutRunes(m.Title, utf8.RuneCountInString(m.Title)*3/4)
	}
	return m
}

// cutRunes keeps the first n runes of s and marks the cut with "…".
func cutRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// showHead reports whether an item's head is shown under the title; a
// message of one item has it as its title already.
func showHead(m Message, it Item) bool {
	return !(len(m.Items) == 1 && it.Head == m.Title)
}

// mdLink writes a markdown link. Parentheses and spaces in the address
// would end the link early, so they are percent-encoded.
func mdLink(text, target string) string {
	target = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(target)
	return "[" + text + "](" + target + ")"
}

func mdField(f Field) string {
	if f.URL != "" {
		return f.Label + "：" + mdLink(f.Text, f.URL)
	}
	return f.Label + "：" + f.Text
}

func moreLine(m Message, link func(text, url string) string) string {
	if m.More == 0 {
		return ""
	}
	s := fmt.Sprintf("……另有 %d 项未列出", m.More)
	if m.MoreURL != "" {
		s += "，详见" + link("评分卡", m.MoreURL)
	}
	return s
}

// dingtalkMarkdown is the text of a DingTalk markdown message. DingTalk
// joins lines that a single newline separates, so paragraphs are separated
// by blank lines.
func dingtalkMarkdown(m Message) string {
	var paras []string
	paras = append(paras, "#### "+m.Title)
	for _, it := range m.Items {
		if showHead(m, it) {
			paras = append(paras, "**"+it.Head+"**")
		}
		var list []string
		for _, f := range it.Fields {
			list = append(list, "- "+mdField(f))
		}
		if len(list) > 0 {
			paras = append(paras, strings.Join(list, "\n"))
		}
		if it.siteless && it.Detail != "" {
			paras = append(paras, "> "+it.Detail)
		}
	}
	if s := moreLine(m, mdLink); s != "" {
		paras = append(paras, s)
	}
	paras = append(paras, "###### "+footer)
	return strings.Join(paras, "\n\n")
}

type dingtalkMessage struct {
	MsgType  string `json:"msgtype"`
	Markdown struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	} `json:"markdown"`
}

func dingtalkJSON(m Message) []byte {
	var d dingtalkMessage
	d.MsgType = "markdown"
	d.Markdown.Title = m.Title
	d.Markdown.Text = dingtalkMarkdown(m)
	return marshal(d)
}

// dingtalkBody is the request body, shrunk to DingTalk's limit.
func dingtalkBody(m Message) []byte {
	return dingtalkJSON(fit(m, dingtalkMaxBody, func(m Message) int { return len(dingtalkJSON(m)) }))
}

// wecomMarkdown is the content of a WeCom markdown message. WeCom's
// markdown has no lists; a newline breaks the line.
func wecomMarkdown(m Message) string {
	var lines []string
	lines = append(lines, "### "+m.Title)
	for _, it := range m.Items {
		if showHead(m, it) {
			lines = append(lines, "", "**"+it.Head+"**")
		}
		for _, f := range it.Fields {
			lines = append(lines, mdField(f))
		}
		if it.siteless && it.Detail != "" {
			lines = append(lines, "> "+it.Detail)
		}
	}
	if s := moreLine(m, mdLink); s != "" {
		lines = append(lines, "", s)
	}
	lines = append(lines, "", `<font color="comment">`+footer+`</font>`)
	return strings.Join(lines, "\n")
}

type wecomMessage struct {
	MsgType  string `json:"msgtype"`
	Markdown struct {
		Content string `json:"content"`
	} `json:"markdown"`
}

// wecomBody is the request body, its content shrunk to WeCom's limit.
func wecomBody(m Message) []byte {
	var w wecomMessage
	w.MsgType = "markdown"
	w.Markdown.Content = wecomMarkdown(fit(m, wecomMaxContent, func(m Message) int { return len(wecomMarkdown(m)) }))
	return marshal(w)
}

// feishuElement is one element of a Feishu rich-text (post) paragraph.
type feishuElement struct {
	Tag  string `json:"tag"`
	Text string `json:"text"`
	Href string `json:"href,omitempty"`
}

type feishuMessage struct {
	// Timestamp and Sign are set for a robot with 签名校验.
	Timestamp string `json:"timestamp,omitempty"`
	Sign      string `json:"sign,omitempty"`
	MsgType   string `json:"msg_type"`
	Content   struct {
		Post struct {
			ZhCN struct {
				Title   string            `json:"title"`
				Content [][]feishuElement `json:"content"`
			} `json:"zh_cn"`
		} `json:"post"`
	} `json:"content"`
}

func feishuParagraphs(m Message) [][]feishuElement {
	text := func(s string) feishuElement { return feishuElement{Tag: "text", Text: s} }
	link := func(s, href string) feishuElement { return feishuElement{Tag: "a", Text: s, Href: href} }
	var out [][]feishuElement
	for _, it := range m.Items {
		if showHead(m, it) {
			out = append(out, []feishuElement{text(it.Head)})
		}
		for _, f := range it.Fields {
			if f.URL != "" {
				out = append(out, []feishuElement{text(f.Label + "："), link(f.Text, f.URL)})
				continue
			}
			out = append(out, []feishuElement{text(f.Label + "：" + f.Text)})
		}
		if it.siteless && it.Detail != "" {
			out = append(out, []feishuElement{text(it.Detail)})
		}
	}
	if m.More > 0 {
		p := []feishuElement{text(fmt.Sprintf("……另有 %d 项未列出", m.More))}
		if m.MoreURL != "" {
			p = append(p, text("，详见"), link("评分卡", m.MoreURL))
		}
		out = append(out, p)
	}
	return append(out, []feishuElement{text(footer)})
}

func feishuJSON(m Message, timestamp, sign string) []byte {
	var f feishuMessage
	f.Timestamp, f.Sign, f.MsgType = timestamp, sign, "post"
	f.Content.Post.ZhCN.Title = m.Title
	f.Content.Post.ZhCN.Content = feishuParagraphs(m)
	return marshal(f)
}

// feishuBody is the request body, shrunk to Feishu's limit.
func feishuBody(m Message, timestamp, sign string) []byte {
	return feishuJSON(fit(m, feishuMaxBody, func(m Message) int { return len(feishuJSON(m, timestamp, sign)) }), timestamp, sign)
}

// emailText is the plain-text body of an email: every item in full, with
// its description and the link to the Prometheus expression.
func emailText(m Message) string {
	var b strings.Builder
	b.WriteString(m.Title + "\n")
	for i, it := range m.Items {
		b.WriteString("\n")
		if showHead(m, it) {
			fmt.Fprintf(&b, "%d. %s\n", i+1, it.Head)
		}
		for _, f := range it.Fields {
			fmt.Fprintf(&b, "   %s：%s\n", f.Label, f.Text)
		}
		if it.Detail != "" {
			fmt.Fprintf(&b, "   说明：%s\n", it.Detail)
		}
		if it.Source != "" {
			fmt.Fprintf(&b, "   Prometheus：%s\n", it.Source)
		}
	}
	if m.More > 0 {
		fmt.Fprintf(&b, "\n……另有 %d 项未列出", m.More)
		if m.MoreURL != "" {
			b.WriteString("，详见评分卡：" + m.MoreURL)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n——\n" + footer + "。此邮件由系统自动发送，请勿直接回复。\n")
	return b.String()
}

// marshal encodes v without HTML escaping: the services read "<font>" and
// "&" as written, and the escaped form only wastes the size limit.
func marshal(v any) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings, slices and structs are encoded here.
		panic(fmt.Sprintf("notify: encode %T: %v", v, err))
	}
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

// b64 is standard base64, as the robots' signatures use.
func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
