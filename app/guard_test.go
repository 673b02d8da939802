package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
)

// fakeProvince serves every site sN.test from one loopback server, each
// request taking a little while, and records how many distinct sites had
// a request in flight at once: the sites being crawled together.
type fakeProvince struct {
	srv *httptest.Server

	mu      sync.Mutex
	active  map[string]int // host → requests in flight
	maxBusy int            // most hosts with a request in flight at once
}

func newFakeProvince(t *testing.T) *fakeProvince {
	t.Helper()
	p := &fakeProvince{active: map[string]int{}}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.Host, ":")
		p.mu.Lock()
		p.active[host]++
		p.maxBusy = max(p.maxBusy, len(p.active))
		p.mu.Unlock()
		defer func() {
			p.mu.Lock()
			if p.active[host]--; p.active[host] == 0 {
				delete(p.active, host)
			}
			p.mu.Unlock()
		}()
		time.Sleep(20 * time.Millisecond)
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>%s 人民政府</title></head><body><a href="/gk/">政府信息公开</a></body></html>`, host)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *fakeProvince) busiest() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxBusy
}

func (p *fakeProvince) resolve(hostport string) string {
	if host, _, _ := net.SplitHostPort(hostport); strings.HasSuffix(host, ".test") {
		return p.srv.Listener.Addr().String()
	}
	return hostport
}

// newGuardedApp wires an App over n fake sites s0.test… and serves its
// handler on loopback.
func newGuardedApp(t *testing.T, n, concurrency int, opts Options) (*App, *httptest.Server, *fakeProvince) {
	t.Helper()
	p := newFakeProvince(t)
	cfg := config.Default()
	cfg.Store = filepath.Join(t.TempDir(), "govaudit.db")
	cfg.Listen = "127.0.0.1:9464"
	cfg.Checks.SiteConcurrency = concurrency
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.MaxPagesPerSite = 5
	cfg.Crawl.RespectRobots = false
	cfg.Crawl.Timeout = 5 * time.Second
	for i := range n {
		cfg.Sites = append(cfg.Sites, govaudit.Site{ID: fmt.Sprintf("s%d", i), Name: fmt.Sprintf("站点%d", i),
			URL: fmt.Sprintf("http://s%d.test/", i), Level: govaudit.LevelCounty})
	}
	opts.Command, opts.Resolve = "test", p.resolve
	a, err := New(&cfg, slog.New(slog.DiscardHandler), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewServer(a.Handler(ctx))
	t.Cleanup(func() {
		cancel()
		srv.Close()
		a.runner.wait(10 * time.Second)
	})
	return a, srv, p
}

func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestGuard(t *testing.T) {
	const token = "0123456789abcdef-secret"
	_, srv, _ := newGuardedApp(t, 3, 2, Options{Token: token})
	tests := []struct {
		name, method, path string
		header             map[string]string
		host               string
		want               int
		wantBody           string
	}{
		{name: "cross-origin POST without a token", method: "POST", path: "/api/v1/audits?site=s0",
			header: map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}, want: 403, wantBody: "cross-origin"},
		{name: "cross-site POST with the token", method: "POST", path: "/api/v1/audits?site=s0",
			header: map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer " + token}, want: 403},
		{name: "cross-origin export", method: "GET", path: "/api/v1/export",
			header: map[string]string{"Origin": "http://evil.example", "Authorization": "Bearer " + token}, want: 403},
		{name: "POST without a token", method: "POST", path: "/api/v1/audits?site=s0", want: 401, wantBody: "api token"},
		{name: "POST with a wrong token", method: "POST", path: "/api/v1/audits?site=s0",
			header: map[string]string{"Authorization": "Bearer " + token + "x"}, want: 401},
		{name: "export without a token", method: "GET", path: "/api/v1/export", want: 401},
		{name: "export with the token", method: "GET", path: "/api/v1/export",
			header: map[string]string{"Authorization": "Bearer " + token}, want: 200},
		{name: "POST with the token", method: "POST", path: "/api/v1/audits?site=s1",
			header: map[string]string{"Authorization": "bearer " + token}, want: 202},
		{name: "same-origin POST from the UI with the token", method: "POST", path: "/api/v1/audits?site=s2",
			header: map[string]string{"Sec-Fetch-Site": "same-origin", "Authorization": "Bearer " + token}, want: 202},
		{name: "foreign Host", method: "GET", path: "/", host: "evil.example", want: 421},
		{name: "foreign Host with a port, POST", method: "POST", path: "/api/v1/audits", host: "rebind.evil.example:9464",
			header: map[string]string{"Authorization": "Bearer " + token}, want: 421},
		{name: "localhost", method: "GET", path: "/healthz", host: "localhost:9464", want: 200},
		{name: "an IP literal", method: "GET", path: "/healthz", host: "[::1]:9464", want: 200},
		{name: "read-only pages stay open", method: "GET", path: "/", want: 200},
		{name: "runs stay open", method: "GET", path: "/api/v1/runs", want: 200},
		{name: "no markup echoed", method: "POST", path: "/api/v1/audits?site=%3Cscript%3Ealert(1)%3C/script%3E",
			header: map[string]string{"Authorization": "Bearer " + token}, want: 404, wantBody: `\u003cscript\u003e`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			if tt.host != "" {
				req.Host = tt.host
			}
			resp, body := do(t, req)
			if resp.StatusCode != tt.want {
				t.Errorf("got HTTP %d, want %d: %s", resp.StatusCode, tt.want, body)
			}
			if !strings.Contains(body, tt.wantBody) {
				t.Errorf("body %q does not contain %q", body, tt.wantBody)
			}
			if strings.Contains(body, "<script>") {
				t.Errorf("body echoes markup: %s", body)
			}
			if resp.StatusCode == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

// TestGuardWithoutToken: on a loopback listen without a token, the API
// is open to non-browser clients and same-origin pages, never to another
// origin.
func TestGuardWithoutToken(t *testing.T) {
	_, srv, _ := newGuardedApp(t, 2, 2, Options{})
	for _, tt := range []struct {
		name   string
		header map[string]string
		site   string
		want   int
	}{
		{"cross-origin", map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}, "s0", 403},
		{"null origin", map[string]string{"Origin": "null"}, "s0", 403},
		{"command line", nil, "s1", 202},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", srv.URL+"/api/v1/audits?site="+tt.site, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			if resp, body := do(t, req); resp.StatusCode != tt.want {
				t.Errorf("got HTTP %d, want %d: %s", resp.StatusCode, tt.want, body)
			}
		})
	}
}

// TestRequestedRunsLimited: a client that posts in a loop gets one audit,
// then 429 with Retry-After until the interval has passed.
func TestRequestedRunsLimited(t *testing.T) {
	a, srv, _ := newGuardedApp(t, 2, 2, Options{})
	post := func(q string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/audits?"+q, nil)
		return do(t, req)
	}
	if resp, body := post("site=s0&wait=1"); resp.StatusCode != 200 {
		t.Fatalf("first request: got HTTP %d, want 200: %s", resp.StatusCode, body)
	}
	for i := range 20 {
		resp, body := post("site=s0")
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("request %d: got HTTP %d, want 429: %s", i+2, resp.StatusCode, body)
		}
		if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Fatalf("Retry-After %q, want a number of seconds", ra)
		}
	}
	// All sites includes s0: refused too.
	if resp, _ := post(""); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("all sites: got HTTP %d, want 429", resp.StatusCode)
	}
	// Another site is not held up by s0.
	if resp, body := post("site=s1&wait=1"); resp.StatusCode != 200 {
		t.Errorf("other site: got HTTP %d, want 200: %s", resp.StatusCode, body)
	}
	runs, err := a.store.Runs(50)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 {
		t.Errorf("runs: got %d, want 2 (one per admitted request)", len(runs))
	}
	// Once the interval has passed, s0 may be asked for again.
	a.gate.now = func() time.Time { return time.Now().Add(DefaultRunInterval) }
	if resp, body := post("site=s0&wait=1"); resp.StatusCode != 200 {
		t.Errorf("after the interval: got HTTP %d, want 200: %s", resp.StatusCode, body)
	}
}

// TestConcurrentRequestsShareSiteConcurrency: 50 single-site requests at
// once crawl no more than site_concurrency sites at a time.
func TestConcurrentRequestsShareSiteConcurrency(t *testing.T) {
	const sites, concurrency = 50, 3
	a, srv, province := newGuardedApp(t, sites, concurrency, Options{})
	var wg sync.WaitGroup
	errs := make(chan error, sites)
	for i := range sites {
		wg.Go(func() {
			resp, err := http.Post(fmt.Sprintf("%s/api/v1/audits?wait=1&site=s%d", srv.URL, i), "", nil)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != 200 {
				b, _ := io.ReadAll(resp.Body)
				errs <- fmt.Errorf("site s%d: HTTP %d: %s", i, resp.StatusCode, b)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := province.busiest(); got > concurrency || got < 2 {
		t.Errorf("sites crawled at once: got %d, want 2..%d (site_concurrency)", got, concurrency)
	}
	if latest, _ := a.store.Snapshot().LatestAudits(); len(latest) != sites {
		got := len(latest)
		t.Errorf("audits saved: got %d, want %d", got, sites)
	}
}

// TestExportHeaders: the HTML export carries a CSP that runs nothing, and
// no answer may be sniffed into another type.
func TestExportHeaders(t *testing.T) {
	_, srv, _ := newGuardedApp(t, 1, 1, Options{})
	for _, path := range []string{"/api/v1/export?format=html", "/api/v1/export?format=json", "/api/v1/audits?site=nope", "/healthz"} {
		method := "GET"
		if strings.Contains(path, "audits") {
			method = "POST"
		}
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		resp, body := do(t, req)
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if strings.Contains(path, "html") {
			if resp.StatusCode != 200 || !strings.Contains(body, "<style>") {
				t.Errorf("%s: HTTP %d, want the HTML export", path, resp.StatusCode)
			}
			for _, d := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"} {
				if !strings.Contains(csp, d) {
					t.Errorf("%s: CSP %q lacks %s", path, csp, d)
				}
			}
			if strings.Contains(csp, "script-src") {
				t.Errorf("%s: CSP %q allows scripts", path, csp)
			}
		}
	}
}

func TestCheckListen(t *testing.T) {
	tests := []struct {
		listen, token string
		wantErr       bool
	}{
		{"127.0.0.1:9464", "", false},
		{"localhost:9464", "", false},
		{"0.0.0.0:9464", "", true},
		{":9464", "", true},
		{"10.1.2.3:9464", "", true},
		{"0.0.0.0:9464", "0123456789abcdef", false},
	}
	for _, tt := range tests {
		err := CheckListen(tt.listen, tt.token)
		if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrNoToken)) {
			t.Errorf("CheckListen(%q, %q): got %v, want error %v", tt.listen, tt.token, err, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "auth_token_file") {
			t.Errorf("CheckListen(%q): %v does not say how to fix it", tt.listen, err)
		}
	}
}

func TestHostCheck(t *testing.T) {
	tests := []struct {
		listen  string
		allowed []string
		host    string
		want    bool
	}{
		{"127.0.0.1:9464", nil, "127.0.0.1:9464", true},
		{"127.0.0.1:9464", nil, "localhost:9464", true},
		{"127.0.0.1:9464", nil, "app.localhost", true},
		{"127.0.0.1:9464", nil, "LOCALHOST.", true},
		{"127.0.0.1:9464", nil, "evil.example:9464", false},
		{"127.0.0.1:9464", nil, "", false},
		{"127.0.0.1:9464", []string{"govaudit.example.gov.cn"}, "GOVAUDIT.example.gov.cn", true},
		{"10.1.2.3:9464", nil, "localhost", false},
		{"10.1.2.3:9464", nil, "10.1.2.3:9464", true},
		{"govaudit.internal:9464", nil, "govaudit.internal:9464", true},
		{"govaudit.internal:9464", nil, "other.internal", false},
		{"0.0.0.0:9464", nil, "localhost", true},
		{"0.0.0.0:9464", []string{"govaudit"}, "govaudit:9464", true},
		{"0.0.0.0:9464", []string{"govaudit"}, "evil.example", false},
		{"[::]:9464", nil, "[fe80::1]:9464", true},
	}
	for _, tt := range tests {
		if got := newHostCheck(tt.listen, tt.allowed).allowed(tt.host); got != tt.want {
			t.Errorf("listen %s, allowed %v: Host %q: got %v, want %v", tt.listen, tt.allowed, tt.host, got, tt.want)
		}
	}
}
