package app

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
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

// TestLongestFirst: an unspread run starts the sites whose last audit took
// longest first, and sites never audited before every other.
func TestLongestFirst(t *testing.T) {
	sites := []govaudit.Site{{ID: "short"}, {ID: "new"}, {ID: "long"}, {ID: "mid"}, {ID: "new2"}}
	snap := &store.Snapshot{Sites: sites, Audits: map[string]govaudit.SiteAudit{
		"short": {SiteID: "short", Duration: time.Second},
		"long":  {SiteID: "long", Duration: time.Minute},
		"mid":   {SiteID: "mid", Duration: 10 * time.Second},
	}}
	got := append([]govaudit.Site(nil), sites...)
	longestFirst(got, snap)
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if want := []string{"new", "new2", "long", "mid", "short"}; !slices.Equal(ids, want) {
		t.Errorf("order: got %v, want %v", ids, want)
	}
}
