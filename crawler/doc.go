// Package crawler fetches government web pages for the audit: it is the
// checks.Fetcher, built on colly v2.3.0.
//
// One Crawler holds the shared HTTP transport; each audit of a site gets a
// SiteFetcher with its own colly collector, politeness rule (parallelism
// and delay), robots.txt cache and Crawl-delay pacing, page cache and
// budget. Every failure comes back as data on the Page (an error kind and
// a short message), never as a panic or an error return. The SSRF guard
// refuses, at dial time, to connect to non-public addresses unless
// Options.AllowPrivateAddresses is set or Options.AllowPrivate lists them,
// and to cloud metadata addresses always; weak-TLS servers are reached
// through a fallback and reported. Bodies are decoded by the crawler
// itself (gzip, x-gzip, deflate), bounded at max_body_bytes after
// decompression.
package crawler
