package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/report"
)

// statusShort are the words of the summary grid, short enough for a
// terminal of 100 columns with several requirements.
var statusShort = map[checks.Status]string{
	checks.StatusFresh:           "fresh",
	checks.StatusStale:           "STALE",
	checks.StatusEmpty:           "EMPTY",
	checks.StatusMissing:         "MISSING",
	checks.StatusUnreachable:     "unreach",
	checks.StatusBlocked:         "blocked",
	checks.StatusNotWebCheckable: "offline",
}

// writeSummary prints the compact grid a person reads at a glance: one row
// per site, one column per requirement, findings in capitals.
func writeSummary(w io.Writer, doc report.Document) {
	cols := requirementColumns(doc)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "SITE\tSCORE\t%s\tNAME\n", strings.Join(cols, "\t"))
	totals := map[checks.Status]int{}
	for _, sc := range doc.Sites {
		score := "—"
		if sc.Score != nil {
			score = fmt.Sprintf("%.1f", *sc.Score)
		}
		cells := make([]string, len(cols))
		for i, id := range cols {
			cells[i] = "·"
			for _, r := range sc.Requirements {
				if r.ID == id {
					cells[i] = statusShort[r.Status]
					totals[r.Status]++
				}
			}
		}
		name := sc.Name
		if sc.AuditedAt == nil {
			name += " (not audited yet)"
		} else if !sc.Reachable && sc.HomeError != nil {
			name += " — " + sc.HomeError.Error()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", sc.ID, score, strings.Join(cells, "\t"), name)
	}
	tw.Flush()
	var parts []string
	for _, s := range checks.Statuses {
		if totals[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", totals[s], s))
		}
	}
	fmt.Fprintf(w, "%d sites; requirements: %s\n", len(doc.Sites), strings.Join(parts, ", "))
}
