package browser

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
)

// testNet routes fake host names to loopback servers.
type testNet struct {
	mu     sync.Mutex
	routes map[string]string
}

func (n *testNet) add(srv *httptest.Server, hosts ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.routes == nil {
		n.routes = map[string]string{}
	}
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, h := range hosts {
		n.routes[h] = addr
	}
}

func (n *testNet) resolve(hostport string) string {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if a, ok := n.routes[host]; ok {
		return a
	}
	// Unknown names go nowhere: a test never leaves loopback.
	return "127.0.0.1:1"
}

func quietServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func crawlOptions(n *testNet) crawler.Options {
	return crawler.Options{
		CrawlSettings: govaudit.CrawlSettings{
			UserAgent:             "govaudit-test",
			MaxDepth:              5,
			MaxPagesPerSite:       100,
			PerHostParallelism:    4,
			Timeout:               5 * time.Second,
			MaxBodyBytes:          1 << 20,
			RespectRobots:         true,
			AllowPrivateAddresses: true,
			Browser:               govaudit.BrowserAuto,
		},
		Resolve: n.resolve,
	}
}

func newSite(t testing.TB, opts crawler.Options, id string) *crawler.SiteFetcher {
	t.Helper()
	c, err := crawler.New(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.Site(id)
}

func newBrowser(t testing.TB, timeout time.Duration) *Browser {
	t.Helper()
	b := New(Options{Path: chromiumtest.Find(t), UserAgent: "govaudit-test", RenderTimeout: timeout})
	t.Cleanup(b.Close)
	return b
}

func netListen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

func newCrawlerForChild(n *testNet) (*crawler.SiteFetcher, error) {
	c, err := crawler.New(crawlOptions(n), nil)
	if err != nil {
		return nil, err
	}
	return c.Site("child"), nil
}
