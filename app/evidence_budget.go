package app

import (
	"log/slog"

	"github.com/govaudit/govaudit/store"
)

// evidenceBudget bounds the page bodies one site audit keeps as evidence.
// Bodies are deduplicated by content, but a site that serves different
// large pages at every visit would otherwise add up to max_body_bytes per
// source page to the store at every audit (ten 6.7 MB pages grew it by
// ~100 MiB per audit). Real columns' list pages are tens to hundreds of KB,
// so the budget holds dozens of them.
const evidenceBudget = 16 << 20

// withinBudget keeps pages in order while their bodies fit in budget bytes;
// a page that does not fit is left out and logged, and smaller ones after
// it may still fit. The results keep naming every source by address.
func withinBudget(pages []store.EvidencePage, budget int, siteID string, log *slog.Logger) []store.EvidencePage {
	kept := pages[:0:0]
	left := budget
	for _, p := range pages {
		if len(p.Body) > left {
			log.Warn("evidence page left out: the site audit's evidence budget is spent",
				"site", siteID, "url", p.URL, "bytes", len(p.Body), "budget", budget)
			continue
		}
		left -= len(p.Body)
		kept = append(kept, p)
	}
	return kept
}
