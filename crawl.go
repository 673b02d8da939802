package govaudit

import "time"

// CrawlSettings are the crawler's settings, the `crawl:` keys of the config
// file. The config package decodes into this type and the crawler consumes
// it, so each setting is declared once; the defaults and ranges live in the
// config's settings table.
type CrawlSettings struct {
	UserAgent string
	// MaxDepth refuses pages deeper than this (depth = links followed from
	// the home page) with ErrBudget.
	MaxDepth int
	// MaxPagesPerSite is the request budget of one site's audit; further
	// fetches get ErrBudget. robots.txt and cache hits do not count.
	MaxPagesPerSite    int
	PerHostParallelism int
	PerHostDelay       time.Duration
	// MaxCrawlDelay caps the Crawl-delay a robots.txt may ask for; 0
	// ignores Crawl-delay.
	MaxCrawlDelay time.Duration
	// Timeout bounds a whole request: connecting, headers and body.
	Timeout time.Duration
	// MaxBodyBytes bounds a body after decompression.
	MaxBodyBytes int64
	// RespectRobots obeys robots.txt, Crawl-delay included.
	RespectRobots bool
	// AllowPrivateAddresses lets the crawler dial private and loopback
	// addresses: tests and the demo only.
	AllowPrivateAddresses bool
	// AllowPrivate lets the crawler dial the private addresses inside these
	// CIDR prefixes (a bare address is its own prefix), and any address of
	// these host names: an intranet site audited on purpose. Cloud metadata
	// addresses stay refused whatever these two fields say.
	AllowPrivate []string
}
