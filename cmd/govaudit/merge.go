package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// mergeStream reads the JSON exports of shards (each machine auditing its
// own site list into its own store) as one export: the sites of every file
// in the order given, the latest generated_at, and the as_of they share.
// The files are read twice, the headers first and then the scorecards one
// at a time, so that merging a national run holds one site in memory.
func mergeStream(paths []string) (report.Stream, error) {
	var header report.Document
	for i, path := range paths {
		var h struct {
			GeneratedAt time.Time     `json:"generated_at"`
			AsOf        govaudit.Date `json:"as_of"`
			Sites       []struct {
				ID string `json:"id"`
			} `json:"sites"`
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return report.Stream{}, fmt.Errorf("--merge: %w", err)
		}
		if err := json.Unmarshal(b, &h); err != nil {
			return report.Stream{}, fmt.Errorf("--merge %s: not a JSON export: %w", path, err)
		}
		if i > 0 && !h.AsOf.Equal(header.AsOf.Time) {
			return report.Stream{}, fmt.Errorf("--merge %s: export as of %q, but %s is as of %q: merge exports of the same day", path, h.AsOf, paths[0], header.AsOf)
		}
		if h.GeneratedAt.After(header.GeneratedAt) {
			header.GeneratedAt = h.GeneratedAt
		}
		header.AsOf = h.AsOf
	}
	return report.Stream{Header: header, Each: func(fn func(*report.Scorecard) error) error {
		seen := map[string]string{}
		for _, path := range paths {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			dec := json.NewDecoder(f)
			err = eachScorecard(dec, func(sc *report.Scorecard) error {
				if other, dup := seen[sc.ID]; dup {
					return fmt.Errorf("site %s is in both %s and %s: shards must not share sites", sc.ID, other, path)
				}
				seen[sc.ID] = path
				return fn(sc)
			})
			f.Close()
			if err != nil {
				return fmt.Errorf("--merge %s: %w", path, err)
			}
		}
		return nil
	}}, nil
}
