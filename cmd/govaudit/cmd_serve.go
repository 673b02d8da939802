package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/govaudit/govaudit/store"
)

// shutdownGrace is how long serve waits for a running audit to stop after
// SIGINT/SIGTERM has cancelled it.
const shutdownGrace = 30 * time.Second

// defaultSpread staggers scheduled sites over the first minutes of a run.
const defaultSpread = 10 * time.Minute

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	verbose := fs.Bool("v", false, "log debug lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	log := newLogger(stderr, levelFor(*verbose))
	ln, err := listen(cfg.Listen)
	if err != nil {
		return err
	}
	a, err := newApp(cfg, log, appOptions{command: "govaudit serve", listen: cfg.Listen, spread: defaultSpread})
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()

	auditCtx, cancelAudits := context.WithCancel(context.Background())
	defer cancelAudits()
	sched := cron.New(
		cron.WithLocation(cfg.Location),
		cron.WithLogger(cronLogger{log}),
		// SkipIfStillRunning must wrap Recover (field notes): the other
		// order leaves the job locked forever after a panic.
		cron.WithChain(cron.SkipIfStillRunning(cronLogger{log}), cron.Recover(cronLogger{log})),
	)
	if _, err := sched.AddFunc(cfg.Schedule, func() {
		if _, err := a.runner.run(auditCtx, triggerSchedule, nil, nil); err != nil {
			log.Warn("scheduled audit", "err", err)
		}
		// Retention after each scheduled run keeps the store bounded
		// (README, "Storage"); it works in short transactions, so readers
		// and the next writes are not held up.
		policy := store.DefaultRetention
		policy.Location = cfg.Location
		if rep, err := a.store.ApplyRetention(time.Now(), policy); err != nil {
			log.Error("retention", "err", err)
		} else {
			log.Info("retention applied", "audits_deleted", rep.AuditsDeleted, "evidence_deleted", rep.EvidenceDeleted, "bodies_deleted", rep.BodiesDeleted)
		}
	}); err != nil {
		ln.Close()
		return fmt.Errorf("schedule %q: %w", cfg.Schedule, err)
	}
	sched.Start()
	go a.runner.prober.run(auditCtx, cfg.ProbeInterval)
	next := sched.Entries()[0].Next
	fmt.Fprintf(stdout, "govaudit serve: %d sites; next audit %s; listening on %s\n",
		len(cfg.Sites), next.Format(time.RFC3339), apiBase(cfg.Listen))
	return serveUntilDone(ctx, ln, a, auditCtx, cancelAudits, sched, log)
}

// serveUntilDone serves HTTP until ctx ends, then stops the schedule,
// cancels running audits, waits for them, and closes the server.
func serveUntilDone(ctx context.Context, ln net.Listener, a *app, auditCtx context.Context, cancelAudits context.CancelFunc, sched *cron.Cron, log *slog.Logger) error {
	api := &apiServer{store: a.store, runner: a.runner, reg: a.reg, loc: a.cfg.Location, log: log, baseCtx: auditCtx, notifier: a.notifier}
	srv := &http.Server{Handler: api.handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-errc:
		cancelAudits()
		return fmt.Errorf("http server: %w", err)
	}
	cancelAudits()
	if sched != nil {
		sched.Stop()
	}
	if !a.runner.wait(shutdownGrace) {
		log.Warn("audit did not stop in time; closing the store anyway")
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}

// cronLogger adapts slog to cron's logger interface.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

func levelFor(verbose bool) slog.Level {
	if verbose {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}
