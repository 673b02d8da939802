package config

import (
	"regexp"
	"strconv"
	"time"

	"github.com/govaudit/govaudit"
	"go.yaml.in/yaml/v3"
)

// officeHoursPattern is "HH:MM-HH:MM"; 24:00 may end the span.
var officeHoursPattern = regexp.MustCompile(`^(\d{2}):(\d{2})-(\d{2}):(\d{2})$`)

// officeHours reads `office_hours: "08:30-18:00"`: the span of a working
// day in which site owners and the General Office are notified.
func (d *decoder) officeHours(path string, v *yaml.Node) (govaudit.OfficeHours, bool) {
	const want = `office hours such as "08:30-18:00"`
	s, ok := d.text(path, v, want)
	if !ok {
		return govaudit.OfficeHours{}, false
	}
	m := officeHoursPattern.FindStringSubmatch(s)
	if m == nil {
		d.errorf(v, "%s: expected %s, got %q", path, want, s)
		return govaudit.OfficeHours{}, false
	}
	clock := func(hh, mm string) (time.Duration, bool) {
		h, _ := strconv.Atoi(hh)
		m, _ := strconv.Atoi(mm)
		if h > 24 || m > 59 || (h == 24 && m != 0) {
			return 0, false
		}
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
	}
	start, ok1 := clock(m[1], m[2])
	end, ok2 := clock(m[3], m[4])
	switch {
	case !ok1 || !ok2:
		d.errorf(v, "%s: expected times from 00:00 to 24:00, got %q", path, s)
		return govaudit.OfficeHours{}, false
	case start >= end:
		d.errorf(v, "%s: the start must be before the end, got %q", path, s)
		return govaudit.OfficeHours{}, false
	}
	return govaudit.OfficeHours{Start: start, End: end}, true
}
