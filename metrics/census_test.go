package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

func TestCensusSeries(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	score := 72.5
	snap := &store.Snapshot{
		Sites: []govaudit.Site{{ID: "a", Name: "甲", Level: govaudit.LevelCity}, {ID: "b", Name: "乙", Level: govaudit.LevelCity},
			{ID: "c", Name: "丙", Level: govaudit.LevelCity}},
		Audits: map[string]govaudit.SiteAudit{"a": {
			SiteID: "a", AuditedAt: time.Date(2026, 11, 25, 2, 0, 0, 0, loc), Reachable: true, Score: &score,
			Results: []govaudit.Result{{ID: "all-10", Status: govaudit.StatusFresh, Compliant: govaudit.CompliantYes}},
			Census: []govaudit.CensusFinding{
				{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictWarning, Value: 4},
				{Rule: govaudit.RuleHomepageNotUpdated, Verdict: govaudit.VerdictOK, Value: 3},
				{Rule: govaudit.RuleEmptyColumns, Verdict: govaudit.VerdictVeto, Value: 5},
			},
		},
			// Down at its audit, availability only warning: not judged.
			"b": {SiteID: "b", AuditedAt: time.Date(2026, 11, 25, 2, 0, 0, 0, loc), NotJudgedAudits: 2,
				HomeError: &govaudit.FetchError{Kind: govaudit.ErrTimeout, Message: "timeout"},
				Results:   []govaudit.Result{{ID: "all-10", Status: govaudit.StatusUnreachable, Compliant: govaudit.CompliantUnknown}}},
			// Home page read, every requirement behind a wall: not judged.
			"c": {SiteID: "c", AuditedAt: time.Date(2026, 11, 25, 2, 0, 0, 0, loc), Reachable: true,
				Results: []govaudit.Result{{ID: "all-10", Status: govaudit.StatusBlocked, Compliant: govaudit.CompliantUnknown}}, NotJudgedAudits: 1},
		},
	}
	// 3 days before the audit day: 2026-11-22 00:00 CST.
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(newSource(snap), govaudit.DefaultCatalog()))
	want := `
# HELP govaudit_census_verdict Verdict of a national-census rule at the site's last audit: 0 ok, 1 warning, 2 veto.
# TYPE govaudit_census_verdict gauge
govaudit_census_verdict{rule="availability",site="a"} 1
govaudit_census_verdict{rule="empty-columns",site="a"} 2
govaudit_census_verdict{rule="homepage-not-updated",site="a"} 0
# HELP govaudit_site_availability_ratio Share of the site's home-page probes over the last 7 days that succeeded, at its last audit (0 to 1).
# TYPE govaudit_site_availability_ratio gauge
govaudit_site_availability_ratio{site="a"} 0.96
# HELP govaudit_site_homepage_newest_item_timestamp_seconds Unix time of the day of the newest dated item reachable from the site's home page at its last audit.
# TYPE govaudit_site_homepage_newest_item_timestamp_seconds gauge
govaudit_site_homepage_newest_item_timestamp_seconds{site="a"} 1.7952768e+09
# HELP govaudit_site_score The site's score out of 100 at its last audit (weights in the config).
# TYPE govaudit_site_score gauge
govaudit_site_score{site="a"} 72.5
# HELP govaudit_site_verdict The site's standing at its last audit: 0 pass (合格), 1 warning (预警), 2 fail (不合格, any census veto), 3 not_judged (无法判定: home page unreadable or every requirement unknown).
# TYPE govaudit_site_verdict gauge
govaudit_site_verdict{site="a"} 2
govaudit_site_verdict{site="b"} 3
govaudit_site_verdict{site="c"} 3
# HELP govaudit_site_not_judged_audits How many audits in a row, the last included, left the site not judged (无法判定); 0 when the last audit judged it.
# TYPE govaudit_site_not_judged_audits gauge
govaudit_site_not_judged_audits{site="a"} 0
govaudit_site_not_judged_audits{site="b"} 2
govaudit_site_not_judged_audits{site="c"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "govaudit_census_verdict", "govaudit_site_availability_ratio",
		"govaudit_site_homepage_newest_item_timestamp_seconds", "govaudit_site_score", "govaudit_site_verdict", "govaudit_site_not_judged_audits"); err != nil {
		t.Error(err)
	}
	if got := testutil.CollectAndCount(NewCollector(newSource(snap), govaudit.DefaultCatalog()), "govaudit_requirement_info"); got != len(govaudit.DefaultCatalog().All()) {
		t.Errorf("requirement_info series: got %d, want one per catalog row", got)
	}
}
