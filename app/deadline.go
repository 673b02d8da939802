package app

import (
	"context"
	"fmt"
	"time"

	"github.com/govaudit/govaudit"
)

// siteContext bounds one site's audit by the site deadline, inside the
// run's context.
func (r *runner) siteContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if r.siteDeadline <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, r.siteDeadline)
}

// markCutOff records that the audit of a site was cut off by its deadline.
// What was judged from pages actually read stands; a requirement left
// without a judgement — unreachable, or missing or empty because the pages
// that would have shown the column were never fetched — is recorded as
// unreachable, with evidence saying why, so that a slow site is never
// reported as lacking a column it may have. The census block is left out
// of the availability judgement (runner.judgeAvailability is skipped): a
// home page cut off by our deadline says nothing about the site being up.
func markCutOff(a *govaudit.SiteAudit, deadline time.Duration) {
	note := fmt.Sprintf("本站审计超过时限（%s）仍未完成，未完成的栏目记为无法访问，待下次审计复核。", deadlineText(deadline))
	for i := range a.Results {
		res := &a.Results[i]
		switch res.Status {
		case govaudit.StatusUnreachable, govaudit.StatusMissing, govaudit.StatusEmpty, govaudit.StatusUnreadable:
		default:
			continue
		}
		res.Status = govaudit.StatusUnreachable
		res.Compliant = govaudit.CompliantUnknown
		res.Shortfalls = nil
		res.Evidence = append([]string{note}, res.Evidence...)
	}
}

// deadlineText spells a deadline in Chinese: 30分钟, 1小时30分钟, 45秒.
func deadlineText(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	out := ""
	if h > 0 {
		out += fmt.Sprintf("%d小时", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%d分钟", m)
	}
	if s > 0 || out == "" {
		out += fmt.Sprintf("%d秒", s)
	}
	return out
}
