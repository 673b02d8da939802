//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestExportRefusesSpecialFiles: --out naming a FIFO, a device or a link to
// one leaves it in place and says to use --out -.
func TestExportRefusesSpecialFiles(t *testing.T) {
	cfgPath, outDir := exportFixture(t)
	fifo := filepath.Join(outDir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(outDir, "link-to-null")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out, want string
		mode            fs.FileMode // the type the path must keep
	}{
		{"fifo", fifo, "named pipe", fs.ModeNamedPipe},
		{"device", os.DevNull, "device", fs.ModeDevice},
		{"link to a device", link, "device", fs.ModeDevice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"export", "--config", cfgPath, "--out", tt.out}, &stdout, &stderr)
			if code == exitOK {
				t.Fatalf("exit 0, want a refusal")
			}
			if msg := stderr.String(); !strings.Contains(msg, tt.want) || !strings.Contains(msg, "--out -") {
				t.Errorf("stderr %q, want it to name %s and --out -", msg, tt.want)
			}
			fi, err := os.Stat(tt.out)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode()&tt.mode == 0 {
				t.Errorf("%s is now %v, want it left as it was", tt.out, fi.Mode())
			}
		})
	}
	if names := dirNames(t, outDir); len(names) != 2 {
		t.Errorf("output directory holds %v, want only the pipe and the link (no temporary file)", names)
	}
}

func TestCheckRegularTarget(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "old.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, wantErr := range map[string]bool{
		file: false, filepath.Join(dir, "new.json"): false, dir: true, os.DevNull: true,
	} {
		if err := checkRegularTarget(path); (err != nil) != wantErr {
			t.Errorf("checkRegularTarget(%s): got %v, want error %v", path, err, wantErr)
		}
	}
}
