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

// newFlags returns a flag set that reports errors instead of exiting, and
// whose --help prints the command's own usage (to stdout: help asked for is
// output, not an error) with its flags.
func newFlags(name string, stdout io.Writer) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// parseFlags reports errors and prints the help itself, once.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &cmdFlags{FlagSet: fs, help: stdout}
}

// cmdFlags is a command's flag set and where its --help goes.
type cmdFlags struct {
	*flag.FlagSet
	help io.Writer
}

// parseFlags parses args and rejects stray positional arguments. On
// --help it prints the command's usage to stdout and returns errHelp.
func parseFlags(fs *cmdFlags, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagError(fs, err)
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

// flagError turns a flag parsing error into errHelp (after printing the
// command's help to standard output) or a usage error.
func flagError(fs *cmdFlags, err error) error {
	if errors.Is(err, flag.ErrHelp) {
		printHelp(fs.FlagSet, fs.help)
		return errHelp
	}
	return usageError{err.Error()}
}

// printHelp writes a command's usage line, what it does, and its flags.
func printHelp(fs *flag.FlagSet, w io.Writer) {
	synopsis, summary := synopsisOf(fs.Name())
	fmt.Fprintf(w, "usage: govaudit %s %s\n\n%s\n", fs.Name(), synopsis, summary)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(w, "\nflags:")
		out := fs.Output()
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(out)
	}
}
