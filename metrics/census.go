package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
)

// Site-level series: a few per site (one per census rule, plus score,
// verdict, availability and the home page's newest item), never per
// requirement, so that cardinality stays proportional to the site count.
var (
	censusVerdictDesc = prometheus.NewDesc(
		namespace+"_census_verdict",
		"Verdict of a national-census rule at the site's last audit: 0 ok, 1 warning, 2 veto.",
		[]string{"site", "rule"}, nil,
	)
	availabilityDesc = prometheus.NewDesc(
		namespace+"_site_availability_ratio",
		"Share of the site's home-page probes over the last 7 days that succeeded, at its last audit (0 to 1).",
		[]string{"site"}, nil,
	)
	homepageNewestDesc = prometheus.NewDesc(
		namespace+"_site_homepage_newest_item_timestamp_seconds",
		"Unix time of the day of the newest dated item reachable from the site's home page at its last audit.",
		[]string{"site"}, nil,
	)
	siteScoreDesc = prometheus.NewDesc(
		namespace+"_site_score",
		"The site's score out of 100 at its last audit (weights in the config).",
		[]string{"site"}, nil,
	)
	notJudgedDesc = prometheus.NewDesc(
		namespace+"_site_not_judged_audits",
		"How many audits in a row, the last included, left the site not judged (无法判定); 0 when the last audit judged it.",
		[]string{"site"}, nil,
	)
	siteVerdictDesc = prometheus.NewDesc(
		namespace+"_site_verdict",
		"The site's standing at its last audit: 0 pass (合格), 1 warning (预警), 2 fail (不合格, any census veto), 3 not_judged (无法判定: home page unreadable or every requirement unknown).",
		[]string{"site"}, nil,
	)
	requirementInfoDesc = prometheus.NewDesc(
		namespace+"_requirement_info",
		"Requirement of the catalog, always 1; join on the requirement label for its title.",
		[]string{"requirement", "title"}, nil,
	)
)

// requirementInfo builds the constant info series of the catalog.
func requirementInfo(cat govaudit.Catalog) []prometheus.Metric {
	var out []prometheus.Metric
	for _, r := range cat.All() {
		out = append(out, gauge(requirementInfoDesc, 1, r.ID, r.Title))
	}
	return out
}

// collectCensus emits the site-level census series of one audit.
func collectCensus(ch chan<- prometheus.Metric, siteID string, audit *govaudit.SiteAudit) {
	if audit.Score != nil {
		ch <- gauge(siteScoreDesc, *audit.Score, siteID)
	}
	if !audit.AuditedAt.IsZero() {
		ch <- gauge(siteVerdictDesc, float64(govaudit.SiteVerdictOf(*audit).Code()), siteID)
		ch <- gauge(notJudgedDesc, float64(audit.NotJudgedAudits), siteID)
	}
	for i := range audit.Census {
		f := &audit.Census[i]
		ch <- gauge(censusVerdictDesc, float64(f.Verdict.Code()), siteID, f.Rule)
		switch f.Rule {
		case govaudit.RuleAvailability:
			ch <- gauge(availabilityDesc, 1-f.Value/100, siteID)
		case govaudit.RuleHomepageNotUpdated:
			if f.Value >= 0 && !audit.AuditedAt.IsZero() {
				y, m, d := audit.AuditedAt.Date()
				day := time.Date(y, m, d, 0, 0, 0, 0, audit.AuditedAt.Location()).AddDate(0, 0, -int(f.Value))
				ch <- gauge(homepageNewestDesc, unixSeconds(day), siteID)
			}
		}
	}
}
