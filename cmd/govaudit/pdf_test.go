package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
	"github.com/govaudit/govaudit/report/pdf"
	"github.com/govaudit/govaudit/store"
)

// TestExportPDFOfDemo audits the demo province, exports it with --format
// pdf and reads the PDF back with poppler: it must be a PDF whose text
// holds the cover (issuer and period from the config), the summary and
// every audited site's name.
func TestExportPDFOfDemo(t *testing.T) {
	if _, err := pdf.FindBrowser(); err != nil {
		chromiumtest.SkipOrFail(t, err.Error())
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		chromiumtest.SkipOrFail(t, "pdftotext not found: install poppler-utils")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		chromiumtest.SkipOrFail(t, "pdfinfo not found: install poppler-utils")
	}
	if testing.Short() && !chromiumtest.Required() {
		t.Skip("audits the demo province and starts a browser; skipped with -short")
	}
	dir := t.TempDir()
	storePath := filepath.Join(dir, "demo.db")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "--once", "--store", storePath}, &stdout, &stderr); code != 0 {
		t.Fatalf("demo --once: exit %d\n%s", code, stderr.String())
	}
	const issuer, period = "辽宁省人民政府办公厅（测试）", "2026年第四季度"
	cfgPath := filepath.Join(dir, "govaudit.yaml")
	cfg := fmt.Sprintf("store: %q\ntimezone: Asia/Shanghai\nreport:\n  issuer: %q\n  period: %q\n", storePath, issuer, period)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.pdf")
	start := time.Now()
	stderr.Reset()
	if code := run([]string{"export", "--config", cfgPath, "--format", "pdf", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("export --format pdf: exit %d\n%s", code, stderr.String())
	}
	took := time.Since(start)
	body, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(body, []byte("%PDF-")) || !bytes.Contains(body[max(0, len(body)-1024):], []byte("%%EOF")) {
		t.Fatalf("%s is not a PDF (starts %q)", out, body[:min(16, len(body))])
	}
	info, err := exec.Command(pdfinfo, out).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if pages == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	text, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// -raw reads the text in the order it was drawn, so that a line mixing
	// scripts is not split into columns; line breaks and the spaces a PDF
	// puts between glyphs do not count.
	flat := strings.Join(strings.Fields(string(text)), "")

	st, err := store.Open(storePath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap := st.Snapshot()
	t.Logf("%d sites: %s pages, %d bytes, exported in %v", len(snap.Sites), pages[1], len(body), took.Round(10*time.Millisecond))

	want := []string{"政府网站监测评估报告", issuer, period, "审计日期", // the cover
		"汇总", "按级别合格率", "按地区合格率", "单项否决的网站", "无法判定的网站", "最常见的问题", "排名"} // the summary
	for _, s := range snap.Sites {
		if _, ok, _ := snap.Audit(s.ID); ok {
			want = append(want, s.Name)
		}
	}
	if len(want) < 12+20 {
		t.Fatalf("only %d audited sites in the demo store", len(want)-11)
	}
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
}
