package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/demo"
)

// cmdDemo serves the built-in synthetic province on loopback, audits it at
// once, prints the summary, and then serves metrics, the overview and
// exports as serve does, until interrupted.
func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stdout)
	listenAddr := fs.String("listen", config.Default().Listen, "address for metrics, scorecards and the API")
	storePath := fs.String("store", "", "keep the demo's store in this file (default: a temporary file removed on exit)")
	once := fs.Bool("once", false, "audit, print the summary and exit without serving")
	verbose := fs.Bool("v", false, "log debug lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log := newLogger(stderr, levelFor(*verbose))

	province := demo.New(time.Now())
	srv, err := province.Start()
	if err != nil {
		return fmt.Errorf("start demo sites: %w", err)
	}
	defer srv.Close()

	cfg, cleanup, err := demoConfig(province, *storePath, *listenAddr)
	if err != nil {
		return err
	}
	defer cleanup()

	var ln net.Listener
	if !*once {
		if ln, err = app.Listen(cfg.Listen); err != nil {
			return fmt.Errorf("%w (pass --listen 127.0.0.1:PORT to use another port)", err)
		}
	}
	listenFor := ""
	if !*once {
		listenFor = cfg.Listen
	}
	a, err := app.New(cfg, log, app.Options{Command: "govaudit demo", Listen: listenFor, Resolve: srv.Resolve})
	if err != nil {
		if ln != nil {
			ln.Close()
		}
		return err
	}
	defer a.Close()

	fmt.Fprintf(stdout, "govaudit demo: probing %d synthetic sites served on %s %d times, then auditing them\n", len(cfg.Sites), srv.Addr, demo.ProbeRounds)
	a.ProbeBurst(ctx, demo.ProbeRounds)
	if err := auditAndSummarise(ctx, a, "demo", nil, stdout, stderr); err != nil {
		if ln != nil {
			ln.Close()
		}
		return err
	}
	if *once {
		return nil
	}
	base := app.APIBase(cfg.Listen)
	fmt.Fprintf(stdout, "\nopen:\n  overview  %s/\n  export    %s/api/v1/export\n  metrics   %s/metrics\n  health    %s/healthz\n"+
		"the store is %s (owned by this process while it runs); another shell can run:\n"+
		"  govaudit export --server %s --format xlsx --out scorecards.xlsx\n"+
		"  govaudit audit --config FILE   (with store: %s, it goes through this process)\n"+
		"  curl -X POST '%s/api/v1/audits?wait=1'\nCtrl-C stops.\n", base, base, base, base, cfg.Store, base, cfg.Store, base)
	auditCtx, cancelAudits := context.WithCancel(context.Background())
	defer cancelAudits()
	return a.Serve(ctx, ln, auditCtx, cancelAudits, nil)
}

// demoConfig is the built-in config of the demo: its sites, loopback
// allowed, no politeness delay, and a store in a temporary directory unless
// one is named.
func demoConfig(p *demo.Province, storePath, listenAddr string) (*config.Config, func(), error) {
	cfg := config.Default()
	cfg.Listen = listenAddr
	cfg.Sites = p.Sites
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Timeout = 5 * time.Second
	cleanup := func() {}
	if storePath == "" {
		dir, err := os.MkdirTemp("", "govaudit-demo-")
		if err != nil {
			return nil, nil, fmt.Errorf("temporary store: %w", err)
		}
		storePath = filepath.Join(dir, "demo.db")
		cleanup = func() { os.RemoveAll(dir) }
	}
	cfg.Store = storePath
	return &cfg, cleanup, nil
}
