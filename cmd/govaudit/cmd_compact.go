package main

import (
	"fmt"
	"io"
	"os"

	"github.com/govaudit/govaudit/store"
)

// cmdCompact rewrites the store without its free pages. A bbolt file never
// shrinks by itself, however much retention deleted, so an operator runs
// this now and then with the service stopped.
func cmdCompact(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compact", stdout)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	before, err := os.Stat(cfg.Store)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	tmp := cfg.Store + ".compact"
	os.Remove(tmp) // a leftover of an interrupted run
	if err := store.Compact(cfg.Store, tmp); err != nil {
		return fmt.Errorf("compact %s: %w", cfg.Store, err)
	}
	if err := os.Rename(tmp, cfg.Store); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", cfg.Store, err)
	}
	after, err := os.Stat(cfg.Store)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "compacted %s: %d → %d bytes\n", cfg.Store, before.Size(), after.Size())
	return nil
}
