package checks

import (
	"github.com/govaudit/govaudit"
)

// judgeLink is KindLink: the site links to the named platform. The link's
// target is another organisation's site, so it is reported, not fetched:
// its freshness is not this site's duty.
func (s *siteRun) judgeLink(r govaudit.Requirement, pool *linkPool) govaudit.Result {
	res := govaudit.Result{ID: r.ID, MaxAgeDays: r.MaxAgeDays}
	c, ok := s.locate(r, pool)
	if !ok {
		res.Status = govaudit.StatusMissing
		res.Evidence = []string{msgLinkMissing(r.Keywords)}
		return res
	}
	res.Status = govaudit.StatusFresh
	res.ColumnURL = c.url
	res.Evidence = []string{msgLinkFound(c)}
	return res
}
