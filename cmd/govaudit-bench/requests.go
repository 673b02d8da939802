package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// benchControlHost is the host name under which the bench province answers
// the harness itself instead of serving a site.
const benchControlHost = "bench-control.invalid"

// requestLog records the pages the province served (GET, 200) between
// /record and /recorded, so that the bare client can be run over exactly the
// pages an audit fetched.
type requestLog struct {
	// latency delays every site response, as a distant server would.
	latency time.Duration

	mu   sync.Mutex
	on   bool
	urls []string
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hostOnly(r.Host) == benchControlHost {
			l.control(w, r)
			return
		}
		if l.latency > 0 {
			time.Sleep(l.latency)
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		if r.Method != http.MethodGet || sw.status != http.StatusOK {
			return
		}
		l.mu.Lock()
		if l.on {
			l.urls = append(l.urls, "http://"+r.Host+r.URL.RequestURI())
		}
		l.mu.Unlock()
	})
}

func (l *requestLog) control(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch r.URL.Path {
	case "/record":
		l.on, l.urls = true, nil
		w.WriteHeader(http.StatusNoContent)
	case "/recorded":
		l.on = false
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(l.urls)
	default:
		http.NotFound(w, r)
	}
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// hostOnly strips the port from a Host header and lower-cases it.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		hostport = h
	}
	return strings.ToLower(hostport)
}

// control sends a request to the province's control host and decodes its
// JSON answer into out (when out is not nil).
func (p *benchProvince) control(ctx context.Context, path string, out any) error {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, p.Addr)
		},
	}}
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+benchControlHost+path, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("bench province %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("bench province %s: %s", path, resp.Status)
	}
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
