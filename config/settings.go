package config

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// Setting is one numeric or duration key of the config file: its default
// and the range it must lie in. This table is the one place they are
// written: the decoder validates against it, and tests hold Default(),
// config/example.yaml and docs/config.md to it.
type Setting struct {
	Key     string // dotted path, e.g. crawl.max_depth
	Default string // as written in YAML
	// Min and Max bound an integer key; MinDur and MaxDur a duration key.
	Min, Max       int64
	MinDur, MaxDur time.Duration
	Duration       bool
	Doc            string // Chinese first, English after
}

// Range says the allowed values in words, as errors and the docs show it.
func (s Setting) Range() string {
	if s.Duration {
		return fmt.Sprintf("%s – %s", fmtDur(s.MinDur), fmtDur(s.MaxDur))
	}
	return fmt.Sprintf("%d – %d", s.Min, s.Max)
}

// fmtDur writes a bound as a config would: 72m rather than 1h12m0s.
func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// Settings lists every bounded key. The ranges keep a config from asking
// for what would harm the audited sites (a probe every millisecond) or
// govaudit itself (a 10 TB body limit), while leaving room for every real
// deployment.
var Settings = []Setting{
	{Key: "crawl.max_depth", Default: "3", Min: 1, Max: 10, Doc: "从首页起跟随链接的最大层数 (links followed from the home page)"},
	{Key: "crawl.max_pages_per_site", Default: "400", Min: 1, Max: 10000, Doc: "每个网站每次检查最多抓取的页面数 (page budget per site and audit)"},
	{Key: "crawl.per_host_parallelism", Default: "2", Min: 1, Max: 32, Doc: "对同一主机同时进行的请求数 (requests in flight to one host)"},
	{Key: "crawl.per_host_delay", Default: "500ms", Duration: true, MinDur: 0, MaxDur: time.Minute, Doc: "对同一主机两次请求之间的间隔 (pause between requests to one host)"},
	{Key: "crawl.max_crawl_delay", Default: "10s", Duration: true, MinDur: 0, MaxDur: 5 * time.Minute, Doc: "robots.txt 中 Crawl-delay 的上限，0 表示忽略 (cap on robots.txt Crawl-delay; 0 ignores it)"},
	{Key: "crawl.timeout", Default: "20s", Duration: true, MinDur: time.Second, MaxDur: 5 * time.Minute, Doc: "单个请求的超时（连接、响应头和正文）(per request)"},
	{Key: "crawl.max_body_bytes", Default: "8388608", Min: 1024, Max: 256 << 20, Doc: "解压后正文的最大字节数，超出记为 too_large (body limit after decompression)"},
	{Key: "checks.policy_documents", Default: "10", Min: 1, Max: 50, Doc: "all-10 检查有效性标注的最新政策文件数 (newest policy documents all-10 inspects)"},
	{Key: "checks.site_concurrency", Default: "64", Min: 1, Max: 256, Doc: "一次检查同时抓取的网站数，每个约占 1 MiB 内存 (sites crawled at once, about 1 MiB each)"},
	{Key: "checks.site_deadline", Default: "30m", Duration: true, MinDur: time.Minute, MaxDur: 24 * time.Hour, Doc: "单个网站检查的时限，超时未完成的要求记为无法访问 (a site's audit; what is unfinished then is unreachable)"},
	{Key: "checks.run_deadline", Default: "20h", Duration: true, MinDur: 10 * time.Minute, MaxDur: 7 * 24 * time.Hour, Doc: "一次检查运行的时限 (a whole run; sites not audited by then keep their previous results)"},
	{Key: "checks.max_list_pages", Default: "10", Min: 1, Max: 100, Doc: "按时间倒序以外排列的列表最多读取的页数 (pages read of a list not sorted newest first)"},
	{Key: "notify.attempts", Default: "3", Min: 1, Max: 10, Doc: "每条通知的最多投递次数 (delivery attempts per notification)"},
	{Key: "notify.backoff", Default: "2s", Duration: true, MinDur: 100 * time.Millisecond, MaxDur: time.Minute, Doc: "首次重试前的等待，之后加倍 (wait before the first retry, doubling)"},
	{Key: "notify.timeout", Default: "10s", Duration: true, MinDur: time.Second, MaxDur: 2 * time.Minute, Doc: "每次投递的超时 (per delivery attempt)"},
	{Key: "probe_interval", Default: "20m", Duration: true, MinDur: time.Minute, MaxDur: 72 * time.Minute, Doc: "可用性探测的间隔；普查要求每天至少 20 次 (home-page probes for the availability rule; the census asks for ≥ 20 a day)"},
}

// setting returns the table row of key; a key missing from the table is a
// programming error caught by the tests.
func setting(key string) Setting {
	for _, s := range Settings {
		if s.Key == key {
			return s
		}
	}
	panic("config: no setting " + key)
}

// intSetting decodes an integer key of the settings table into dst.
func (d *decoder) intSetting(key string, dst *int) func(string, *yaml.Node) {
	s := setting(key)
	return func(path string, v *yaml.Node) {
		if n, ok := d.integer(path, v, s.Min, s.Max); ok {
			*dst = int(n)
		}
	}
}

// int64Setting is intSetting for an int64 destination.
func (d *decoder) int64Setting(key string, dst *int64) func(string, *yaml.Node) {
	s := setting(key)
	return func(path string, v *yaml.Node) {
		if n, ok := d.integer(path, v, s.Min, s.Max); ok {
			*dst = n
		}
	}
}

// durationSetting decodes a duration key of the settings table into dst.
func (d *decoder) durationSetting(key string, dst *time.Duration) func(string, *yaml.Node) {
	s := setting(key)
	return func(path string, v *yaml.Node) {
		t, ok := d.duration(path, v, s.MinDur > 0)
		if !ok {
			return
		}
		if t < s.MinDur || t > s.MaxDur {
			d.errorf(v, "%s: expected a duration from %s to %s, got %s", path, fmtDur(s.MinDur), fmtDur(s.MaxDur), t)
			return
		}
		*dst = t
	}
}
