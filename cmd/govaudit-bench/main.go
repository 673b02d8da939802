// Command govaudit-bench is govaudit's reproducible benchmark: a synthetic
// province served by a child process on loopback, audited as serve audits
// it, then fetched by a bare HTTP client for reference. docs/benchmark.md
// and the README record its figures.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := runBench(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintf(os.Stderr, "govaudit-bench: %v\n", err)
		os.Exit(1)
	}
}
