//go:build linux

package store

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// crashMoment says when TestCrashSafety kills the writer.
type crashMoment struct {
	name string
	// fraction of the first write's duration to wait after "ready"
	fraction float64
	// watch kills as soon as a writer thread is in fdatasync(2). bbolt
	// syncs twice per commit: the data pages, then the meta page that
	// publishes them; a kill in the first tears a commit in two.
	watch bool
}

func TestCrashSafety(t *testing.T) {
	// The child prints "ready" once its first run-B write is committed, with
	// how long that write took, and starts the next one at once: it spends
	// the first part of a write encoding the audit and the last part in the
	// bbolt commit. Every outcome must leave a consistent store; the delays
	// only vary the moment of the kill.
	tests := []crashMoment{
		{name: "between writes", fraction: 0},
		{name: "late in the next write", fraction: 0.9},
		{name: "in the next commit's fdatasync", watch: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.watch {
				crashOnce(t, tt)
				return
			}
			// The watch can miss the data sync and see the meta sync of the
			// same commit (the poll is not scheduled for a millisecond);
			// a few attempts make a torn commit all but certain.
			const attempts = 3
			for i := 1; ; i++ {
				torn, watched := crashOnce(t, tt)
				if torn || !watched {
					return
				}
				if i == attempts {
					t.Errorf("no kill landed mid-commit in %d attempts", attempts)
					return
				}
			}
		})
	}
}

// crashOnce runs the crash writer, kills it at moment m, and checks the
// store it leaves. torn reports whether the kill landed between a commit's
// data pages and its meta page; watched is false when system calls could
// not be watched.
func crashOnce(t *testing.T, m crashMoment) (torn, watched bool) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "govaudit.db")
	cmd, _, ready := startHelper(t, "crash", path)
	if len(ready) != 1 {
		t.Fatalf("ready line: got %q, want the first write's duration", ready)
	}
	write, err := strconv.ParseInt(ready[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if delay := time.Duration(m.fraction * float64(write)); delay > 0 {
		time.Sleep(delay)
	}
	if m.watch {
		watched = waitForSyscall(t, cmd.Process.Pid, syscall.SYS_FDATASYNC)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("helper: got %v, want it killed", err)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("helper: got %v, want it killed by SIGKILL (it finished on its own)", err)
	}

	s := openPath(t, path, Options{Timeout: time.Second})
	lastSeq := checkConsistent(t, s)

	// The next audit's evidence in the file, though not committed, means the
	// kill landed after the commit had written its data pages and before it
	// wrote the meta page that would have published them.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	torn = fileContains(raw, []byte(evidenceMarker(lastSeq+1)))
	if torn {
		t.Logf("killed mid-commit: audit %d's pages were written, not committed (a write took %v)", lastSeq+1, time.Duration(write))
	} else {
		t.Logf("killed outside a commit, after audit %d (a write took %v)", lastSeq, time.Duration(write))
	}
	return torn, watched
}

// waitForSyscall polls the threads of process pid until one of them is in
// system call nr, and reports whether it saw it. The deadline only guards
// against a writer that died. Reading another process's
// /proc/PID/task/TID/syscall needs ptrace rights over it, which a parent
// has over its child unless a security module says otherwise.
func waitForSyscall(t *testing.T, pid, nr int) bool {
	t.Helper()
	want := strconv.Itoa(nr) + " "
	tasks := fmt.Sprintf("/proc/%d/task", pid)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		entries, err := os.ReadDir(tasks)
		if err != nil {
			t.Logf("cannot watch the writer's system calls: %v", err)
			return false
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(tasks, e.Name(), "syscall"))
			if errors.Is(err, os.ErrPermission) {
				t.Logf("cannot watch the writer's system calls: %v", err)
				return false
			}
			if err == nil && strings.HasPrefix(string(b), want) {
				return true
			}
		}
	}
	t.Fatalf("process %d never entered system call %d", pid, nr)
	return false
}

// checkConsistent asserts what a crash must leave: a file bbolt finds
// consistent, run A complete and last complete, run B unfinished, and every
// site's latest, newest history entry and run B progress telling one story.
// It returns the seq of the newest run B audit committed.
func checkConsistent(t *testing.T, s *Store) (lastSeq int) {
	t.Helper()
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("tx.Check: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	snap := s.Snapshot()
	if snap.LastCompleteRun == nil || snap.LastCompleteRun.ID != 1 || snap.LastCompleteRun.Saved != crashSites {
		t.Errorf("LastCompleteRun: got %+v, want run 1 with %d sites saved", snap.LastCompleteRun, crashSites)
	}
	if snap.LastRun == nil || snap.LastRun.ID != 2 || snap.LastRun.Complete || !snap.LastRun.FinishedAt.IsZero() {
		t.Fatalf("LastRun: got %+v, want run 2, unfinished", snap.LastRun)
	}
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].ID != 2 || runs[1].ID != 1 || runs[0].Complete || !runs[1].Complete {
		t.Errorf("Runs: got %+v, want run 2 incomplete then run 1 complete", runs)
	}
	if runs[0].Saved < 1 {
		t.Errorf("run B saved %d sites, want ≥ 1 (ready is printed after the first)", runs[0].Saved)
	}

	progressB := map[string]time.Time{}
	err = s.db.View(func(tx *bolt.Tx) error {
		return progressBucket(tx, 2).ForEach(func(k, v []byte) error {
			var at time.Time
			if err := at.UnmarshalText(v); err != nil {
				return err
			}
			progressB[string(k)] = at
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}

	bAudits := 0
	for i, id := range siteIDs(testSites(crashSites)) {
		latest, ok := latestOf(t, snap)[id]
		if !ok {
			t.Errorf("%s: no latest audit", id)
			continue
		}
		ev := latest.Results[0].Evidence
		switch {
		case len(ev) == 1 && ev[0] == "run A":
			if want := t0.Add(time.Duration(i) * time.Second); !latest.AuditedAt.Equal(want) {
				t.Errorf("%s: run A audit at %v, want %v", id, latest.AuditedAt, want)
			}
			if _, saved := progressB[id]; saved {
				t.Errorf("%s: run B progress records it, but latest is run A's", id)
			}
		case len(ev) == 2 && ev[0] == "run B":
			bAudits++
			seq := int(latest.Results[0].Details["seq"].(float64))
			if ev[1] != bigEvidence(seq) {
				t.Errorf("%s: run B audit %d has torn evidence (%d bytes)", id, seq, len(ev[1]))
			}
			if want := runBStart.Add(time.Duration(seq) * time.Second); !latest.AuditedAt.Equal(want) {
				t.Errorf("%s: run B audit %d at %v, want %v", id, seq, latest.AuditedAt, want)
			}
			if at, saved := progressB[id]; !saved || !at.Equal(latest.AuditedAt) {
				t.Errorf("%s: run B progress %v, want %v (the latest audit)", id, at, latest.AuditedAt)
			}
		default:
			t.Errorf("%s: latest is neither run A's nor a complete run B audit: evidence %d entries", id, len(ev))
		}
		h, err := s.History(id, time.Time{}, time.Time{})
		if err != nil {
			t.Fatalf("%s history: %v", id, err)
		}
		for _, a := range h {
			if seq, ok := a.Results[0].Details["seq"].(float64); ok && int(seq) > lastSeq {
				lastSeq = int(seq)
			}
		}
		if len(h) == 0 || !h[len(h)-1].AuditedAt.Equal(latest.AuditedAt) {
			t.Errorf("%s: newest history entry is not the latest audit (%d entries)", id, len(h))
		}
	}
	if bAudits == 0 {
		t.Errorf("no site has a run B audit, want at least the first one")
	}
	t.Logf("run B: %d sites saved, %d sites with a run B latest, newest audit %d", runs[0].Saved, bAudits, lastSeq)
	return lastSeq
}

// fileContains reports whether the raw store file holds marker, as it is
// or inside one of the compressed history entries: it tries every value
// magic in the file, reading each value as far as it is intact.
func fileContains(raw, marker []byte) bool {
	if bytes.Contains(raw, marker) {
		return true
	}
	for i := 0; ; i++ {
		j := bytes.Index(raw[i:], dictMagic1)
		if j < 0 {
			return false
		}
		i += j
		zr := flate.NewReaderDict(bytes.NewReader(raw[i+len(dictMagic1):]), jsonDict1)
		body, _ := io.ReadAll(zr) // a torn value still yields its start
		if bytes.Contains(body, marker) {
			return true
		}
	}
}
