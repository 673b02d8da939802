package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	format := fs.String("format", "json", "export format: "+strings.Join(report.Formats(), ", "))
	asOf := fs.String("as-of", "", "export the scorecards as they stood at the end of this day, YYYY-MM-DD in the configured timezone")
	out := fs.String("out", "-", "output file, - for standard output")
	var sites, merge stringList
	fs.Var(&sites, "site", "export only this site id (repeatable)")
	fs.Var(&merge, "merge", "merge this JSON export of one shard into one export, instead of reading a store (repeatable; no --config needed)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := report.CheckFormat(*format); err != nil {
		return usageError{err.Error()}
	}
	if len(merge) > 0 && (len(sites) > 0 || *asOf != "") {
		return usageError{"--merge takes whole exports: filter with --site and --as-of when exporting each shard"}
	}
	toStdout := *out == "-" || *out == ""
	if toStdout && report.Binary(*format) && isTerminal(stdout) {
		return usageError{fmt.Sprintf("%s is a binary format: pass --out FILE or redirect standard output", *format)}
	}
	if !toStdout {
		if err := checkOutputPath(*out); err != nil {
			return err
		}
	}
	if len(merge) > 0 {
		stream, err := mergeStream(merge)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := report.WriteStream(&buf, *format, stream); err != nil {
			return err
		}
		return writeOutput(*out, buf.Bytes(), stdout)
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	if err := checkSiteIDs(cfg, sites); err != nil {
		return err
	}
	var day govaudit.Date
	if *asOf != "" {
		if day, err = report.ParseDay(*asOf, cfg.Location); err != nil {
			return usageError{fmt.Sprintf("--as-of: %v", err)}
		}
	}

	var body []byte
	st, err := store.Open(cfg.Store, store.Options{Timeout: app.StoreTimeout, ReadOnly: true})
	var locked *store.LockedError
	switch {
	case errors.As(err, &locked) && locked.Owner != nil && locked.Owner.Listen != "":
		body, err = exportThroughAPI(ctx, locked.Owner.APIURL(), *format, sites, day)
		if err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		// Read one site at a time from the store as the export is
		// written; the store stays open until it is.
		stream, berr := report.StreamFromStore(st, sites, day, time.Now(), cfg.Location)
		if berr != nil {
			st.Close()
			return berr
		}
		var buf bytes.Buffer
		err := report.WriteStream(&buf, *format, stream)
		st.Close()
		if err != nil {
			return err
		}
		body = buf.Bytes()
	}
	return writeOutput(*out, body, stdout)
}

// exportThroughAPI fetches the export from the serving owner of the store:
// GET /api/v1/export?format=F&site=ID…&as_of=YYYY-MM-DD (site repeats and
// as_of is left out when not asked for).
func exportThroughAPI(ctx context.Context, base, format string, sites []string, asOf govaudit.Date) ([]byte, error) {
	q := url.Values{"format": {format}}
	for _, s := range sites {
		q.Add("site", s)
	}
	if !asOf.IsZero() {
		q.Set("as_of", asOf.String())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/export?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("call the running server at %s: %w", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read export from %s: %w", base, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("server at %s answered HTTP %d: %s", base, resp.StatusCode, bytes.TrimSpace(body))
	}
	want, _, _ := mime.ParseMediaType(report.MediaType(format))
	if got, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); got != want {
		return nil, fmt.Errorf("server at %s sent %q for --format %s: it may be an older govaudit; stop it to export from the store directly", base, got, format)
	}
	if !asOf.IsZero() && resp.Header.Get(app.AsOfHeader) != asOf.String() {
		return nil, fmt.Errorf("server at %s did not confirm the export as of %s: it may be an older govaudit; stop it to export from the store directly", base, asOf)
	}
	return body, nil
}

// checkOutputPath rejects an --out that cannot be written before any work
// is done: a directory, or a file in a directory that does not exist.
func checkOutputPath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("--out %s is a directory: name a file", path)
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("--out %s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("--out %s: %s is not a directory", path, dir)
	}
	return nil
}

// isTerminal reports whether w is a terminal, where a binary format would
// only garble the screen. It takes a character device for one, except the
// null device, which is the character device output is commonly sent to.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// writeOutput writes body to path atomically (temp file, sync and rename),
// so an unwritable path or a failure half-way leaves nothing behind and an
// existing file is replaced whole or not at all; "-" is stdout.
func writeOutput(path string, body []byte, stdout io.Writer) error {
	if path == "-" || path == "" {
		_, err := stdout.Write(body)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file private; an export is a document to share.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(body); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
