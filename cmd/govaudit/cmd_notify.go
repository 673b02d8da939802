package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/notify"
)

// newNotifier builds the dispatcher of the config's receivers, counting
// every delivery in reg (nil: not counted).
func newNotifier(cfg *config.Config, reg prometheus.Registerer, log *slog.Logger) (*notify.Dispatcher, error) {
	counters := metrics.NewNotifications(reg)
	for _, r := range cfg.Notify.Receivers {
		counters.Init(r.Name, string(r.Kind))
	}
	d, err := notify.New(cfg.Notify, notify.Options{
		Logger:   log,
		Location: cfg.Location,
		OnSent:   func(r string, k notify.Kind) { counters.Sent(r, string(k)) },
		OnFailed: func(r string, k notify.Kind) { counters.Failed(r, string(k)) },
	})
	if err != nil {
		return nil, configError{err}
	}
	return d, nil
}

// cmdNotifyTest sends a test message to one receiver of the config, with
// the retries of a real notification, and says whether it arrived.
func cmdNotifyTest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("notify-test", stderr)
	cfgPath := fs.String("config", "", "config file (or GOVAUDIT_CONFIG)")
	receiver := fs.String("receiver", "", "name of the receiver under notify.receivers")
	verbose := fs.Bool("v", false, "log each attempt")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *receiver == "" {
		return usageError{"notify-test needs --receiver NAME"}
	}
	cfg, err := loadConfig(*cfgPath, stderr)
	if err != nil {
		return err
	}
	level := slog.LevelError + 1 // the outcome is printed below
	if *verbose {
		level = slog.LevelDebug
	}
	d, err := newNotifier(cfg, nil, newLogger(stderr, level))
	if err != nil {
		return err
	}
	kind, ok := d.Kind(*receiver)
	if !ok {
		return usageError{fmt.Sprintf("unknown receiver %q; configured: %v", *receiver, d.Names())}
	}
	if err := d.Test(ctx, *receiver); err != nil {
		return fmt.Errorf("测试消息发送失败 (test message to %s not delivered): %w", *receiver, err)
	}
	fmt.Fprintf(stdout, "测试消息已发送到 %s（%s）。test message delivered to %s (%s).\n", *receiver, kind, *receiver, kind)
	return nil
}
