package app

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestIdleConnectionsCapped: clients that open more keep-alive connections
// than the cap and leave them idle hold at most the cap open, and the
// clients beyond the cap are answered without waiting for the idle ones
// to time out (keep-alive is shed at the cap).
func TestIdleConnectionsCapped(t *testing.T) {
	const maxConns, clients = 4, 12
	// An idle timeout far longer than the test: only shedding can free
	// the slots in time.
	limits := ServerLimits{ReadHeaderTimeout: time.Second, ReadTimeout: time.Second, IdleTimeout: time.Minute, MaxConns: maxConns}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingListener{Listener: ln}
	srv, ln := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}), counted, limits)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	// Each client asks once for a kept-alive connection and then sits on
	// it until every client has been answered.
	var wg sync.WaitGroup
	answered := make(chan time.Duration, clients)
	release := make(chan struct{})
	defer func() { close(release); wg.Wait() }()
	start := time.Now()
	for range clients {
		wg.Go(func() {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Errorf("a client beyond the cap got no answer: %v", err)
				return
			}
			resp.Body.Close()
			answered <- time.Since(start)
			<-release
		})
	}
	for range clients {
		select {
		case d := <-answered:
			if d > 5*time.Second {
				t.Errorf("a client was answered after %s, want at once", d)
			}
		case <-time.After(8 * time.Second):
			t.Fatalf("clients beyond the cap are still waiting after 8s (idle timeout %s)", limits.IdleTimeout)
		}
	}
	if got := counted.most.Load(); got > maxConns {
		t.Errorf("connections open at once: got %d, want at most %d", got, maxConns)
	}
	// A new client after the idle ones are gone is served at once.
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatalf("a new client after the idle ones: %v", err)
	}
	resp.Body.Close()
}

// TestServerLimitsSet: serve's server has every limit.
func TestServerLimitsSet(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv, wrapped := newHTTPServer(http.NotFoundHandler(), ln, DefaultServerLimits)
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("timeouts: header %s, read %s, idle %s; want all set", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.IdleTimeout)
	}
	if wrapped == ln {
		t.Error("the listener is not capped")
	}
}

// countingListener counts the connections accepted and not yet closed, and
// keeps the most there were at once.
type countingListener struct {
	net.Listener
	open, most atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	n := l.open.Add(1)
	for m := l.most.Load(); n > m && !l.most.CompareAndSwap(m, n); m = l.most.Load() {
	}
	return &countedConn{Conn: c, l: l}, nil
}

type countedConn struct {
	net.Conn
	l    *countingListener
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}
