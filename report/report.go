// Package report builds the scorecard export of spec/interfaces.md from a
// store snapshot. It reads only the snapshot: exports never crawl.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/store"
)

// Document is one export: every selected site's scorecard.
type Document struct {
	GeneratedAt time.Time   `json:"generated_at"`
	Sites       []Scorecard `json:"sites"`
}

// Scorecard is one site's findings as of its latest audit.
type Scorecard struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	URL        string             `json:"url"`
	Level      checks.Level       `json:"level"`
	Department string             `json:"department,omitempty"`
	City       string             `json:"city,omitempty"`
	AuditedAt  *time.Time         `json:"audited_at"`
	Reachable  bool               `json:"reachable"`
	HomeError  *checks.FetchError `json:"home_error,omitempty"`
	Score      *float64           `json:"score"`
	// Verdict is 合格, warning or 不合格 (any census veto), from Census.
	Verdict      checks.SiteVerdict     `json:"verdict"`
	Requirements []checks.Result        `json:"requirements"`
	Census       []checks.CensusFinding `json:"census"`
}

// Build assembles the export for the sites with the given ids (all when
// empty), in configuration order, with times in loc.
func Build(snap *store.Snapshot, ids []string, now time.Time, loc *time.Location) (Document, error) {
	doc := Document{GeneratedAt: now.In(loc).Truncate(time.Second), Sites: []Scorecard{}}
	want := map[string]bool{}
	for _, id := range ids {
		if _, ok := snap.Site(id); !ok {
			return Document{}, fmt.Errorf("unknown site id %q", id)
		}
		want[id] = true
	}
	for _, site := range snap.Sites {
		if len(want) > 0 && !want[site.ID] {
			continue
		}
		sc := Scorecard{ID: site.ID, Name: site.Name, URL: site.URL, Level: site.Level,
			Department: site.Department, City: site.City, Requirements: []checks.Result{},
			Census: []checks.CensusFinding{}}
		if a, ok := snap.Latest[site.ID]; ok {
			at := a.AuditedAt.In(loc).Truncate(time.Second)
			sc.AuditedAt = &at
			sc.Reachable = a.Reachable
			sc.HomeError = a.HomeError
			sc.Requirements = a.Results
			if a.Census != nil {
				sc.Census = a.Census
			}
			sc.Verdict = checks.VerdictOf(sc.Census)
			if s, ok := checks.Score(a.Results); ok {
				sc.Score = &s
			}
		}
		doc.Sites = append(doc.Sites, sc)
	}
	return doc, nil
}

// WriteJSON writes the document as indented JSON.
func WriteJSON(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
