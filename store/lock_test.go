package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestLocked(t *testing.T) {
	serve := Owner{PID: os.Getpid(), Command: "govaudit serve", Listen: "127.0.0.1:9464", Started: t0}
	tests := []struct {
		name string
		// first is how the holder opens; stale, when set, is a sidecar left
		// by a dead process before the holder opened.
		first     Options
		stale     bool
		second    Options
		wantOwner *Owner
		wantMsg   string
	}{
		{
			name:      "read-write holder, read-write opener",
			first:     Options{Owner: serve},
			second:    Options{Timeout: 100 * time.Millisecond},
			wantOwner: &serve,
			wantMsg:   `store PATH is in use by "govaudit serve" (pid PID, api http://127.0.0.1:9464) since 2026-11-25T02:00:00Z`,
		},
		{
			name:      "read-write holder, read-only opener",
			first:     Options{Owner: serve},
			second:    Options{Timeout: 100 * time.Millisecond, ReadOnly: true},
			wantOwner: &serve,
			wantMsg:   `store PATH is in use by "govaudit serve" (pid PID, api http://127.0.0.1:9464) since 2026-11-25T02:00:00Z`,
		},
		{
			name:      "holder without api",
			first:     Options{Owner: Owner{PID: os.Getpid(), Command: "govaudit audit", Started: t0}},
			second:    Options{Timeout: 100 * time.Millisecond},
			wantOwner: &Owner{PID: os.Getpid(), Command: "govaudit audit", Started: t0},
			wantMsg:   `store PATH is in use by "govaudit audit" (pid PID) since 2026-11-25T02:00:00Z`,
		},
		{
			// A read-only holder writes no sidecar; the one left by a killed
			// writer names a dead process and must not be believed.
			name:    "read-only holder, stale sidecar",
			first:   Options{ReadOnly: true},
			stale:   true,
			second:  Options{Timeout: 100 * time.Millisecond},
			wantMsg: `store PATH is in use by another process (no owner recorded)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "govaudit.db")
			// The file must exist before a read-only holder can open it.
			openPath(t, path, Options{}).Close()
			if tt.stale {
				writeStaleOwner(t, path)
			}
			openPath(t, path, tt.first)

			start := time.Now()
			s, err := Open(path, tt.second)
			if err == nil {
				s.Close()
				t.Fatal("second Open succeeded, want *LockedError")
			}
			if waited := time.Since(start); waited > 10*time.Second {
				t.Errorf("Open waited %v with a 100ms timeout", waited)
			}
			var locked *LockedError
			if !errors.As(err, &locked) {
				t.Fatalf("got %T %v, want *LockedError", err, err)
			}
			if locked.Path != path {
				t.Errorf("Path: got %q, want %q", locked.Path, path)
			}
			if !ownersEqual(locked.Owner, tt.wantOwner) {
				t.Errorf("Owner: got %+v, want %+v", locked.Owner, tt.wantOwner)
			}
			want := replaceAll(tt.wantMsg, "PATH", path, "PID", itoa(os.Getpid()))
			if got := err.Error(); got != want {
				t.Errorf("message:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

// TestLockedAcrossProcesses is the real case: a serving process holds the
// store and a second command is told who it is, then gets the store once
// the server has closed it.
func TestLockedAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "govaudit.db")
	cmd, stdin, _ := startHelper(t, "hold", path)

	_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("got %v, want *LockedError", err)
	}
	want := Owner{PID: cmd.Process.Pid, Command: "govaudit serve", Listen: "127.0.0.1:9464", Started: t0}
	if !ownersEqual(locked.Owner, &want) {
		t.Errorf("Owner: got %+v, want %+v", locked.Owner, want)
	}
	if got, want := locked.Owner.APIURL(), "http://127.0.0.1:9464"; got != want {
		t.Errorf("APIURL: got %q, want %q", got, want)
	}

	stdin.Close() // the helper closes the store and exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	if _, err := os.Stat(ownerPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("owner file after the holder closed: got %v, want it removed", err)
	}
	openPath(t, path, Options{Timeout: 100 * time.Millisecond})
}

func TestOwnerFile(t *testing.T) {
	t.Run("written while open, removed on close", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "govaudit.db")
		want := Owner{PID: 4242, Command: "govaudit audit", Started: t0}
		s := openPath(t, path, Options{Owner: want})
		got := readOwnerFile(t, path)
		if !ownersEqual(&got, &want) {
			t.Errorf("owner file: got %+v, want %+v", got, want)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(ownerPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("after Close: got %v, want the owner file removed", err)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "govaudit.db")
		openPath(t, path, Options{})
		got := readOwnerFile(t, path)
		if got.PID != os.Getpid() || got.Command != filepath.Base(os.Args[0]) || got.Started.IsZero() {
			t.Errorf("owner file: got %+v, want this process, its command and a start time", got)
		}
	})
	t.Run("stale sidecar replaced", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "govaudit.db")
		writeStaleOwner(t, path)
		want := Owner{PID: os.Getpid(), Command: "govaudit serve", Started: t0}
		openPath(t, path, Options{Owner: want, Timeout: 100 * time.Millisecond})
		got := readOwnerFile(t, path)
		if !ownersEqual(&got, &want) {
			t.Errorf("owner file: got %+v, want %+v", got, want)
		}
	})
	t.Run("read-only writes none", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "govaudit.db")
		openPath(t, path, Options{}).Close()
		openPath(t, path, Options{ReadOnly: true})
		// Two readers share the lock.
		openPath(t, path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
		if _, err := os.Stat(ownerPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("got %v, want no owner file", err)
		}
	})
	t.Run("read-only needs the file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "missing", "govaudit.db")
		if s, err := Open(path, Options{ReadOnly: true}); err == nil {
			s.Close()
			t.Errorf("got nil error, want one for a missing file")
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("read-only Open created %s", filepath.Dir(path))
		}
	})
}

// writeStaleOwner writes a sidecar naming a process that cannot exist:
// Linux pids stay below pid_max, at most 2^22.
func writeStaleOwner(t *testing.T, path string) {
	t.Helper()
	stale := Owner{PID: 1 << 30, Command: "govaudit serve", Listen: "127.0.0.1:1", Started: t0}
	if processAlive(stale.PID) {
		t.Fatalf("pid %d is alive", stale.PID)
	}
	if err := writeOwner(ownerPath(path), stale); err != nil {
		t.Fatal(err)
	}
}

func readOwnerFile(t *testing.T, path string) Owner {
	t.Helper()
	data, err := os.ReadFile(ownerPath(path))
	if err != nil {
		t.Fatal(err)
	}
	var o Owner
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func ownersEqual(a, b *Owner) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	x.Started, y.Started = time.Time{}, time.Time{}
	return reflect.DeepEqual(x, y) && a.Started.Equal(b.Started)
}
