//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/internal/hostile"
	"github.com/govaudit/govaudit/store"
)

// faultTimeout is the crawl timeout of the fault suite: short, so that the
// slow sites cost seconds, not minutes, yet long enough for a loaded test
// machine to decode 8 MiB of a bomb eight sites at a time.
const faultTimeout = 5 * time.Second

// bigPage is the size of the big site's pages: 6.7 MB, under the default
// max_body_bytes of 8 MiB, so that each is read and may become evidence.
const bigPage = 6_700_000

// columnLinks are links to columns of the catalog, so that a home page
// makes the audit fetch more pages.
const columnLinks = `<ul class="nav"><li><a href="/zcwj/">政策文件</a></li><li><a href="/zcjd/">政策解读</a></li>` +
	`<li><a href="/zfgb/">政府公报</a></li><li><a href="/znxx/">政府信息公开指南</a></li><li><a href="/bsgk/">办事公开</a></li></ul>`

// hostileSite is one site of the suite: its handler (nil for a server that
// accepts connections and never answers) and the home-page finding
// expected of it.
type hostileSite struct {
	id      string
	handler http.HandlerFunc
	kind    govaudit.ErrorKind // "" when the site is reachable
	message string             // part of the home error's message
}

func bombHandler(encoding, coding string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", encoding)
		hostile.WriteBomb(w, coding, hostile.GiB)
	}
}

func hostileSites() []hostileSite {
	var randMu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	letters := func(n int) []byte {
		randMu.Lock()
		defer randMu.Unlock()
		b := make([]byte, n)
		for i := range b {
			b[i] = 'a' + byte(rng.IntN(26))
		}
		return b
	}
	return []hostileSite{
		{id: "gzip-bomb", handler: bombHandler("gzip", "gzip"), kind: govaudit.ErrTooLarge},
		{id: "x-gzip-bomb", handler: bombHandler("x-gzip", "gzip"), kind: govaudit.ErrTooLarge},
		{id: "deflate-bomb", handler: bombHandler("deflate", "zlib"), kind: govaudit.ErrTooLarge},
		{id: "gz-file-bomb", handler: func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/":
				http.Redirect(w, r, "/index.html.gz", http.StatusFound)
			case "/index.html.gz":
				// A gzip file, not a gzip-encoded page: no Content-Encoding.
				w.Header().Set("Content-Type", "application/x-gzip")
				hostile.WriteBomb(w, "gzip", hostile.GiB)
			default:
				http.NotFound(w, r)
			}
		}, kind: govaudit.ErrTooLarge},
		{id: "brotli", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte{0x1b, 0x03, 0x00, 0xf8, 0xa5, 0x5a, 0x8d})
		}, kind: govaudit.ErrOther, message: `content encoding "br"`},
		{id: "redirect-loop", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/again"+r.URL.Path, http.StatusFound)
		}, kind: govaudit.ErrRedirectLoop},
		{id: "huge", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", fmt.Sprint(1<<30))
			chunk := bytes.Repeat([]byte("<p>政务公开</p>"), 4096)
			for sent := 0; sent < 1<<30; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, kind: govaudit.ErrTooLarge},
		{id: "endless-chunked", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.(http.Flusher).Flush()
			chunk := bytes.Repeat([]byte("<p>政务公开</p>"), 4096)
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, kind: govaudit.ErrTooLarge},
		{id: "dribble", handler: func(w http.ResponseWriter, r *http.Request) {
			// An endless body, one byte at a time: the timeout ends it.
			w.Header().Set("Content-Type", "text/html")
			for {
				if _, err := w.Write([]byte("<")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-time.After(50 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
			}
		}, kind: govaudit.ErrTimeout},
		{id: "silent", handler: nil, kind: govaudit.ErrTimeout},
		{id: "slow", handler: func(w http.ResponseWriter, r *http.Request) {
			// Every page arrives just under the timeout.
			select {
			case <-time.After(faultTimeout * 3 / 4):
			case <-r.Context().Done():
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><body>%s</body></html>", columnLinks)
		}},
		{id: "liar", handler: func(w http.ResponseWriter, r *http.Request) {
			// The header claims GBK; the body is UTF-8.
			w.Header().Set("Content-Type", "text/html; charset=gbk")
			fmt.Fprintf(w, "<html><body>%s</body></html>", columnLinks)
		}},
		{id: "big", handler: func(w http.ResponseWriter, r *http.Request) {
			// Every page is 6.7 MB of new letters: no two bodies are alike,
			// so none is deduplicated, and they compress poorly.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			head := fmt.Sprintf("<html><body>%s<ul><li><span>2026-12-01</span><a href=\"%s1.html\">文件</a></li></ul><p>", columnLinks, r.URL.Path)
			w.Write([]byte(head))
			w.Write(letters(bigPage - len(head) - len("</p></body></html>")))
			w.Write([]byte("</p></body></html>"))
		}},
	}
}

// silentServer accepts connections and never reads or answers.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// auditChild serves sites on loopback and audits them with govaudit audit
// in a child process, which must finish within bound. It returns the
// store's path, the peak RSS of the child and how long it ran.
func auditChild(t *testing.T, sites []hostileSite, bound time.Duration) (storePath string, rss int64, elapsed time.Duration, output string) {
	t.Helper()
	dir := t.TempDir()
	storePath = filepath.Join(dir, "fault.db")
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "store: %q\ncrawl:\n  allow_private_addresses: true\n  per_host_delay: 0s\n  timeout: %s\n  max_pages_per_site: 40\nsites:\n", storePath, faultTimeout)
	for _, s := range sites {
		addr := ""
		if s.handler == nil {
			addr = silentServer(t)
		} else {
			srv := httptest.NewUnstartedServer(s.handler)
			srv.Config.ErrorLog = log.New(io.Discard, "", 0)
			srv.Start()
			t.Cleanup(srv.CloseClientConnections)
			t.Cleanup(srv.Close)
			addr = srv.Listener.Addr().String()
		}
		fmt.Fprintf(&cfg, "  - id: %s\n    name: %s\n    url: \"http://%s/\"\n    level: city\n", s.id, s.id, addr)
	}
	cfgPath := filepath.Join(dir, "fault.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := govauditCommand(t, "audit", "--config", cfgPath)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(bound):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the audit did not finish within %s:\n%s", bound, out.String())
	}
	elapsed = time.Since(start)
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, out.String())
	}
	rss = int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10 // KiB on Linux
	return storePath, rss, elapsed, out.String()
}

// TestBombAuditRSS: the audit of one site serving a 1 GiB x-gzip bomb
// peaks far under 300 MiB and reports too_large.
func TestBombAuditRSS(t *testing.T) {
	site := hostileSite{id: "x-gzip-bomb", handler: bombHandler("x-gzip", "gzip"), kind: govaudit.ErrTooLarge}
	storePath, rss, elapsed, _ := auditChild(t, []hostileSite{site}, 60*time.Second)
	t.Logf("x-gzip bomb audit: %s, peak RSS %.1f MiB", elapsed.Round(time.Millisecond), float64(rss)/(1<<20))
	checkRSS(t, rss)
	st, err := store.Open(storePath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if a, _, _ := st.Snapshot().Audit(site.id); a.HomeError == nil || a.HomeError.Kind != govaudit.ErrTooLarge {
		t.Errorf("home error %v, want too_large", a.HomeError)
	}
}

// TestFaultSuite audits every hostile site of the security review at once,
// in one govaudit audit child process: each is the precise finding
// expected, the run completes within a bound set by the timeout, the
// process's peak RSS stays under 300 MiB although the bombs expand to
// 1 GiB each, and the evidence kept of the big site stays within its
// budget.
func TestFaultSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("audits thirteen hostile sites in a child process")
	}
	sites := hostileSites()
	// Thirteen sites, eight at a time; the slowest costs a few timeouts (the
	// bound leaves room for the race detector).
	storePath, rss, elapsed, out := auditChild(t, sites, 180*time.Second)
	t.Logf("fault suite: %d sites audited in %s, peak RSS %.1f MiB", len(sites), elapsed.Round(time.Millisecond), float64(rss)/(1<<20))
	checkRSS(t, rss)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "evidence budget") {
			t.Log(line)
		}
	}

	st, err := store.Open(storePath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap := st.Snapshot()
	if snap.LastRun == nil || !snap.LastRun.Complete {
		t.Fatalf("last run %+v, want a complete run", snap.LastRun)
	}
	for _, s := range sites {
		t.Run(s.id, func(t *testing.T) {
			a, ok, _ := snap.Audit(s.id)
			if !ok {
				t.Fatal("no audit saved")
			}
			if s.kind == "" {
				if !a.Reachable || a.HomeError != nil {
					t.Fatalf("reachable %v, home error %v; want a readable home page", a.Reachable, a.HomeError)
				}
			} else {
				if a.Reachable || a.HomeError == nil || a.HomeError.Kind != s.kind || !strings.Contains(a.HomeError.Message, s.message) {
					t.Fatalf("reachable %v, home error %v; want unreachable with kind %s (%q)", a.Reachable, a.HomeError, s.kind, s.message)
				}
				return
			}
			switch s.id {
			case "liar":
				// The lying header did not garble the label: the column was found.
				r, _ := a.Result("all-10")
				if want := strings.TrimSuffix(siteURL(snap, s.id), "/") + "/zcwj/"; r.ColumnURL != want {
					t.Errorf("all-10 column %q, want %q", r.ColumnURL, want)
				}
			case "slow":
				if a.Fetch.Pages < 2 {
					t.Errorf("%d pages fetched, want the columns too", a.Fetch.Pages)
				}
			case "big":
				refs, err := st.EvidenceFor(s.id, a.AuditedAt)
				if err != nil {
					t.Fatal(err)
				}
				total, seen := 0, map[string]bool{}
				for _, ref := range refs {
					if seen[ref.Hash] {
						continue // one page, several requirements
					}
					seen[ref.Hash] = true
					rec, _, err := st.Evidence(ref.Hash)
					if err != nil {
						t.Fatal(err)
					}
					total += rec.Size
				}
				t.Logf("big site: %d pages fetched, %d evidence copies, %.1f MB of bodies kept", a.Fetch.Pages, len(seen), float64(total)/1e6)
				if len(seen) == 0 || total > 16<<20 {
					t.Errorf("evidence: %d copies, %d bytes; want some, at most 16 MiB", len(seen), total)
				}
			}
		})
	}
	if fi, err := os.Stat(storePath); err == nil {
		t.Logf("store file after the run: %.1f MiB", float64(fi.Size())/(1<<20))
	}
}

// checkRSS holds a child's peak RSS to 300 MiB, except under the race
// detector, whose shadow memory says nothing about govaudit's.
func checkRSS(t *testing.T, rss int64) {
	t.Helper()
	if raceEnabled {
		t.Log("race detector on: peak RSS not checked")
		return
	}
	if rss > 300<<20 {
		t.Errorf("peak RSS %d MiB, want under 300 MiB", rss>>20)
	}
}

func siteURL(snap *store.Snapshot, id string) string {
	s, _ := snap.Site(id)
	return s.URL
}
