//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/store"
)

// fillStore writes runs complete runs over sites into a new store at path.
func fillStore(t *testing.T, path string, sites []govaudit.Site, runs int) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(sites))
	for i, s := range sites {
		ids[i] = s.ID
	}
	start := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	for r := range runs {
		at := start.Add(time.Duration(r) * 24 * time.Hour)
		run, err := st.BeginRun("cli", ids, at)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			a := govaudit.SiteAudit{SiteID: id, AuditedAt: at, Reachable: true, Results: []govaudit.Result{{
				ID: "all-10", Status: govaudit.StatusFresh, Details: map[string]any{"pad": strings.Repeat("政务公开", 400)},
			}}}
			if err := st.SaveAudit(run.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.FinishRun(run.ID, at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
}

// cutInHalf truncates a store file to half its size, or to half the pages
// in use when the file's free tail (bbolt grows files ahead of need) is
// larger than that: cutting only free pages damages nothing, and the file
// rightly opens.
func cutInHalf(t *testing.T, path string) {
	t.Helper()
	rep, err := store.Check(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := rep.Size / 2
	if used := int64(rep.Pages) * int64(rep.PageSize); cut >= used {
		cut = used / 2
	}
	if err := os.Truncate(path, cut); err != nil {
		t.Fatal(err)
	}
}

// runChild runs govaudit in a child process and returns its exit code and
// output. A panic or fatal signal shows as exit code 2 with a trace.
func runChild(t *testing.T, timeout time.Duration, args ...string) (int, string) {
	t.Helper()
	cmd := govauditCommand(t, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), out.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, out.String()
	case <-time.After(timeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("govaudit %s still running after %s:\n%s", strings.Join(args, " "), timeout, out.String())
		return 0, ""
	}
}

// TestDamagedStoreRefused: audit, serve and export refuse an empty store
// and one cut to half its size with a message naming the file and the way
// out, exit code 1 and no panic, and leave the file as it was; store
// salvage then copies what the half holds into a file every command
// accepts.
func TestDamagedStoreRefused(t *testing.T) {
	dir := t.TempDir()
	sites := []govaudit.Site{
		{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "http://fgw.ln.test/", Level: govaudit.LevelProvince, Department: "fgw"},
		{ID: "ln-jyt", Name: "辽宁省教育厅", URL: "http://jyt.ln.test/", Level: govaudit.LevelProvince},
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(dir, "half.db")
	fillStore(t, half, sites, 12)
	cutInHalf(t, half)
	configFor := func(storePath string) string {
		cfg := config.Default()
		cfg.Store = storePath
		cfg.Listen = "127.0.0.1:0"
		cfg.Sites = sites
		path := storePath + ".yaml"
		writeConfigFile(t, path, &cfg)
		return path
	}
	for _, path := range []string{empty, half} {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfgPath := configFor(path)
		for _, args := range [][]string{
			{"audit", "--config", cfgPath},
			{"serve", "--config", cfgPath},
			{"export", "--config", cfgPath, "--format", "json"},
			{"store", "check", path},
		} {
			t.Run(filepath.Base(path)+"/"+args[0], func(t *testing.T) {
				code, out := runChild(t, 30*time.Second, args...)
				if code != exitError {
					t.Errorf("exit code %d, want %d", code, exitError)
				}
				for _, bad := range []string{"panic", "SIGSEGV", "goroutine ", "bad file descriptor"} {
					if strings.Contains(out, bad) {
						t.Errorf("output has %q:\n%s", bad, out)
					}
				}
				for _, want := range []string{"已损坏", path, "backup", "govaudit store salvage " + path} {
					if !strings.Contains(out, want) {
						t.Errorf("output lacks %q:\n%s", want, out)
					}
				}
				after, err := os.ReadFile(path)
				if err != nil || !bytes.Equal(after, before) {
					t.Errorf("the file changed: %d bytes before, %d after (%v)", len(before), len(after), err)
				}
			})
		}
	}
	t.Run("salvage", func(t *testing.T) {
		saved := filepath.Join(dir, "saved.db")
		code, out := runChild(t, 30*time.Second, "store", "salvage", half, saved)
		if code != exitOK {
			t.Fatalf("salvage: exit %d:\n%s", code, out)
		}
		t.Logf("salvage of a store of 12 runs cut in half:\n%s", out)
		if code, out := runChild(t, 30*time.Second, "store", "check", saved); code != exitOK || !strings.Contains(out, "sound") {
			t.Errorf("check of the salvaged store: exit %d:\n%s", code, out)
		}
		s, err := store.Open(saved, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.Runs(0)
		all, _ := s.Snapshot().LatestAudits()
		latest := len(all)
		s.Close()
		// What half a file still holds depends on where bbolt wrote its
		// last pages, which varies from run to run (store/verify_test.go
		// salvages damage of a known shape and counts what comes back).
		// Here the command's plumbing is checked: what it says it copied
		// is what the new file holds, and every command accepts the file.
		if err != nil {
			t.Errorf("salvaged store: %v", err)
		}
		if len(runs) > 0 && !strings.Contains(out, fmt.Sprintf("runs             %d", len(runs))) {
			t.Errorf("salvage output does not count the %d runs:\n%s", len(runs), out)
		}
		t.Logf("salvaged %d runs and %d latest audits", len(runs), latest)
		if code, out := runChild(t, 30*time.Second, "export", "--config", configFor(saved), "--format", "json"); code != exitOK {
			t.Errorf("export of the salvaged store: exit %d:\n%s", code, out)
		}
		if code, _ := runChild(t, 30*time.Second, "store", "salvage", half, saved); code != exitError {
			t.Errorf("salvage onto an existing file: exit %d, want %d", code, exitError)
		}
	})
}
