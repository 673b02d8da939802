package chromium

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFind: a configured path wins and is reported unusable when it is not
// executable; $GOVAUDIT_BROWSER comes next.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "chrome")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, configured, env, want string
		ok                          bool
	}{
		{"configured executable", exe, "", exe, true},
		{"configured not executable", plain, exe, plain, false},
		{"configured missing", filepath.Join(dir, "none"), exe, filepath.Join(dir, "none"), false},
		{"environment", "", exe, exe, true},
		{"environment not executable", "", plain, plain, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(Env, tt.env)
			got, ok := Find(tt.configured)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Find(%q) with $%s=%q: got %q, %v; want %q, %v", tt.configured, Env, tt.env, got, ok, tt.want, tt.ok)
			}
		})
	}
}
