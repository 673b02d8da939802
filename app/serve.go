package app

import (
	"context"
	"errors"
	"fmt"
	"github.com/govaudit/govaudit/report"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/govaudit/govaudit/store"
)

// shutdownGrace is how long serving waits for a running audit to stop after
// SIGINT/SIGTERM has cancelled it.
const shutdownGrace = 30 * time.Second

// DefaultSpread staggers scheduled sites over the first minutes of a run.
const DefaultSpread = 10 * time.Minute

// Schedule starts the cron schedule of the config (audits, then retention)
// and the availability prober. Audits it starts stop when ctx ends.
func (a *App) Schedule(ctx context.Context) (*cron.Cron, error) {
	cfg, log := a.cfg, a.log
	sched := cron.New(
		cron.WithLocation(cfg.Location),
		cron.WithLogger(cronLogger{log}),
		// SkipIfStillRunning must wrap Recover: the other order leaves the
		// job locked forever after a panic.
		cron.WithChain(cron.SkipIfStillRunning(cronLogger{log}), cron.Recover(cronLogger{log})),
	)
	if _, err := sched.AddFunc(cfg.Schedule, func() {
		if _, err := a.runner.run(ctx, TriggerSchedule, nil, nil); err != nil {
			log.Warn("scheduled audit", "err", err)
		}
		// Retention after each scheduled run keeps the store bounded; it
		// works in short transactions, so readers and the next writes are
		// not held up.
		policy := store.DefaultRetention
		policy.Location = cfg.Location
		if rep, err := a.store.ApplyRetention(time.Now(), policy); err != nil {
			log.Error("retention", "err", err)
		} else {
			log.Info("retention applied", "audits_deleted", rep.AuditsDeleted, "evidence_deleted", rep.EvidenceDeleted, "bodies_deleted", rep.BodiesDeleted)
		}
	}); err != nil {
		return nil, fmt.Errorf("schedule %q: %w", cfg.Schedule, err)
	}
	sched.Start()
	go a.runner.prober.run(ctx, cfg.ProbeInterval)
	return sched, nil
}

// Serve serves HTTP on ln until ctx ends, then stops the schedule (when
// there is one), cancels running audits through cancelAudits, waits for
// them, and closes the server.
func (a *App) Serve(ctx context.Context, ln net.Listener, auditCtx context.Context, cancelAudits context.CancelFunc, sched *cron.Cron) error {
	log := a.log
	srv, ln := newHTTPServer(a.Handler(auditCtx), ln, a.limits)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.runner.warmUp()

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

// Handler is the HTTP side of serve and demo; audits triggered through it
// stop when auditCtx ends.
func (a *App) Handler(auditCtx context.Context) http.Handler {
	api := &apiServer{store: a.store, runner: a.runner, reg: a.reg, metrics: a.metrics, loc: a.cfg.Location, log: a.log, baseCtx: auditCtx, notifier: a.notifier,
		report: report.Extras{Issuer: a.cfg.Report.Issuer, Period: a.cfg.Report.Period, EvidenceBase: a.cfg.Report.BaseURL},
		token:  a.token, hosts: newHostCheck(a.cfg.Listen, a.cfg.AllowedHosts), cop: newCrossOrigin(), gate: a.gate}
	return api.handler()
}

// cronLogger adapts slog to cron's logger interface.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
