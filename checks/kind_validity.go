package checks

import (
	"context"
	"sync"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// detailConcurrency bounds the detail pages one check reads at once; the
// fetcher's per-host limit is the real politeness bound, this only keeps
// goroutines few.
const detailConcurrency = 4

// validityLabels are the values a 有效性 label takes on real sites.
var validityLabels = normalizeAll("有效", "失效", "废止", "已修改", "部分失效", "部分有效", "现行有效", "已失效", "已废止", "尚未生效", "修订")

// judgeValidity is KindValidity (all-10): the policy-document column is
// found and fresh, and its newest documents carry a 有效性 label, read from
// the list's own column or from each document's metadata block.
func (s *siteRun) judgeValidity(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	c, ok := s.locate(r, pool)
	if ok {
		s.read(ctx, &c, nil)
	}
	res := s.columnVerdict(r, &c)
	if !ok || c.err != nil || len(c.items) == 0 {
		return res
	}

	n := min(max(s.a.PolicyDocuments, 1), len(c.items))
	// The newest n must be the newest by their real dates: confirm guessed
	// years before choosing them, then redo the verdict on the settled order.
	s.confirmTop(ctx, &c, n)
	res = s.columnVerdict(r, &c)
	labels := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailConcurrency)
	for i := 0; i < n; i++ {
		if v := validityValue(c.items[i].Validity); v != "" {
			labels[i] = v
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			labels[i] = s.detailValidity(ctx, c.items[i].URL, c.depth+1)
		}()
	}
	wg.Wait()

	labelled := 0
	counts := map[string]any{}
	var unlabelled []any
	for i, v := range labels {
		if v == "" {
			unlabelled = append(unlabelled, c.items[i].URL)
			continue
		}
		labelled++
		if prev, ok := counts[v].(int); ok {
			counts[v] = prev + 1
		} else {
			counts[v] = 1
		}
	}
	res.Details = map[string]any{
		"documents_checked": n,
		"validity_labelled": labelled,
		"labels":            counts,
	}
	if len(unlabelled) > 0 {
		res.Details["unlabelled"] = unlabelled
	}
	res.Evidence = append(res.Evidence, msgValidity(labelled, n))
	return res
}

// detailValidity returns the normalised 有效性 label of a document's detail
// page, or "" when it has none or cannot be fetched. The page is tokenized,
// not parsed into a tree: the label is all this check needs from it.
func (s *siteRun) detailValidity(ctx context.Context, u string, depth int) string {
	if u == "" {
		return ""
	}
	p := s.get(ctx, u, depth)
	if p.err != nil {
		return ""
	}
	return page.ScanValidity(p.page.Body)
}

// validityValue returns the normalised 有效性 value when v is one, else "".
// A metadata cell sometimes carries more than the value ("有效 (2026-01-01起)").
func validityValue(v string) string {
	nv := text.Normalize(v)
	if nv == "" {
		return ""
	}
	for _, l := range validityLabels {
		if nv == l {
			return l
		}
	}
	for _, l := range validityLabels {
		if len(nv) <= len(l)+24 && containsPrefix(nv, l) {
			return l
		}
	}
	return ""
}

func containsPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }
