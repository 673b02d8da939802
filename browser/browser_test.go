package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// challengeSite answers 521 with a cookie script until the cookie is sent,
// as 加速乐-style walls do, and counts what it served.
type challengeSite struct {
	challenges atomic.Int32 // challenge pages served
	plain      atomic.Int32 // content pages served with the cookie
}

func (s *challengeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	if c, err := r.Cookie("__jsl_clearance"); err != nil || c.Value != "passed" {
		s.challenges.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(521)
		fmt.Fprint(w, `<html><body><script>document.cookie="__jsl_clearance=passed; max-age=3600; path=/";location.href=location.pathname+location.search</script></body></html>`)
		return
	}
	s.plain.Add(1)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<html><head><title>%s</title></head><body><h1>政府网站</h1><p id="path">%s</p></body></html>`, r.URL.Path, r.URL.Path)
}

func TestChallengePassedOncePerSite(t *testing.T) {
	b := newBrowser(t, 20*time.Second)
	site := &challengeSite{}
	var n testNet
	n.add(quietServer(t, site), "www.wall.test")
	f := b.Site(newSite(t, crawlOptions(&n), "wall"), govaudit.BrowserAuto)
	ctx := context.Background()

	home := f.Fetch(ctx, "http://www.wall.test/", 0)
	if !home.OK() {
		t.Fatalf("home: got error %v, want the page behind the challenge", home.Err)
	}
	if !strings.Contains(string(home.Body), `<p id="path">/</p>`) {
		t.Errorf("home body: got %.200q, want the content page", home.Body)
	}
	for _, p := range []string{"/a.html", "/b.html", "/c.html"} {
		pg := f.Fetch(ctx, "http://www.wall.test"+p, 1)
		if !pg.OK() || !strings.Contains(string(pg.Body), `<p id="path">`+p+`</p>`) {
			t.Errorf("%s: got %v %.100q, want the content page over HTTP", p, pg.Err, pg.Body)
		}
	}
	// Once over HTTP and once in the browser before the script set the
	// cookie; every later page came with the cookie from the jar.
	if got := site.challenges.Load(); got != 2 {
		t.Errorf("challenges served: got %d, want 2", got)
	}
	if got := site.plain.Load(); got != 4 {
		t.Errorf("content pages served: got %d, want 4 (home in the browser, three over HTTP)", got)
	}
	if got := b.Starts(); got != 1 {
		t.Errorf("browser starts: got %d, want 1", got)
	}
}

func TestBrowserNotStartedWhenNotNeeded(t *testing.T) {
	b := newBrowser(t, 10*time.Second)
	var n testNet
	n.add(quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><a href='/x'>x</a></body></html>")
	})), "www.plain.test")
	f := b.Site(newSite(t, crawlOptions(&n), "plain"), govaudit.BrowserAuto)
	for _, p := range []string{"/", "/x", "/y"} {
		if pg := f.Fetch(context.Background(), "http://www.plain.test"+p, 0); !pg.OK() {
			t.Fatalf("%s: %v", p, pg.Err)
		}
	}
	if got := b.Starts(); got != 0 {
		t.Errorf("browser starts: got %d, want 0", got)
	}
}

func TestRulesInsideBrowser(t *testing.T) {
	b := newBrowser(t, 20*time.Second)
	var internalHits, disallowedHits, allowedHits, imageHits atomic.Int32
	// 127.0.0.2 stands in for an intranet address: the guard refuses it
	// and nothing else.
	internal := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		fmt.Fprint(w, `document.body.dataset.internal = "loaded";`)
	}))
	public := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/private/data.json":
			disallowedHits.Add(1)
			fmt.Fprint(w, `{"secret": true}`)
		case "/api/list.json":
			allowedHits.Add(1)
			fmt.Fprint(w, `[{"title":"关于开展专项检查的通知","date":"2026-12-01"}]`)
		case "/logo.png":
			imageHits.Add(1)
			w.Header().Set("Content-Type", "image/png")
		default:
			fmt.Fprint(w, `<html><body><ul id="list"></ul><img src="/logo.png">
<script src="http://intranet.ln.test/steal.js"></script>
<script>
fetch("/private/data.json").then(r => r.text()).then(t => { document.body.dataset.priv = t }).catch(() => { document.body.dataset.priv = "refused" });
fetch("/api/list.json").then(r => r.json()).then(items => {
  for (const it of items) { const li = document.createElement("li"); li.textContent = it.title + " " + it.date; document.getElementById("list").appendChild(li) }
});
</script></body></html>`)
		}
	}))
	var n testNet
	n.add(public, "www.rules.test")
	n.add(internal, "intranet.ln.test")
	internalAddr := netip.MustParseAddrPort(strings.TrimPrefix(internal.URL, "http://")).Addr()
	if internalAddr != netip.MustParseAddr("127.0.0.1") {
		t.Fatalf("test servers listen on %s, want 127.0.0.1", internalAddr)
	}
	opts := crawlOptions(&n)
	opts.AllowPrivateAddresses = false
	// The internal server gets its own port: deny by port through Resolve.
	internalPort := strings.TrimPrefix(internal.URL, "http://127.0.0.1:")
	n.routes["intranet.ln.test"] = "127.0.0.2:" + internalPort
	opts.Deny = func(ip netip.Addr) bool { return ip == netip.MustParseAddr("127.0.0.2") }
	f := b.Site(newSite(t, opts, "rules"), govaudit.BrowserAuto)

	r := b.Render(context.Background(), f.site, "http://www.rules.test/", false)
	if !r.Page.OK() {
		t.Fatalf("render: %v", r.Page.Err)
	}
	body := string(r.Page.Body)
	if !strings.Contains(body, "<li>关于开展专项检查的通知 2026-12-01</li>") {
		t.Errorf("rendered body lacks the script-built item: %.400q", body)
	}
	if !strings.Contains(body, `data-priv="refused"`) {
		t.Errorf("robots-disallowed fetch: got body %.300q, want it refused", body)
	}
	if internalHits.Load() != 0 || disallowedHits.Load() != 0 || imageHits.Load() != 0 {
		t.Errorf("hits: internal %d, disallowed %d, image %d; want 0 each", internalHits.Load(), disallowedHits.Load(), imageHits.Load())
	}
	if allowedHits.Load() != 1 {
		t.Errorf("allowed XHR hits: got %d, want 1", allowedHits.Load())
	}
	want := map[string]bool{"intranet.ln.test": false, "/private/data.json": false, "/logo.png": false}
	for _, bl := range r.Blocked {
		for k := range want {
			if strings.Contains(bl, k) {
				want[k] = true
			}
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("blocked requests %q lack %s", r.Blocked, k)
		}
	}
}

func TestRenderDeadline(t *testing.T) {
	b := newBrowser(t, 2*time.Second)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hang.json":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "/spin.html":
			fmt.Fprint(w, `<html><body><script>for(;;){}</script></body></html>`)
		default:
			fmt.Fprint(w, `<html><body><ul id="list"></ul><script>fetch("/hang.json")</script></body></html>`)
		}
	}))
	var n testNet
	n.add(srv, "www.slow.test")
	f := b.Site(newSite(t, crawlOptions(&n), "slow"), govaudit.BrowserAuto)
	for _, p := range []string{"/", "/spin.html"} {
		t.Run(p, func(t *testing.T) {
			start := time.Now()
			pg := f.Render(context.Background(), "http://www.slow.test"+p, 1)
			took := time.Since(start)
			if pg.Err == nil || pg.Err.Kind != govaudit.ErrTimeout {
				t.Fatalf("got %v, want a timeout", pg.Err)
			}
			if took > 8*time.Second {
				t.Errorf("render took %s, want it cut at the 2s deadline", took)
			}
		})
	}
	// The browser still serves the next page.
	srv2 := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><p>ok</p></body></html>`)
	}))
	n.add(srv2, "www.fine.test")
	g := b.Site(newSite(t, crawlOptions(&n), "fine"), govaudit.BrowserAuto)
	if pg := g.Render(context.Background(), "http://www.fine.test/", 0); !pg.OK() {
		t.Errorf("render after timeouts: %v", pg.Err)
	}
}

func TestBrowserRestartsAfterKill(t *testing.T) {
	b := newBrowser(t, 15*time.Second)
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><body><p>%s</p></body></html>`, r.URL.Path)
	}))
	var n testNet
	n.add(srv, "www.crash.test")
	f := b.Site(newSite(t, crawlOptions(&n), "crash"), govaudit.BrowserAuto)
	if pg := f.Render(context.Background(), "http://www.crash.test/1", 0); !pg.OK() {
		t.Fatalf("first render: %v", pg.Err)
	}
	pid := b.PID()
	if pid == 0 {
		t.Fatal("no browser process after a render")
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// chromedp notices the lost connection; the next render starts anew.
	deadline := time.Now().Add(5 * time.Second)
	for b.PID() != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	pg := f.Render(context.Background(), "http://www.crash.test/2", 0)
	if !pg.OK() || !strings.Contains(string(pg.Body), "<p>/2</p>") {
		t.Fatalf("render after the kill: %v %.100q", pg.Err, pg.Body)
	}
	if got := b.Starts(); got != 2 {
		t.Errorf("browser starts: got %d, want 2", got)
	}
}

func TestChallengeABrowserCannotPass(t *testing.T) {
	b := newBrowser(t, 20*time.Second)
	var served atomic.Int32
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		served.Add(1)
		w.WriteHeader(http.StatusPreconditionFailed)
		fmt.Fprint(w, `<html><head><script>document.cookie="__wafclearance=x;path=/";setTimeout(function(){location.replace(location.pathname)},50)</script></head><body></body></html>`)
	}))
	var n testNet
	n.add(srv, "www.wall.test")
	f := b.Site(newSite(t, crawlOptions(&n), "wall"), govaudit.BrowserAuto)
	start := time.Now()
	p := f.Fetch(context.Background(), "http://www.wall.test/", 0)
	if p.Err == nil || p.Err.Kind != govaudit.ErrBlocked {
		t.Fatalf("got %v, want blocked", p.Err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s, want the loop recognised well before the 20s deadline", took)
	}
	if got := served.Load(); got > maxChallengeLoads+2 {
		t.Errorf("challenges served: got %d, want at most %d", got, maxChallengeLoads+2)
	}
}

func TestScreenshotLoadsImages(t *testing.T) {
	b := newBrowser(t, 20*time.Second)
	var images atomic.Int32
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/logo.png":
			images.Add(1)
			w.Header().Set("Content-Type", "image/png")
		default:
			fmt.Fprint(w, `<html><head><meta charset="utf-8"></head><body><h1>通知公告</h1><img src="/logo.png"><p>暂无信息</p></body></html>`)
		}
	}))
	var n testNet
	n.add(srv, "www.shot.test")
	f := b.Site(newSite(t, crawlOptions(&n), "shot"), govaudit.BrowserAuto)
	png := f.Screenshot(context.Background(), "http://www.shot.test/tzgg/")
	if !strings.HasPrefix(string(png), "\x89PNG\r\n\x1a\n") {
		t.Fatalf("screenshot: got %d bytes %.8q, want a PNG", len(png), png)
	}
	if images.Load() != 1 {
		t.Errorf("image requests with a screenshot: got %d, want 1", images.Load())
	}
	if again := f.Screenshot(context.Background(), "http://www.shot.test/tzgg/"); &again[0] != &png[0] {
		t.Error("a second screenshot of the same page was taken anew, want it kept for the audit")
	}
	if f.Screenshot(context.Background(), "http://www.shot.test/tzgg/") == nil {
		t.Error("no screenshot")
	}
	// Without a browser there is no screenshot, and no error.
	none := New(Options{Path: "/nonexistent/chromium"}).Site(newSite(t, crawlOptions(&n), "shot2"), govaudit.BrowserAuto)
	if got := none.Screenshot(context.Background(), "http://www.shot.test/tzgg/"); got != nil {
		t.Errorf("screenshot without a browser: got %d bytes, want none", len(got))
	}
}

func TestModes(t *testing.T) {
	b := newBrowser(t, 20*time.Second)
	site := &challengeSite{}
	var n testNet
	n.add(quietServer(t, site), "www.wall.test")
	plain := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><p id="x">html</p><script>document.getElementById("x").textContent = "rendered"</script></body></html>`)
	}))
	n.add(plain, "www.plain.test")
	ctx := context.Background()

	t.Run("never", func(t *testing.T) {
		f := b.Site(newSite(t, crawlOptions(&n), "never"), govaudit.BrowserNever)
		if p := f.Fetch(ctx, "http://www.wall.test/", 0); p.Err == nil || p.Err.Kind != govaudit.ErrBlocked {
			t.Errorf("challenge in mode never: got %v, want the HTTP answer (blocked)", p.Err)
		}
		if p := f.Render(ctx, "http://www.plain.test/", 0); p.Err == nil || p.Err.Kind != govaudit.ErrUnrendered {
			t.Errorf("render in mode never: got %v, want unrendered", p.Err)
		}
		if got := b.Starts(); got != 0 {
			t.Errorf("browser starts in mode never: got %d, want 0", got)
		}
	})
	t.Run("always", func(t *testing.T) {
		f := b.Site(newSite(t, crawlOptions(&n), "always"), govaudit.BrowserAlways)
		p := f.Fetch(ctx, "http://www.plain.test/", 0)
		if !p.OK() || !strings.Contains(string(p.Body), `<p id="x">rendered</p>`) {
			t.Errorf("mode always: got %v %.200q, want the rendered page", p.Err, p.Body)
		}
	})
	t.Run("no chromium", func(t *testing.T) {
		none := New(Options{Path: "/nonexistent/chromium"})
		f := none.Site(newSite(t, crawlOptions(&n), "none"), govaudit.BrowserAuto)
		p := f.Fetch(ctx, "http://www.wall.test/", 0)
		if p.Err == nil || p.Err.Kind != govaudit.ErrUnrendered || !strings.Contains(p.Err.Message, "Chromium") {
			t.Errorf("challenge without chromium: got %v, want unrendered naming Chromium", p.Err)
		}
	})
}
