package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/robfig/cron/v3"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/seeds"
	"go.yaml.in/yaml/v3"
)

// top decodes the top-level mapping into cfg, whose defaults stay where a
// key is left out. root is nil for an empty file.
func (d *decoder) top(cfg *Config, root *yaml.Node) {
	sitesSeen := false
	if root == nil {
		root = &yaml.Node{Kind: yaml.MappingNode}
	}
	d.fields("", root, []field{
		{"store", func(path string, v *yaml.Node) {
			if s, ok := d.text(path, v, "a file path"); ok {
				cfg.Store = s
			}
		}},
		{"timezone", func(path string, v *yaml.Node) {
			d.timezone(cfg, path, v)
		}},
		{"schedule", func(path string, v *yaml.Node) {
			if s, ok := d.text(path, v, `a 5-field cron expression such as "0 2 * * *"`); ok && d.schedule(path, v, s) {
				cfg.Schedule = s
			}
		}},
		{"listen", func(path string, v *yaml.Node) {
			if s, ok := d.text(path, v, "host:port such as 127.0.0.1:9464"); ok && d.listen(path, v, s) {
				cfg.Listen = s
			}
		}},
		{"auth_token", d.authToken(cfg)},
		{"auth_token_file", d.authTokenFile(cfg)},
		{"allowed_hosts", d.allowedHosts(cfg)},
		{"crawl", func(path string, v *yaml.Node) {
			d.crawl(&cfg.Crawl, path, v)
		}},
		{"checks", func(path string, v *yaml.Node) {
			d.checks(&cfg.Checks, path, v)
		}},
		{"include", func(path string, v *yaml.Node) {
			sitesSeen = true
			d.include(cfg, path, v)
		}},
		{"probe_interval", d.durationSetting("probe_interval", &cfg.ProbeInterval)},
		{"score", func(path string, v *yaml.Node) {
			d.score(&cfg.Score, path, v)
		}},
		{"holidays", func(path string, v *yaml.Node) {
			cfg.Holidays = d.dates(path, v)
		}},
		{"workdays", func(path string, v *yaml.Node) {
			cfg.Workdays = d.dates(path, v)
		}},
		{"office_hours", func(path string, v *yaml.Node) {
			if h, ok := d.officeHours(path, v); ok {
				cfg.OfficeHours = h
			}
		}},
		{"report", func(path string, v *yaml.Node) {
			d.report(&cfg.Report, path, v)
		}},
		{"sites", func(path string, v *yaml.Node) {
			sitesSeen = true
			cfg.Sites = d.sites(path, v)
		}},
		{"notify", func(path string, v *yaml.Node) {
			d.notify(&cfg.Notify, path, v)
		}},
	})
	if !sitesSeen {
		d.warnf(nil, "no sites configured; audits will have nothing to crawl")
	}
	d.authChecks(cfg, root)
}

func (d *decoder) timezone(cfg *Config, path string, v *yaml.Node) {
	s, ok := d.text(path, v, "a time zone name such as Asia/Shanghai")
	if !ok {
		return
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		d.errorf(v, "%s: unknown time zone %q; expected an IANA name such as Asia/Shanghai", path, s)
		return
	}
	cfg.Timezone, cfg.Location = s, loc
}

func (d *decoder) schedule(path string, v *yaml.Node, s string) bool {
	// The zone comes from the timezone key. cron's own TZ= prefix would
	// override it silently, and cron v3.0.1 panics on a TZ= prefix with
	// nothing after it.
	if strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
		d.errorf(v, "%s: set the time zone with the timezone key, not with %s in the schedule", path, s[:strings.Index(s, "=")+1])
		return false
	}
	if _, err := cron.ParseStandard(s); err != nil {
		d.errorf(v, "%s: %q is not a valid cron expression: %v", path, s, err)
		return false
	}
	return true
}

func (d *decoder) listen(path string, v *yaml.Node, s string) bool {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		d.errorf(v, "%s: expected host:port such as 127.0.0.1:9464, got %q: %v", path, s, unwrapAddrError(err))
		return false
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		d.errorf(v, "%s: expected a port number from 0 to 65535, got %q", path, port)
		return false
	}
	return true
}

// unwrapAddrError drops net.AddrError's repetition of the address.
func unwrapAddrError(err error) string {
	if ae, ok := err.(*net.AddrError); ok {
		return ae.Err
	}
	return err.Error()
}

func (d *decoder) crawl(c *Crawl, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping of crawler settings") {
		return
	}
	d.fields(path, v, []field{
		{"user_agent", func(path string, v *yaml.Node) {
			s, ok := d.text(path, v, "a user agent string")
			if !ok {
				return
			}
			// A line break in a header value would split the request.
			if strings.IndexFunc(s, unicode.IsControl) >= 0 {
				d.errorf(v, "%s: expected a single line without control characters, got %q", path, s)
				return
			}
			c.UserAgent = s
		}},
		{"max_depth", d.intSetting("crawl.max_depth", &c.MaxDepth)},
		{"max_pages_per_site", d.intSetting("crawl.max_pages_per_site", &c.MaxPagesPerSite)},
		{"per_host_parallelism", d.intSetting("crawl.per_host_parallelism", &c.PerHostParallelism)},
		{"per_host_delay", d.durationSetting("crawl.per_host_delay", &c.PerHostDelay)},
		{"max_crawl_delay", d.durationSetting("crawl.max_crawl_delay", &c.MaxCrawlDelay)},
		{"timeout", d.durationSetting("crawl.timeout", &c.Timeout)},
		{"max_body_bytes", d.int64Setting("crawl.max_body_bytes", &c.MaxBodyBytes)},
		{"respect_robots", d.boolInto(&c.RespectRobots)},
		{"allow_private_addresses", d.privateAddresses(c)},
		{"browser", func(path string, v *yaml.Node) {
			s, ok := d.text(path, v, "auto, always or never")
			if !ok {
				return
			}
			switch s {
			case govaudit.BrowserAuto, govaudit.BrowserAlways, govaudit.BrowserNever:
				c.Browser = s
			default:
				d.errorf(v, "%s: expected auto, always or never, got %q", path, s)
			}
		}},
		{"screenshots", d.boolInto(&c.Screenshots)},
		{"browser_path", func(path string, v *yaml.Node) {
			if s, ok := d.text(path, v, "the path of the Chromium binary"); ok {
				c.BrowserPath = s
			}
		}},
	})
}

func (d *decoder) checks(c *Checks, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping of check settings") {
		return
	}
	d.fields(path, v, []field{
		{"policy_documents", d.intSetting("checks.policy_documents", &c.PolicyDocuments)},
		{"site_concurrency", d.intSetting("checks.site_concurrency", &c.SiteConcurrency)},
		{"max_list_pages", d.intSetting("checks.max_list_pages", &c.MaxListPages)},
		{"site_deadline", d.durationSetting("checks.site_deadline", &c.SiteDeadline)},
		{"run_deadline", d.durationSetting("checks.run_deadline", &c.RunDeadline)},
	})
}

func (d *decoder) report(r *Report, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping of report settings") {
		return
	}
	d.fields(path, v, []field{
		{"issuer", d.textInto(&r.Issuer, "the issuing body, such as 辽宁省人民政府办公厅")},
		{"period", d.textInto(&r.Period, "the period covered, such as 2026年第四季度")},
		{"base_url", func(path string, v *yaml.Node) {
			s, ok := d.text(path, v, "the server's address, such as http://10.0.0.5:9464")
			if !ok {
				return
			}
			if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				d.errorf(v, "%s: expected an absolute http(s) address, got %q", path, s)
				return
			}
			r.BaseURL = s
		}},
	})
}

// textInto decodes a string.
func (d *decoder) textInto(dst *string, what string) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		if s, ok := d.text(path, v, what); ok {
			*dst = s
		}
	}
}

// include reads the list of seed names; includeSeeds merges them once the
// file's own sites are known.
func (d *decoder) include(cfg *Config, path string, v *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "%s: expected a list of seed names such as [liaoning], got %s", path, describe(v))
		return
	}
	for i, item := range v.Content {
		name, ok := d.text(fmt.Sprintf("%s[%d]", path, i), item, "a seed name")
		if !ok {
			continue
		}
		if _, err := seeds.Load(name); err != nil {
			d.errorf(item, "%s[%d]: %v", path, i, err)
			continue
		}
		cfg.Include = append(cfg.Include, name)
	}
}

// includeSeeds puts the included seeds' sites before the file's own; a
// file site with a seed site's id replaces it, so a config can override a
// seed entry (a better hint, an archived column) without copying the list.
func (d *decoder) includeSeeds(cfg *Config) {
	if len(cfg.Include) == 0 {
		return
	}
	own := map[string]bool{}
	for _, s := range cfg.Sites {
		own[s.ID] = true
	}
	var merged []govaudit.Site
	seen := map[string]bool{}
	for _, name := range cfg.Include {
		seed, err := seeds.Load(name)
		if err != nil {
			continue // reported by include
		}
		for _, s := range seed.Sites {
			if own[s.ID] || seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			merged = append(merged, s)
		}
	}
	cfg.Sites = append(merged, cfg.Sites...)
}

// score reads the weights of the site score.
func (d *decoder) score(w *govaudit.ScoreWeights, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping of score weights") {
		return
	}
	d.fields(path, v, []field{
		{"requirement_points", d.floatInto(&w.RequirementPoints, 100)},
		{"census_points", d.floatInto(&w.CensusPoints, 100)},
		{"stale", d.floatInto(&w.Stale, 1)},
		{"empty", d.floatInto(&w.Empty, 1)},
		{"census_warning", d.floatInto(&w.CensusWarning, 1)},
		{"noncompliant", d.floatInto(&w.NonCompliant, 1)},
	})
	if w.RequirementPoints+w.CensusPoints != 100 {
		d.errorf(v, "%s: requirement_points and census_points must add up to 100, got %g + %g", path, w.RequirementPoints, w.CensusPoints)
	}
}

// floatInto decodes a number from 0 to hi.
func (d *decoder) floatInto(dst *float64, hi float64) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		var f float64
		if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!float") || v.Decode(&f) != nil || f < 0 || f > hi {
			d.errorf(v, "%s: expected a number from 0 to %g, got %s", path, hi, describe(v))
			return
		}
		*dst = f
	}
}

// dates reads a list of YYYY-MM-DD days.
func (d *decoder) dates(path string, v *yaml.Node) []govaudit.Date {
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "%s: expected a list of dates such as [2026-10-01, 2026-10-02], got %s", path, describe(v))
		return nil
	}
	var out []govaudit.Date
	for i, item := range v.Content {
		s, ok := d.text(fmt.Sprintf("%s[%d]", path, i), item, "a date YYYY-MM-DD")
		if !ok {
			continue
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			d.errorf(item, "%s[%d]: expected a date YYYY-MM-DD, got %q", path, i, s)
			continue
		}
		out = append(out, govaudit.Date{Time: t})
	}
	return out
}
