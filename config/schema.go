package config

import (
	"net"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/robfig/cron/v3"
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
		{"crawl", func(path string, v *yaml.Node) {
			d.crawl(&cfg.Crawl, path, v)
		}},
		{"checks", func(path string, v *yaml.Node) {
			d.checks(&cfg.Checks, path, v)
		}},
		{"sites", func(path string, v *yaml.Node) {
			sitesSeen = true
			cfg.Sites = d.sites(path, v)
		}},
	})
	if !sitesSeen {
		d.warnf(nil, "no sites configured; audits will have nothing to crawl")
	}
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
		{"max_depth", d.intInto(&c.MaxDepth, 1, 10)},
		{"max_pages_per_site", d.intInto(&c.MaxPagesPerSite, 1, 0)},
		{"per_host_parallelism", d.intInto(&c.PerHostParallelism, 1, 32)},
		{"per_host_delay", d.durationInto(&c.PerHostDelay, false)},
		{"timeout", d.durationInto(&c.Timeout, true)},
		{"max_body_bytes", func(path string, v *yaml.Node) {
			if n, ok := d.integer(path, v, 1024, 0); ok {
				c.MaxBodyBytes = n
			}
		}},
		{"respect_robots", d.boolInto(&c.RespectRobots)},
		{"allow_private_addresses", d.boolInto(&c.AllowPrivateAddresses)},
	})
}

func (d *decoder) checks(c *Checks, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping of check settings") {
		return
	}
	d.fields(path, v, []field{
		{"policy_documents", d.intInto(&c.PolicyDocuments, 1, 50)},
		{"site_concurrency", d.intInto(&c.SiteConcurrency, 1, 256)},
	})
}
