package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/govaudit/govaudit/config"
)

// configError marks a config that could not be loaded or is invalid.
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// stringList is a repeatable flag (--site a --site b), also accepting
// comma-separated values.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args and rejects stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usageError{"help requested"}
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// loadConfig reads the config named by --config or GOVAUDIT_CONFIG and
// prints its warnings.
func loadConfig(path string, stderr io.Writer) (*config.Config, error) {
	if path == "" {
		path = os.Getenv("GOVAUDIT_CONFIG")
	}
	if path == "" {
		return nil, usageError{"no config: pass --config FILE or set GOVAUDIT_CONFIG"}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, configError{err}
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(stderr, "%s:%d:%d: warning: %s\n", path, w.Line, w.Column, w.Message)
	}
	return cfg, nil
}

// newLogger logs to stderr as text; verbose adds debug lines.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
