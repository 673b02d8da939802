//go:build unix

package demo

import (
	"fmt"
	"io"
	"syscall"
)

// closedPort returns a loopback address that refuses connections, and the
// socket that holds it: a TCP socket bound to a free port but never
// listening, so the kernel answers every connection attempt with a reset
// and no other program can take the port while the demo runs.
func closedPort() (string, io.Closer, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return "", nil, fmt.Errorf("demo: reserve a closed port: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		syscall.Close(fd)
		return "", nil, fmt.Errorf("demo: reserve a closed port: %w", err)
	}
	sa, err := syscall.Getsockname(fd)
	in4, ok := sa.(*syscall.SockaddrInet4)
	if err != nil || !ok {
		syscall.Close(fd)
		return "", nil, fmt.Errorf("demo: reserve a closed port: %v", err)
	}
	return fmt.Sprintf("127.0.0.1:%d", in4.Port), fdCloser(fd), nil
}

type fdCloser int

func (f fdCloser) Close() error { return syscall.Close(int(f)) }
