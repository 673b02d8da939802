package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stdout)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	format := fs.String("format", "json", "export format: "+strings.Join(report.Formats(), ", "))
	asOf := fs.String("as-of", "", "export the scorecards as they stood at the end of this day, YYYY-MM-DD in the configured timezone")
	out := fs.String("out", "-", "output file, - for standard output")
	server := fs.String("server", "", "ask a running govaudit (serve or demo) at this URL, e.g. http://127.0.0.1:9464, instead of opening a store; its API token, if it has one, from GOVAUDIT_API_TOKEN")
	var sites, merge stringList
	fs.Var(&sites, "site", "export only this site id (repeatable)")
	var sel report.Selection
	fs.StringVar(&sel.City, "city", "", "export only the sites of this city")
	fs.StringVar(&sel.Level, "level", "", "export only the sites of this level: province, city or county")
	fs.StringVar(&sel.Department, "department", "", "export only this department's sites (portal: the government portals)")
	fs.StringVar(&sel.Status, "status", "", "export only the sites with a requirement in this status")
	fs.StringVar(&sel.Verdict, "verdict", "", "export only the sites with this verdict: "+strings.Join(report.VerdictKeys, ", "))
	fs.Var(&merge, "merge", "merge this JSON export of one shard into one export, instead of reading a store (repeatable; no --config needed)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := report.CheckFormat(*format); err != nil {
		return usageError{err.Error()}
	}
	if err := sel.Check(); err != nil {
		return usageError{err.Error()}
	}
	if len(merge) > 0 && (len(sites) > 0 || *asOf != "" || sel != (report.Selection{})) {
		return usageError{"--merge takes whole exports: filter with --site, --as-of and the filters when exporting each shard"}
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
	if *server != "" {
		var day govaudit.Date
		if *asOf != "" {
			var err error
			if day, err = report.ParseDay(*asOf, config.Default().Location); err != nil {
				return usageError{fmt.Sprintf("--as-of: %v", err)}
			}
		}
		return toOutput(*out, stdout, func(w io.Writer) error {
			return exportThroughAPI(ctx, w, strings.TrimRight(*server, "/"), os.Getenv("GOVAUDIT_API_TOKEN"), *format, sites, sel, day)
		})
	}
	if len(merge) > 0 {
		stream, err := mergeStream(merge)
		if err != nil {
			return err
		}
		return toOutput(*out, stdout, func(w io.Writer) error { return report.WriteStream(w, *format, stream) })
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

	st, err := store.Open(cfg.Store, store.Options{Timeout: app.StoreTimeout, ReadOnly: true, Logger: newLogger(stderr, slog.LevelWarn)})
	var locked *store.LockedError
	switch {
	case errors.As(err, &locked) && locked.Owner != nil && locked.Owner.Listen != "":
		token, terr := cfg.APIToken()
		if terr != nil {
			return terr
		}
		return toOutput(*out, stdout, func(w io.Writer) error {
			return exportThroughAPI(ctx, w, locked.Owner.APIURL(), token, *format, sites, sel, day)
		})
	case err != nil:
		return err
	}
	defer st.Close()
	return toOutput(*out, stdout, func(w io.Writer) error {
		return exportFromStore(ctx, w, st, cfg, *format, sites, sel, day)
	})
}

// exportFromStore writes the export from an open store. JSON, CSV and
// XLSX stream one site at a time, filtered as they are read; the printable
// report (html, pdf), which summarises the whole selection before the
// sites, builds the document first.
func exportFromStore(ctx context.Context, w io.Writer, st *store.Store, cfg *config.Config, format string, sites []string, sel report.Selection, day govaudit.Date) error {
	if format != "html" && format != "pdf" {
		stream, err := report.StreamFromStore(st, sites, day, time.Now(), cfg.Location)
		if err != nil {
			return err
		}
		return report.WriteStream(w, format, stream.Select(sel))
	}
	stream, err := report.StreamFromStore(st, sites, day, time.Now(), cfg.Location)
	if err != nil {
		return err
	}
	doc, err := stream.Select(sel).CollectPrinted()
	if err != nil {
		return err
	}
	ex := reportExtras(cfg)
	if ex.Copies, err = report.CopiesFromStore(st, doc, cfg.Location); err != nil {
		return err
	}
	ex.Thumbs = report.ThumbnailsFromStore(st, doc, ex.Copies)
	return report.WriteWith(ctx, w, format, doc, ex)
}

// reportExtras are the cover and evidence settings of the printable
// report from the config.
func reportExtras(cfg *config.Config) report.Extras {
	return report.Extras{Issuer: cfg.Report.Issuer, Period: cfg.Report.Period, EvidenceBase: cfg.Report.BaseURL}
}

// exportThroughAPI fetches the export from the serving owner of the store:
// GET /api/v1/export?format=F&site=ID…&city=…&as_of=YYYY-MM-DD (site
// repeats; the filters and as_of are left out when not asked for).
func exportThroughAPI(ctx context.Context, w io.Writer, base, token, format string, sites []string, sel report.Selection, asOf govaudit.Date) error {
	q := url.Values{"format": {format}}
	for _, s := range sites {
		q.Add("site", s)
	}
	for _, kv := range [][2]string{{"city", sel.City}, {"level", sel.Level}, {"department", sel.Department},
		{"status", sel.Status}, {"verdict", sel.Verdict}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if !asOf.IsZero() {
		q.Set("as_of", asOf.String())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/export?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	setToken(req, token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("call the running server at %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return fmt.Errorf("server at %s answered HTTP %d: %s", base, resp.StatusCode, bytes.TrimSpace(msg))
	}
	want, _, _ := mime.ParseMediaType(report.MediaType(format))
	if got, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); got != want {
		return fmt.Errorf("server at %s sent %q for --format %s: it may be an older govaudit; stop it to export from the store directly", base, got, format)
	}
	if !asOf.IsZero() && resp.Header.Get(app.AsOfHeader) != asOf.String() {
		return fmt.Errorf("server at %s did not confirm the export as of %s: it may be an older govaudit; stop it to export from the store directly", base, asOf)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("read export from %s: %w", base, err)
	}
	return nil
}

// checkOutputPath rejects an --out that cannot be written before any work
// is done: a directory, or a file in a directory that does not exist.
func checkOutputPath(path string) error {
	if err := checkRegularTarget(path); err != nil {
		return err
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

// checkRegularTarget refuses an --out that exists and is not a regular
// file (after symbolic links): the rename that makes a write atomic would
// replace a device, a named pipe or a socket with a regular file, which
// for /dev/null or /dev/full (as root) breaks the system, and for a FIFO or
// /dev/stdout never reaches the reader.
func checkRegularTarget(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		// Nothing there to protect; the directory checks and the write
		// report why the path cannot be written.
		return nil
	case fi.IsDir():
		return fmt.Errorf("--out %s is a directory: name a file", path)
	case fi.Mode().IsRegular():
		return nil
	}
	kind := "a special file"
	switch m := fi.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("--out %s is %s, not a regular file: --out writes only regular files (through a temporary file and a rename, which would replace it); pass --out - and redirect standard output to write to it", path, kind)
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
