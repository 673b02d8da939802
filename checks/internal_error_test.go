package checks

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// TestPanicIsInternalError: a check that panics is govaudit's own failure.
// Its requirement gets the error status (never unreachable or any other
// finding against the site), the hook counts it, and the site's other
// requirements are judged as usual.
func TestPanicIsInternalError(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	saved := judges[govaudit.KindLink]
	judges[govaudit.KindLink] = func(*siteRun, context.Context, govaudit.Requirement, *linkPool) govaudit.Result {
		panic("boom")
	}
	t.Cleanup(func() { judges[govaudit.KindLink] = saved })

	f := htmlFetcher{"http://gov.a.test/": `<html><body><ul><li><a href="/zwgk/">政务公开</a></li></ul></body></html>`}
	site := govaudit.Site{ID: "a", URL: "http://gov.a.test/", Level: govaudit.LevelCity}
	a := NewAuditor(loc, nil)
	var counted atomic.Int64
	a.InternalError = func(site, req string) { counted.Add(1) }
	audit := a.Audit(context.Background(), site, f, now)

	links, others := 0, 0
	for _, r := range audit.Results {
		req, _ := a.Catalog.Lookup(r.ID)
		switch {
		case req.Kind == govaudit.KindLink && req.Checked():
			links++
			if r.Status != govaudit.StatusError {
				t.Errorf("%s: got status %s, want error", r.ID, r.Status)
			}
			if len(r.Evidence) == 0 || !strings.Contains(r.Evidence[0], "内部错误") || !strings.Contains(r.Evidence[0], "boom") {
				t.Errorf("%s: got evidence %q, want the internal error and its cause", r.ID, r.Evidence)
			}
		case r.Status == govaudit.StatusError:
			t.Errorf("%s: got status error, want a judgement (only the link kind panicked)", r.ID)
		default:
			others++
		}
	}
	if links == 0 || others == 0 {
		t.Fatalf("got %d link and %d other results, want some of each", links, others)
	}
	if got := counted.Load(); got != int64(links) {
		t.Errorf("internal errors counted: got %d, want %d", got, links)
	}
}
