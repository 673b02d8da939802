package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// findingOrder is the order findings are listed in a summary line: the
// worst first, coverage gaps last.
var findingOrder = []govaudit.Status{
	govaudit.StatusMissing, govaudit.StatusEmpty, govaudit.StatusStale,
	govaudit.StatusUnreachable, govaudit.StatusBlocked,
}

// verdictWord spells verdicts in ASCII so that the grid stays aligned on
// terminals that draw Chinese characters double-width.
var verdictWord = map[govaudit.SiteVerdict]string{govaudit.SitePass: "pass", govaudit.SiteWarning: "warning", govaudit.SiteFail: "FAIL", govaudit.SiteNotJudged: "not_judged"}

// writeSummary prints what a person reads at a glance: one line per site
// with its score, verdict and counts, then the requirements in each
// non-fresh status and the census rules that warn or veto. Fresh and
// offline requirements are only counted.
//
// The sites are read one at a time from the stream (from the store, after
// an audit), so a national run's summary does not hold every result.
func writeSummary(w io.Writer, doc report.Stream) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tSCORE\tVERDICT\tFRESH\tFINDINGS\tNAME")
	totals := map[govaudit.Status]int{}
	verdicts := map[govaudit.SiteVerdict]int{}
	sites := 0
	err := doc.Each(func(sc *report.Scorecard) error {
		sites++
		score, verdict := "—", "—"
		if sc.Score != nil {
			score = fmt.Sprintf("%.1f", *sc.Score)
		}
		byStatus := map[govaudit.Status][]string{}
		for _, r := range sc.Requirements {
			byStatus[r.Status] = append(byStatus[r.Status], r.ID)
			totals[r.Status]++
		}
		var parts []string
		for _, st := range findingOrder {
			if ids := byStatus[st]; len(ids) > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", strings.ToUpper(string(st)), strings.Join(ids, ",")))
			}
		}
		var vetoes, warnings []string
		for _, f := range sc.Census {
			switch f.Verdict {
			case govaudit.VerdictVeto:
				vetoes = append(vetoes, f.Rule)
			case govaudit.VerdictWarning:
				warnings = append(warnings, f.Rule)
			}
		}
		sort.Strings(vetoes)
		sort.Strings(warnings)
		if len(vetoes) > 0 {
			parts = append(parts, "VETO "+strings.Join(vetoes, ","))
		}
		if len(warnings) > 0 {
			parts = append(parts, "warn "+strings.Join(warnings, ","))
		}
		if sc.Audited() {
			verdict = verdictWord[sc.Verdict]
			verdicts[sc.Verdict]++
		}
		findings := strings.Join(parts, "; ")
		if findings == "" {
			findings = "—"
		}
		name := sc.Name
		if !sc.Audited() {
			name += " (not audited yet)"
		} else if !sc.Reachable && sc.HomeError != nil {
			name += " — " + sc.HomeError.Error()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d\t%s\t%s\n", sc.ID, score, verdict,
			len(byStatus[govaudit.StatusFresh]), len(sc.Requirements)-len(byStatus[govaudit.StatusNotWebCheckable]), findings, name)
		return nil
	})
	tw.Flush()
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	var parts []string
	for _, s := range govaudit.Statuses {
		if totals[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", totals[s], s))
		}
	}
	fmt.Fprintf(w, "%d sites (%d 合格, %d 预警, %d 不合格, %d 无法判定); requirements: %s\n", sites,
		verdicts[govaudit.SitePass], verdicts[govaudit.SiteWarning], verdicts[govaudit.SiteFail], verdicts[govaudit.SiteNotJudged], strings.Join(parts, ", "))
	return nil
}
