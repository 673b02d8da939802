package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

func cmdAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", stdout)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	verbose := fs.Bool("v", false, "log debug lines")
	var sites stringList
	fs.Var(&sites, "site", "audit only this site id (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	if err := checkSiteIDs(cfg, sites); err != nil {
		return err
	}
	// On a terminal the progress line is the feedback; routine logs would
	// tear it, so only warnings are logged unless -v.
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := newLogger(stderr, level)

	st, err := app.OpenStore(cfg, "govaudit audit", "", log)
	var locked *store.LockedError
	if errors.As(err, &locked) && locked.Owner != nil && locked.Owner.Listen != "" {
		fmt.Fprintf(stderr, "the store is owned by %s; asking it to run the audit\n", locked.Owner.Command)
		token, err := cfg.APIToken()
		if err != nil {
			return err
		}
		return auditThroughAPI(ctx, locked.Owner.APIURL(), token, sites, stdout)
	}
	if err != nil {
		return err
	}
	a, err := app.Wire(cfg, st, log, app.Options{Command: "govaudit audit"})
	if err != nil {
		st.Close()
		return err
	}
	defer a.Close()
	return auditAndSummarise(ctx, a, "cli", sites, stdout, stderr)
}

// auditAndSummarise runs one audit in the foreground with progress on a
// terminal, then prints the summary of the audited sites.
func auditAndSummarise(ctx context.Context, a *app.App, trigger string, sites []string, stdout, stderr io.Writer) error {
	prog := newProgress(stderr)
	run, err := a.Audit(ctx, trigger, sites, prog.report)
	prog.done()
	if run.ID == 0 && err != nil {
		return fmt.Errorf("audit could not run: %w", err)
	}
	// The summary reads the audited sites back from the store one at a
	// time: the run itself kept none of them.
	doc, derr := report.SnapshotStream(a.Store().Snapshot(), run.Sites, time.Now(), a.Config().Location)
	if derr != nil {
		return derr
	}
	if derr := writeSummary(stdout, doc); derr != nil {
		return derr
	}
	if err != nil {
		return fmt.Errorf("audit incomplete: %w", err)
	}
	return nil
}

// auditThroughAPI asks a running serve to audit and waits for the result.
func auditThroughAPI(ctx context.Context, base, token string, sites []string, stdout io.Writer) error {
	q := url.Values{"wait": {"1"}}
	for _, s := range sites {
		q.Add("site", s)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/audits?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	setToken(req, token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("call the running server at %s: %w", base, err)
	}
	defer resp.Body.Close()
	out, err := readAuditAnswer(resp.Body, stdout)
	if err != nil {
		return fmt.Errorf("read the server's answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if out.Error != "" {
		return fmt.Errorf("server: %s", out.Error)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("server answered HTTP %d", resp.StatusCode)
	}
	return nil
}

// checkSiteIDs rejects --site values the config does not know, before any
// crawling starts.
func checkSiteIDs(cfg *config.Config, ids []string) error {
	known := map[string]bool{}
	for _, s := range cfg.Sites {
		known[s.ID] = true
	}
	for _, id := range ids {
		if !known[id] {
			return usageError{fmt.Sprintf("unknown site id %q (not in %s)", id, cfg.Path)}
		}
	}
	return nil
}

// progress draws one updating line on a terminal and stays silent
// otherwise, so that logs and pipes get only the summary.
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	drawn bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) report(done, total int, site govaudit.Site, a govaudit.SiteAudit) {
	if !p.tty {
		return
	}
	elapsed := time.Since(p.start)
	eta := ""
	if left := metrics.ETA(done, total, elapsed); left > 0 {
		eta = fmt.Sprintf(", 预计剩余 %s", left)
	}
	fmt.Fprintf(p.w, "\r\033[K[%d/%d] %s: %d pages in %s (%s elapsed%s)", done, total, site.ID,
		a.Fetch.Pages, a.Duration.Round(time.Millisecond), elapsed.Round(time.Second), eta)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
