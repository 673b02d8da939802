package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
)

// TestPrint prints a two-page Chinese document and reads it back.
func TestPrint(t *testing.T) {
	browser, err := FindBrowser()
	if err != nil {
		chromiumtest.SkipOrFail(t, err.Error())
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		chromiumtest.SkipOrFail(t, "pdftotext not found: install poppler-utils")
	}
	html := `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page{size:A4;margin:15mm}
section+section{break-before:page}</style></head><body><section><h1>政府网站监测评估报告</h1></section>
<section><p>第二页：辽宁省生态环境厅 &amp; 沈阳市</p></section></body></html>`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := Print(ctx, []byte(html), Options{Browser: browser, Footer: "测试 <页脚>"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %q", out[:min(16, len(out))])
	}
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(out)
	f.Close()
	text, err := exec.Command(pdftotext, "-enc", "UTF-8", f.Name(), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	got := string(text)
	for _, want := range []string{"政府网站监测评估报告", "辽宁省生态环境厅 & 沈阳市", "测试 <页脚>", "第1页/共2页", "第2页/共2页"} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\f"); n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
}

// TestPrintNoBrowser reports a missing binary instead of hanging.
func TestPrintNoBrowser(t *testing.T) {
	_, err := Print(context.Background(), []byte("<p>x</p>"), Options{Browser: "/nonexistent/chromium", Timeout: 10 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("got %v, want an error naming the binary", err)
	}
}
