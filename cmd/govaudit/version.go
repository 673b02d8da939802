package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at build time by the release bundle
// (-ldflags "-X main.version=…"); otherwise the module's version from the
// build info is shown.
var version = ""

// cmdVersion prints the version, the commit it was built from and the Go
// version, from the binary's own build information.
func cmdVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	v, commit, goVersion := version, "unknown", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if v == "" {
			v = bi.Main.Version
		}
		var rev, when, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = " (modified)"
				}
			}
		}
		if rev != "" {
			commit = rev + dirty
			if when != "" {
				commit += " " + when
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	fmt.Fprintf(stdout, "govaudit %s\ncommit %s\n%s\n", v, commit, goVersion)
	return nil
}
