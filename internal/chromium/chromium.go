// Package chromium finds Debian's Chromium and gives the command-line
// options every headless use of it in govaudit shares: the browser
// fetcher, the PDF report and the browser tests.
package chromium

import (
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Env names a Chromium binary to use instead of the ones looked for.
const Env = "GOVAUDIT_BROWSER"

// Paths are where Debian's chromium-headless-shell and chromium packages
// put the browser. The /usr/bin names are shell wrappers that start the
// browser as their child, which outlives the wrapper when it is killed, so
// the binaries themselves come first.
var Paths = []string{
	"/usr/lib/chromium/chromium-headless-shell",
	"/usr/lib/chromium/chromium",
}

// Find returns the Chromium binary to use: configured when set (ok says
// whether it is executable), else $GOVAUDIT_BROWSER, else the first of
// Paths, else chromium-headless-shell or chromium on PATH. ok is false
// when there is none.
func Find(configured string) (string, bool) {
	if configured != "" {
		return configured, executable(configured)
	}
	if p := os.Getenv(Env); p != "" {
		return p, executable(p)
	}
	for _, p := range Paths {
		if executable(p) {
			return p, true
		}
	}
	for _, name := range []string{"chromium-headless-shell", "chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

func executable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// Options are the options of a headless Chromium at path on a machine with
// a closed network: without the background-networking switches Chromium
// keeps calling home, and without no-proxy-server a proxy from the
// environment would see what it loads.
func Options(path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
	}
}
