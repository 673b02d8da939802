package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	format := fs.String("format", "json", "export format: json")
	out := fs.String("out", "-", "output file, - for standard output")
	var sites stringList
	fs.Var(&sites, "site", "export only this site id (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" {
		return usageError{fmt.Sprintf("unsupported format %q: json is available (csv, xlsx and html are planned)", *format)}
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	if err := checkSiteIDs(cfg, sites); err != nil {
		return err
	}

	var body []byte
	st, err := store.Open(cfg.Store, store.Options{Timeout: storeTimeout, ReadOnly: true})
	var locked *store.LockedError
	switch {
	case errors.As(err, &locked) && locked.Owner != nil && locked.Owner.Listen != "":
		body, err = exportThroughAPI(ctx, locked.Owner.APIURL(), sites)
		if err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		doc, berr := report.Build(st.Snapshot(), sites, time.Now(), cfg.Location)
		st.Close()
		if berr != nil {
			return berr
		}
		var buf bytesBuffer
		if err := report.WriteJSON(&buf, doc); err != nil {
			return err
		}
		body = buf.b
	}
	return writeOutput(*out, body, stdout)
}

// exportThroughAPI fetches the export from the serving owner of the store.
func exportThroughAPI(ctx context.Context, base string, sites []string) ([]byte, error) {
	q := url.Values{"format": {"json"}}
	for _, s := range sites {
		q.Add("site", s)
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
		return nil, fmt.Errorf("server answered HTTP %d: %s", resp.StatusCode, body)
	}
	return body, nil
}

// writeOutput writes body to path atomically (temp file and rename), so an
// unwritable path or a failure half-way leaves nothing behind; "-" is stdout.
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
	if _, err := tmp.Write(body); err != nil {
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

// bytesBuffer is a minimal io.Writer collecting bytes.
type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
