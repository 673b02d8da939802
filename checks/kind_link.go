package checks

import (
	"fmt"

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
		res.Evidence = []string{fmt.Sprintf("no link labelled like %v found on the home page or the disclosure portal", r.Keywords)}
		return res
	}
	res.Status = govaudit.StatusFresh
	res.ColumnURL = c.url
	res.Evidence = []string{fmt.Sprintf("link %q to %s found on %s", c.label, c.url, c.foundOn)}
	return res
}
