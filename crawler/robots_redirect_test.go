package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// hitCounter counts requests by host and path.
type hitCounter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *hitCounter) add(r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hits == nil {
		h.hits = make(map[string]int)
	}
	h.hits[r.Host+r.URL.Path]++
}

func (h *hitCounter) count(hostPath string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[hostPath]
}

// waitAll waits for wg, failing the test instead of hanging when it does
// not finish within d: a deadlock on colly's politeness slot cannot be
// cancelled by any context.
func waitAll(t *testing.T, wg *sync.WaitGroup, d time.Duration) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("fetches still running after %s: deadlock", d)
	}
}

func TestRobotsRedirectTargets(t *testing.T) {
	var hits hitCounter
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.add(r)
		here := r.Host + r.URL.Path
		switch here {
		case "www.a.gov.cn/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "www.b.gov.cn/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /closed/\n")
		case "www.c.gov.cn/robots.txt":
			http.NotFound(w, r)
		case "www.a.gov.cn/to-private":
			http.Redirect(w, r, "/private/page", http.StatusFound)
		case "www.a.gov.cn/to-b-closed":
			http.Redirect(w, r, "http://www.b.gov.cn/closed/page", http.StatusMovedPermanently)
		case "www.a.gov.cn/to-b-open":
			http.Redirect(w, r, "http://www.b.gov.cn/open/page", http.StatusFound)
		case "www.a.gov.cn/to-c":
			http.Redirect(w, r, "http://www.c.gov.cn/closed/page", http.StatusFound)
		case "www.a.gov.cn/two-hops":
			// The first hop is allowed, the second is not.
			http.Redirect(w, r, "http://www.b.gov.cn/open/hop", http.StatusFound)
		case "www.b.gov.cn/open/hop":
			http.Redirect(w, r, "/closed/end", http.StatusFound)
		default:
			fmt.Fprint(w, "landed at "+here)
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn", "www.c.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	respecting := newTestCrawler(t, opts, n)
	opts.RespectRobots = false
	ignoring := newTestCrawler(t, opts, n)

	tests := []struct {
		name      string
		c         *Crawler
		url       string
		target    string // host and path of the hop's target
		wantKind  govaudit.ErrorKind
		wantFinal string // for a refused target, the target
	}{
		{"same origin disallowed", respecting, "http://www.a.gov.cn/to-private", "www.a.gov.cn/private/page", govaudit.ErrRobots, "http://www.a.gov.cn/private/page"},
		{"other origin disallowed", respecting, "http://www.a.gov.cn/to-b-closed", "www.b.gov.cn/closed/page", govaudit.ErrRobots, "http://www.b.gov.cn/closed/page"},
		{"second hop disallowed", respecting, "http://www.a.gov.cn/two-hops", "www.b.gov.cn/closed/end", govaudit.ErrRobots, "http://www.b.gov.cn/closed/end"},
		{"allowed target", respecting, "http://www.a.gov.cn/to-b-open", "www.b.gov.cn/open/page", "", "http://www.b.gov.cn/open/page"},
		{"target origin without robots.txt", respecting, "http://www.a.gov.cn/to-c", "www.c.gov.cn/closed/page", "", "http://www.c.gov.cn/closed/page"},
		{"not respected, same origin", ignoring, "http://www.a.gov.cn/to-private", "www.a.gov.cn/private/page", "", "http://www.a.gov.cn/private/page"},
		{"not respected, other origin", ignoring, "http://www.a.gov.cn/to-b-closed", "www.b.gov.cn/closed/page", "", "http://www.b.gov.cn/closed/page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.c.Site("ln-a")
			before := hits.count(tt.target)
			p := f.Fetch(context.Background(), tt.url, 1)
			if got := kind(p); got != tt.wantKind {
				t.Fatalf("kind: got %q (%v), want %q", got, p.Err, tt.wantKind)
			}
			if p.FinalURL != tt.wantFinal {
				t.Errorf("final URL: got %q, want %q", p.FinalURL, tt.wantFinal)
			}
			requested := hits.count(tt.target) - before
			if tt.wantKind == "" {
				if want := "landed at " + tt.target; string(p.Body) != want {
					t.Errorf("body: got %q, want %q", p.Body, want)
				}
				if requested != 1 {
					t.Errorf("target requested %d times, want 1", requested)
				}
				return
			}
			if requested != 0 {
				t.Errorf("disallowed target requested %d times, want 0", requested)
			}
			if want := "robots.txt disallows redirect target http://" + tt.target; p.Err.Message != want {
				t.Errorf("message: got %q, want %q", p.Err.Message, want)
			}
			if p.Status != 0 || p.Body != nil {
				t.Errorf("status, body: got %d, %d bytes, want 0 and none", p.Status, len(p.Body))
			}
			// Cached and counted like a refusal of the address asked for.
			source := strings.TrimPrefix(p.URL, "http://")
			sourceHits := hits.count(source)
			if again := f.Fetch(context.Background(), tt.url, 1); again != p {
				t.Errorf("second fetch: got %v, want the cached page", again.Err)
			}
			if hits.count(source) != sourceHits {
				t.Errorf("second fetch reached the server")
			}
			if s := f.Stats(); s.Errors[govaudit.ErrRobots] != 1 || len(s.Errors) != 1 {
				t.Errorf("stats errors: got %v, want 1 robots error", s.Errors)
			}
		})
	}
}

func TestRobotsRedirectTargetFetchedOnce(t *testing.T) {
	var hits hitCounter
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.add(r)
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /closed/\n")
		case r.Host == "www.a.gov.cn":
			// Every page of a moved to b, keeping its path.
			http.Redirect(w, r, "http://www.b.gov.cn"+r.URL.Path, http.StatusMovedPermanently)
		default:
			fmt.Fprint(w, "page")
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	f := newTestCrawler(t, opts, n).Site("ln-a")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	pages := make([]*govaudit.Page, 12)
	for i := range pages {
		dir := "open"
		if i%3 == 0 {
			dir = "closed"
		}
		wg.Go(func() { pages[i] = f.Fetch(ctx, fmt.Sprintf("http://www.a.gov.cn/%s/%d", dir, i), 1) })
	}
	waitAll(t, &wg, 30*time.Second)
	for i, p := range pages {
		want := govaudit.ErrorKind("")
		if i%3 == 0 {
			want = govaudit.ErrRobots
		}
		if got := kind(p); got != want {
			t.Errorf("page %d: got kind %q (%v), want %q", i, got, p.Err, want)
		}
	}
	for _, host := range []string{"www.a.gov.cn", "www.b.gov.cn"} {
		if got := hits.count(host + "/robots.txt"); got != 1 {
			t.Errorf("%s/robots.txt fetched %d times, want 1", host, got)
		}
	}
}

// TestRobotsRedirectNoDeadlock checks that a redirect target's robots.txt
// is fetched without waiting for a politeness slot: every request being
// checked holds one. Here every page redirects from http to https, another
// origin, so the first two requests hold both slots (PerHostParallelism 2)
// when each needs the https robots.txt.
func TestRobotsRedirectNoDeadlock(t *testing.T) {
	pki := getPKI(t)
	var hits hitCounter
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.add(r)
		switch {
		case r.URL.Path == "/robots.txt" && r.TLS == nil:
			http.NotFound(w, r)
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.TLS == nil:
			http.Redirect(w, r, "https://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
		default:
			fmt.Fprint(w, "secure page")
		}
	})
	plain := quietServer(t, handler)
	secure := tlsServer(t, handler, nil, pki.leaf)
	n := newTestNet()
	n.plain(plain, "www.a.gov.cn")
	n.tls(secure, "www.a.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	opts.RootCAs = pki.roots
	opts.PerHostParallelism = 2
	f := newTestCrawler(t, opts, n).Site("ln-a")
	// A deadlock on f.slots ends with this context (and the pages then
	// come back as timeouts); one on colly's slot is caught by waitAll.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	pages := make([]*govaudit.Page, 8)
	for i := range pages {
		path := fmt.Sprintf("/page/%d", i)
		if i%2 == 1 {
			// Allowed over http, disallowed where it redirects to.
			path = fmt.Sprintf("/private/%d", i)
		}
		wg.Go(func() { pages[i] = f.Fetch(ctx, "http://www.a.gov.cn"+path, 1) })
	}
	waitAll(t, &wg, 30*time.Second)
	for i, p := range pages {
		if i%2 == 1 {
			if kind(p) != govaudit.ErrRobots {
				t.Errorf("page %d: got kind %q (%v), want robots", i, kind(p), p.Err)
			}
			continue
		}
		if !p.OK() {
			t.Errorf("page %d: got %v, want it", i, p.Err)
			continue
		}
		if want := fmt.Sprintf("https://www.a.gov.cn/page/%d", i); p.FinalURL != want {
			t.Errorf("page %d: final URL got %q, want %q", i, p.FinalURL, want)
		}
	}
	// One per origin; the two origins share a host name, so one key.
	if got := hits.count("www.a.gov.cn/robots.txt"); got != 2 {
		t.Errorf("robots.txt requests: got %d, want 2 (one per origin)", got)
	}
	for i := 1; i < len(pages); i += 2 {
		if hits.count(fmt.Sprintf("www.a.gov.cn/private/%d", i)) != 1 {
			t.Errorf("/private/%d: want exactly the http request, not the https one", i)
		}
	}
}

// TestRobotsNotBehindPageSlots checks that robots.txt for the address
// asked for does not wait for a politeness slot either. The robots cache
// is shared with redirect checks, which hold slots: a page fetch leading an
// origin's robots.txt fetch while waiting for a slot, held by requests whose
// redirects wait for that very robots.txt, would deadlock.
func TestRobotsNotBehindPageSlots(t *testing.T) {
	arrived := make(chan struct{}, 2)
	release := make(chan struct{})
	robotsArrived := make(chan struct{})
	var once sync.Once
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Host + r.URL.Path {
		case "www.a.gov.cn/robots.txt":
			once.Do(func() { close(robotsArrived) })
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "www.b.gov.cn/robots.txt":
			http.NotFound(w, r)
		case "www.b.gov.cn/hold/1", "www.b.gov.cn/hold/2":
			arrived <- struct{}{}
			<-release
			http.Redirect(w, r, "http://www.a.gov.cn/landed"+r.URL.Path, http.StatusFound)
		default:
			fmt.Fprint(w, "page")
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	opts.PerHostParallelism = 2
	f := newTestCrawler(t, opts, n).Site("ln-a")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	pages := make([]*govaudit.Page, 3)
	for i := range 2 {
		wg.Go(func() { pages[i] = f.Fetch(ctx, fmt.Sprintf("http://www.b.gov.cn/hold/%d", i+1), 1) })
	}
	for range 2 {
		select {
		case <-arrived:
		case <-ctx.Done():
			close(release)
			t.Fatal("the held requests never arrived")
		}
	}
	// Both slots are held now; a's robots.txt is not known yet.
	wg.Go(func() { pages[2] = f.Fetch(ctx, "http://www.a.gov.cn/page", 1) })
	select {
	case <-robotsArrived:
	case <-time.After(5 * time.Second):
		t.Error("robots.txt was not requested while both slots were held")
	}
	close(release)
	waitAll(t, &wg, 30*time.Second)
	for i, p := range pages {
		if !p.OK() {
			t.Errorf("page %d: got %v, want it", i, p.Err)
		}
	}
}

// TestRobotsRedirectCancelled checks that a redirect target's robots.txt is
// waited for with the request's context: an audit cancelled meanwhile gets
// its page back at once, neither cached nor counted.
func TestRobotsRedirectCancelled(t *testing.T) {
	robotsArrived := make(chan struct{}, 4)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	var hits hitCounter
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.add(r)
		switch r.Host + r.URL.Path {
		case "www.a.gov.cn/robots.txt":
			http.NotFound(w, r)
		case "www.b.gov.cn/robots.txt":
			robotsArrived <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		case "www.a.gov.cn/moved":
			http.Redirect(w, r, "http://www.b.gov.cn/page", http.StatusFound)
		default:
			fmt.Fprint(w, "page")
		}
	}))
	n := newTestNet()
	n.plain(srv, "www.a.gov.cn", "www.b.gov.cn")
	opts := testOptions()
	opts.RespectRobots = true
	opts.Timeout = 30 * time.Second
	f := newTestCrawler(t, opts, n).Site("ln-a")

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-robotsArrived
		cancel()
	}()
	start := time.Now()
	p := f.Fetch(ctx, "http://www.a.gov.cn/moved", 1)
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Fetch returned %s after start, want promptly after cancel", elapsed)
	}
	if p.Err == nil || p.Err.Kind != govaudit.ErrOther || !strings.Contains(p.Err.Message, "cancel") {
		t.Errorf("got %v, want an 'other: fetch cancelled' error", p.Err)
	}
	if hits.count("www.b.gov.cn/page") != 0 {
		t.Error("the redirect target was requested after the cancel")
	}
	if s := f.Stats(); len(s.Errors) != 0 {
		t.Errorf("stats errors: got %v, want none for a cancelled fetch", s.Errors)
	}
	// Not cached: the next caller asks again, robots.txt included.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go func() {
		<-robotsArrived
		cancel2()
	}()
	f.Fetch(ctx2, "http://www.a.gov.cn/moved", 1)
	if got := hits.count("www.a.gov.cn/moved"); got != 2 {
		t.Errorf("requests for the cancelled page: got %d, want 2", got)
	}
	if got := hits.count("www.b.gov.cn/robots.txt"); got != 2 {
		t.Errorf("robots.txt requests: got %d, want 2 (the cancelled one is not kept)", got)
	}
}
