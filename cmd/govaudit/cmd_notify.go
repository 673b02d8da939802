package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/govaudit/govaudit/app"
)

// cmdNotifyTest sends a test message to one receiver of the config, with
// the retries of a real notification, and says whether it arrived.
func cmdNotifyTest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("notify-test", stdout)
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
	d, err := app.NewNotifier(cfg, nil, newLogger(stderr, level))
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
