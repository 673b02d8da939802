package crawler

import (
	"crypto/x509"
	"errors"
	"fmt"
	"math"

	"golang.org/x/net/http/httpguts"

	"github.com/govaudit/govaudit"
)

// Options configures a Crawler: the `crawl:` settings of the config file
// and what only tests and the demo set. New rejects values that cannot work instead of guessing
// defaults: filling in defaults is the config package's job.
type Options struct {
	govaudit.CrawlSettings
	// Resolve, when set, rewrites the host:port a connection is made to
	// (tests and the built-in demo serve fake host names such as
	// www.fgw.ln.test from one loopback listener). The SSRF guard still
	// applies to the address actually dialled.
	Resolve func(hostport string) string
	// RootCAs, when set, replaces the system roots for verifying servers'
	// certificates (tests and the demo use their own CA).
	RootCAs *x509.CertPool
}

func (o Options) validate() error {
	var errs []error
	if o.UserAgent == "" {
		errs = append(errs, errors.New("user agent is empty"))
	} else if !httpguts.ValidHeaderFieldValue(o.UserAgent) {
		errs = append(errs, fmt.Errorf("user agent %q is not a valid header value", o.UserAgent))
	}
	if o.MaxDepth < 0 {
		errs = append(errs, fmt.Errorf("max depth %d is negative", o.MaxDepth))
	}
	if o.MaxPagesPerSite < 1 {
		errs = append(errs, fmt.Errorf("max pages per site %d is below 1", o.MaxPagesPerSite))
	}
	if o.PerHostParallelism < 1 {
		errs = append(errs, fmt.Errorf("per-host parallelism %d is below 1", o.PerHostParallelism))
	}
	if o.PerHostDelay < 0 {
		errs = append(errs, fmt.Errorf("per-host delay %s is negative", o.PerHostDelay))
	}
	if o.MaxCrawlDelay < 0 {
		errs = append(errs, fmt.Errorf("max crawl delay %s is negative", o.MaxCrawlDelay))
	}
	if o.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("timeout %s is not positive", o.Timeout))
	}
	// colly's MaxBodySize is an int and we ask it for one byte more than
	// the limit, to see whether the body went over.
	if o.MaxBodyBytes <= 0 || o.MaxBodyBytes >= math.MaxInt {
		errs = append(errs, fmt.Errorf("max body bytes %d is out of range", o.MaxBodyBytes))
	}
	if _, _, err := parseAllowPrivate(o.AllowPrivate); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
