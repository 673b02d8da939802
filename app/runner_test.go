package app

import (
	"context"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// TestSpreadOnlyForScheduledRuns: a run someone waits for (API, command
// line) starts every site at once; only the schedule staggers them.
func TestSpreadOnlyForScheduledRuns(t *testing.T) {
	r := &runner{spread: time.Hour}
	site := govaudit.Site{ID: "x"}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if !r.waitForSlot(ctx, time.Now(), site, "api") {
		t.Error("an API run waited for its spread slot")
	}
	if spreadOffset(site.ID, time.Hour) > 50*time.Millisecond && r.waitForSlot(ctx, time.Now(), site, TriggerSchedule) {
		t.Error("a scheduled run did not wait for its spread slot")
	}
}
