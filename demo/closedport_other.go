//go:build !unix

package demo

import (
	"fmt"
	"io"
	"net"
)

// closedPort returns a loopback address that refuses connections: a port
// the system just handed out and that was closed again. Unlike the unix
// version it does not keep the port from being reused.
func closedPort() (string, io.Closer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("demo: reserve a closed port: %w", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", nil, fmt.Errorf("demo: reserve a closed port: %w", err)
	}
	return addr, io.NopCloser(nil), nil
}
