package demo

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Server serves a province on a loopback port.
type Server struct {
	// Addr is the host:port every demo host resolves to.
	Addr string

	srv *http.Server
	// refusedAddr is a loopback port nothing listens on, for the sites that
	// are down; hold keeps it from being handed to anyone else.
	refusedAddr string
	hold        io.Closer
	demo        map[string]bool
	refused     map[string]bool
}

// Start listens on 127.0.0.1:0 and serves the province until Close.
func (p *Province) Start() (*Server, error) { return p.StartWrapped(nil) }

// StartWrapped is Start with the province's handler passed through wrap
// first (when wrap is not nil), for a harness that observes the requests.
func (p *Province) StartWrapped(wrap func(http.Handler) http.Handler) (*Server, error) {
	h := p.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	closed, hold, err := closedPort()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		hold.Close()
		return nil, fmt.Errorf("demo: listen: %w", err)
	}
	s := &Server{
		Addr:        ln.Addr().String(),
		refusedAddr: closed,
		hold:        hold,
		srv:         &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		demo:        make(map[string]bool),
		refused:     make(map[string]bool),
	}
	for host, st := range p.byHost {
		if st.mode == modeRefused {
			s.refused[host] = true
		} else {
			s.demo[host] = true
		}
	}
	go s.srv.Serve(ln)
	return s, nil
}

// Resolve maps a dial address to where the demo really is: every demo host,
// whatever the port, to Addr; the hosts of sites that are down to a closed
// port; anything else unchanged. Use it in a Transport's DialContext.
func (s *Server) Resolve(hostport string) string {
	host := hostOnly(hostport)
	switch {
	case s.refused[host]:
		return s.refusedAddr
	case s.demo[host]:
		return s.Addr
	}
	return hostport
}

// Close stops the server and closes its connections.
func (s *Server) Close() error {
	err := s.srv.Close()
	if herr := s.hold.Close(); err == nil {
		err = herr
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("demo: close: %w", err)
	}
	return nil
}
