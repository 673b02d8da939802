package browser

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/chromedp/chromedp"

	"github.com/govaudit/govaudit/internal/chromium"
)

// ErrUnavailable means no browser binary was found or configured.
var ErrUnavailable = errors.New("no chromium binary found")

// Browser is one Chromium process for an audit, started on first use. It is
// safe for concurrent use; Close kills it.
type Browser struct {
	opts Options
	path string
	ok   bool
	tabs chan struct{}

	mu     sync.Mutex
	proc   *process
	closed bool

	starts atomic.Int32 // processes started, for the tests and the log
}

// process is one running Chromium.
type process struct {
	ctx         context.Context // the browser's chromedp context
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
	pid         int
}

// New returns a browser that starts Chromium when a page first needs it.
// When no binary is found, Available is false and every render fails with
// ErrUnavailable.
func New(opts Options) *Browser {
	opts = opts.withDefaults()
	path, ok := Find(opts.Path)
	return &Browser{opts: opts, path: path, ok: ok, tabs: make(chan struct{}, opts.Tabs)}
}

// Available reports whether a Chromium binary was found.
func (b *Browser) Available() bool { return b != nil && b.ok }

// Path is the Chromium binary used.
func (b *Browser) Path() string { return b.path }

// Starts counts the Chromium processes started so far (restarts included).
func (b *Browser) Starts() int { return int(b.starts.Load()) }

// PID is the running browser's process id, 0 when none runs.
func (b *Browser) PID() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.proc == nil || b.proc.ctx.Err() != nil {
		return 0
	}
	return b.proc.pid
}

// running returns the live browser, starting one when there is none or the
// last one died.
func (b *Browser) running() (*process, error) {
	if !b.ok {
		return nil, ErrUnavailable
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, errors.New("browser closed")
	}
	if b.proc != nil && b.proc.ctx.Err() == nil {
		return b.proc, nil
	}
	if b.proc != nil {
		b.opts.Logger.Warn("chromium died; starting it again", "pid", b.proc.pid)
		b.proc.stop()
		b.proc = nil
	}
	p, err := b.start()
	if err != nil {
		return nil, err
	}
	b.proc = p
	return p, nil
}

func (b *Browser) start() (*process, error) {
	opts := append(chromium.Options(b.path),
		chromedp.Flag("mute-audio", true),
		// Every request is answered through the crawler (see intercept.go):
		// the browser itself must resolve and reach nothing, so that a
		// request escaping interception fails rather than leaves the host.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("dns-prefetch-disable", true),
		// Frames stay in their page's target, where interception is on.
		chromedp.Flag("disable-features", "IsolateOrigins,site-per-process,Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("disable-site-isolation-trials", true),
		chromedp.WindowSize(1280, 1024),
		// chromedp makes a fresh profile directory and removes it.
		chromedp.ModifyCmdFunc(prepare),
	)
	if b.opts.UserAgent != "" {
		opts = append(opts, chromedp.UserAgent(b.opts.UserAgent))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	log := b.opts.Logger
	ctx, cancel := chromedp.NewContext(alloc,
		chromedp.WithErrorf(func(f string, a ...any) { log.Debug("chromedp: " + fmt.Sprintf(f, a...)) }),
		chromedp.WithLogf(func(f string, a ...any) { log.Debug("chromedp: " + fmt.Sprintf(f, a...)) }))
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, fmt.Errorf("start %s: %w", b.path, err)
	}
	p := &process{ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc}
	if c := chromedp.FromContext(ctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		p.pid = c.Browser.Process().Pid
	}
	b.starts.Add(1)
	b.opts.Logger.Info("chromium started", "path", b.path, "pid", p.pid)
	return p, nil
}

// stop ends the browser: chromedp's shutdown, then the whole process group.
func (p *process) stop() {
	p.cancel()
	p.cancelAlloc()
	killGroup(p.pid)
}

// Close kills the browser, if one runs; later renders fail.
func (b *Browser) Close() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	if b.proc != nil {
		b.proc.stop()
		b.proc = nil
	}
}
