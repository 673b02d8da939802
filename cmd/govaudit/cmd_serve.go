package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/govaudit/govaudit/app"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stdout)
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
	ln, err := app.Listen(cfg.Listen)
	if err != nil {
		return err
	}
	a, err := app.New(cfg, log, app.Options{Command: "govaudit serve", Listen: cfg.Listen, Spread: app.DefaultSpread})
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()

	auditCtx, cancelAudits := context.WithCancel(context.Background())
	defer cancelAudits()
	sched, err := a.Schedule(auditCtx)
	if err != nil {
		ln.Close()
		return err
	}
	next := sched.Entries()[0].Next
	fmt.Fprintf(stdout, "govaudit serve: %d sites; next audit %s; listening on %s\n",
		len(cfg.Sites), next.Format(time.RFC3339), app.APIBase(cfg.Listen))
	return a.Serve(ctx, ln, auditCtx, cancelAudits, sched)
}

func levelFor(verbose bool) slog.Level {
	if verbose {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}
