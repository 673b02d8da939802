package demo

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// client dials every address through srv.Resolve, the way the crawler's
// transport is told to, and does not follow redirects.
func client(srv *Server) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return d.DialContext(ctx, network, srv.Resolve(addr))
		}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func TestServe(t *testing.T) {
	p := New(testNow)
	srv, err := p.Start()
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer srv.Close()
	c := client(srv)

	for _, tc := range []struct {
		method, url string
		form        url.Values
		status      int
		ctype       string // exact Content-Type
		location    string
		contains    string // in the decoded body
	}{
		{"GET", "http://www.ln.test/", nil, 200, "text/html; charset=utf-8", "", "辽宁省人民政府"},
		{"GET", "http://www.ln.test:8080/zwgk/zcwj/index.html", nil, 200, "text/html; charset=utf-8", "", "政策文件"},
		{"HEAD", "http://www.ln.test/zwgk/zcwj/index_1.html", nil, 200, "text/html; charset=utf-8", "", ""},
		{"GET", "http://www.ln.test/robots.txt", nil, 200, "text/plain", "", "Disallow: /search/"},
		{"GET", "http://www.ln.test/no/such/page.html", nil, 404, "text/html", "", "404 Not Found"},
		{"GET", "http://scjg.ln.test/news/list.asp?classid=31", nil, 200, "text/html", "", "随机抽查事项清单"},
		{"GET", "http://scjg.ln.test/news/list.asp?page=1&classid=999", nil, 404, "text/html", "", ""},
		{"GET", "http://www.yingkou.test/", nil, 412, "text/html; charset=utf-8", "", "document.cookie"},
		{"GET", "http://www.yingkou.test/robots.txt", nil, 200, "text/plain", "", "User-agent"},
		{"GET", "http://www.panjin.test/", nil, 502, "text/html", "", "Bad Gateway"},
		{"GET", "http://liaoyang.test/", nil, 301, "", "http://www.liaoyang.test/", ""},
		{"GET", "http://liaoyang.test/xxgk/xxgk.html?a=1", nil, 301, "", "http://www.liaoyang.test/xxgk/xxgk.html?a=1", ""},
		{"GET", "http://www.liaoyang.test/", nil, 200, "text/html; charset=utf-8", "", "辽阳市人民政府"},
		{"GET", "http://sthj.ln.test/", nil, 302, "text/html", "/sthj/index.shtml", ""},
		{"GET", "http://www.shenyang.test/zfxxgk/index.html", nil, 200, "text/html; charset=utf-8", "", "隨機抽查事項清單"},
		{"POST", "http://fgw.ln.test/module/web/jpage/dataproxy.jsp?columnid=12345&unitid=48345", url.Values{"startrecord": {"1"}, "endrecord": {"5"}, "perpage": {"15"}},
			200, "text/xml;charset=UTF-8", "", "<recordset>"},
	} {
		t.Run(tc.method+" "+tc.url, func(t *testing.T) {
			var body io.Reader
			if tc.form != nil {
				body = strings.NewReader(tc.form.Encode())
			}
			req, _ := http.NewRequest(tc.method, tc.url, body)
			if tc.form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatalf("%v", err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Errorf("got status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("got Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			if tc.location != "" && resp.Header.Get("Location") != tc.location {
				t.Errorf("got Location %q, want %q", resp.Header.Get("Location"), tc.location)
			}
			decoded := string(raw)
			if strings.Contains(decoded, `charset="gbk"`) {
				if strings.Contains(decoded, tc.contains) {
					t.Errorf("GBK body contains %q as UTF-8", tc.contains)
				}
				b, err := simplifiedchinese.GBK.NewDecoder().Bytes(raw)
				if err != nil {
					t.Fatalf("decode GBK: %v", err)
				}
				decoded = string(b)
			}
			if !strings.Contains(decoded, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if tc.form != nil {
				if n := strings.Count(decoded, "<record>"); n != 5 {
					t.Errorf("got %d records, want 5", n)
				}
			}
		})
	}

	t.Run("unreachable site refuses connections", func(t *testing.T) {
		_, err := c.Get("http://www.jinzhou.test/")
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("got %v, want connection refused", err)
		}
	})
	t.Run("other hosts are left alone", func(t *testing.T) {
		if got := srv.Resolve("example.invalid:80"); got != "example.invalid:80" {
			t.Errorf("got %q, want the address unchanged", got)
		}
		if got := srv.Resolve("WWW.LN.TEST:443"); got != srv.Addr {
			t.Errorf("got %q, want %q", got, srv.Addr)
		}
	})
	t.Run("unknown host", func(t *testing.T) {
		if w := get(p, "http://www.unknown.test/"); w.Code != http.StatusNotFound {
			t.Errorf("got %d, want 404", w.Code)
		}
	})
}

// FuzzServe feeds the handler arbitrary hosts, paths and queries: it must
// answer every one without panicking.
func FuzzServe(f *testing.F) {
	p := New(testNow)
	h := p.Handler()
	f.Add("www.ln.test", "/zwgk/zcwj/index.html", "")
	f.Add("fgw.ln.test:80", "/module/web/jpage/dataproxy.jsp", "columnid=12345&startrecord=9&endrecord=2")
	f.Add("scjg.ln.test", "/news/list.asp", "classid=31&page=%zz")
	f.Add("liaoyang.test", "/", "x=1")
	f.Add("[::1]:80", "/robots.txt", "")
	f.Fuzz(func(t *testing.T, host, path, query string) {
		r := httptest.NewRequest(http.MethodGet, "http://placeholder/", nil)
		r.Host = host
		r.URL.Path, r.URL.RawQuery = path, query
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code < 200 || w.Code > 599 {
			t.Errorf("got status %d", w.Code)
		}
	})
}

// BenchmarkServe measures the handler on the 400-site benchmark province.
func BenchmarkServe(b *testing.B) {
	p := Synthetic(400, testNow)
	urls := p.URLs()
	h := p.Handler()
	reqs := make([]*http.Request, len(urls))
	for i, u := range urls {
		reqs[i] = httptest.NewRequest(http.MethodGet, u, nil)
	}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		clear(w.h)
		h.ServeHTTP(w, reqs[i%len(reqs)])
	}
}

type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}
