package govaudit

import (
	"testing"
	"time"
)

func TestOfficeHoursOpen(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	allDay := OfficeHours{0, 24 * time.Hour}
	tests := []struct {
		name               string
		t                  time.Time
		hours              OfficeHours
		holidays, workdays []Date
		want               bool
	}{
		{"ordinary weekday at 10:00", at("2026-11-04 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, true},
		{"ordinary Saturday at 10:00", at("2026-11-07 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, false},
		{"ordinary Sunday at 10:00", at("2026-11-08 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, false},
		{"holiday on a Thursday at 10:00", at("2026-10-01 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, false},
		{"holiday on a Friday at 10:00", at("2026-10-02 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, false},
		{"调休 Saturday at 10:00", at("2026-10-10 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, true},
		{"调休 Sunday at 10:00", at("2026-09-20 10:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, true},
		{"调休 Saturday at 19:00", at("2026-10-10 19:00:00"), DefaultOfficeHours, nationalDay2026, tiaoxiu2026, false},
		{"the same Thursday without holidays configured", at("2026-10-01 10:00:00"), DefaultOfficeHours, nil, nil, true},
		{"the same Saturday without workdays configured", at("2026-10-10 10:00:00"), DefaultOfficeHours, nil, nil, false},
		{"a day listed as both holiday and workday is worked", at("2026-10-01 10:00:00"), DefaultOfficeHours, nationalDay2026, calDays("2026-10-01"), true},
		{"just before the start", at("2026-11-04 08:29:59"), DefaultOfficeHours, nil, nil, false},
		{"at the start", at("2026-11-04 08:30:00"), DefaultOfficeHours, nil, nil, true},
		{"just before the end", at("2026-11-04 17:59:59"), DefaultOfficeHours, nil, nil, true},
		{"at the end", at("2026-11-04 18:00:00"), DefaultOfficeHours, nil, nil, false},
		{"midnight with all-day hours", at("2026-11-04 00:00:00"), allDay, nil, nil, true},
		// 17:30 UTC on Wednesday 30 September is 01:30 on the holiday in
		// Shanghai: the day is the configured zone's, not the clock's.
		{"day taken in the configured zone", time.Date(2026, 9, 30, 17, 30, 0, 0, time.UTC), allDay, nationalDay2026, tiaoxiu2026, false},
		{"10:00 Shanghai given in UTC", time.Date(2026, 11, 4, 2, 0, 0, 0, time.UTC), DefaultOfficeHours, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.hours.Open(tt.t, shanghai, tt.holidays, tt.workdays); got != tt.want {
				t.Errorf("%v.Open(%s) = %v, want %v", tt.hours, tt.t.In(shanghai).Format("Mon 2006-01-02 15:04:05"), got, tt.want)
			}
		})
	}
}

func TestOfficeHoursString(t *testing.T) {
	tests := []struct {
		h    OfficeHours
		want string
	}{
		{DefaultOfficeHours, "08:30-18:00"},
		{OfficeHours{9 * time.Hour, 17*time.Hour + 45*time.Minute}, "09:00-17:45"},
		{OfficeHours{0, 24 * time.Hour}, "00:00-24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.h.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
