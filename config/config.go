// Package config reads and validates govaudit's YAML config file.
//
// Validation reports every problem with the line and column it was written
// at (see Problems), because a config of a hundred sites is mended in one
// pass only if the operator sees everything that is wrong at once. The
// file is decoded into a yaml.Node tree rather than straight into structs
// for that reason: nodes keep their positions, and unknown or duplicate keys
// are visible.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	// Embedded zone data: minimal container images carry no
	// /usr/share/zoneinfo, and the default zone must always load.
	_ "time/tzdata"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/notify"
)

// Config is a validated govaudit config.
type Config struct {
	Path     string         // file it was read from ("" for built-in)
	Store    string         // bbolt file; Load makes a relative path relative to the config file's directory
	Timezone string         // IANA zone name, for the schedule and for "today" in freshness
	Location *time.Location // loaded from Timezone
	Schedule string         // standard 5-field cron expression or a descriptor such as @daily
	Listen   string         // host:port of metrics, scorecards and health
	Crawl    Crawl
	Checks   Checks
	// Include names built-in seed lists (package seeds) whose sites are
	// audited too; a site of the file with the same id replaces the seed's.
	Include []string
	// ProbeInterval is how often serve probes every home page for the
	// census availability rule (at least 20 probes a day: at most 72m).
	ProbeInterval time.Duration
	// Score weighs requirements against census rules in the site score.
	Score govaudit.ScoreWeights
	// Holidays are public holidays (not working days) and Workdays the
	// weekend days worked instead (调休), for all-06's three working days.
	Holidays, Workdays []govaudit.Date
	// OfficeHours is when site owners and the General Office read alerts,
	// on working days by the calendar above (metric govaudit_office_open).
	OfficeHours govaudit.OfficeHours
	// Report is what the printable report (export --format html|pdf)
	// prints on its cover (keys under `report:` in YAML).
	Report Report
	Sites  []govaudit.Site
	// Notify holds the receivers of Alertmanager's notifications.
	Notify notify.Config
	// Warnings are things that are allowed but probably not meant, such as
	// a department code docs/requirements.md does not know. Format them with
	// (&Problems{File: c.Path, List: c.Warnings}).Error().
	Warnings []Problem

	// AuthToken, or the token in AuthTokenFile, is the bearer token the API
	// asks for on what changes state or exports in bulk (see APIToken).
	AuthToken, AuthTokenFile string
	// AllowedHosts are names the Host header may carry besides the listen
	// address's own (a reverse proxy's public name).
	AllowedHosts []string
}

// Report is the cover of the printable report.
type Report struct {
	// Issuer is the body that issues the report, such as 辽宁省人民政府办公厅.
	Issuer string
	// Period is the period the report covers, such as 2026年第四季度.
	Period string
	// BaseURL is the address the govaudit server is reached at; the report
	// links each stored copy of a page to BaseURL/evidence/{hash}. Empty:
	// copies are named by their hash.
	BaseURL string
}

// Crawl tunes the crawler (keys under `crawl:` in YAML): the crawler's own
// settings type, so that each setting is declared once.
type Crawl = govaudit.CrawlSettings

// Checks tunes the check kinds (keys under `checks:` in YAML).
type Checks struct {
	// PolicyDocuments is how many of the newest 政策文件 documents all-10
	// inspects for a 有效性 label.
	PolicyDocuments int
	// SiteConcurrency is how many sites one audit run crawls at once.
	SiteConcurrency int
	// MaxListPages bounds the pages of one list read when the list is not
	// sorted newest first.
	MaxListPages int
	// SiteDeadline bounds the audit of one site: what is unfinished then
	// is recorded as unreachable, so that one slow site (a long
	// Crawl-delay, a tarpit) cannot hold its slot for hours.
	SiteDeadline time.Duration
	// RunDeadline bounds a whole run: sites not audited by then keep their
	// previous results and the run is recorded as incomplete.
	RunDeadline time.Duration
}

// DefaultSiteConcurrency lets a national run of about 15,000 sites finish
// in a night at the default politeness (2 requests in flight per host,
// 500 ms apart): a site of p pages takes at least p × (latency + 500 ms)
// ÷ 2, so at 150 ms latency a site of 100 pages takes 33 s, and 15,000 of
// them take 15,000 × 33 s ÷ 64 ≈ 2.1 h; docs/scale.md has the measured
// figures and the memory each slot costs.
const DefaultSiteConcurrency = 64

// DefaultProbeInterval gives 72 probes a day, well over the census's 20.
const DefaultProbeInterval = 20 * time.Minute

// Default returns a config with every default and no sites. A key left out
// of a config file keeps its value from here.
func Default() Config {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		// time/tzdata is linked in, so this cannot happen short of a
		// broken build.
		panic(fmt.Sprintf("config: load default time zone: %v", err))
	}
	return Config{
		Store:    "data/govaudit.db",
		Timezone: "Asia/Shanghai",
		Location: loc,
		Schedule: "0 2 * * *",
		Listen:   "127.0.0.1:9464",
		Crawl: Crawl{
			UserAgent:          "govaudit/1.0 (+https://github.com/govaudit/govaudit)",
			MaxDepth:           3,
			MaxPagesPerSite:    400,
			PerHostParallelism: 2,
			PerHostDelay:       500 * time.Millisecond,
			MaxCrawlDelay:      10 * time.Second,
			Timeout:            20 * time.Second,
			MaxBodyBytes:       8 << 20,
			RespectRobots:      true,
			Browser:            govaudit.BrowserAuto,
			Screenshots:        true,
		},
		ProbeInterval: DefaultProbeInterval,
		Score:         govaudit.DefaultScoreWeights,
		OfficeHours:   govaudit.DefaultOfficeHours,
		Checks: Checks{
			PolicyDocuments: 10,
			SiteConcurrency: DefaultSiteConcurrency,
			MaxListPages:    10,
			SiteDeadline:    30 * time.Minute,
			RunDeadline:     20 * time.Hour,
		},
		Notify: notify.DefaultConfig(),
	}
}

// Load reads and validates the config file at path. A relative store path
// is taken relative to the file's directory, so that a config works the
// same from whatever directory the daemon starts in. An invalid config
// yields a *Problems.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	cfg.Path = path
	if !filepath.IsAbs(cfg.Store) {
		cfg.Store = filepath.Join(filepath.Dir(path), cfg.Store)
	}
	if cfg.AuthTokenFile != "" && !filepath.IsAbs(cfg.AuthTokenFile) {
		cfg.AuthTokenFile = filepath.Join(filepath.Dir(path), cfg.AuthTokenFile)
	}
	return cfg, nil
}

// Parse validates config data; name is the file name problems are reported
// against. Store is returned as written. An invalid config yields a
// *Problems listing every problem.
func Parse(data []byte, name string) (*Config, error) {
	cfg := Default()
	d := &decoder{}
	d.top(&cfg, d.document(data))
	d.includeSeeds(&cfg)
	if len(d.errs) > 0 {
		sortProblems(d.errs)
		return nil, &Problems{File: name, List: d.errs}
	}
	sortProblems(d.warns)
	cfg.Warnings = d.warns
	return &cfg, nil
}
