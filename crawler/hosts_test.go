package crawler

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSitesShareHostSlots audits four sites served by one host (a shared
// platform) at once: however many sites, the host never has more requests
// in flight than per_host_parallelism, while two hosts each get their own.
func TestSitesShareHostSlots(t *testing.T) {
	var inFlight, peak sync.Map // host → *atomic.Int64
	counter := func(m *sync.Map, host string) *atomic.Int64 {
		v, _ := m.LoadOrStore(host, new(atomic.Int64))
		return v.(*atomic.Int64)
	}
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		n := counter(&inFlight, host).Add(1)
		defer counter(&inFlight, host).Add(-1)
		p := counter(&peak, host)
		for {
			old := p.Load()
			if n <= old || p.CompareAndSwap(old, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body>%s</body></html>", r.URL.Path)
	}))
	n := newTestNet()
	n.plain(srv, "www.platform.gov.cn", "www.other.gov.cn")
	opts := testOptions()
	c := newTestCrawler(t, opts, n)

	var wg sync.WaitGroup
	for s := range 4 {
		f := c.Site(fmt.Sprintf("dept-%d", s))
		for i := range 4 {
			for _, host := range []string{"www.platform.gov.cn", "www.other.gov.cn"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					url := fmt.Sprintf("http://%s/dept-%d/page-%d.html", host, s, i)
					if p := f.Fetch(context.Background(), url, 1); !p.OK() {
						t.Errorf("%s: %v", url, p.Err)
					}
				}()
			}
		}
	}
	wg.Wait()
	for _, host := range []string{"www.platform.gov.cn", "www.other.gov.cn"} {
		if got := counter(&peak, host).Load(); got > int64(opts.PerHostParallelism) || got < 1 {
			t.Errorf("%s: %d requests in flight at once, want 1..%d", host, got, opts.PerHostParallelism)
		}
	}
	if got := c.hosts.inUse(); got != 0 {
		t.Errorf("host table holds %d hosts after every fetch ended, want 0", got)
	}
}

func TestHostSlotsCancelled(t *testing.T) {
	h := hostSlots{size: 1}
	release, err := h.acquire(context.Background(), "A.gov.cn")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.acquire(ctx, "a.gov.cn"); err == nil {
		t.Fatal("a second caller got the only slot of a host (names differ only in case)")
	}
	release()
	if got := h.inUse(); got != 0 {
		t.Errorf("hosts in use after release: got %d, want 0", got)
	}
}
