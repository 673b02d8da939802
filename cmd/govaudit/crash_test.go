//go:build linux

package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// govauditCommand returns the command running govaudit with args in a
// child process (the test binary, see TestMain).
func govauditCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "GOVAUDIT_TEST_MAIN=1")
	return cmd
}

// latestAudits opens the store as the next owner would and returns its
// snapshot's latest audits and the complete runs' count.
func latestAudits(t *testing.T, path string) (map[string]govaudit.SiteAudit, *store.Snapshot) {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("reopen the store: %v", err)
	}
	defer st.Close()
	snap := st.Snapshot()
	latest, err := snap.LatestAudits()
	if err != nil {
		t.Fatalf("read the latest audits: %v", err)
	}
	return latest, snap
}

var runDuration = regexp.MustCompile(`msg="audit run finished".* duration=([0-9.]+[a-zµ]+)`)

// TestKilledAuditKeepsLastCompleteResults kills a whole govaudit process
// (demo --once on a store that holds a complete earlier run) with SIGKILL
// at several moments of its audit run, then reopens the store: it must open
// without waiting for the dead owner, hold for every site either the
// earlier complete audit or a complete newer one, keep the earlier run in
// the history, and take the next run.
func TestKilledAuditKeepsLastCompleteResults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo audit four times in child processes")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")

	var logs bytes.Buffer
	first := govauditCommand(t, "demo", "--once", "--store", base)
	first.Stderr = &logs
	if out, err := first.Output(); err != nil {
		t.Fatalf("first demo run: %v\n%s\n%s", err, out, logs.String())
	}
	m := runDuration.FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no run duration in the first run's log:\n%s", logs.String())
	}
	runTook, err := time.ParseDuration(m[1])
	if err != nil {
		t.Fatal(err)
	}
	want, baseSnap := latestAudits(t, base)
	if len(want) == 0 || baseSnap.LastCompleteRun == nil {
		t.Fatalf("first run left %d audits and complete run %v", len(want), baseSnap.LastCompleteRun)
	}
	baseBytes, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}

	for _, frac := range []float64{0.1, 0.4, 0.7} {
		t.Run(time.Duration(frac*float64(runTook)).Round(time.Millisecond).String()+" into the run", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "govaudit.db")
			if err := os.WriteFile(path, baseBytes, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := govauditCommand(t, "demo", "--once", "--store", path)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdout = io.Discard
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill once the run has started and frac of a run's duration
			// has passed.
			started := make(chan struct{})
			go func() {
				sc := bufio.NewScanner(stderr)
				once := false
				for sc.Scan() {
					if !once && strings.Contains(sc.Text(), `msg="audit run started"`) {
						once = true
						close(started)
					}
				}
				if !once {
					close(started)
				}
			}()
			<-started
			time.Sleep(time.Duration(frac * float64(runTook)))
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Logf("the run ended before the kill (%v): the store is checked all the same", err)
			}

			got, snap := latestAudits(t, path)
			newer := 0
			for id, w := range want {
				g, ok := got[id]
				switch {
				case !ok:
					t.Errorf("site %s: no audit after the kill, want the first run's", id)
				case g.AuditedAt.Equal(w.AuditedAt):
				case g.AuditedAt.After(w.AuditedAt) && len(g.Results) == len(w.Results) && len(g.Census) == len(w.Census):
					newer++
				default:
					t.Errorf("site %s: got an audit of %v with %d results and %d census findings, want the first run's (%v) or a complete newer one (%d, %d)",
						id, g.AuditedAt, len(g.Results), len(g.Census), w.AuditedAt, len(w.Results), len(w.Census))
				}
			}
			if snap.LastCompleteRun == nil || snap.LastCompleteRun.ID < baseSnap.LastCompleteRun.ID {
				t.Errorf("last complete run: got %v, want run %d or a later one", snap.LastCompleteRun, baseSnap.LastCompleteRun.ID)
			}
			t.Logf("%d of %d sites have the killed run's audit, the others the first run's", newer, len(want))

			// The history still holds the first run for every site.
			st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			for id, w := range want {
				h, err := st.History(id, w.AuditedAt, w.AuditedAt)
				if err != nil || len(h) != 1 {
					t.Errorf("site %s: history at the first run: got %d audits (%v), want 1", id, len(h), err)
				}
			}
			st.Close()

			// The next owner's run completes on the same file.
			next := govauditCommand(t, "demo", "--once", "--store", path)
			if out, err := next.CombinedOutput(); err != nil {
				t.Fatalf("run after the kill: %v\n%s", err, out)
			}
			after, _ := latestAudits(t, path)
			for id, w := range want {
				if !after[id].AuditedAt.After(w.AuditedAt) {
					t.Errorf("site %s: the run after the kill did not save a newer audit", id)
				}
			}
		})
	}
}
