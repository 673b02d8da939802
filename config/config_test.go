package config

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/notify"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// withoutLocation returns c with Location cleared, after checking that it
// names the configured zone: two loads of one zone are equal in meaning but
// need not be in their cached transitions.
func withoutLocation(t *testing.T, c Config) Config {
	t.Helper()
	if c.Location == nil {
		t.Fatalf("Location is nil, want the zone %q", c.Timezone)
	}
	if got, want := c.Location.String(), c.Timezone; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	c.Location = nil
	return c
}

func TestDefault(t *testing.T) {
	c := Default()
	cases := []struct {
		name      string
		got, want any
	}{
		{"Store", c.Store, "data/govaudit.db"},
		{"Timezone", c.Timezone, "Asia/Shanghai"},
		{"Schedule", c.Schedule, "0 2 * * *"},
		{"Listen", c.Listen, "127.0.0.1:9464"},
		{"UserAgent", c.Crawl.UserAgent, "govaudit/1.0 (+https://github.com/govaudit/govaudit)"},
		{"MaxDepth", c.Crawl.MaxDepth, 3},
		{"MaxPagesPerSite", c.Crawl.MaxPagesPerSite, 400},
		{"PerHostParallelism", c.Crawl.PerHostParallelism, 2},
		{"PerHostDelay", c.Crawl.PerHostDelay, 500 * time.Millisecond},
		{"MaxCrawlDelay", c.Crawl.MaxCrawlDelay, 10 * time.Second},
		{"Timeout", c.Crawl.Timeout, 20 * time.Second},
		{"MaxBodyBytes", c.Crawl.MaxBodyBytes, int64(8388608)},
		{"RespectRobots", c.Crawl.RespectRobots, true},
		{"AllowPrivateAddresses", c.Crawl.AllowPrivateAddresses, false},
		{"PolicyDocuments", c.Checks.PolicyDocuments, 10},
		{"SiteConcurrency", c.Checks.SiteConcurrency, 64},
		{"SiteDeadline", c.Checks.SiteDeadline, 30 * time.Minute},
		{"RunDeadline", c.Checks.RunDeadline, 20 * time.Hour},
		{"Sites", len(c.Sites), 0},
		{"Path", c.Path, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if c.Location == nil || c.Location.String() != "Asia/Shanghai" {
		t.Errorf("Location = %v, want Asia/Shanghai", c.Location)
	}
}

func TestParseValid(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data, "valid.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Default()
	want.Crawl.UserAgent = "govaudit/1.0 (+contact address)"
	want.Sites = []govaudit.Site{{
		ID:         "ln-fgw",
		Name:       "辽宁省发展和改革委员会",
		URL:        "https://fgw.ln.gov.cn/",
		Level:      govaudit.LevelProvince,
		Department: "fgw",
		Hints:      map[string]string{"fgw-3": "https://fgw.ln.gov.cn/ppp/"},
	}}
	if g, w := withoutLocation(t, *got), withoutLocation(t, want); !reflect.DeepEqual(g, w) {
		t.Errorf("got  %+v\nwant %+v", g, w)
	}
}

// TestParseValues checks that each key lands in its field, with values other
// than the defaults so that a key that is ignored shows.
func TestParseValues(t *testing.T) {
	const data = `
store: /var/lib/govaudit/audit.db
timezone: UTC
schedule: "@daily"
listen: ":0"
auth_token: 0123456789abcdef
allowed_hosts: [govaudit]
crawl:
  user_agent: test-agent
  max_depth: 10
  max_pages_per_site: 1
  per_host_parallelism: 32
  per_host_delay: 0
  max_crawl_delay: 2m
  timeout: 1m30s
  max_body_bytes: 1024
  respect_robots: false
  allow_private_addresses: true
  browser: never
  browser_path: /opt/chromium/chrome
checks:
  policy_documents: 50
  site_concurrency: 1
  max_list_pages: 3
  site_deadline: 45m
  run_deadline: 6h
probe_interval: 15m
score:
  requirement_points: 60
  census_points: 40
  stale: 0.4
  empty: 0
  census_warning: 0.25
  noncompliant: 0.3
office_hours: "09:00-17:30"
sites:
  - id: sy-hp
    name: 和平区人民政府
    url: http://127.0.0.1:8080/
    level: county
    department: scjg
    city: 沈阳市
    market_supervision: true
    archived_columns: [抗疫专题, http://127.0.0.1:8080/2019/]
`
	got, err := Parse([]byte(data), "values.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Config{
		Store:    "/var/lib/govaudit/audit.db",
		Timezone: "UTC",
		Schedule: "@daily",
		Listen:   ":0",
		Crawl: Crawl{
			UserAgent:             "test-agent",
			MaxDepth:              10,
			MaxPagesPerSite:       1,
			PerHostParallelism:    32,
			PerHostDelay:          0,
			MaxCrawlDelay:         2 * time.Minute,
			Timeout:               90 * time.Second,
			MaxBodyBytes:          1024,
			RespectRobots:         false,
			AllowPrivateAddresses: true,
			Browser:               govaudit.BrowserNever,
			BrowserPath:           "/opt/chromium/chrome",
			Screenshots:           true,
		},
		Checks:        Checks{PolicyDocuments: 50, SiteConcurrency: 1, MaxListPages: 3, SiteDeadline: 45 * time.Minute, RunDeadline: 6 * time.Hour},
		Notify:        notify.DefaultConfig(),
		ProbeInterval: 15 * time.Minute,
		Score:         govaudit.ScoreWeights{RequirementPoints: 60, CensusPoints: 40, Stale: 0.4, Empty: 0, CensusWarning: 0.25, NonCompliant: 0.3},
		OfficeHours:   govaudit.OfficeHours{Start: 9 * time.Hour, End: 17*time.Hour + 30*time.Minute},
		AuthToken:     "0123456789abcdef",
		AllowedHosts:  []string{"govaudit"},
		Sites: []govaudit.Site{{
			ID: "sy-hp", Name: "和平区人民政府", URL: "http://127.0.0.1:8080/",
			Level: govaudit.LevelCounty, Department: "scjg", City: "沈阳市", MarketSupervision: true,
			Archived: []string{"抗疫专题", "http://127.0.0.1:8080/2019/"},
		}},
	}
	if g, w := withoutLocation(t, *got), withoutLocation(t, withZone(want)); !reflect.DeepEqual(g, w) {
		t.Errorf("got  %+v\nwant %+v", g, w)
	}
}

// withZone gives a hand-built want the Location its Timezone names.
func withZone(c Config) Config {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		panic(err)
	}
	c.Location = loc
	return c
}

func TestParseEmptyGivesDefaults(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"empty", ""},
		{"comments only", "# nothing yet\n\n# still nothing\n"},
		{"null document", "~\n"},
		{"document marker", "---\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse([]byte(tc.data), "empty.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := Default()
			want.Warnings = []Problem{{Message: "no sites configured; audits will have nothing to crawl"}}
			if g, w := withoutLocation(t, *got), withoutLocation(t, want); !reflect.DeepEqual(g, w) {
				t.Errorf("got  %+v\nwant %+v", g, w)
			}
		})
	}
}

// TestMaxCrawlDelay checks crawl.max_crawl_delay: its default, the values
// it takes and the line of a bad one.
func TestMaxCrawlDelay(t *testing.T) {
	tests := []struct {
		name string
		yaml string // the crawl: section
		want time.Duration
		// A bad value: the problem's line and a part of its message.
		errLine int
		errHas  string
	}{
		{name: "default", yaml: "crawl:\n  per_host_delay: 1s\n", want: 10 * time.Second},
		{name: "set", yaml: "crawl:\n  max_crawl_delay: 1m30s\n", want: 90 * time.Second},
		{name: "zero ignores Crawl-delay", yaml: "crawl:\n  max_crawl_delay: 0\n", want: 0},
		{name: "zero with a unit", yaml: "crawl:\n  max_crawl_delay: 0s\n", want: 0},
		{
			name:    "negative",
			yaml:    "crawl:\n  per_host_delay: 1s\n  max_crawl_delay: -5s\n",
			errLine: 3, errHas: "crawl.max_crawl_delay: expected a duration of 0s or more, got -5s",
		},
		{
			name:    "no unit",
			yaml:    "crawl:\n  max_crawl_delay: 10\n",
			errLine: 2, errHas: "crawl.max_crawl_delay: expected a duration",
		},
		{
			name:    "not a duration",
			yaml:    "crawl:\n  max_crawl_delay: ten seconds\n",
			errLine: 2, errHas: "crawl.max_crawl_delay: expected a duration",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.yaml + "sites:\n  - {id: ln, name: 辽宁省人民政府, url: https://www.ln.gov.cn/, level: province}\n"
			cfg, err := Parse([]byte(data), "crawl.yaml")
			if tt.errHas == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if got := cfg.Crawl.MaxCrawlDelay; got != tt.want {
					t.Errorf("MaxCrawlDelay: got %s, want %s", got, tt.want)
				}
				return
			}
			var probs *Problems
			if !errors.As(err, &probs) || len(probs.List) != 1 {
				t.Fatalf("got error %v, want one problem", err)
			}
			if p := probs.List[0]; p.Line != tt.errLine || !strings.Contains(p.Message, tt.errHas) {
				t.Errorf("got line %d %q, want line %d containing %q", p.Line, p.Message, tt.errLine, tt.errHas)
			}
		})
	}
}

// TestBadGolden runs every testdata/bad_*.yaml and compares the Error() text
// with testdata/bad_*.golden. Run with -update to rewrite the golden files,
// then read the diff: every line must name the right place.
func TestBadGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/bad_*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/bad_*.yaml files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			cfg, err := Load(file)
			if err == nil {
				t.Fatalf("Load returned no error, want problems; config %+v", cfg)
			}
			var probs *Problems
			if !errors.As(err, &probs) {
				t.Fatalf("error is %T (%v), want *Problems", err, err)
			}
			if probs.File != file {
				t.Errorf("File = %q, want %q", probs.File, file)
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			for _, p := range probs.List {
				if p.Message == "" || p.Message != strings.ToLower(p.Message[:1])+p.Message[1:] {
					t.Errorf("message %q: want a non-empty message starting in lowercase", p.Message)
				}
			}
		})
	}
}

func TestFiveProblemsAllReported(t *testing.T) {
	_, err := Load("testdata/bad_five.yaml")
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("got error %v, want *Problems", err)
	}
	want := []struct {
		line int
		has  string
	}{
		{3, "not a valid cron expression"},
		{5, `unknown key "max_depht" (did you mean "max_depth"?)`},
		{6, "a number without a unit"},
		{13, `duplicate site id "ln-fgw"; sites[0] at line 8`},
		{19, `unknown requirement id "czt-9"`},
	}
	if len(probs.List) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(probs.List), len(want), err)
	}
	for i, w := range want {
		p := probs.List[i]
		if p.Line != w.line || !strings.Contains(p.Message, w.has) {
			t.Errorf("problem %d: got line %d %q, want line %d containing %q", i, p.Line, p.Message, w.line, w.has)
		}
	}
}

func TestLoadResolvesStoreAgainstConfigDir(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "elsewhere", "abs.db")
	for _, tc := range []struct {
		name, store, want string
	}{
		{"relative", "store: db/audit.db\n", filepath.Join(dir, "db", "audit.db")},
		{"dot relative", "store: ./audit.db\n", filepath.Join(dir, "audit.db")},
		{"parent", "store: ../audit.db\n", filepath.Join(filepath.Dir(dir), "audit.db")},
		{"absolute", "store: " + abs + "\n", abs},
		{"default", "", filepath.Join(dir, "data", "govaudit.db")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "govaudit.yaml")
			if err := os.WriteFile(path, []byte(tc.store+"sites: []\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Store != tc.want {
				t.Errorf("Store: got %q, want %q", c.Store, tc.want)
			}
			if c.Path != path {
				t.Errorf("Path: got %q, want %q", c.Path, path)
			}
		})
	}
}

func TestParseKeepsStoreAsWritten(t *testing.T) {
	c, err := Parse([]byte("store: db/audit.db\n"), "conf/govaudit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Store != "db/audit.db" || c.Path != "" {
		t.Errorf("got Store %q Path %q, want %q and empty Path", c.Store, c.Path, "db/audit.db")
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want an error wrapping fs.ErrNotExist", err)
	}
	var probs *Problems
	if errors.As(err, &probs) {
		t.Errorf("got *Problems for a missing file, want a plain read error")
	}
}

func TestWarnings(t *testing.T) {
	const site = "  - id: a\n    name: A\n    url: https://a.example.gov.cn/\n    level: province\n"
	for _, tc := range []struct {
		name, data string
		want       []Problem
	}{
		{"no sites key", "store: x.db\n", []Problem{
			{0, 0, "no sites configured; audits will have nothing to crawl"}}},
		{"null sites", "sites:\n", []Problem{
			{1, 7, "sites: no sites configured; audits will have nothing to crawl"}}},
		{"empty sites", "sites: []\n", []Problem{
			{1, 8, "sites: the list is empty; audits will have nothing to crawl"}}},
		{"unknown department", "sites:\n" + site + "    department: fwg\n", []Problem{
			{6, 17, `sites[0].department: "fwg" is not a department code of docs/requirements.md, so the site gets the all-* rows only (did you mean "fgw"?)`}}},
		{"department in capitals", "sites:\n" + site + "    department: SCJG\n", []Problem{
			{6, 17, `sites[0].department: "SCJG" is not a department code of docs/requirements.md, so the site gets the all-* rows only (did you mean "scjg"?)`}}},
		{"successor code is known", "sites:\n" + site + "    department: sthj\n", nil},
		{"same address twice", "sites:\n" + site + "  - id: b\n    name: B\n    url: HTTPS://A.example.gov.cn\n    level: province\n", []Problem{
			{8, 10, "sites[1].url: sites[0] at line 4 has the same address; the site will be audited twice"}}},
		{"hint for another department's row", "sites:\n" + site + "    department: jyt\n    hints:\n      fgw-3: https://a.example.gov.cn/ppp/\n", []Problem{
			{8, 7, "sites[0].hints: fgw-3 does not apply to this site, so the hint is never used"}}},
		{"hint for an offline row", "sites:\n" + site + "    hints:\n      all-08: https://a.example.gov.cn/fbh/\n", []Problem{
			{7, 7, "sites[0].hints: all-08 is not checkable on the web, so the hint is never used"}}},
		{"hint applies through market_supervision after hints", "sites:\n" + site + "    department: jtt\n    hints:\n      all-05: https://a.example.gov.cn/sjjc/\n    market_supervision: true\n", []Problem{
			{6, 17, `sites[0].department: "jtt" is not a department code of docs/requirements.md, so the site gets the all-* rows only (did you mean "jyt"?)`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(tc.data), "w.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(c.Warnings, tc.want) {
				t.Errorf("got  %+v\nwant %+v", c.Warnings, tc.want)
			}
		})
	}
}

// TestSyntaxPositions covers the YAML errors whose position the library
// does not report in its message.
func TestSyntaxPositions(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       Problem
	}{
		{"tab indent", "crawl:\n\tmax_depth: 3\n", Problem{2, 0, "invalid yaml: found character that cannot start any token"}},
		{"unknown anchor", "sites:\n  - id: a\n    url: *home\n", Problem{3, 10, "invalid yaml: unknown anchor 'home' referenced"}},
		{"anchor name is a prefix", "a: '*hom'\nb: *home\n", Problem{2, 4, "invalid yaml: unknown anchor 'home' referenced"}},
		{"invalid utf-8", "store: ok\nname: 辽宁\xff\n", Problem{2, 9, "invalid yaml: invalid leading UTF-8 octet"}},
		{"control character", "store: a\x01b\n", Problem{1, 9, "invalid yaml: control characters are not allowed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.data), "s.yaml")
			var probs *Problems
			if !errors.As(err, &probs) {
				t.Fatalf("got %v, want *Problems", err)
			}
			if len(probs.List) != 1 || probs.List[0] != tc.want {
				t.Errorf("got %+v, want [%+v]", probs.List, tc.want)
			}
		})
	}
}

func TestAliasesAreFollowed(t *testing.T) {
	const data = `
hosts:
sites:
  - &fgw
    id: ln-fgw
    name: 辽宁省发展和改革委员会
    url: &fgwurl https://fgw.ln.gov.cn/
    level: province
    department: fgw
    hints:
      fgw-3: *fgwurl
`
	_, err := Parse([]byte(data), "a.yaml")
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("got %v, want *Problems for the unknown key hosts", err)
	}
	if len(probs.List) != 1 || probs.List[0].Line != 2 {
		t.Errorf("got %v, want one problem on line 2", err)
	}
	c, err := Parse([]byte(strings.Replace(data, "hosts:\n", "", 1)), "a.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := c.Sites[0].Hints["fgw-3"], "https://fgw.ln.gov.cn/"; got != want {
		t.Errorf("hint through alias: got %q, want %q", got, want)
	}
}

func TestExampleLoads(t *testing.T) {
	c, err := Load("example.yaml")
	if err != nil {
		t.Fatalf("example.yaml: %v", err)
	}
	if len(c.Warnings) > 0 {
		t.Errorf("example.yaml warnings:\n%v", (&Problems{File: c.Path, List: c.Warnings}).Error())
	}
	if len(c.Sites) < 2 {
		t.Errorf("got %d sites, want at least 2", len(c.Sites))
	}
	hints := 0
	for _, s := range c.Sites {
		hints += len(s.Hints)
	}
	if hints == 0 {
		t.Error("no site has hints, want at least one to show the key")
	}
	// The example documents the defaults, so apart from sites it must be
	// the built-in config; a changed default that the example misses shows
	// here.
	want := Default()
	want.Path, want.Store, want.Sites = c.Path, c.Store, c.Sites
	want.Notify.BaseURL, want.Notify.Receivers = c.Notify.BaseURL, c.Notify.Receivers
	if g, w := withoutLocation(t, *c), withoutLocation(t, want); !reflect.DeepEqual(g, w) {
		t.Errorf("example differs from the defaults:\ngot  %+v\nwant %+v", g, w)
	}
}
