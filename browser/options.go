package browser

import (
	"log/slog"
	"time"

	"github.com/govaudit/govaudit/internal/chromium"
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

// Find returns the Chromium binary to use (chromium.Find): path when set,
// else $GOVAUDIT_BROWSER, a Debian binary or one on PATH. ok is false when
// there is none.
func Find(path string) (string, bool) { return chromium.Find(path) }

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
