package checks

import (
	"context"
	"strconv"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// annualTitleDecoys mark items about budgets that are not budgets: the
// notice on preparing next year's budget, a training on final accounts.
var annualTitleDecoys = normalizeAll("编制", "培训", "会议", "工作要点", "审查", "审计")

// judgeAnnual is KindAnnual (czt-1): this year's 部门预算 and last year's
// 部门决算 are on the site, recognised by the year in their titles.
func (s *siteRun) judgeAnnual(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	c, ok := s.locate(r, pool)
	var subs []string
	for _, f := range r.Fields {
		subs = append(subs, f.Synonyms...)
	}
	if ok {
		s.read(ctx, &c, subs)
	}
	res := s.columnVerdict(r, &c)
	if !ok || c.err != nil || len(c.items) == 0 {
		return res
	}

	budgetYear, finalYear := govaudit.AnnualYears(s.now)
	budget, final := findAnnual(c.items, budgetYear, finalYear)
	res.Details = map[string]any{
		"budget_year":      budgetYear,
		"budget_published": budget != nil,
		"final_year":       finalYear,
		"final_published":  final != nil,
	}
	for key, it := range map[string]*page.ListItem{"budget_item": budget, "final_item": final} {
		if it != nil {
			res.Details[key] = map[string]any{"title": it.Title, "url": it.URL, "date": govaudit.DateOf(it.Date.In(s.a.Location)).String()}
		}
	}
	res.Evidence = append(res.Evidence, msgAnnual(budgetYear, foundReport(budget), finalYear, foundReport(final)))
	if budget != nil && len(r.Contents) > 0 {
		res.Details["budget_contents"] = s.reportContents(ctx, budget.URL, c.depth+1, r.Contents)
	}
	if budget != nil && final != nil {
		res.Status = govaudit.StatusFresh
	} else {
		res.Status = govaudit.StatusStale
	}
	return res
}

// findAnnual returns the first item whose title is budgetYear's budget and
// the first that is finalYear's final accounts.
func findAnnual(items []page.ListItem, budgetYear, finalYear int) (budget, final *page.ListItem) {
	for i := range items {
		title := text.Normalize(items[i].Title)
		if mentions(title, annualTitleDecoys) {
			continue
		}
		year, ok := titleYear(title)
		if !ok {
			continue
		}
		isBudget, isFinal := annualKind(title)
		if isBudget && year == budgetYear && budget == nil {
			budget = &items[i]
		}
		if isFinal && year == finalYear && final == nil {
			final = &items[i]
		}
	}
	return budget, final
}

// annualKind says whether a title names a budget, final accounts or both.
// "预决算" alone names the year's budget round.
func annualKind(title string) (isBudget, isFinal bool) {
	rest := strings.ReplaceAll(title, "预决算", "")
	isBudget = strings.Contains(rest, "预算") || rest != title
	isFinal = strings.Contains(rest, "决算")
	return isBudget, isFinal
}

// titleYear finds the year a title is about: the first "YYYY年".
func titleYear(title string) (int, bool) {
	for i := 0; i+4 < len(title); i++ {
		if !strings.HasPrefix(title[i+4:], "年") {
			continue
		}
		if i > 0 && title[i-1] >= '0' && title[i-1] <= '9' {
			continue
		}
		y, err := strconv.Atoi(title[i : i+4])
		if err == nil && y >= 1990 && y <= 2100 {
			return y, true
		}
	}
	return 0, false
}

func foundReport(it *page.ListItem) *annualFound {
	if it == nil {
		return nil
	}
	return &annualFound{title: it.Title, url: it.URL}
}

// reportContents says which required contents a report's page mentions.
// Budgets are often attachments (PDF) linked from that page; only the
// page's own text is read, so a false here means "not on the page".
func (s *siteRun) reportContents(ctx context.Context, u string, depth int, contents []govaudit.Field) map[string]any {
	out := map[string]any{}
	p := s.get(ctx, u, depth)
	corpus := ""
	if p.err == nil {
		corpus = text.Normalize(page.VisibleText(p.page.Body, maxVisibleText))
	}
	for _, f := range contents {
		out[f.Name] = corpus != "" && mentions(corpus, f.Synonyms)
	}
	return out
}
