package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// timelineFixture is a week of daily audits of site "a": r1 goes
// fresh → stale → fresh, r2 stays fresh, r3 is judged from day 3 on, and
// on day 4 the site is unreachable.
func timelineFixture(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	const (
		fresh = govaudit.StatusFresh
		stale = govaudit.StatusStale
		empty = govaudit.StatusEmpty
		down  = govaudit.StatusUnreachable
	)
	days := [][]govaudit.Status{
		{fresh, fresh},
		{fresh, fresh},
		{stale, fresh, empty},
		{down, down, down},
		{stale, fresh, empty},
		{fresh, fresh, fresh},
		{fresh, fresh, fresh},
	}
	var audits []govaudit.SiteAudit
	for i, st := range days {
		a := statusAudit("a", t0.Add(time.Duration(i)*day), st...)
		// The newest item of r1 is the day before the audit.
		a.Results[0].NewestItem = &govaudit.Item{Title: "通知", URL: "https://a.gov.cn/1.html", Date: govaudit.DateOf(t0.Add(time.Duration(i-1) * day))}
		audits = append(audits, a)
	}
	// Another site's history is not mixed in.
	audits = append(audits, statusAudit("b", t0.Add(2*day), stale, stale))
	saveAudits(t, s, audits...)
	return s
}

func TestTimeline(t *testing.T) {
	s := timelineFixture(t)
	at := func(d int) time.Time { return t0.Add(time.Duration(d) * day) }
	date := func(d int) string { return govaudit.DateOf(t0.Add(time.Duration(d) * day)).String() }
	tests := []struct {
		site, req string
		want      []Change
	}{
		{"a", "r1", []Change{
			{At: at(0), From: "", To: govaudit.StatusFresh, Newest: date(-1)},
			{At: at(2), From: govaudit.StatusFresh, To: govaudit.StatusStale, Newest: date(1)},
			{At: at(3), From: govaudit.StatusStale, To: govaudit.StatusUnreachable, Newest: date(2)},
			{At: at(4), From: govaudit.StatusUnreachable, To: govaudit.StatusStale, Newest: date(3)},
			{At: at(5), From: govaudit.StatusStale, To: govaudit.StatusFresh, Newest: date(4)},
		}},
		{"a", "r2", []Change{
			{At: at(0), To: govaudit.StatusFresh},
			{At: at(3), From: govaudit.StatusFresh, To: govaudit.StatusUnreachable},
			{At: at(4), From: govaudit.StatusUnreachable, To: govaudit.StatusFresh},
		}},
		{"a", "r3", []Change{
			{At: at(2), To: govaudit.StatusEmpty},
			{At: at(3), From: govaudit.StatusEmpty, To: govaudit.StatusUnreachable},
			{At: at(4), From: govaudit.StatusUnreachable, To: govaudit.StatusEmpty},
			{At: at(5), From: govaudit.StatusEmpty, To: govaudit.StatusFresh},
		}},
		{"a", "no-such-requirement", nil},
		{"b", "r1", []Change{{At: at(2), To: govaudit.StatusStale}}},
		{"no-such-site", "r1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.site+"/"+tt.req, func(t *testing.T) {
			got, err := s.Timeline(tt.site, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			assertChanges(t, got, tt.want)
		})
	}

	t.Run("site", func(t *testing.T) {
		all, err := s.SiteTimeline("a")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 {
			t.Errorf("requirements: got %d, want 3", len(all))
		}
		for _, tt := range tests[:3] {
			assertChanges(t, all[tt.req], tt.want)
		}
	})
}

func assertChanges(t *testing.T, got, want []Change) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.At.Equal(w.At) {
			t.Errorf("change %d at: got %v, want %v", i, g.At, w.At)
		}
		g.At = w.At
		if !reflect.DeepEqual(g, w) {
			t.Errorf("change %d: got %+v, want %+v", i, g, w)
		}
	}
}

// TestTimelineSurvivesRetention checks the promise of the retention
// policy: dropping audits that changed nothing leaves every timeline as
// it was.
func TestTimelineSurvivesRetention(t *testing.T) {
	s, _ := openTemp(t)
	s.db.NoSync = true
	var audits []govaudit.SiteAudit
	st := []govaudit.Status{govaudit.StatusFresh, govaudit.StatusFresh, govaudit.StatusEmpty}
	for d := 0; d < 500; d++ {
		// Flip a requirement every 17 and every 40 days.
		if d%17 == 16 {
			st[0] = map[govaudit.Status]govaudit.Status{govaudit.StatusFresh: govaudit.StatusStale, govaudit.StatusStale: govaudit.StatusFresh}[st[0]]
		}
		if d%40 == 39 {
			st[2] = govaudit.StatusMissing
		}
		audits = append(audits, statusAudit("a", t0.Add(time.Duration(d)*day), st...))
	}
	saveAudits(t, s, audits...)
	before, err := s.SiteTimeline("a")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.ApplyRetention(t0.Add(500*day), DefaultRetention)
	if err != nil {
		t.Fatal(err)
	}
	if rep.AuditsDeleted == 0 {
		t.Fatal("retention deleted nothing; the test proves nothing")
	}
	after, err := s.SiteTimeline("a")
	if err != nil {
		t.Fatal(err)
	}
	for req, want := range before {
		assertChanges(t, after[req], want)
	}
}
