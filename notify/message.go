package notify

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Message is one notification in words, before a receiver's format: a
// title, one item per alert, and how many alerts were left out.
type Message struct {
	Title string
	Items []Item
	// More is how many alerts the message does not list: left out by
	// Alertmanager (max_alerts) or to fit a robot's size limit.
	More int
	// MoreURL is where the left-out alerts can be read (the scorecard of
	// the group's site), or "".
	MoreURL string
}

// Item is one alert.
type Item struct {
	Head   string // 【告警·严重】 and the summary
	Fields []Field
	// Detail is the longer description; robots show it only for alerts
	// about no site (govaudit's own health), whose summary says little.
	Detail string
	// Source is the Prometheus expression link (email only).
	Source string
	// siteless marks an alert without a site label.
	siteless bool
}

// Field is one labelled line of an item; URL makes it a link.
type Field struct {
	Label, Text, URL string
}

// footer ends every message. DingTalk robots secured by a keyword (自定义
// 关键词) only take messages that contain it, and "govaudit" is the keyword
// docs/notify.md recommends.
const footer = "来自 govaudit 政府网站检查"

// severityNames are the Chinese names of the rules' severity label.
var severityNames = map[string]string{
	"critical": "严重",
	"warning":  "警告",
	"info":     "提示",
}

// severityRank orders items: critical first.
func severityRank(s string) int {
	switch s {
	case "critical":
		return 0
	case "warning":
		return 1
	case "info":
		return 2
	}
	return 3
}

// severityName is the Chinese name of a severity, or the label as written
// for one the rules do not use.
func severityName(s string) string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return s
}

// renderer turns payloads into messages.
type renderer struct {
	base string // govaudit's address for scorecard links, no trailing slash; may be ""
	loc  *time.Location
}

// value returns the first non-empty of the alert's labels and annotations
// named key.
func value(a Alert, key string) string {
	if v := a.Labels[key]; v != "" {
		return v
	}
	return a.Annotations[key]
}

// scorecardURL links a site's scorecard: BASE/sites/ID when govaudit's
// address is configured, else the rules' scorecard_url annotation when it
// is absolute (Prometheus's govaudit_url external label set), else "".
func (r renderer) scorecardURL(site, annotation string) string {
	if site == "" {
		return ""
	}
	if r.base != "" {
		return r.base + "/sites/" + url.PathEscape(site)
	}
	if u, err := url.Parse(annotation); err == nil && u.IsAbs() && u.Host != "" {
		return annotation
	}
	return ""
}

func (r renderer) time(t time.Time) string {
	return t.In(r.loc).Format("2006-01-02 15:04")
}

// statusPrefix is 【告警·严重】, 【告警】 or 【已恢复】.
func statusPrefix(status, severity string) string {
	if status == StatusResolved {
		return "【已恢复】"
	}
	if n := severityName(severity); n != "" {
		return "【告警·" + n + "】"
	}
	return "【告警】"
}

// item renders one alert.
func (r renderer) item(a Alert) Item {
	site, name := a.Labels["site"], value(a, "name")
	summary := cmp.Or(a.Annotations["summary_zh"], a.Annotations["summary"])
	req, title := a.Labels["requirement"], value(a, "title")
	if summary == "" {
		// An alert from rules other than govaudit's: say what is known.
		var parts []string
		if who := cmp.Or(name, site); who != "" {
			parts = append(parts, who)
		}
		if req != "" {
			parts = append(parts, strings.TrimSpace(req+" "+title))
		}
		if len(parts) == 0 {
			parts = append(parts, cmp.Or(a.Labels["alertname"], "未命名告警"))
		}
		summary = strings.Join(parts, "：")
	}
	it := Item{
		Head:     statusPrefix(a.Status, a.Labels["severity"]) + summary,
		Detail:   cmp.Or(a.Annotations["description_zh"], a.Annotations["description"]),
		Source:   a.GeneratorURL,
		siteless: site == "",
	}
	add := func(label, text, link string) {
		if text != "" {
			it.Fields = append(it.Fields, Field{Label: label, Text: text, URL: link})
		}
	}
	switch {
	case site != "" && name != "":
		add("站点", name+"（"+site+"）", "")
	case site != "":
		add("站点", site, "")
	default:
		add("实例", a.Labels["instance"], "")
	}
	if req != "" {
		add("要求", strings.TrimSpace(req+" "+title), "")
	}
	if rule := a.Labels["rule"]; rule != "" {
		add("单项否决项", cmp.Or(strings.TrimSpace(a.Annotations["rule_title"]), rule), "")
	}
	add("级别", severityName(a.Labels["severity"]), "")
	if !a.StartsAt.IsZero() {
		add("开始时间", r.time(a.StartsAt), "")
	}
	if a.Status == StatusResolved && !a.EndsAt.IsZero() {
		add("恢复时间", r.time(a.EndsAt), "")
	}
	if col := value(a, "column_url"); col != "" {
		add("证据（栏目地址）", col, col)
	}
	if sc := r.scorecardURL(site, a.Annotations["scorecard_url"]); sc != "" {
		add("评分卡", sc, sc)
	}
	return it
}

// render turns a notification into a message: firing alerts before resolved
// ones, critical before warning, then by site, requirement and rule, so
// that a message reads the same every time.
func (r renderer) render(p *Payload) Message {
	alerts := slices.Clone(p.Alerts)
	slices.SortStableFunc(alerts, func(a, b Alert) int {
		return cmp.Or(
			cmp.Compare(statusRank(a.Status), statusRank(b.Status)),
			cmp.Compare(severityRank(a.Labels["severity"]), severityRank(b.Labels["severity"])),
			cmp.Compare(a.Labels["site"], b.Labels["site"]),
			cmp.Compare(a.Labels["requirement"], b.Labels["requirement"]),
			cmp.Compare(a.Labels["rule"], b.Labels["rule"]),
			cmp.Compare(a.Labels["alertname"], b.Labels["alertname"]),
		)
	})
	m := Message{More: p.TruncatedAlerts}
	firing, resolved, top := 0, 0, ""
	for _, a := range alerts {
		m.Items = append(m.Items, r.item(a))
		if a.Status == StatusResolved {
			resolved++
			continue
		}
		firing++
		if top == "" || severityRank(a.Labels["severity"]) < severityRank(top) {
			top = a.Labels["severity"]
		}
	}
	site := p.CommonLabels["site"]
	m.MoreURL = r.scorecardURL(site, p.CommonAnnotations["scorecard_url"])
	if len(m.Items) == 1 && m.More == 0 {
		m.Title = m.Items[0].Head
		return m
	}
	subject := cmp.Or(p.CommonLabels["name"], site, "govaudit")
	var counts []string
	if firing > 0 {
		counts = append(counts, fmt.Sprintf("%d 项告警", firing))
	}
	if resolved > 0 {
		counts = append(counts, fmt.Sprintf("%d 项已恢复", resolved))
	}
	if m.More > 0 {
		counts = append(counts, fmt.Sprintf("另有 %d 项未列出", m.More))
	}
	m.Title = statusPrefix(p.Status, top) + subject + "：" + strings.Join(counts, "、")
	return m
}

func statusRank(s string) int {
	if s == StatusFiring {
		return 0
	}
	return 1
}

// testMessage is what notify-test sends.
func (r renderer) testMessage(rc Receiver, now time.Time) Message {
	it := Item{
		Head: "【测试消息】这是一条 govaudit 测试消息，收到即说明接收方配置正确，无需处理。",
		Fields: []Field{
			{Label: "接收方", Text: rc.Name + "（" + string(rc.Kind) + "）"},
			{Label: "发送时间", Text: r.time(now)},
		},
	}
	if r.base != "" {
		it.Fields = append(it.Fields, Field{Label: "总览", Text: r.base + "/", URL: r.base + "/"})
	}
	return Message{Title: "【测试消息】govaudit 通知测试", Items: []Item{it}}
}
