package checks

import (
	"context"
	"strings"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// maxVisibleText bounds the text taken from one column page for mentions.
const maxVisibleText = 64 << 10

// fieldDetailPages is how many of the newest items' detail pages are read
// for mentions of required contents, beyond the column page itself.
const fieldDetailPages = 3

// judgeFields is KindFields (fgw-3, all-05): the column is found and fresh,
// its pages mention the required contents, and its companion columns exist.
func (s *siteRun) judgeFields(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	c, ok := s.locate(r, pool)
	if ok {
		s.read(ctx, &c, nil)
	}
	res := s.columnVerdict(r, &c)
	if !ok || c.err != nil {
		return res
	}

	corpus := s.columnCorpus(ctx, &c)
	fields := map[string]any{}
	var present, absent []string
	for _, f := range r.Fields {
		found := mentions(corpus, f.Synonyms)
		fields[f.Name] = found
		if found {
			present = append(present, f.Name)
		} else {
			absent = append(absent, f.Name)
		}
	}
	res.Details = map[string]any{}
	if len(r.Fields) > 0 {
		res.Details["fields"] = fields
		res.Evidence = append(res.Evidence, msgFields(present, absent))
	}
	if len(r.Companions) > 0 {
		comp := map[string]any{}
		for _, cf := range r.Companions {
			comp[cf.Name] = s.companion(ctx, r, cf, &c, pool, corpus)
		}
		res.Details["companions"] = comp
	}
	return res
}

// columnCorpus is the normalised text in which required contents are
// looked for: the column page, its item titles and the newest details.
func (s *siteRun) columnCorpus(ctx context.Context, c *column) string {
	var b strings.Builder
	for _, p := range c.entry.pages {
		b.WriteString(text.Normalize(page.VisibleText(p.page.Body, maxVisibleText)))
	}
	for _, it := range c.items {
		b.WriteString(text.Normalize(it.Title))
	}
	for i := 0; i < len(c.items) && i < fieldDetailPages; i++ {
		if c.items[i].URL == "" {
			continue
		}
		if p := s.get(ctx, c.items[i].URL, c.depth+1); p.err == nil {
			b.WriteString(text.Normalize(page.VisibleText(p.page.Body, page.MaxDetailText)))
		}
	}
	return b.String()
}

// companion judges a companion column (抽查结果 beside 随机抽查事项清单):
// published when a column of that name exists with items, or when the main
// column's own items carry it.
func (s *siteRun) companion(ctx context.Context, r govaudit.Requirement, cf govaudit.Field, main *column, pool *linkPool, corpus string) map[string]any {
	out := map[string]any{"published": false}
	var links []poolLink
	for _, p := range main.entry.pages {
		for _, l := range p.Links() {
			links = append(links, poolLink{Link: l, depth: main.depth, from: p.url})
		}
	}
	links = append(links, pool.links...)
	exclude := map[string]bool{main.url: true}
	if m, ok := matchColumn(cf.Synonyms, nil, links, exclude); ok {
		c := column{found: true, url: m.link.URL, label: m.link.Label, foundOn: m.link.from, depth: m.link.depth + 1}
		s.read(ctx, &c, nil)
		v := s.columnVerdict(govaudit.Requirement{ID: r.ID, MaxAgeDays: r.MaxAgeDays}, &c)
		out["column_url"] = c.url
		out["status"] = string(v.Status)
		if v.NewestItem != nil {
			out["newest"] = v.NewestItem.Date.String()
		}
		out["published"] = v.Status == govaudit.StatusFresh || v.Status == govaudit.StatusStale
		return out
	}
	for _, it := range main.items {
		if mentions(text.Normalize(it.Title), cf.Synonyms) {
			out["published"] = true
			out["item_url"] = it.URL
			return out
		}
	}
	return out
}

// mentions reports whether normalised text contains any synonym.
func mentions(corpus string, synonyms []string) bool {
	for _, syn := range synonyms {
		if n := text.Normalize(syn); n != "" && strings.Contains(corpus, n) {
			return true
		}
	}
	return false
}
