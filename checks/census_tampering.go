package checks

import (
	"slices"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/tamper"
)

// maxTamperEvidence bounds the findings quoted in the evidence.
const maxTamperEvidence = 10

// tamperingCensus scans every page a visitor was shown during the audit —
// the home page, the disclosure portal and the column pages, with their
// frames — for injected spam and hidden links to other domains. Detail
// pages are not scanned: there are many, and spam injected site-wide shows
// on the shown pages too.
func (s *siteRun) tamperingCensus() govaudit.CensusFinding {
	s.mu.Lock()
	pages := append([]*parsedPage(nil), s.shown...)
	s.mu.Unlock()
	total := 0
	ev := []string{msgPagesScanned(len(pages))}
	var sources []string
	for _, p := range pages {
		for _, f := range tamper.Scan(p.page.Body, p.url) {
			total++
			if total <= maxTamperEvidence {
				ev = append(ev, msgTamper(f.Kind, p.url, f.Evidence))
			}
			if len(sources) < maxTamperEvidence && !slices.Contains(sources, p.url) {
				sources = append(sources, p.url)
			}
		}
	}
	if total > maxTamperEvidence {
		ev = append(ev, msgMoreFindings(total-maxTamperEvidence))
	}
	return sourced(s.a.Census.JudgeTampering(total, ev), sources)
}
