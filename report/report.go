// Package report builds the scorecard export of docs/export.md from a
// store snapshot and writes it as JSON, CSV, XLSX or HTML. It reads only
// what the store holds: exports never crawl.
package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

var (
	// ErrUnknownSite is wrapped when an export names a site that is not
	// configured.
	ErrUnknownSite = errors.New("unknown site id")
	// ErrNoAudit is wrapped when an export as of a date finds no audit of
	// any selected site on or before that date.
	ErrNoAudit = errors.New("no audit")
)

// Document is one export: every selected site's scorecard.
type Document struct {
	GeneratedAt time.Time `json:"generated_at"`
	// AsOf is the day an --as-of export looked back from; zero (and left
	// out of the JSON) for an export of the latest audits.
	AsOf  govaudit.Date `json:"as_of,omitzero"`
	Sites []Scorecard   `json:"sites"`
}

// Scorecard is one site's findings as of its latest audit.
type Scorecard struct {
	ID         string               `json:"id"`
	Name       string               `json:"name"`
	URL        string               `json:"url"`
	Level      govaudit.Level       `json:"level"`
	Department string               `json:"department,omitempty"`
	City       string               `json:"city,omitempty"`
	AuditedAt  *time.Time           `json:"audited_at"`
	Reachable  bool                 `json:"reachable"`
	HomeError  *govaudit.FetchError `json:"home_error,omitempty"`
	Score      *float64             `json:"score"`
	// Verdict is pass, warning, fail (any census veto) or not_judged
	// (govaudit.SiteVerdictOf).
	Verdict      govaudit.SiteVerdict     `json:"verdict"`
	Requirements []govaudit.Result        `json:"requirements"`
	Census       []govaudit.CensusFinding `json:"census"`
}

// Audited reports whether the scorecard rests on an audit; a site first
// audited after the export's point in time has none.
func (sc Scorecard) Audited() bool { return sc.AuditedAt != nil }

// Build assembles the export for the sites with the given ids (all when
// empty), in configuration order, with times in loc.
func Build(snap *store.Snapshot, ids []string, now time.Time, loc *time.Location) (Document, error) {
	if err := checkIDs(snap.Sites, ids); err != nil {
		return Document{}, err
	}
	audits, err := snap.LatestAudits(ids...)
	if err != nil {
		return Document{}, err
	}
	return build(snap.Sites, audits, ids, now, loc)
}

// checkIDs rejects ids that are not configured sites.
func checkIDs(sites []govaudit.Site, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	known := make(map[string]bool, len(sites))
	for _, site := range sites {
		known[site.ID] = true
	}
	for _, id := range ids {
		if !known[id] {
			return fmt.Errorf("%w %q", ErrUnknownSite, id)
		}
	}
	return nil
}

// BuildAsOf assembles the export as it stood at the end of day in loc:
// each site's newest audit on or before that moment, as
// store.LatestAsOf(EndOfDay(day)) returns them (newer audits in audits are
// ignored, so a caller cannot leak the future by passing the latest ones).
// A site without an audit by then is listed as not audited; when none of
// the selected sites has one, the error wraps ErrNoAudit and names the day.
func BuildAsOf(sites []govaudit.Site, audits map[string]govaudit.SiteAudit, ids []string, day govaudit.Date, now time.Time, loc *time.Location) (Document, error) {
	day = inLocation(day, loc)
	end := EndOfDay(day)
	past := make(map[string]govaudit.SiteAudit, len(audits))
	for id, a := range audits {
		if !a.AuditedAt.After(end) {
			past[id] = a
		}
	}
	doc, err := build(sites, past, ids, now, loc)
	if err != nil {
		return Document{}, err
	}
	audited := false
	for _, sc := range doc.Sites {
		audited = audited || sc.Audited()
	}
	if !audited {
		return Document{}, fmt.Errorf("%w on or before %s", ErrNoAudit, day)
	}
	doc.AsOf = day
	return doc, nil
}

// FromStore builds the export from an open store: the latest audits when
// asOf is zero, else the audits as they stood at the end of that day. It is
// what both `govaudit export` and the HTTP export call.
func FromStore(st *store.Store, ids []string, asOf govaudit.Date, now time.Time, loc *time.Location) (Document, error) {
	snap := st.Snapshot()
	if asOf.IsZero() {
		return Build(snap, ids, now, loc)
	}
	audits, err := st.LatestAsOf(EndOfDay(inLocation(asOf, loc)))
	if err != nil {
		return Document{}, err
	}
	return BuildAsOf(snap.Sites, audits, ids, asOf, now, loc)
}

// build lists the selected sites in the given order with their audit from
// audits, if any.
func build(sites []govaudit.Site, audits map[string]govaudit.SiteAudit, ids []string, now time.Time, loc *time.Location) (Document, error) {
	doc := Document{GeneratedAt: now.In(loc).Truncate(time.Second), Sites: []Scorecard{}}
	known := make(map[string]bool, len(sites))
	for _, site := range sites {
		known[site.ID] = true
	}
	want := map[string]bool{}
	for _, id := range ids {
		if !known[id] {
			return Document{}, fmt.Errorf("%w %q", ErrUnknownSite, id)
		}
		want[id] = true
	}
	for _, site := range sites {
		if len(want) > 0 && !want[site.ID] {
			continue
		}
		var audit *govaudit.SiteAudit
		if a, ok := audits[site.ID]; ok {
			audit = &a
		}
		sc := scorecardOf(site, audit, loc)
		doc.Sites = append(doc.Sites, sc)
	}
	return doc, nil
}
