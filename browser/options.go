package browser

import (
	"log/slog"
	"os"
	"os/exec"
	"time"
)

// Options configures a Browser.
type Options struct {
	// Path is the Chromium binary; empty looks in DefaultPaths and on PATH.
	Path string
	// UserAgent is sent with every request the browser makes.
	UserAgent string
	// Tabs bounds the pages rendered at once (default 2).
	Tabs int
	// RenderTimeout bounds one page: loading, scripts, their requests and
	// reading the result (default 30s).
	RenderTimeout time.Duration
	// MaxBodyBytes bounds each response handed to the browser.
	MaxBodyBytes int64
	// Logger receives the browser's starts, restarts and failures.
	Logger *slog.Logger
}

// DefaultPaths are where Debian's chromium-headless-shell and chromium
// packages put the browser. The /usr/bin names are shell wrappers that
// start the browser as their child, so the binaries come first.
var DefaultPaths = []string{
	"/usr/lib/chromium/chromium-headless-shell",
	"/usr/lib/chromium/chromium",
}

// Find returns the Chromium binary to use: path when set and executable,
// else the first of DefaultPaths, else chromium-headless-shell or chromium
// on PATH. ok is false when there is none.
func Find(path string) (string, bool) {
	if path != "" {
		return path, executable(path)
	}
	for _, p := range DefaultPaths {
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

func (o Options) withDefaults() Options {
	if o.Tabs < 1 {
		o.Tabs = 2
	}
	if o.RenderTimeout <= 0 {
		o.RenderTimeout = 30 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 10 << 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}
