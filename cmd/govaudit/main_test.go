package main

import (
	"os"
	"testing"
)

// TestMain lets a test run the command itself in a child process: the test
// binary re-executed with GOVAUDIT_TEST_MAIN=1 is govaudit.
func TestMain(m *testing.M) {
	if os.Getenv("GOVAUDIT_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
