package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpEveryCommand: `govaudit SUB --help` prints that command's usage to
// standard output and exits 0, and --help lists every command.
func TestHelpEveryCommand(t *testing.T) {
	var top, stderr bytes.Buffer
	if code := run([]string{"--help"}, &top, &stderr); code != exitOK {
		t.Fatalf("--help: got exit %d, want 0 (stderr %q)", code, stderr.String())
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(top.String(), "govaudit "+c.name+" ") {
				t.Errorf("--help does not list %s", c.name)
			}
			for _, flag := range []string{"--help", "-h"} {
				var stdout, stderr bytes.Buffer
				code := run([]string{c.name, flag}, &stdout, &stderr)
				if code != exitOK {
					t.Fatalf("%s %s: got exit %d, want 0 (stderr %q)", c.name, flag, code, stderr.String())
				}
				if want := "usage: govaudit " + c.name; !strings.HasPrefix(stdout.String(), want) {
					t.Errorf("%s %s: got %q, want it to start with %q", c.name, flag, stdout.String(), want)
				}
				if strings.Contains(stdout.String(), "govaudit serve --config FILE\n") && c.name != "serve" {
					t.Errorf("%s %s printed the top-level usage", c.name, flag)
				}
				if stderr.Len() > 0 {
					t.Errorf("%s %s wrote to stderr: %q", c.name, flag, stderr.String())
				}
			}
		})
	}
}

// TestVersion: --version and the version command print the version, the
// commit line and the Go version.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: got exit %d, want 0 (stderr %q)", args, code, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "govaudit ") || !strings.HasPrefix(lines[1], "commit ") || !strings.HasPrefix(lines[2], "go1.") {
			t.Errorf("%v: got %q, want govaudit VERSION / commit … / go1.…", args, stdout.String())
		}
	}
}

// TestUsageErrors: a bad flag or an unknown command exits 2 with the
// command's usage line on stderr, not the whole top-level usage.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export", "--bogus"}, "usage: govaudit export"},
		{[]string{"catalog", "--format"}, "usage: govaudit catalog"},
		{[]string{"nosuch"}, `unknown command "nosuch"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitUsage {
				t.Fatalf("got exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.want)
			}
		})
	}
}
