package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
)

// NewOfficeHoursGauge returns the gauge govaudit_office_open: 1 while now
// falls within the office hours of a working day by the config's calendar
// (weekdays, minus `holidays`, plus the 调休 `workdays`, in loc), 0
// otherwise. The alert rule GovauditOutsideOfficeHours reads it, and
// Alertmanager inhibits site notifications while that alert fires: the
// calendar lives in one place, the config, instead of a copy in
// Alertmanager's time intervals that would have to be edited every year.
func NewOfficeHoursGauge(now func() time.Time, loc *time.Location, hours govaudit.OfficeHours, holidays, workdays []govaudit.Date) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: namespace,
		Name:      "office_open",
		Help:      "1 within office hours (" + hours.String() + ") on a working day by the configured calendar (weekdays, holidays, 调休 workdays), 0 otherwise.",
	}, func() float64 {
		if hours.Open(now(), loc, holidays, workdays) {
			return 1
		}
		return 0
	})
}
