package crawler

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// The fetcher must satisfy the interface the audit uses.
var _ govaudit.Fetcher = (*SiteFetcher)(nil)

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Options)
	}{
		{"empty user agent", func(o *Options) { o.UserAgent = "" }},
		{"user agent with a newline", func(o *Options) { o.UserAgent = "govaudit\r\nX-Evil: 1" }},
		{"negative depth", func(o *Options) { o.MaxDepth = -1 }},
		{"no page budget", func(o *Options) { o.MaxPagesPerSite = 0 }},
		{"no parallelism", func(o *Options) { o.PerHostParallelism = 0 }},
		{"negative delay", func(o *Options) { o.PerHostDelay = -time.Second }},
		{"negative max crawl delay", func(o *Options) { o.MaxCrawlDelay = -time.Second }},
		{"no timeout", func(o *Options) { o.Timeout = 0 }},
		{"no body limit", func(o *Options) { o.MaxBodyBytes = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			tt.mod(&o)
			if _, err := New(o, nil); err == nil {
				t.Errorf("New accepted options with %s", tt.name)
			}
		})
	}
	if _, err := New(testOptions(), nil); err != nil {
		t.Errorf("New rejected valid options: %v", err)
	}
}

func TestFetchPage(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "www.a.gov.cn" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><title>辽宁省发展和改革委员会</title></html>")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")

	p := f.Fetch(context.Background(), "http://www.a.gov.cn/index.html", 0)
	if !p.OK() {
		t.Fatalf("got error %v, want a page", p.Err)
	}
	if p.Status != 200 {
		t.Errorf("status: got %d, want 200", p.Status)
	}
	if p.URL != "http://www.a.gov.cn/index.html" || p.FinalURL != "http://www.a.gov.cn/index.html" {
		t.Errorf("URL, FinalURL: got %q, %q", p.URL, p.FinalURL)
	}
	if p.ContentType != "text/html; charset=utf-8" {
		t.Errorf("content type: got %q", p.ContentType)
	}
	if want := "<html><title>辽宁省发展和改革委员会</title></html>"; string(p.Body) != want {
		t.Errorf("body: got %q, want %q", p.Body, want)
	}
	if p.FetchedAt.IsZero() {
		t.Error("FetchedAt not set")
	}
}

func TestFetchErrorKinds(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/404":
			http.NotFound(w, r)
		case "/500":
			http.Error(w, "internal error", 500)
		case "/503":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "/412":
			w.WriteHeader(412)
			fmt.Fprint(w, `<script>var $_ts=window['$_ts'];</script>`)
		case "/521":
			w.WriteHeader(521)
			fmt.Fprint(w, `<script>document.cookie=('_')+('_jsl_clearance_s=1');location.href=location.pathname</script>`)
		case "/403-waf":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(403)
			fmt.Fprint(w, "<html><title>网站防火墙</title><body>您的请求带有不合法参数，已被网站管理员设置拦截！</body></html>")
		case "/403":
			http.Error(w, "Forbidden", http.StatusForbidden)
		case "/wzws":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><script>var wzwschallenge="abc";location.reload()</script></html>`)
		case "/no-location":
			w.WriteHeader(302)
		default:
			fmt.Fprint(w, "ok")
		}
	}))

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()

	resetter, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resetter.Close() })
	go func() {
		for {
			conn, err := resetter.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()

	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	n.route(closedAddr, "80", []string{"refused.gov.cn"})
	n.route(resetter.Addr().String(), "80", []string{"reset.gov.cn"})
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")

	tests := []struct {
		url        string
		wantKind   govaudit.ErrorKind
		wantStatus int
	}{
		{"http://www.a.gov.cn/ok", "", 200},
		{"http://www.a.gov.cn/404", govaudit.ErrHTTP4xx, 404},
		{"http://www.a.gov.cn/403", govaudit.ErrHTTP4xx, 403},
		{"http://www.a.gov.cn/500", govaudit.ErrHTTP5xx, 500},
		{"http://www.a.gov.cn/503", govaudit.ErrHTTP5xx, 503},
		{"http://www.a.gov.cn/412", govaudit.ErrBlocked, 412},
		{"http://www.a.gov.cn/521", govaudit.ErrBlocked, 521},
		{"http://www.a.gov.cn/403-waf", govaudit.ErrBlocked, 403},
		{"http://www.a.gov.cn/wzws", govaudit.ErrBlocked, 200},
		{"http://www.a.gov.cn/no-location", govaudit.ErrOther, 302},
		{"http://refused.gov.cn/", govaudit.ErrRefused, 0},
		{"http://reset.gov.cn/", govaudit.ErrRefused, 0},
		{"http://no-such-host.gov.cn/", govaudit.ErrDNS, 0},
		{"ftp://www.a.gov.cn/file", govaudit.ErrOther, 0},
		{"http://%zz/", govaudit.ErrOther, 0},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			p := f.Fetch(context.Background(), tt.url, 1)
			if got := kind(p); got != tt.wantKind {
				t.Errorf("kind: got %q (%v), want %q", got, p.Err, tt.wantKind)
			}
			if p.Status != tt.wantStatus {
				t.Errorf("status: got %d, want %d", p.Status, tt.wantStatus)
			}
			if p.Err != nil && (p.Err.Message == "" || len(p.Err.Message) > 250) {
				t.Errorf("message %q is not short and human-readable", p.Err.Message)
			}
		})
	}
}

func TestFetchTimeouts(t *testing.T) {
	stop := make(chan struct{})
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/silent":
		case "/stall":
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", "100000")
			fmt.Fprint(w, "<html><body>")
			w.(http.Flusher).Flush()
		default:
			return
		}
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(func() { close(stop) })
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.Timeout = 300 * time.Millisecond
	f := newTestCrawler(t, opts, n).Site("ln-a")

	for _, tt := range []struct {
		path       string
		wantStatus int
	}{
		{"/silent", 0},
		{"/stall", 200},
	} {
		t.Run(tt.path, func(t *testing.T) {
			start := time.Now()
			p := f.Fetch(context.Background(), "http://www.a.gov.cn"+tt.path, 1)
			elapsed := time.Since(start)
			if kind(p) != govaudit.ErrTimeout {
				t.Errorf("kind: got %q (%v), want timeout", kind(p), p.Err)
			}
			if p.Status != tt.wantStatus {
				t.Errorf("status: got %d, want %d", p.Status, tt.wantStatus)
			}
			if elapsed > 3*time.Second {
				t.Errorf("took %s with a %s timeout", elapsed, opts.Timeout)
			}
		})
	}
}

func TestFetchCallerContext(t *testing.T) {
	var hits atomic.Int32
	arrived := make(chan struct{}, 10)
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.Timeout = 30 * time.Second
	f := newTestCrawler(t, opts, n).Site("ln-a")

	t.Run("cancel mid-request", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var cancelled time.Time
		go func() {
			<-arrived
			cancelled = time.Now()
			cancel()
		}()
		p := f.Fetch(ctx, "http://www.a.gov.cn/slow", 1)
		if since := time.Since(cancelled); since > 2*time.Second {
			t.Errorf("Fetch returned %s after cancel", since)
		}
		if p.Err == nil || p.Err.Kind != govaudit.ErrOther || !strings.Contains(p.Err.Message, "cancel") {
			t.Errorf("got %v, want an 'other: fetch cancelled' error", p.Err)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		p := f.Fetch(ctx, "http://www.a.gov.cn/deadline", 1)
		<-arrived
		if kind(p) != govaudit.ErrTimeout {
			t.Errorf("kind: got %q, want timeout", kind(p))
		}
	})
	t.Run("cancel while waiting for a politeness slot", func(t *testing.T) {
		o := opts
		o.PerHostParallelism = 1
		g := newTestCrawler(t, o, n).Site("ln-a")
		busy, stopBusy := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			g.Fetch(busy, "http://www.a.gov.cn/busy", 1)
		}()
		<-arrived // the only slot is taken
		// Should the queued fetch not return on cancel, free the slot
		// later so that the test fails instead of hanging.
		watchdog := time.AfterFunc(5*time.Second, stopBusy)
		defer watchdog.Stop()
		before := hits.Load()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		p := g.Fetch(ctx, "http://www.a.gov.cn/queued", 1)
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("Fetch returned %s after start, want promptly after cancel", elapsed)
		}
		if kind(p) != govaudit.ErrOther || hits.Load() != before {
			t.Errorf("got %v and %d new requests, want 'fetch cancelled' and none", p.Err, hits.Load()-before)
		}
		stopBusy()
		<-done
	})
	t.Run("already ended", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		before := hits.Load()
		p := f.Fetch(ctx, "http://www.a.gov.cn/never", 1)
		if p.Err == nil || hits.Load() != before {
			t.Errorf("got err %v and %d new requests, want an error and none", p.Err, hits.Load()-before)
		}
	})
	t.Run("not cached, not counted", func(t *testing.T) {
		if s := f.Stats(); len(s.Errors) != 0 {
			t.Errorf("stats errors: got %v, want none for caller-ended fetches", s.Errors)
		}
		// The cancelled URL is fetched again by a caller that waits.
		before := hits.Load()
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		f.Fetch(ctx, "http://www.a.gov.cn/slow", 1)
		<-arrived
		if hits.Load() != before+1 {
			t.Errorf("requests: got %d, want %d (a new request)", hits.Load()-before, 1)
		}
	})
}

func TestFetchTooLarge(t *testing.T) {
	const huge = 50 << 20
	var (
		streamed     atomic.Int64
		streamDone   = make(chan struct{}, 1)
		chunk        = bytes.Repeat([]byte("<p>政务公开</p>"), 2048)
		limit        = int64(1 << 20)
		smallLimit   = int64(1000)
		smallExact   = strings.Repeat("a", int(smallLimit))
		smallOneMore = strings.Repeat("a", int(smallLimit)+1)
	)
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", fmt.Sprint(huge))
			for i := 0; i < huge/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/streamed":
			defer func() { streamDone <- struct{}{} }()
			w.(http.Flusher).Flush() // chunked: no Content-Length
			for streamed.Load() < huge {
				n, err := w.Write(chunk)
				streamed.Add(int64(n))
				if err != nil {
					return
				}
			}
		case "/exact":
			w.(http.Flusher).Flush()
			fmt.Fprint(w, smallExact)
		case "/one-more":
			w.(http.Flusher).Flush()
			fmt.Fprint(w, smallOneMore)
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn")
	opts := testOptions()
	opts.MaxBodyBytes = limit
	f := newTestCrawler(t, opts, n).Site("ln-a")

	t.Run("declared", func(t *testing.T) {
		p := f.Fetch(context.Background(), "http://www.a.gov.cn/declared", 1)
		if kind(p) != govaudit.ErrTooLarge || p.Status != 200 || p.Body != nil {
			t.Errorf("got kind %q status %d body %d bytes, want too_large, 200, no body", kind(p), p.Status, len(p.Body))
		}
	})
	t.Run("streamed", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		p := f.Fetch(context.Background(), "http://www.a.gov.cn/streamed", 1)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if kind(p) != govaudit.ErrTooLarge {
			t.Fatalf("kind: got %q (%v), want too_large", kind(p), p.Err)
		}
		select {
		case <-streamDone:
		case <-time.After(10 * time.Second):
			t.Fatal("the server kept streaming: the client did not hang up")
		}
		if got := streamed.Load(); got > huge/2 {
			t.Errorf("server wrote %d bytes, want far less than %d", got, huge)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("allocated %d bytes fetching with a %d-byte limit", alloc, limit)
		}
		if elapsed > 5*time.Second {
			t.Errorf("took %s", elapsed)
		}
	})
	t.Run("boundary", func(t *testing.T) {
		o := testOptions()
		o.MaxBodyBytes = smallLimit
		f := newTestCrawler(t, o, n).Site("ln-b")
		if p := f.Fetch(context.Background(), "http://www.b.gov.cn/exact", 1); !p.OK() || len(p.Body) != int(smallLimit) {
			t.Errorf("body of exactly the limit: got %v, %d bytes", p.Err, len(p.Body))
		}
		if p := f.Fetch(context.Background(), "http://www.b.gov.cn/one-more", 1); kind(p) != govaudit.ErrTooLarge {
			t.Errorf("body one byte over the limit: got kind %q, want too_large", kind(p))
		}
	})
}

func TestFetchRedirects(t *testing.T) {
	pki := getPKI(t)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		here := scheme + "://" + r.Host + r.URL.Path
		switch {
		case here == "http://a.gov.cn/":
			http.Redirect(w, r, "http://www.a.gov.cn/", http.StatusMovedPermanently)
		case here == "http://www.b.gov.cn/":
			http.Redirect(w, r, "http://b.gov.cn/", http.StatusFound)
		case here == "http://a.gov.cn/secure":
			http.Redirect(w, r, "https://www.a.gov.cn/secure", http.StatusMovedPermanently)
		case here == "https://www.a.gov.cn/down":
			http.Redirect(w, r, "http://www.a.gov.cn/plain", http.StatusFound)
		case here == "http://www.a.gov.cn/platform":
			http.Redirect(w, r, "http://www.b.gov.cn/budget/", http.StatusFound)
		case here == "http://www.a.gov.cn/relative":
			w.Header().Set("Location", "sub/page.html")
			w.WriteHeader(http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/chain/"):
			var k int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &k)
			if k > 0 {
				http.Redirect(w, r, fmt.Sprintf("/chain/%d", k-1), http.StatusFound)
				return
			}
			fmt.Fprint(w, "end of chain")
		case r.URL.Path == "/loop/a":
			http.Redirect(w, r, "/loop/b", http.StatusFound)
		case r.URL.Path == "/loop/b":
			http.Redirect(w, r, "/loop/a", http.StatusFound)
		default:
			fmt.Fprint(w, "landed at "+here)
		}
	})
	plain := quietServer(t, handler)
	secure := tlsServer(t, handler, nil, pki.leaf)
	n := newTestNet()
	n.plain(plain, "a.gov.cn", "www.a.gov.cn", "b.gov.cn", "www.b.gov.cn")
	n.tls(secure, "www.a.gov.cn")
	opts := testOptions()
	opts.RootCAs = pki.roots
	f := newTestCrawler(t, opts, n).Site("ln-a")

	tests := []struct {
		name, url, wantFinal string
		wantKind             govaudit.ErrorKind
	}{
		{"bare to www", "http://a.gov.cn/", "http://www.a.gov.cn/", ""},
		{"www to bare", "http://www.b.gov.cn/", "http://b.gov.cn/", ""},
		{"http to https", "http://a.gov.cn/secure", "https://www.a.gov.cn/secure", ""},
		{"https to http", "https://www.a.gov.cn/down", "http://www.a.gov.cn/plain", ""},
		{"other host", "http://www.a.gov.cn/platform", "http://www.b.gov.cn/budget/", ""},
		{"relative location", "http://www.a.gov.cn/relative", "http://www.a.gov.cn/sub/page.html", ""},
		{"ten hops", "http://www.a.gov.cn/chain/10", "http://www.a.gov.cn/chain/0", ""},
		{"eleven hops", "http://www.a.gov.cn/chain/11", "", govaudit.ErrRedirectLoop},
		{"loop", "http://www.a.gov.cn/loop/a", "", govaudit.ErrRedirectLoop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := f.Fetch(context.Background(), tt.url, 0)
			if got := kind(p); got != tt.wantKind {
				t.Fatalf("kind: got %q (%v), want %q", got, p.Err, tt.wantKind)
			}
			if tt.wantKind == "" {
				if p.FinalURL != tt.wantFinal {
					t.Errorf("final URL: got %q, want %q", p.FinalURL, tt.wantFinal)
				}
				if want := "landed at " + tt.wantFinal; tt.name != "ten hops" && string(p.Body) != want {
					t.Errorf("body: got %q, want %q", p.Body, want)
				}
			} else if !strings.HasPrefix(p.FinalURL, "http://www.a.gov.cn/") {
				// net/http reports the raw, here relative, Location.
				t.Errorf("final URL: got %q, want the absolute address of the refused hop", p.FinalURL)
			}
		})
	}
	p := f.Fetch(context.Background(), "http://www.a.gov.cn/loop/a", 0)
	if p.Err == nil || !strings.Contains(p.Err.Message, "loop") {
		t.Errorf("loop message: got %v, want it to say loop", p.Err)
	}
}

func TestFetchRobots(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.Host+r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			switch r.Host {
			case "www.a.gov.cn":
				fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: govaudit-test\nDisallow: /secret/\n")
			case "www.b.gov.cn":
				http.NotFound(w, r)
			case "www.c.gov.cn":
				http.Error(w, "server error", 500)
			}
			return
		}
		fmt.Fprint(w, "page")
	}))
	count := func(k string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[k]
	}
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn", "www.c.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	opts.MaxPagesPerSite = 3
	c := newTestCrawler(t, opts, n)

	t.Run("rules for our agent", func(t *testing.T) {
		f := c.Site("ln-a")
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() { f.Fetch(context.Background(), fmt.Sprintf("http://www.a.gov.cn/secret/%d", i), 1) })
		}
		wg.Wait()
		if got := count("www.a.gov.cn/robots.txt"); got != 1 {
			t.Errorf("robots.txt fetched %d times, want 1", got)
		}
		p := f.Fetch(context.Background(), "http://www.a.gov.cn/secret/x.html", 1)
		if kind(p) != govaudit.ErrRobots {
			t.Errorf("disallowed path: got kind %q, want robots", kind(p))
		}
		for i := range 8 {
			if count(fmt.Sprintf("www.a.gov.cn/secret/%d", i)) != 0 {
				t.Fatalf("a disallowed page reached the server")
			}
		}
		// Our own group replaces the * group: /private/ is allowed for us.
		if p := f.Fetch(context.Background(), "http://www.a.gov.cn/private/x.html", 1); !p.OK() {
			t.Errorf("path disallowed only for other agents: got %v", p.Err)
		}
		s := f.Stats()
		if s.Pages != 1 || s.Errors[govaudit.ErrRobots] != 9 {
			t.Errorf("stats: got %+v, want 1 page (robots.txt not counted) and 9 robots errors", s)
		}
	})
	for _, host := range []string{"www.b.gov.cn", "www.c.gov.cn"} {
		t.Run("allow all on "+host, func(t *testing.T) {
			f := c.Site(host)
			// The budget is 3: robots.txt must not use any of it.
			for i := range 3 {
				if p := f.Fetch(context.Background(), fmt.Sprintf("http://%s/p%d", host, i), 1); !p.OK() {
					t.Errorf("page %d: got %v, want it allowed", i, p.Err)
				}
			}
		})
	}
	t.Run("ignored when not respected", func(t *testing.T) {
		o := opts
		o.RespectRobots = false
		f := newTestCrawler(t, o, n).Site("ln-a")
		before := count("www.a.gov.cn/robots.txt")
		if p := f.Fetch(context.Background(), "http://www.a.gov.cn/secret/y", 1); !p.OK() {
			t.Errorf("got %v, want the page", p.Err)
		}
		if count("www.a.gov.cn/robots.txt") != before {
			t.Error("robots.txt fetched although RespectRobots is false")
		}
	})
}

func TestUserAgentOnEveryRequest(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" "+r.UserAgent())
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case "/":
			http.Redirect(w, r, "/index.html", http.StatusFound)
		default:
			fmt.Fprint(w, "home")
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	f := newTestCrawler(t, opts, n).Site("ln-a")
	if p := f.Fetch(context.Background(), "http://www.a.gov.cn/", 0); !p.OK() {
		t.Fatalf("fetch: %v", p.Err)
	}
	want := []string{"/robots.txt " + testUA, "/ " + testUA, "/index.html " + testUA}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\ngot  %q\nwant %q", seen, want)
	}
}

func TestFetchBudget(t *testing.T) {
	var hits atomic.Int32
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "page")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.MaxPagesPerSite = 3
	opts.MaxDepth = 2
	f := newTestCrawler(t, opts, n).Site("ln-a")
	ctx := context.Background()

	for i := 1; i <= 3; i++ {
		if p := f.Fetch(ctx, fmt.Sprintf("http://www.a.gov.cn/%d", i), 1); !p.OK() {
			t.Fatalf("page %d: %v", i, p.Err)
		}
	}
	if p := f.Fetch(ctx, "http://www.a.gov.cn/4", 1); kind(p) != govaudit.ErrBudget {
		t.Errorf("4th page: got kind %q, want budget", kind(p))
	}
	if p := f.Fetch(ctx, "http://www.a.gov.cn/1", 1); !p.OK() {
		t.Errorf("cached page after the budget is spent: got %v, want it", p.Err)
	}
	if p := f.Fetch(ctx, "http://www.a.gov.cn/deep", 3); kind(p) != govaudit.ErrBudget {
		t.Errorf("depth 3 with max 2: got kind %q, want budget", kind(p))
	}
	if got := hits.Load(); got != 3 {
		t.Errorf("requests: got %d, want 3", got)
	}
	if s := f.Stats(); s.Pages != 3 || s.Errors[govaudit.ErrBudget] != 2 {
		t.Errorf("stats: got %+v, want 3 pages and 2 budget errors", s)
	}

	// Depth within the limit on a fresh fetcher.
	g := newTestCrawler(t, opts, n).Site("ln-a")
	if p := g.Fetch(ctx, "http://www.a.gov.cn/deep", 2); !p.OK() {
		t.Errorf("depth 2 with max 2: got %v", p.Err)
	}
}

func TestFetchCache(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	gate := make(chan struct{})
	arrived := make(chan struct{}, 1)
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/slow":
			select {
			case arrived <- struct{}{}:
			default:
			}
			<-gate
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		case "/missing":
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "page "+r.URL.Path)
	}))
	count := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[path]
	}
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")
	ctx := context.Background()

	t.Run("same URL", func(t *testing.T) {
		p1 := f.Fetch(ctx, "http://www.a.gov.cn/page", 1)
		p2 := f.Fetch(ctx, "http://www.a.gov.cn/page", 1)
		if p1 != p2 || count("/page") != 1 {
			t.Errorf("got %d requests and distinct pages %v, want 1 request and the cached page", count("/page"), p1 != p2)
		}
		p3 := f.Fetch(ctx, "HTTP://WWW.A.GOV.CN:80/page#top", 1)
		if count("/page") != 1 || p3.URL != "HTTP://WWW.A.GOV.CN:80/page#top" || string(p3.Body) != "page /page" {
			t.Errorf("other spelling: got %d requests, URL %q", count("/page"), p3.URL)
		}
	})
	t.Run("error pages", func(t *testing.T) {
		f.Fetch(ctx, "http://www.a.gov.cn/missing", 1)
		if p := f.Fetch(ctx, "http://www.a.gov.cn/missing", 1); kind(p) != govaudit.ErrHTTP4xx || count("/missing") != 1 {
			t.Errorf("got kind %q after %d requests, want http_4xx after 1", kind(p), count("/missing"))
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		pages := make([]*govaudit.Page, 10)
		for i := range pages {
			wg.Go(func() { pages[i] = f.Fetch(ctx, "http://www.a.gov.cn/slow", 1) })
		}
		<-arrived
		close(gate)
		wg.Wait()
		if got := count("/slow"); got != 1 {
			t.Errorf("requests: got %d, want 1", got)
		}
		for i, p := range pages {
			if !p.OK() || p != pages[0] {
				t.Errorf("caller %d: got %v, want the shared page", i, p.Err)
			}
		}
	})
	t.Run("final URL", func(t *testing.T) {
		if p := f.Fetch(ctx, "http://www.a.gov.cn/old", 1); p.FinalURL != "http://www.a.gov.cn/new" {
			t.Fatalf("final URL: got %q", p.FinalURL)
		}
		p := f.Fetch(ctx, "http://www.a.gov.cn/new", 1)
		if count("/new") != 1 || p.URL != "http://www.a.gov.cn/new" || string(p.Body) != "page /new" {
			t.Errorf("landing page: got %d requests, URL %q, want 1 and the cached page", count("/new"), p.URL)
		}
	})
}

// TestPoliteness checks that colly's LimitRule bounds requests in flight per
// site when many goroutines call Fetch at once, and that the bound is per
// site, not shared by all sites.
func TestPoliteness(t *testing.T) {
	var mu sync.Mutex
	inFlight := map[string]int{}
	maxPerHost := map[string]int{}
	total, maxTotal := 0, 0
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight[r.Host]++
		total++
		maxPerHost[r.Host] = max(maxPerHost[r.Host], inFlight[r.Host])
		maxTotal = max(maxTotal, total)
		mu.Unlock()
		// Hold the request so that concurrent ones overlap.
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight[r.Host]--
		total--
		mu.Unlock()
		fmt.Fprint(w, "page")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn")
	opts := testOptions()
	opts.PerHostParallelism = 2
	c := newTestCrawler(t, opts, n)

	var wg sync.WaitGroup
	for _, host := range []string{"www.a.gov.cn", "www.b.gov.cn"} {
		f := c.Site(host)
		for i := range 8 {
			wg.Go(func() {
				if p := f.Fetch(context.Background(), fmt.Sprintf("http://%s/%d", host, i), 1); !p.OK() {
					t.Errorf("fetch: %v", p.Err)
				}
			})
		}
	}
	wg.Wait()
	for host, got := range maxPerHost {
		if got != 2 {
			t.Errorf("%s: max in flight got %d, want 2", host, got)
		}
	}
	if maxTotal < 3 {
		t.Errorf("max in flight over both sites: got %d, want more than one site's bound", maxTotal)
	}
}

// TestCollyLimitRule checks the claim the fetcher's slots rely on: colly's
// LimitRule alone, without the fetcher's own gate, bounds requests in
// flight for synchronous callers on clones of one collector.
func TestCollyLimitRule(t *testing.T) {
	var mu sync.Mutex
	inFlight, maxInFlight := 0, 0
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		maxInFlight = max(maxInFlight, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // let concurrent requests overlap
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if err := f.base.Clone().Visit(fmt.Sprintf("http://www.a.gov.cn/%d", i)); err != nil {
				t.Errorf("visit: %v", err)
			}
		})
	}
	wg.Wait()
	if maxInFlight != 2 {
		t.Errorf("max in flight: got %d, want 2", maxInFlight)
	}
}

// TestPerHostDelay checks that the per-host delay rests the host's slot
// after each request, without holding up the caller: a caller fetching one
// page after another gets the host's other slot at once, and only the
// third request, with both slots resting, waits for the first one's delay.
func TestPerHostDelay(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		fmt.Fprint(w, "page")
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.PerHostParallelism = 2
	opts.PerHostDelay = 400 * time.Millisecond
	f := newTestCrawler(t, opts, n).Site("ln-a")
	for i := range 5 {
		if p := f.Fetch(context.Background(), fmt.Sprintf("http://www.a.gov.cn/%d", i), 1); !p.OK() {
			t.Fatalf("fetch: %v", p.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(starts) != 5 {
		t.Fatalf("requests: got %d, want 5", len(starts))
	}
	// Observed at the server, a start may be late by scheduling; the
	// bounds leave a quarter of the delay for that.
	const jitter = 100 * time.Millisecond
	if gap := starts[1].Sub(starts[0]); gap >= opts.PerHostDelay-jitter {
		t.Errorf("second request started %s after the first, want well under the %s delay: the other slot was free", gap, opts.PerHostDelay)
	}
	for i := 2; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-2]); gap < opts.PerHostDelay-jitter/4 {
			t.Errorf("request %d started %s after request %d on the same slot, want at least %s", i, gap, i-2, opts.PerHostDelay)
		}
	}
}

func TestStats(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/404":
			http.NotFound(w, r)
		case "/moved":
			http.Redirect(w, r, "/", http.StatusFound)
		default:
			fmt.Fprint(w, "page")
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	f := newTestCrawler(t, testOptions(), n).Site("ln-a")
	ctx := context.Background()
	for _, u := range []string{"/", "/", "/404", "/moved", "/404"} {
		f.Fetch(ctx, "http://www.a.gov.cn"+u, 1)
	}
	f.Fetch(ctx, "http://nowhere.gov.cn/", 1)
	got := f.Stats()
	if got.Pages != 3 {
		t.Errorf("pages: got %d, want 3 (/, /404, /moved's final page)", got.Pages)
	}
	want := map[govaudit.ErrorKind]int{govaudit.ErrHTTP4xx: 1, govaudit.ErrDNS: 1}
	if fmt.Sprint(got.Errors) != fmt.Sprint(want) {
		t.Errorf("errors: got %v, want %v", got.Errors, want)
	}
}

func TestLogging(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "page") }))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn")
	opts := testOptions()
	opts.Resolve = n.resolve
	var got []string
	sink := &sinkHandler{mu: new(sync.Mutex), out: &got}
	c, err := New(opts, slog.New(sink))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Site("ln-a").Fetch(context.Background(), "http://www.a.gov.cn/x", 1)
	want := "DEBUG fetch site=ln-a url=http://www.a.gov.cn/x status=200"
	found := false
	for _, line := range got {
		if strings.HasPrefix(line, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("log lines %q lack %q", got, want)
	}
}

// sinkHandler renders records as "LEVEL msg k=v ..." lines, handler
// attributes first.
type sinkHandler struct {
	mu    *sync.Mutex
	out   *[]string
	attrs []slog.Attr
}

func (h *sinkHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *sinkHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	for _, a := range h.attrs {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
	}
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	h.mu.Lock()
	*h.out = append(*h.out, b.String())
	h.mu.Unlock()
	return nil
}
func (h *sinkHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &sinkHandler{mu: h.mu, out: h.out, attrs: append(append([]slog.Attr{}, h.attrs...), as...)}
}
func (h *sinkHandler) WithGroup(string) slog.Handler { return h }
