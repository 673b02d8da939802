package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// retentionNow is a Thursday: 30 days earlier is Tuesday 27 October 2026,
// 31 days earlier the Monday of the same ISO week.
var retentionNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return retentionNow.Add(-d) }

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestRetentionBoundaries(t *testing.T) {
	const (
		fresh = govaudit.StatusFresh
		stale = govaudit.StatusStale
	)
	cst := time.FixedZone("CST", 8*3600)
	type audit struct {
		at  time.Time
		st  []govaudit.Status
		ok  bool // kept
		why string
	}
	f := []govaudit.Status{fresh}
	// A week of the weekly zone, Friday to the next Tuesday, in UTC.
	week := func(keep ...bool) []audit {
		return []audit{
			{at: utc("2026-09-04 12:00"), st: f, ok: keep[0], why: "Friday"},
			{at: utc("2026-09-05 12:00"), st: f, ok: keep[1], why: "Saturday (Saturday 20:00 in CST)"},
			{at: utc("2026-09-06 23:00"), st: f, ok: keep[2], why: "Sunday 23:00 (Monday 07:00 in CST)"},
			{at: utc("2026-09-07 01:00"), st: f, ok: keep[3], why: "Monday"},
			{at: utc("2026-09-08 10:00"), st: f, ok: keep[4], why: "Tuesday"},
		}
	}
	first := audit{at: ago(400 * day), st: f, ok: true, why: "first audit"}
	latest := audit{at: retentionNow, st: f, ok: true, why: "latest"}
	tests := []struct {
		name   string
		policy RetentionPolicy
		zone   *time.Location // the zone audits record their time in
		audits []audit
	}{
		{name: "day 30 kept, day 31 dropped", audits: []audit{
			first,
			{at: ago(31 * day), st: f, ok: false, why: "31 days, Monday of the 30-day audit's week"},
			{at: ago(30*day + time.Second), st: f, ok: false, why: "30 days and a second"},
			{at: ago(30 * day), st: f, ok: true, why: "30 days"},
			latest,
		}},
		{name: "daily window whole", audits: []audit{
			first,
			{at: ago(29*day + time.Hour), st: f, ok: true}, {at: ago(29 * day), st: f, ok: true},
			{at: ago(2 * day), st: f, ok: true}, {at: ago(day), st: f, ok: true},
			latest,
		}},
		{name: "newest of each ISO week", audits: append(append([]audit{first}, week(false, false, true, false, true)...), latest)},
		{name: "ISO weeks in the policy's zone", policy: RetentionPolicy{Location: cst},
			audits: append(append([]audit{first}, week(false, true, false, false, true)...), latest)},
		{name: "ISO weeks in the recorded zone", zone: cst,
			audits: append(append([]audit{first}, week(false, true, false, false, true)...), latest)},
		{name: "ISO year boundary", audits: []audit{
			first,
			{at: utc("2025-12-27 12:00"), st: f, ok: false, why: "Saturday of 2025-W52"},
			{at: utc("2025-12-28 12:00"), st: f, ok: true, why: "Sunday of 2025-W52"},
			{at: utc("2025-12-29 12:00"), st: f, ok: false, why: "Monday of 2026-W01"},
			{at: utc("2026-01-01 12:00"), st: f, ok: true, why: "Thursday of 2026-W01"},
			latest,
		}},
		{name: "365 days kept", audits: []audit{first, {at: ago(365 * day), st: f, ok: true}, latest}},
		{name: "365 days and a second dropped", audits: []audit{first, {at: ago(365*day + time.Second), st: f, ok: false}, latest}},
		{name: "366 days dropped", audits: []audit{first, {at: ago(366 * day), st: f, ok: false}, latest}},
		{name: "status changes kept forever", audits: []audit{
			{at: ago(800 * day), st: f, ok: true, why: "first"},
			{at: ago(700 * day), st: []govaudit.Status{stale}, ok: true, why: "fresh → stale"},
			{at: ago(600 * day), st: []govaudit.Status{stale}, ok: false},
			{at: ago(500 * day), st: f, ok: true, why: "stale → fresh"},
			{at: ago(450 * day), st: f, ok: false},
			latest,
		}},
		{name: "change in the weekly zone kept though not newest of its week", audits: []audit{
			first,
			{at: utc("2026-09-07 12:00"), st: []govaudit.Status{stale}, ok: true, why: "change on Monday"},
			{at: utc("2026-09-08 12:00"), st: []govaudit.Status{stale}, ok: false, why: "Tuesday"},
			{at: utc("2026-09-09 12:00"), st: []govaudit.Status{stale}, ok: true, why: "Wednesday, newest of the week"},
			latest,
		}},
		{name: "requirement added or dropped is a change", audits: []audit{
			first,
			{at: ago(300 * day), st: []govaudit.Status{fresh, fresh}, ok: true, why: "r2 added"},
			{at: ago(300*day - time.Hour), st: []govaudit.Status{fresh, fresh}, ok: false},
			{at: ago(300*day - 2*time.Hour), st: []govaudit.Status{fresh, fresh}, ok: true, why: "newest of its week"},
			{at: ago(200 * day), st: []govaudit.Status{fresh}, ok: true, why: "r2 dropped"},
			latest,
		}},
		{name: "latest kept however old", audits: []audit{
			{at: ago(900 * day), st: f, ok: true, why: "first"},
			{at: ago(850 * day), st: f, ok: false},
			{at: ago(800 * day), st: f, ok: true, why: "latest"},
		}},
		{name: "shorter policy", policy: RetentionPolicy{Daily: 7 * day, Weekly: 28 * day}, audits: []audit{
			first,
			{at: ago(29 * day), st: f, ok: false},
			{at: ago(14 * day), st: f, ok: true, why: "newest of its week"},
			{at: ago(8 * day), st: f, ok: false, why: "the 7-day audit is newer in the same week"},
			{at: ago(7*day + time.Hour), st: f, ok: false},
			{at: ago(7 * day), st: f, ok: true},
			latest,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			var audits []govaudit.SiteAudit
			var want []time.Time
			for _, a := range tt.audits {
				at := a.at
				if tt.zone != nil {
					at = at.In(tt.zone)
				}
				audits = append(audits, statusAudit("a", at, a.st...))
				if a.ok {
					want = append(want, a.at)
				}
			}
			saveAudits(t, s, audits...)
			rep, err := s.ApplyRetention(retentionNow, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			got := historyTimes(t, s, "a")
			if !sameTimes(got, want) {
				t.Errorf("kept: got %v, want %v", got, want)
				for _, a := range tt.audits {
					kept := false
					for _, g := range got {
						kept = kept || g.Equal(a.at)
					}
					if kept != a.ok {
						t.Errorf("audit at %s (%s): got kept %v, want %v", a.at.Format(time.RFC3339), a.why, kept, a.ok)
					}
				}
			}
			if rep.AuditsKept != len(want) || rep.AuditsDeleted != len(tt.audits)-len(want) {
				t.Errorf("report: got %d kept, %d deleted, want %d, %d", rep.AuditsKept, rep.AuditsDeleted, len(want), len(tt.audits)-len(want))
			}

			again, err := s.ApplyRetention(retentionNow, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			if again.AuditsDeleted != 0 || again.Transactions != 0 {
				t.Errorf("second run: got %+v, want nothing deleted", again)
			}
			if got := historyTimes(t, s, "a"); !sameTimes(got, want) {
				t.Errorf("after a second run: got %v, want %v", got, want)
			}
		})
	}
}

func sameTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

func TestRetentionPolicyRefused(t *testing.T) {
	tests := []struct {
		name   string
		policy RetentionPolicy
		want   string
	}{
		{"negative", RetentionPolicy{Daily: -day}, "negative"},
		{"weekly shorter than daily", RetentionPolicy{Daily: 60 * day, Weekly: 30 * day}, "less than daily"},
		{"weekly shorter than the default daily", RetentionPolicy{Weekly: 7 * day}, "less than daily"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			saveAudits(t, s, statusAudit("a", ago(100*day), govaudit.StatusFresh), statusAudit("a", ago(99*day), govaudit.StatusFresh))
			_, err := s.ApplyRetention(retentionNow, tt.policy)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if n := len(historyTimes(t, s, "a")); n != 2 {
				t.Errorf("audits after a refused policy: got %d, want 2", n)
			}
		})
	}
}

func TestRetentionEvidence(t *testing.T) {
	s, _ := openTemp(t)
	const (
		fresh = govaudit.StatusFresh
		stale = govaudit.StatusStale
	)
	// Site a: a change audit 100 days ago, a daily audit and the latest;
	// site b: an old latest audit only.
	a1 := statusAudit("a", ago(100*day), fresh)
	a2 := statusAudit("a", ago(60*day), stale) // change
	a3 := statusAudit("a", ago(2*day), stale)  // kept as daily, evidence dropped
	a4 := statusAudit("a", ago(day), stale)    // latest
	b1 := statusAudit("b", ago(500*day), fresh)
	saveAudits(t, s, a1, a2, a3, a4, b1)
	shared := page("https://a.gov.cn/col/", "column page unchanged since day 60", "r1")
	evidence := []struct {
		a     govaudit.SiteAudit
		pages []EvidencePage
		kept  bool
	}{
		{a1, []EvidencePage{page("https://a.gov.cn/col/", "column page of day 100", "r1")}, true},
		{a2, []EvidencePage{shared, page("https://a.gov.cn/art/2.html", "detail of day 60", "r1")}, true},
		{a3, []EvidencePage{shared, page("https://a.gov.cn/art/3.html", "detail of day 2", "r1")}, false},
		{a4, []EvidencePage{page("https://a.gov.cn/col/", "column page of day 1", "r1")}, true},
		{b1, []EvidencePage{page("https://b.gov.cn/", "b's only page", "r1")}, true},
	}
	for _, e := range evidence {
		if err := s.SaveEvidence(e.a.SiteID, e.a.AuditedAt, e.pages); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := s.ApplyRetention(retentionNow, DefaultRetention)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	for _, e := range evidence {
		refs, err := s.EvidenceFor(e.a.SiteID, e.a.AuditedAt)
		if err != nil {
			t.Fatal(err)
		}
		if got := refs != nil; got != e.kept {
			t.Errorf("evidence of %s at %v: got kept %v, want %v", e.a.SiteID, e.a.AuditedAt, got, e.kept)
		}
	}
	bodies := []struct {
		body string
		kept bool
	}{
		{"detail of day 2", false},
		{"column page unchanged since day 60", true}, // the dropped list shared it with a kept one
		{"detail of day 60", true},
		{"column page of day 1", true},
		{"b's only page", true},
	}
	for _, b := range bodies {
		_, _, err := s.Evidence(hashOf(b.body))
		if got := err == nil; got != b.kept {
			t.Errorf("body %q: got kept %v (%v), want %v", b.body, got, err, b.kept)
		}
	}
	if rep.EvidenceDeleted != 1 || rep.BodiesDeleted != 1 || rep.EvidenceKept != 4 {
		t.Errorf("report: got %+v, want 1 list and 1 body deleted, 4 lists kept", rep)
	}

	// A new audit makes a4 an ordinary daily audit: its evidence goes at
	// the next retention, its body with it.
	a5 := statusAudit("a", retentionNow, stale)
	saveAudits(t, s, a5)
	if err := s.SaveEvidence("a", a5.AuditedAt, []EvidencePage{page("https://a.gov.cn/col/", "column page of day 0", "r1")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyRetention(retentionNow, DefaultRetention); err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	if refs, _ := s.EvidenceFor("a", a4.AuditedAt); refs != nil {
		t.Errorf("evidence of the previous latest audit: got %d refs, want none", len(refs))
	}
	if _, _, err := s.Evidence(hashOf("column page of day 1")); !errors.Is(err, ErrNoEvidence) {
		t.Errorf("body of the previous latest audit: got %v, want ErrNoEvidence", err)
	}
}

func TestRetentionChangedEvidenceOnly(t *testing.T) {
	s, _ := openTemp(t)
	const (
		fresh = govaudit.StatusFresh
		stale = govaudit.StatusStale
	)
	a1 := statusAudit("a", ago(100*day), fresh, fresh) // first: keeps everything
	a2 := statusAudit("a", ago(60*day), stale, fresh)  // r1 changed
	a3 := statusAudit("a", ago(day), stale, fresh)     // latest
	saveAudits(t, s, a1, a2, a3)
	lists := []struct {
		a     govaudit.SiteAudit
		pages []EvidencePage
	}{
		{a1, []EvidencePage{page("https://a.gov.cn/1/", "r1 column, day 100", "r1"), page("https://a.gov.cn/2/", "r2 column", "r2")}},
		{a2, []EvidencePage{
			page("https://a.gov.cn/1/", "r1 column, day 60", "r1"),
			page("https://a.gov.cn/", "home page, day 60", "r1", "r2"), // shared by a kept and a dropped ref
			page("https://a.gov.cn/2/", "r2 column", "r2"),             // named by other lists too
			page("https://a.gov.cn/2/x.html", "r2 detail, day 60", "r2"),
		}},
		{a3, []EvidencePage{page("https://a.gov.cn/1/", "r1 column, day 60", "r1"), page("https://a.gov.cn/2/", "r2 column", "r2")}},
	}
	for _, l := range lists {
		if err := s.SaveEvidence("a", l.a.AuditedAt, l.pages); err != nil {
			t.Fatal(err)
		}
	}
	policy := RetentionPolicy{ChangedEvidenceOnly: true}
	rep, err := s.ApplyRetention(retentionNow, policy)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, s)
	if rep.EvidenceTrimmed != 1 || rep.BodiesDeleted != 1 || rep.EvidenceKept != 3 || rep.EvidenceDeleted != 0 {
		t.Errorf("report: got %+v, want one list trimmed, one body deleted, three lists kept", rep)
	}
	wantRefs := map[time.Time][]string{
		a1.AuditedAt: {"r1 https://a.gov.cn/1/", "r2 https://a.gov.cn/2/"},
		a2.AuditedAt: {"r1 https://a.gov.cn/1/", "r1 https://a.gov.cn/"},
		a3.AuditedAt: {"r1 https://a.gov.cn/1/", "r2 https://a.gov.cn/2/"},
	}
	for at, want := range wantRefs {
		refs, err := s.EvidenceFor("a", at)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range refs {
			got = append(got, r.Requirement+" "+r.URL)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("evidence at %v: got %q, want %q", at, got, want)
		}
	}
	for body, kept := range map[string]bool{"home page, day 60": true, "r2 column": true, "r2 detail, day 60": false} {
		if _, _, err := s.Evidence(hashOf(body)); (err == nil) != kept {
			t.Errorf("body %q: got error %v, want kept %v", body, err, kept)
		}
	}
	again, err := s.ApplyRetention(retentionNow, policy)
	if err != nil {
		t.Fatal(err)
	}
	if again.Transactions != 0 || again.EvidenceKept != 3 {
		t.Errorf("second run: got %+v, want nothing to do and three lists kept", again)
	}
}

// retentionFixture writes a store of three sites with 200 daily audits
// each, evidence for every audit and a status change every 23 days, and
// returns its path, closed.
func retentionFixture(t *testing.T) string {
	t.Helper()
	s, path := openTemp(t)
	s.db.NoSync = true
	var audits []govaudit.SiteAudit
	type ev struct {
		site  string
		at    time.Time
		pages []EvidencePage
	}
	var evs []ev
	for i, site := range []string{"a", "b", "c"} {
		st := govaudit.StatusFresh
		for d := 199; d >= 0; d-- {
			if (d+i*5)%23 == 0 {
				st = map[govaudit.Status]govaudit.Status{govaudit.StatusFresh: govaudit.StatusStale, govaudit.StatusStale: govaudit.StatusFresh}[st]
			}
			at := ago(time.Duration(d)*day + time.Duration(i)*time.Minute)
			audits = append(audits, statusAudit(site, at, st, govaudit.StatusFresh))
			evs = append(evs, ev{site, at, []EvidencePage{
				// A column page that changes weekly, a detail page that
				// changes with each audit, and a page shared by all.
				page("https://"+site+".gov.cn/col/", fmt.Sprintf("%s column, week %d", site, d/7), "r1", "r2"),
				page("https://"+site+".gov.cn/art/", fmt.Sprintf("%s detail, day %d", site, d), "r1"),
				page("https://"+site+".gov.cn/", "the same home page everywhere", "r2"),
			}})
		}
	}
	saveAudits(t, s, audits...)
	for _, e := range evs {
		if err := s.SaveEvidence(e.site, e.at, e.pages); err != nil {
			t.Fatal(err)
		}
	}
	checkEvidence(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRetentionInterrupted stops retention after a few transactions,
// reopens the file, checks it is consistent, and finishes: the result must
// be the store an uninterrupted run leaves.
func TestRetentionInterrupted(t *testing.T) {
	fixture := retentionFixture(t)
	for _, policy := range []RetentionPolicy{{MaxDeletesPerTx: 40}, {MaxDeletesPerTx: 40, ChangedEvidenceOnly: true}} {
		t.Run(fmt.Sprintf("changed evidence only %v", policy.ChangedEvidenceOnly), func(t *testing.T) {
			testRetentionInterrupted(t, fixture, policy)
		})
	}
}

func testRetentionInterrupted(t *testing.T, fixture string, policy RetentionPolicy) {

	refPath := filepath.Join(t.TempDir(), "ref.db")
	copyFile(t, fixture, refPath)
	ref := openPath(t, refPath, Options{})
	rep, err := ref.ApplyRetention(retentionNow, policy)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, ref)
	deletions := rep.AuditsDeleted + rep.EvidenceDeleted + 2*rep.BodiesDeleted
	if policy.ChangedEvidenceOnly && rep.EvidenceTrimmed == 0 {
		t.Error("no list was trimmed: the test covers no trim")
	}
	if min := (deletions + policy.MaxDeletesPerTx - 1) / policy.MaxDeletesPerTx; rep.Transactions < min {
		t.Errorf("transactions: got %d for %d deletions, want at least %d", rep.Transactions, deletions, min)
	}
	if rep.Transactions < 10 {
		t.Fatalf("only %d transactions: the test interrupts nothing", rep.Transactions)
	}
	want := dump(t, ref)

	for _, stopAfter := range []int{1, 2, rep.Transactions / 2, rep.Transactions - 1} {
		t.Run(fmt.Sprintf("after %d transactions", stopAfter), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "govaudit.db")
			copyFile(t, fixture, path)
			s := openPath(t, path, Options{})
			part, err := s.applyRetention(retentionNow, policy, stopAfter)
			if !errors.Is(err, errRetentionStopped) {
				t.Fatalf("got %v, want the run stopped", err)
			}
			if part.Transactions != stopAfter {
				t.Errorf("transactions: got %d, want %d", part.Transactions, stopAfter)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openPath(t, path, Options{})
			checkEvidence(t, s)
			rest, err := s.ApplyRetention(retentionNow, policy)
			if err != nil {
				t.Fatal(err)
			}
			checkEvidence(t, s)
			if got := dump(t, s); !reflect.DeepEqual(got, want) {
				t.Errorf("store after resuming differs from an uninterrupted run:%s", diffDumps(got, want))
			}
			if got := part.AuditsDeleted + rest.AuditsDeleted; got != rep.AuditsDeleted {
				t.Errorf("audits deleted in the two runs: got %d, want %d", got, rep.AuditsDeleted)
			}
		})
	}
}

// TestRetentionConcurrentWrites runs retention while audits and their
// evidence keep being saved, as a serving process would.
func TestRetentionConcurrentWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "govaudit.db")
	copyFile(t, retentionFixture(t), path)
	s := openPath(t, path, Options{})
	s.db.NoSync = true
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; i <= 20; i++ {
			at := retentionNow.Add(time.Duration(i) * time.Hour)
			a := statusAudit("a", at, govaudit.StatusStale, govaudit.StatusFresh)
			run, err := s.BeginRun("cli", []string{"a"}, at)
			if err == nil {
				err = s.SaveAudit(run.ID, a)
			}
			if err == nil {
				err = s.SaveEvidence("a", at, []EvidencePage{
					page("https://a.gov.cn/", "the same home page everywhere", "r2"),
					page("https://a.gov.cn/art/", fmt.Sprintf("a detail, hour %d", i), "r1"),
				})
			}
			if err == nil {
				_, err = s.FinishRun(run.ID, at)
			}
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	if _, err := s.ApplyRetention(retentionNow, RetentionPolicy{MaxDeletesPerTx: 20}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	checkEvidence(t, s)
	newest := retentionNow.Add(20 * time.Hour)
	if refs, err := s.EvidenceFor("a", newest); err != nil || len(refs) != 2 {
		t.Errorf("evidence of the newest audit: got %d refs, %v, want 2", len(refs), err)
	}
	if a := latestOf(t, s.Snapshot())["a"]; !a.AuditedAt.Equal(newest) {
		t.Errorf("latest of a: got %v, want %v", a.AuditedAt, newest)
	}
}

func TestRetentionReadOnly(t *testing.T) {
	path := retentionFixture(t)
	s := openPath(t, path, Options{ReadOnly: true})
	if _, err := s.ApplyRetention(retentionNow, DefaultRetention); !errors.Is(err, ErrReadOnly) {
		t.Errorf("got %v, want ErrReadOnly", err)
	}
}

func TestCompact(t *testing.T) {
	path := retentionFixture(t)
	s := openPath(t, path, Options{})
	if _, err := s.ApplyRetention(retentionNow, DefaultRetention); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	snap := s.Snapshot()
	snapLatest := latestOf(t, snap)
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	dst := filepath.Join(t.TempDir(), "compact.db")
	if err := Compact(path, dst); err != nil {
		t.Fatal(err)
	}
	src, _ := os.Stat(path)
	out, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if out.Size() > src.Size() {
		t.Errorf("size: got %d bytes, want at most the source's %d", out.Size(), src.Size())
	}
	t.Logf("compacted %d → %d bytes", src.Size(), out.Size())
	if leftovers, _ := filepath.Glob(dst + ".*.tmp"); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	c := openPath(t, dst, Options{})
	got := c.Snapshot()
	if !reflect.DeepEqual(got.Sites, snap.Sites) || !reflect.DeepEqual(got.LastRun, snap.LastRun) || !reflect.DeepEqual(latestOf(t, got), snapLatest) {
		t.Errorf("snapshot of the compacted store differs:\ngot  %+v\nwant %+v", got, snap)
	}
	if d := dump(t, c); !reflect.DeepEqual(d, before) {
		t.Errorf("contents differ:%s", diffDumps(d, before))
	}
	checkEvidence(t, c)
	// Run ids come from the runs bucket's sequence, which must survive.
	next, err := c.BeginRun("cli", []string{"a"}, retentionNow)
	if err != nil {
		t.Fatal(err)
	}
	if want := runs[0].ID + 1; next.ID != want {
		t.Errorf("next run id: got %d, want %d", next.ID, want)
	}

	t.Run("refuses an existing destination", func(t *testing.T) {
		err := Compact(path, dst)
		if err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("got %v, want an error saying it exists", err)
		}
	})
	t.Run("refuses a store in use", func(t *testing.T) {
		// c holds dst open read-write.
		err := Compact(dst, filepath.Join(t.TempDir(), "other.db"))
		var locked *LockedError
		if !errors.As(err, &locked) {
			t.Errorf("got %v, want a *LockedError", err)
		}
	})
	t.Run("missing source", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "x.db")
		if err := Compact(filepath.Join(t.TempDir(), "none.db"), target); err == nil {
			t.Error("got no error")
		}
		if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("destination after a failure: got %v, want none", err)
		}
	})
}
