package notify

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/render/*.golden from the current output")

// shanghai is the zone of the messages in the tests.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func loadPayload(t *testing.T, name string) *Payload {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := DecodePayload(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// golden compares got with testdata/render/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "render", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it; read the diff):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestRenderGolden renders the fixtures in every receiver's format.
func TestRenderGolden(t *testing.T) {
	tests := []struct {
		fixture, base string
	}{
		// Scorecard links from the rules' absolute scorecard_url.
		{"firing.json", ""},
		{"resolved.json", ""},
		// A relative scorecard_url (no govaudit_url external label) is
		// replaced by base_url; 3 alerts truncated by Alertmanager.
		{"census.json", "http://govaudit.example.gov.cn:9464/"},
		// No site: the description is shown, no scorecard link.
		{"operator.json", "http://govaudit.example.gov.cn:9464"},
	}
	for _, tt := range tests {
		name := strings.TrimSuffix(tt.fixture, ".json")
		t.Run(name, func(t *testing.T) {
			r := renderer{base: strings.TrimRight(tt.base, "/"), loc: shanghai}
			m := r.render(loadPayload(t, tt.fixture))
			golden(t, name+".dingtalk.golden", "title: "+m.Title+"\n\n"+dingtalkMarkdown(m)+"\n")
			golden(t, name+".wecom.golden", wecomMarkdown(m)+"\n")
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, feishuBody(m, "1767225600", "SIGN"), "", "  "); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".feishu.golden", pretty.String()+"\n")
			golden(t, name+".email.golden", emailText(m))
		})
	}
}

// TestRenderContent pins what the issue asks of every message, apart from
// the golden files' layout: status, site, requirement title, evidence and
// scorecard links, severity in Chinese.
func TestRenderContent(t *testing.T) {
	r := renderer{loc: shanghai}
	firing := r.render(loadPayload(t, "firing.json"))
	resolved := r.render(loadPayload(t, "resolved.json"))
	for _, tt := range []struct {
		name string
		got  string
		want []string
	}{
		{"firing title", firing.Title, []string{"【告警·严重】", "大连市人民政府", "2 项告警"}},
		{"resolved title", resolved.Title, []string{"【已恢复】", "大连市人民政府", "2 项已恢复"}},
		{"firing text", dingtalkMarkdown(firing), []string{
			"【告警·严重】大连市人民政府：「部门规章和政策性文件清理结果公开、文件有效性标注」（all-10）栏目已 181 天未更新，已超期",
			"【告警·警告】大连市人民政府：未找到应设栏目「预决算信息公开」（czt-1）",
			"站点：大连市人民政府（dalian）",
			"要求：all-10 部门规章和政策性文件清理结果公开、文件有效性标注",
			"级别：严重", "级别：警告",
			"证据（栏目地址）：[https://dalian.example.gov.cn/zwgk/zcwj/](https://dalian.example.gov.cn/zwgk/zcwj/)",
			"评分卡：[http://govaudit.example:9464/sites/dalian](http://govaudit.example:9464/sites/dalian)",
			"开始时间：2026-05-11 10:00", // 02:00Z in Asia/Shanghai
			"govaudit",
		}},
		{"resolved text", emailText(resolved), []string{"【已恢复】大连市人民政府：「部门规章", "恢复时间：2026-05-12 10:15"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(tt.got, w) {
					t.Errorf("missing %q in:\n%s", w, tt.got)
				}
			}
		})
	}
	// Critical first, whatever the order Alertmanager sent.
	if got := firing.Items[0].Head; !strings.HasPrefix(got, "【告警·严重】") {
		t.Errorf("first item %q, want the critical one first", got)
	}
}

func TestScorecardURL(t *testing.T) {
	tests := []struct {
		name, base, site, annotation, want string
	}{
		{"base wins", "http://ga.example:9464", "dalian", "http://other.example/sites/dalian", "http://ga.example:9464/sites/dalian"},
		{"absolute annotation", "", "dalian", "http://ga.example:9464/sites/dalian", "http://ga.example:9464/sites/dalian"},
		{"relative annotation is no link", "", "dalian", "/sites/dalian", ""},
		{"no site", "http://ga.example:9464", "", "", ""},
		{"site is escaped", "http://ga.example:9464", "a b", "", "http://ga.example:9464/sites/a%20b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (renderer{base: tt.base}).scorecardURL(tt.site, tt.annotation); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFitLimits renders a notification far over every service's limit and
// checks that each body fits and says how many alerts it left out.
func TestFitLimits(t *testing.T) {
	p := loadPayload(t, "firing.json")
	base := p.Alerts[1]
	p.Alerts = nil
	for i := range 200 {
		a := base
		a.Labels = map[string]string{}
		for k, v := range base.Labels {
			a.Labels[k] = v
		}
		a.Labels["requirement"] = "all-" + strings.Repeat("9", i%7) + string(rune('a'+i%26))
		p.Alerts = append(p.Alerts, a)
	}
	m := (renderer{loc: shanghai}).render(p)

	ding := dingtalkBody(m)
	if len(ding) > dingtalkMaxBody {
		t.Errorf("dingtalk body %d bytes, want at most %d", len(ding), dingtalkMaxBody)
	}
	var w wecomMessage
	if err := json.Unmarshal(wecomBody(m), &w); err != nil {
		t.Fatal(err)
	}
	if n := len(w.Markdown.Content); n > wecomMaxContent {
		t.Errorf("wecom content %d bytes, want at most %d", n, wecomMaxContent)
	}
	feishu := feishuBody(m, "1767225600", "SIGN")
	if len(feishu) > feishuMaxBody {
		t.Errorf("feishu body %d bytes, want at most %d", len(feishu), feishuMaxBody)
	}
	for name, body := range map[string]string{"dingtalk": string(ding), "wecom": w.Markdown.Content, "feishu": string(feishu)} {
		if !strings.Contains(body, "项未列出") || !strings.Contains(body, "评分卡") {
			t.Errorf("%s: the body does not say that alerts were left out, with the scorecard link", name)
		}
		if !utf8.ValidString(body) {
			t.Errorf("%s: invalid UTF-8 after shrinking", name)
		}
		// Every alert is either listed or counted as left out.
		var more int
		if i := strings.Index(body, "……另有 "); i >= 0 {
			fmt.Sscanf(body[i+len("……另有 "):], "%d", &more)
		}
		if listed := strings.Count(body, "站点："); listed+more != 200 || listed < 2 {
			t.Errorf("%s: %d listed + %d left out, want 200 with at least 2 listed", name, listed, more)
		}
	}
	// Email has no limit: every alert is listed.
	if got := strings.Count(emailText(m), "   站点："); got != 200 {
		t.Errorf("email lists %d alerts, want 200", got)
	}
}

func TestCutRunes(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"辽宁省人民政府", 2, "辽宁…"},
		{"辽宁", 2, "辽宁"},
		{"abc", 0, ""},
	} {
		if got := cutRunes(tt.s, tt.n); got != tt.want {
			t.Errorf("cutRunes(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func TestTestMessage(t *testing.T) {
	r := renderer{base: "http://ga.example:9464", loc: shanghai}
	m := r.testMessage(Receiver{Name: "office", Kind: DingTalk}, time.Date(2026, 5, 11, 2, 0, 0, 0, time.UTC))
	text := dingtalkMarkdown(m)
	for _, w := range []string{"测试消息", "接收方：office（dingtalk）", "发送时间：2026-05-11 10:00", "http://ga.example:9464/", "govaudit"} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}
