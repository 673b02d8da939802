package page_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/demo"
)

// streamCorpus returns every HTML body the stream readers are checked on:
// the real pages, the synthetic fixtures and every page of the demo
// province.
func streamCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	corpus := map[string][]byte{}
	for _, glob := range []string{"testdata/realpages/*.html", "testdata/*.html"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			corpus[f] = b
		}
	}
	p := demo.New(time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	h := p.Handler()
	for _, u := range p.URLs() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		body, _ := io.ReadAll(rec.Result().Body)
		if rec.Code == http.StatusOK && strings.Contains(rec.Header().Get("Content-Type"), "html") && strings.Contains(rec.Header().Get("Content-Type"), "utf-8") {
			corpus[u] = body
		}
	}
	if len(corpus) < 50 {
		t.Fatalf("corpus has only %d pages", len(corpus))
	}
	return corpus
}

// TestScanValidityAgreesWithReadDetail pins the tokenizer reader to the DOM
// reader: on every page of the corpus both find the same 有效性 label.
func TestScanValidityAgreesWithReadDetail(t *testing.T) {
	labelled := 0
	for name, body := range streamCorpus(t) {
		doc, err := page.Parse(body)
		if err != nil {
			t.Fatal(err)
		}
		want := page.ReadDetail(doc, "http://x.test/a.html", time.UTC).Validity
		switch want {
		case "有效", "失效", "废止", "已修改", "部分失效", "部分有效", "现行有效":
		default:
			want = ""
		}
		got := page.ScanValidity(body)
		if got != want {
			t.Errorf("%s: ScanValidity %q, ReadDetail %q", name, got, want)
		}
		if want != "" {
			labelled++
		}
	}
	if labelled == 0 {
		t.Error("no page of the corpus carries a label: the comparison proves nothing")
	}
}

// TestStreamTokensAgree runs the differential check of streamText's tag
// reading (see checkStreamTokens) on every page of the corpus.
func TestStreamTokensAgree(t *testing.T) {
	for name, body := range streamCorpus(t) {
		if err := page.CheckStreamTokens(body); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestScanValidity(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"same run", `<p>有效性：有效</p>`, "有效"},
		{"label cell then value cell", `<table><tr><td>有效性</td><td> 失效 </td></tr></table>`, "失效"},
		{"colon in its own run", `<span>有效性</span><span>：</span><span>部分失效</span>`, "部分失效"},
		{"traditional", `<p>有效性：廢止</p>`, "废止"},
		{"no label", `<p>发布日期：2026-11-20</p>`, ""},
		{"label in a comment", `<!-- 有效性：有效 --><p>正文</p>`, ""},
		{"label in a script", `<script>var s="有效性：有效";</script>`, ""},
		{"label hidden", `<div style="display: none">有效性：有效</div><p>x</p>`, ""},
		{"unknown wording", `<p>有效性：见正文</p>`, ""},
		{"empty value", `<td>有效性</td><td></td><td>发布机构</td>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := page.ScanValidity([]byte(tt.html)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVisibleText(t *testing.T) {
	got := page.VisibleText([]byte(`<html><head><title>T</title><style>p{}</style></head><body><p>项目<b>合同</b></p><script>x()</script><!-- c --><div hidden>隐藏</div><p>回报　机制</p></body></html>`), 1000)
	if want := "项目 合同 回报 机制"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := page.VisibleText([]byte(`<p>一二三四五六</p>`), 7); got != "一二" {
		t.Errorf("limit: got %q, want %q", got, "一二")
	}
}
