package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// toOutput runs write with the export's destination. A file is written
// under a temporary name beside it, synced and renamed into place, so an
// unwritable path or a failure half-way leaves nothing behind and an
// existing file is replaced whole or not at all; the export streams into
// it, however large. Standard output ("-" or "") gets the export only
// once it is whole, so a failure prints nothing but the error.
func toOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" || path == "" {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	fail := func(err error) error {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file private; an export is a document to share.
	if err := tmp.Chmod(0o644); err != nil {
		return fail(fmt.Errorf("write %s: %w", path, err))
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("write %s: %w", path, err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Again just before the rename: the export may have taken minutes.
	if err := checkRegularTarget(path); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
