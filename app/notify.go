package app

import (
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/notify"
)

// NewNotifier builds the dispatcher of the config's receivers, counting
// every delivery in reg (nil: not counted).
func NewNotifier(cfg *config.Config, reg prometheus.Registerer, log *slog.Logger) (*notify.Dispatcher, error) {
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
		return nil, fmt.Errorf("notify: %w", err)
	}
	return d, nil
}
