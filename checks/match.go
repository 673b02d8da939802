package checks

import (
	"strings"
	"unicode/utf8"

	"github.com/govaudit/govaudit/checks/internal/text"
)

// Scores of column matching. A label equal to a keyword beats a label that
// contains one; menu links beat links inside dated news items; a long label
// is a headline, not a column name.
const (
	scoreExact       = 100
	scoreContains    = 70
	penaltyDated     = 45
	penaltyArticle   = 30
	penaltyHeadline  = 30
	bonusNav         = 5
	headlineRunes    = 12
	minColumnScore   = 40
	minContainsRunes = 3 // shorter keywords (文件) must match a label exactly
)

// columnMatch is the link chosen as a requirement's column.
type columnMatch struct {
	link    poolLink
	score   int
	keyword string
}

// matchColumn picks the link most likely to be the column for keywords,
// or ok=false when no link is convincing.
func matchColumn(keywords, decoys []string, links []poolLink, exclude map[string]bool) (best columnMatch, ok bool) {
	kws := normalizeAll(keywords...)
	ds := normalizeAll(decoys...)
	for _, l := range links {
		if l.Norm == "" || exclude[l.URL] {
			continue
		}
		s, kw := labelScore(l.Norm, kws, ds)
		if s == 0 {
			continue
		}
		if l.Dated {
			s -= penaltyDated
		}
		if l.Nav {
			s += bonusNav
		}
		if looksLikeArticle(l.URL) {
			s -= penaltyArticle
		}
		if s > best.score {
			best = columnMatch{link: l, score: s, keyword: kw}
		}
	}
	return best, best.score >= minColumnScore
}

// labelScore scores a normalised label against normalised keywords (best
// first) and decoys; 0 means no match.
func labelScore(label string, keywords, decoys []string) (int, string) {
	for _, d := range decoys {
		if d != "" && strings.Contains(label, d) {
			return 0, ""
		}
	}
	best, which := 0, ""
	n := utf8.RuneCountInString(label)
	for i, kw := range keywords {
		var s int
		switch {
		case label == kw:
			s = scoreExact - i
		case utf8.RuneCountInString(kw) >= minContainsRunes && strings.Contains(label, kw):
			extra := n - utf8.RuneCountInString(kw)
			s = scoreContains - i - min(extra, 20)
			if n > headlineRunes {
				s -= penaltyHeadline
			}
		}
		if s > best {
			best, which = s, kw
		}
	}
	return best, which
}

// looksLikeArticle reports whether a URL has the shape of a CMS detail page
// rather than a column: TRS t20161120_…, Hanweb /art/…, gov.cn content_….
func looksLikeArticle(u string) bool {
	if _, ok := text.DateFromURL(u); ok && !strings.Contains(u, "/col/") {
		return true
	}
	return strings.Contains(u, "/art/") || strings.Contains(u, "content_") || strings.Contains(u, "/detail")
}
