// Package chromiumtest finds Chromium for tests: a test that needs it is
// skipped where it is missing, and fails instead where CI installed it on
// purpose (RequireEnv=1).
package chromiumtest

import (
	"os"
	"strings"
	"testing"

	"github.com/govaudit/govaudit/internal/chromium"
)

// RequireEnv, set to 1, makes a missing browser (or PDF reader) a failure
// instead of a skip.
const RequireEnv = "GOVAUDIT_REQUIRE_BROWSER"

// Required reports whether the browser tests must run here.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// SkipOrFail skips the test with msg, or fails it where Required.
func SkipOrFail(t testing.TB, msg string) {
	t.Helper()
	if Required() {
		t.Fatal(msg + "; " + RequireEnv + "=1 makes this a failure")
	}
	t.Skip(msg)
}

// Find returns the Chromium binary (chromium.Find), or skips or fails the
// test when there is none.
func Find(t testing.TB) string {
	t.Helper()
	if p, ok := chromium.Find(""); ok {
		return p
	}
	SkipOrFail(t, "no Chromium binary found (looked at $"+chromium.Env+", "+strings.Join(chromium.Paths, ", ")+
		" and chromium-headless-shell/chromium on PATH); install one with "+
		"`apt-get install -y --no-install-recommends chromium-headless-shell`")
	return ""
}
