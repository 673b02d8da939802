package metrics

import (
	"fmt"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

const namespace = "govaudit"

// Snapshotter returns the current snapshot; *store.Store satisfies it.
// Snapshot may return nil before the store has loaded anything.
type Snapshotter interface {
	Snapshot() *store.Snapshot
}

// The descriptors are built once: a scrape only fills in label values.
var (
	// The column's address rides on the status series as a label, so that
	// alerts can name it without a third series per (site, requirement).
	requirementStatusDesc = prometheus.NewDesc(
		namespace+"_requirement_status",
		statusHelp(),
		[]string{"site", "requirement", "column_url"}, nil,
	)
	newestItemDesc = prometheus.NewDesc(
		namespace+"_requirement_newest_item_timestamp_seconds",
		"Unix time of the day of the newest dated item found for the requirement at the site's last audit (midnight in the configured timezone). Absent when no dated item was found.",
		[]string{"site", "requirement"}, nil,
	)
	maxAgeDesc = prometheus.NewDesc(
		namespace+"_requirement_max_age_seconds",
		"Oldest the newest item of a requirement may be before the column counts as stale, from the requirement catalog.",
		[]string{"requirement"}, nil,
	)
	siteInfoDesc = prometheus.NewDesc(
		namespace+"_site_info",
		"Configured site, always 1; join on the site label for its name, level, department and city.",
		[]string{"site", "name", "level", "department", "city"}, nil,
	)
	siteReachableDesc = prometheus.NewDesc(
		namespace+"_site_reachable",
		"Whether the site's home page could be read at its last audit (1) or not (0).",
		[]string{"site"}, nil,
	)
	siteLastAuditDesc = prometheus.NewDesc(
		namespace+"_site_last_audit_timestamp_seconds",
		"Unix time at which the site's last complete audit started.",
		[]string{"site"}, nil,
	)
	sitePagesDesc = prometheus.NewDesc(
		namespace+"_site_pages_fetched",
		"Pages fetched by the site's last complete audit.",
		[]string{"site"}, nil,
	)
	lastCompleteRunDesc = prometheus.NewDesc(
		namespace+"_last_complete_run_timestamp_seconds",
		"Unix time at which the newest audit run that saved every one of its sites finished.",
		nil, nil,
	)
	sitesDesc = prometheus.NewDesc(
		namespace+"_sites",
		"Number of configured sites.",
		nil, nil,
	)
)

// statusHelp spells out the status codes from checks.Status.Code itself, so
// that the HELP text cannot drift from the values exported.
func statusHelp() string {
	var b strings.Builder
	b.WriteString("Status of the requirement at the site's last audit: ")
	for i, s := range govaudit.Statuses {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d %s", s.Code(), s)
	}
	b.WriteString(".")
	return b.String()
}

// collector renders the snapshot current at scrape time.
type collector struct {
	src Snapshotter
	// maxAge is rendered once: the catalog does not change while the
	// process runs, and constant metrics may be sent any number of times.
	maxAge []prometheus.Metric
}

// NewCollector returns a collector of the per-site metrics in src's snapshot
// and of the maximum ages in cat.
func NewCollector(src Snapshotter, cat govaudit.Catalog) prometheus.Collector {
	c := &collector{src: src}
	c.maxAge = append(c.maxAge, requirementInfo(cat)...)
	for _, r := range cat.All() {
		if r.MaxAgeDays <= 0 {
			continue
		}
		age := time.Duration(r.MaxAgeDays) * 24 * time.Hour
		c.maxAge = append(c.maxAge, gauge(maxAgeDesc, age.Seconds(), r.ID))
	}
	return c
}

// Describe implements prometheus.Collector.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- requirementStatusDesc
	ch <- newestItemDesc
	ch <- maxAgeDesc
	ch <- siteInfoDesc
	ch <- siteReachableDesc
	ch <- siteLastAuditDesc
	ch <- sitePagesDesc
	ch <- lastCompleteRunDesc
	ch <- sitesDesc
	ch <- censusVerdictDesc
	ch <- availabilityDesc
	ch <- homepageNewestDesc
	ch <- siteScoreDesc
	ch <- siteVerdictDesc
	ch <- notJudgedDesc
	ch <- requirementInfoDesc
}

// Collect implements prometheus.Collector. It walks the configured sites
// once, in the snapshot's order: the registry sorts what it gathers, so
// sorting here would be wasted work. Audits of sites no longer configured
// are left out, so their series disappear with the site.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	for _, m := range c.maxAge {
		ch <- m
	}
	snap := c.src.Snapshot()
	if snap == nil {
		return
	}
	ch <- gauge(sitesDesc, float64(len(snap.Sites)))
	if run := snap.LastCompleteRun; run != nil && !run.FinishedAt.IsZero() {
		ch <- gauge(lastCompleteRunDesc, unixSeconds(run.FinishedAt))
	}
	for i := range snap.Sites {
		site := &snap.Sites[i]
		ch <- gauge(siteInfoDesc, 1, site.ID, site.Name, string(site.Level), site.Department, site.City)
		audit, ok, err := snap.Audit(site.ID)
		if err != nil {
			ch <- prometheus.NewInvalidMetric(requirementStatusDesc, fmt.Errorf("site %s: %w", site.ID, err))
			continue
		}
		if !ok {
			continue
		}
		collectAudit(ch, site.ID, &audit)
	}
}

// collectAudit sends the series of one site's last audit.
func collectAudit(ch chan<- prometheus.Metric, siteID string, audit *govaudit.SiteAudit) {
	reachable := 0.0
	if audit.Reachable {
		reachable = 1
	}
	ch <- gauge(siteReachableDesc, reachable, siteID)
	if !audit.AuditedAt.IsZero() {
		ch <- gauge(siteLastAuditDesc, unixSeconds(audit.AuditedAt), siteID)
	}
	ch <- gauge(sitePagesDesc, float64(audit.Fetch.Pages), siteID)
	collectCensus(ch, siteID, audit)
	for j := range audit.Results {
		r := &audit.Results[j]
		code := r.Status.Code()
		if code < 0 {
			// A status outside the contract is a bug upstream: report it
			// on every scrape rather than export a code that alerts would
			// read as "fresh".
			ch <- prometheus.NewInvalidMetric(requirementStatusDesc,
				fmt.Errorf("site %s requirement %s: undefined status %q", siteID, r.ID, r.Status))
			continue
		}
		ch <- gauge(requirementStatusDesc, float64(code), siteID, r.ID, r.ColumnURL)
		if r.NewestItem != nil && !r.NewestItem.Date.IsZero() {
			ch <- gauge(newestItemDesc, unixSeconds(r.NewestItem.Date.Time), siteID, r.ID)
		}
	}
}

// gauge builds a constant gauge. A label value that is not valid UTF-8 (a
// site name from a badly encoded config, say) becomes an invalid metric: the
// scrape reports it and serves everything else, where MustNewConstMetric
// would panic inside the registry's collecting goroutine and take the daemon
// down.
func gauge(desc *prometheus.Desc, v float64, labelValues ...string) prometheus.Metric {
	m, err := prometheus.NewConstMetric(desc, prometheus.GaugeValue, v, labelValues...)
	if err != nil {
		return prometheus.NewInvalidMetric(desc, err)
	}
	return m
}

// unixSeconds converts t without going through UnixNano, which overflows
// for dates outside 1678–2262 that a misread page could produce.
func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}
