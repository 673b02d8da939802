package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// arrivals records when each page request reached the test server, by host.
// robots.txt requests are not recorded: they are not paced.
type arrivals struct {
	mu sync.Mutex
	at map[string][]time.Time
}

func (a *arrivals) add(host string) {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.at == nil {
		a.at = make(map[string][]time.Time)
	}
	a.at[host] = append(a.at[host], now)
}

// starts returns the arrival times of host's page requests, in order.
func (a *arrivals) starts(host string) []time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := slices.Clone(a.at[host])
	slices.SortFunc(s, func(x, y time.Time) int { return x.Compare(y) })
	return s
}

// robotsServer serves robots[host] as the robots.txt of each host (a 404
// when there is none) and "page" for every other path.
func robotsServer(t *testing.T, robots map[string]string, arr *arrivals) *testNet {
	t.Helper()
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			body, ok := robots[r.Host]
			if !ok {
				http.NotFound(w, r)
				return
			}
			fmt.Fprint(w, body)
			return
		}
		arr.add(r.Host)
		fmt.Fprint(w, "page")
	}))
	n := newTestNet()
	hosts := []string{"www.nodelay.gov.cn"}
	for h := range robots {
		hosts = append(hosts, h)
	}
	n.plain(srv, hosts...)
	return n
}

// fetchAll fetches paths of host at once on f and fails the test for any
// page that does not arrive.
func fetchAll(t *testing.T, f *SiteFetcher, host string, paths int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range paths {
		wg.Go(func() {
			u := fmt.Sprintf("http://%s/p%d.html", host, i)
			if p := f.Fetch(context.Background(), u, 1); !p.OK() {
				t.Errorf("%s: got %v, want the page", u, p.Err)
			}
		})
	}
	waitAll(t, &wg, 30*time.Second)
}

func TestCrawlDelay(t *testing.T) {
	robots := map[string]string{
		// Our group's delay is not the * group's: a fetcher using the
		// wrong group spaces pages 20ms apart and fails the lower bound.
		"www.ours.gov.cn": "User-agent: *\nCrawl-delay: 0.02\n\nUser-agent: govaudit-test\nCrawl-delay: 0.2\nDisallow: /private/\n",
		"www.slow.gov.cn": "User-agent: *\nCrawl-delay: 5\n",
		// 1e30 seconds overflows time.Duration in the robots.txt parser.
		"www.huge.gov.cn":   "User-agent: *\nCrawl-delay: 1e30\n",
		"www.two.gov.cn":    "User-agent: *\nCrawl-delay: 2\n",
		"www.rules.gov.cn":  "User-agent: *\nDisallow: /private/\n",
		"www.short.gov.cn":  "User-agent: *\nCrawl-delay: 0.1\n",
		"www.longer.gov.cn": "User-agent: *\nCrawl-delay: 0.25\n",
	}
	var arr arrivals
	n := robotsServer(t, robots, &arr)

	base := testOptions()
	base.RespectRobots = true
	base.MaxCrawlDelay = 10 * time.Second
	base.PerHostParallelism = 2

	const pages = 4
	tests := []struct {
		name string
		host string
		mod  func(*Options)
		// Every gap between consecutive request starts is at least minGap,
		// and the first start is less than maxSpan before the last (0: not
		// checked). The lower bounds are 0.9 of the delay meant; the upper
		// bounds are far below what a wrongly applied delay would give.
		minGap, maxSpan time.Duration
	}{
		{
			name:   "our group's delay, concurrent fetches",
			host:   "www.ours.gov.cn",
			minGap: 180 * time.Millisecond,
		},
		{
			name:    "over MaxCrawlDelay: applied at the cap",
			host:    "www.slow.gov.cn",
			mod:     func(o *Options) { o.MaxCrawlDelay = 200 * time.Millisecond },
			minGap:  180 * time.Millisecond,
			maxSpan: 3 * time.Second, // 5s asked: 15s if not capped
		},
		{
			name:    "overflowing value: applied at the cap",
			host:    "www.huge.gov.cn",
			mod:     func(o *Options) { o.MaxCrawlDelay = 200 * time.Millisecond },
			minGap:  180 * time.Millisecond,
			maxSpan: 3 * time.Second,
		},
		{
			name:    "MaxCrawlDelay 0: ignored",
			host:    "www.two.gov.cn",
			mod:     func(o *Options) { o.MaxCrawlDelay = 0 },
			maxSpan: time.Second, // 2s asked: 6s if applied
		},
		{
			name: "MaxCrawlDelay 0: the per-host delay still applies",
			host: "www.two.gov.cn",
			mod: func(o *Options) {
				o.MaxCrawlDelay = 0
				o.PerHostParallelism = 1
				o.PerHostDelay = 50 * time.Millisecond
			},
			minGap:  45 * time.Millisecond,
			maxSpan: 1500 * time.Millisecond,
		},
		{
			name:    "robots.txt not respected: ignored",
			host:    "www.two.gov.cn",
			mod:     func(o *Options) { o.RespectRobots = false },
			maxSpan: time.Second,
		},
		{
			name:    "no Crawl-delay: unchanged",
			host:    "www.rules.gov.cn",
			maxSpan: time.Second,
		},
		{
			name:    "no robots.txt: unchanged",
			host:    "www.nodelay.gov.cn",
			maxSpan: time.Second,
		},
		{
			name: "per-host delay longer: it wins",
			host: "www.short.gov.cn",
			mod: func(o *Options) {
				o.PerHostParallelism = 1
				o.PerHostDelay = 250 * time.Millisecond
			},
			minGap: 225 * time.Millisecond,
		},
		{
			name: "Crawl-delay longer: it wins, not added to the per-host delay",
			host: "www.longer.gov.cn",
			mod: func(o *Options) {
				o.PerHostParallelism = 1
				o.PerHostDelay = 200 * time.Millisecond
			},
			minGap:  225 * time.Millisecond,
			maxSpan: 1200 * time.Millisecond, // 3 gaps of 250ms; added, 3 of 450ms
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			if tt.mod != nil {
				tt.mod(&o)
			}
			f := newTestCrawler(t, o, n).Site("ln-test")
			before := len(arr.starts(tt.host))
			fetchAll(t, f, tt.host, pages)
			starts := arr.starts(tt.host)[before:]
			if len(starts) != pages {
				t.Fatalf("page requests: got %d, want %d", len(starts), pages)
			}
			// The server sees a request some scheduling delay after the
			// crawler sent it; on a loaded machine one late arrival makes the
			// next gap look short by that delay. Each gap may lose up to
			// observeJitter, but the starts as a whole keep the spacing.
			const observeJitter = 25 * time.Millisecond
			for i := 1; i < len(starts); i++ {
				if gap := starts[i].Sub(starts[i-1]); gap < tt.minGap-observeJitter {
					t.Errorf("gap between request starts %d and %d: got %s, want at least %s", i-1, i, gap, tt.minGap)
				}
				if span, want := starts[i].Sub(starts[0]), time.Duration(i)*tt.minGap-observeJitter; span < want {
					t.Errorf("request starts 0 to %d: got %s, want at least %s", i, span, want)
				}
			}
			if span := starts[len(starts)-1].Sub(starts[0]); tt.maxSpan > 0 && span >= tt.maxSpan {
				t.Errorf("first to last request start: got %s, want under %s", span, tt.maxSpan)
			}
			if s := f.Stats(); s.Pages != pages || len(s.Errors) != 0 {
				t.Errorf("stats: got %+v, want %d pages and no errors", s, pages)
			}
		})
	}
}

// TestCrawlDelayCapLogged checks that a Crawl-delay over the cap is logged
// once per origin per run, at Info, with the site and the robots.txt.
func TestCrawlDelayCapLogged(t *testing.T) {
	var arr arrivals
	n := robotsServer(t, map[string]string{
		"www.slow.gov.cn":  "User-agent: *\nCrawl-delay: 30\n",
		"www.ours.gov.cn":  "User-agent: *\nCrawl-delay: 0.05\n",
		"www.slow2.gov.cn": "User-agent: *\nCrawl-delay: 60\n",
	}, &arr)
	opts := testOptions()
	opts.RespectRobots = true
	opts.MaxCrawlDelay = 50 * time.Millisecond
	c := newTestCrawler(t, opts, n)
	var lines []string
	c.logger = slog.New(&sinkHandler{mu: new(sync.Mutex), out: &lines})

	f := c.Site("ln-slow")
	for _, host := range []string{"www.slow.gov.cn", "www.ours.gov.cn", "www.slow2.gov.cn"} {
		fetchAll(t, f, host, 3)
	}
	var got []string
	for _, l := range lines {
		if strings.HasPrefix(l, "INFO ") {
			got = append(got, l)
		}
	}
	want := []string{
		"INFO robots.txt asks for a longer crawl delay than max_crawl_delay; using the maximum site=ln-slow url=http://www.slow.gov.cn/robots.txt crawl_delay=30s max_crawl_delay=50ms",
		"INFO robots.txt asks for a longer crawl delay than max_crawl_delay; using the maximum site=ln-slow url=http://www.slow2.gov.cn/robots.txt crawl_delay=1m0s max_crawl_delay=50ms",
	}
	if !slices.Equal(got, want) {
		t.Errorf("info lines:\ngot  %q\nwant %q", got, want)
	}
}

// TestCrawlDelayCancelled checks that a fetch waiting for its origin's
// Crawl-delay gives up when its context ends, with the result of any
// caller-ended fetch: not sent, not counted, not cached.
func TestCrawlDelayCancelled(t *testing.T) {
	const delay = time.Second
	var arr arrivals
	const host = "www.slow.gov.cn"
	n := robotsServer(t, map[string]string{host: "User-agent: *\nCrawl-delay: 1\n"}, &arr)
	opts := testOptions()
	opts.RespectRobots = true
	opts.MaxCrawlDelay = 10 * time.Second
	c := newTestCrawler(t, opts, n)

	tests := []struct {
		name     string
		ctx      func() (context.Context, context.CancelFunc)
		kind     govaudit.ErrorKind
		contains string
	}{
		{
			name: "cancelled",
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			},
			kind:     govaudit.ErrOther,
			contains: "fetch cancelled",
		},
		{
			name: "deadline",
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			},
			kind:     govaudit.ErrTimeout,
			contains: "audit deadline",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := c.Site("ln-slow")
			before := len(arr.starts(host))
			if p := f.Fetch(context.Background(), "http://"+host+"/first", 1); !p.OK() {
				t.Fatalf("first page: got %v, want it", p.Err)
			}
			// The next request to the origin may start a second later.
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			p := f.Fetch(ctx, "http://"+host+"/waiting", 1)
			if elapsed := time.Since(start); elapsed > delay/2 {
				t.Errorf("Fetch returned %s after start, want promptly after the context ended", elapsed)
			}
			if kind(p) != tt.kind || !strings.Contains(p.Err.Message, tt.contains) {
				t.Errorf("got %v, want %s: %s", p.Err, tt.kind, tt.contains)
			}
			if got := len(arr.starts(host)) - before; got != 1 {
				t.Errorf("page requests: got %d, want 1 (the waiting one never sent)", got)
			}
			if s := f.Stats(); s.Pages != 1 || len(s.Errors) != 0 {
				t.Errorf("stats: got %+v, want 1 page and no errors for an ended fetch", s)
			}
			// Not cached: a caller that waits gets the page, with a new
			// request no sooner than the delay after the first. The start
			// the ended fetch reserved was given back: the request is not
			// pushed a second delay further.
			if p := f.Fetch(context.Background(), "http://"+host+"/waiting", 1); !p.OK() {
				t.Fatalf("waiting page, fetched again: got %v, want it", p.Err)
			}
			starts := arr.starts(host)[before:]
			if len(starts) != 2 {
				t.Fatalf("page requests: got %d, want 2", len(starts))
			}
			gap := starts[1].Sub(starts[0])
			if gap < delay*9/10 || gap >= delay*18/10 {
				t.Errorf("gap between requests: got %s, want about %s (at least %s, under %s)", gap, delay, delay*9/10, delay*18/10)
			}
		})
	}
}

// TestCrawlDelayPerOrigin checks that each origin is spaced by its own
// Crawl-delay: the requests of two origins of one site do not queue behind
// each other's delay.
func TestCrawlDelayPerOrigin(t *testing.T) {
	var arr arrivals
	hosts := []string{"www.a.gov.cn", "www.b.gov.cn"}
	n := robotsServer(t, map[string]string{
		hosts[0]: "User-agent: *\nCrawl-delay: 0.3\n",
		hosts[1]: "User-agent: *\nCrawl-delay: 0.3\n",
	}, &arr)
	opts := testOptions()
	opts.RespectRobots = true
	opts.MaxCrawlDelay = 10 * time.Second
	opts.PerHostParallelism = 2
	f := newTestCrawler(t, opts, n).Site("ln-test")
	var wg sync.WaitGroup
	for _, host := range hosts {
		for i := range 2 {
			wg.Go(func() {
				u := fmt.Sprintf("http://%s/p%d.html", host, i)
				if p := f.Fetch(context.Background(), u, 1); !p.OK() {
					t.Errorf("%s: got %v, want the page", u, p.Err)
				}
			})
		}
	}
	waitAll(t, &wg, 30*time.Second)
	var all []time.Time
	for _, host := range hosts {
		starts := arr.starts(host)
		if len(starts) != 2 {
			t.Fatalf("%s: page requests: got %d, want 2", host, len(starts))
		}
		if gap := starts[1].Sub(starts[0]); gap < 270*time.Millisecond {
			t.Errorf("%s: gap between request starts: got %s, want at least 270ms", host, gap)
		}
		all = append(all, starts...)
	}
	// One spacing for the whole site would put the 4 starts 3 delays
	// (0.9s) apart; per origin, they span one delay.
	first, last := slices.MinFunc(all, time.Time.Compare), slices.MaxFunc(all, time.Time.Compare)
	if span := last.Sub(first); span >= 600*time.Millisecond {
		t.Errorf("first to last request start over both origins: got %s, want under 600ms", span)
	}
}
