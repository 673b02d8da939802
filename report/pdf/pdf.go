// Package pdf prints an HTML document to PDF with headless Chromium (its
// own print-to-PDF, driven through chromedp): the report is laid out once,
// in HTML and CSS, and the browser does the typesetting, Chinese fonts and
// page breaks included.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/govaudit/govaudit/internal/chromium"
)

// BrowserEnv names a Chromium binary to use instead of the ones looked for.
const BrowserEnv = chromium.Env

// ErrNoBrowser is wrapped when no Chromium binary is found.
var ErrNoBrowser = errors.New("no chromium binary found")

// FindBrowser returns the browser binary (chromium.Find): $GOVAUDIT_BROWSER,
// a Debian binary, or chromium-headless-shell or chromium on PATH.
func FindBrowser() (string, error) {
	if p, ok := chromium.Find(""); ok {
		return p, nil
	}
	return "", fmt.Errorf("%w (looked at $%s, %s and chromium-headless-shell/chromium on PATH): install one with `apt-get install -y --no-install-recommends chromium-headless-shell fonts-noto-cjk`",
		ErrNoBrowser, BrowserEnv, strings.Join(chromium.Paths, ", "))
}

// Options tune Print.
type Options struct {
	// Browser is the Chromium binary; FindBrowser's when empty.
	Browser string
	// Timeout bounds the whole print, browser start included; 2 minutes
	// when zero.
	Timeout time.Duration
	// Footer is a line printed at the foot of every page beside the page
	// number (plain text).
	Footer string
}

// Print renders html (a self-contained document: it loads nothing) on A4
// paper, as its @page rule lays it out, and returns the PDF. The browser
// runs with a fresh profile in a temporary directory, without network
// services, and is killed when Print returns.
func Print(ctx context.Context, html []byte, opts Options) ([]byte, error) {
	path := opts.Browser
	if path == "" {
		p, err := FindBrowser()
		if err != nil {
			return nil, err
		}
		path = p
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	dir, err := os.MkdirTemp("", "govaudit-pdf-")
	if err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	doc := filepath.Join(dir, "report.html")
	if err := os.WriteFile(doc, html, 0o600); err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		append(chromium.Options(path), chromedp.UserDataDir(filepath.Join(dir, "profile")))...)
	// Cancelling the allocator kills the browser and waits for it.
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+doc)); err != nil {
		return nil, fmt.Errorf("print pdf: open the report in %s: %w", path, err)
	}
	// Fonts load asynchronously even from disk; printing before they are
	// ready would set the Chinese text in a fallback font.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("print pdf: wait for fonts: %w", err)
	}
	footer := `<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555;display:flex;justify-content:space-between">` +
		`<span>` + escape(opts.Footer) + `</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span></div>`
	out, err := chromedp.Run(bctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(footer),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	return out, nil
}

// escape makes plain text safe inside the footer template.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
