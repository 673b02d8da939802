// Command govaudit audits Chinese government websites against the
// disclosure duties of 辽政办〔2016〕23号 and the national website rules.
//
// Usage: govaudit demo | serve | audit | export | check-config | catalog
// (see spec/interfaces.md and README.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // minimal images have no zoneinfo; the schedule needs Asia/Shanghai
)

// exit codes
const (
	exitOK    = 0
	exitError = 1 // the command could not do its job
	exitUsage = 2 // the command line or the config is wrong
)

const usage = `govaudit — audits government websites against 辽政办〔2016〕23号 and the national website rules

Usage:
  govaudit demo [--listen ADDR] [--store FILE] [--once]
  govaudit serve --config FILE
  govaudit audit --config FILE [--site ID ...]
  govaudit export --config FILE [--format json|csv|xlsx|html|pdf] [--as-of YYYY-MM-DD] [--site ID ...]
                  [--city C] [--level L] [--department D] [--status S] [--verdict V] [--out PATH]
  govaudit check-config FILE
  govaudit catalog [--format table|json]
  govaudit compact --config FILE      (shrink the store file; stop serve first)

--config may also come from the GOVAUDIT_CONFIG environment variable.
`

// usageError marks errors in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var err error
	switch args[0] {
	case "demo":
		err = cmdDemo(ctx, args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "audit":
		err = cmdAudit(ctx, args[1:], stdout, stderr)
	case "export":
		err = cmdExport(ctx, args[1:], stdout, stderr)
	case "check-config":
		err = cmdCheckConfig(args[1:], stdout, stderr)
	case "catalog":
		err = cmdCatalog(args[1:], stdout, stderr)
	case "compact":
		err = cmdCompact(args[1:], stdout, stderr)
	case "health":
		err = cmdHealth(ctx, args[1:], stdout, stderr)
	default:
		err = usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "govaudit %s: %v\n", args[0], err)
	var ue usageError
	var ce configError
	switch {
	case errors.As(err, &ue):
		fmt.Fprint(stderr, "\n"+usage)
		return exitUsage
	case errors.As(err, &ce):
		return exitUsage
	}
	return exitError
}
