package crawler

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Crawl-delay policy.
//
// When robots.txt is respected and the group of an origin's robots.txt
// that applies to our user agent has a Crawl-delay, a SiteFetcher starts
// its requests to that origin at least that long apart, however many of
// them are in flight at once (PerHostParallelism) and however many
// goroutines call Fetch. Government servers that ask for a delay are often
// small ones that have been knocked over by crawlers before.
//
// The spacing is between request starts, and the per-host delay still
// follows each request (hostSlots): the longer of the two
// governs, they are not added. A Crawl-delay over Options.MaxCrawlDelay
// is applied at that maximum — a site asking for a minute between pages
// would otherwise take days to audit — and logged once per origin per run;
// a MaxCrawlDelay of 0 ignores Crawl-delay.
//
// The pacing is done here rather than by colly's LimitRule because the
// rule belongs to the whole collector and is fixed when it is created,
// while Crawl-delay is per origin and known only once robots.txt arrived.
// Only page requests are paced: robots.txt fetches bypass the politeness
// slots (see getRobots), and the redirect hops of one fetch are one
// request to the origin asked for.

// crawlPacer spaces one SiteFetcher's requests to each origin.
type crawlPacer struct {
	max time.Duration // Options.MaxCrawlDelay
	log *slog.Logger

	mu      sync.Mutex
	origins map[string]*originPace
}

// originPace is the pacing state of one origin.
type originPace struct {
	// next is the earliest start of the next request: each request
	// reserves its start under crawlPacer.mu, so concurrent callers line
	// up one delay apart instead of all waking at once.
	next time.Time
	// capped records that the over-long delay was logged.
	capped bool
}

// wait blocks until a request to origin may start, given the Crawl-delay
// its robots.txt asks for (0 for none; negative when the file's value
// overflowed time.Duration, which reads as "very long"). It returns ctx's
// error when ctx ends first; the request must then not be sent.
//
// The caller holds one of the fetcher's politeness slots: reserving a start
// before taking a slot would let a request that got its slot sooner start
// ahead of an earlier reservation, closer to it than the delay.
func (p *crawlPacer) wait(ctx context.Context, origin string, asked time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.max <= 0 || asked == 0 {
		return nil
	}
	delay := asked
	p.mu.Lock()
	o := p.origins[origin]
	if o == nil {
		if p.origins == nil {
			p.origins = make(map[string]*originPace)
		}
		o = &originPace{}
		p.origins[origin] = o
	}
	logCap := false
	if asked < 0 || asked > p.max {
		delay = p.max
		logCap, o.capped = !o.capped, true
	}
	start := time.Now()
	if o.next.After(start) {
		start = o.next
	}
	o.next = start.Add(delay)
	p.mu.Unlock()

	if logCap {
		p.log.Info("robots.txt asks for a longer crawl delay than max_crawl_delay; using the maximum",
			"url", origin+"/robots.txt", "crawl_delay", describeDelay(asked), "max_crawl_delay", p.max)
	}
	wait := time.Until(start)
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		p.unreserve(o, start, delay)
		return ctx.Err()
	}
}

// unreserve gives back the start a cancelled request reserved, when no
// later request has reserved one after it: the next request then need not
// wait a delay behind a request that was never sent. start is still at
// least one delay after the last request that was.
func (p *crawlPacer) unreserve(o *originPace, start time.Time, delay time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if o.next.Equal(start.Add(delay)) {
		o.next = start
	}
}

// describeDelay renders a Crawl-delay for the log; a negative one is a
// value too large for time.Duration.
func describeDelay(d time.Duration) any {
	if d < 0 {
		return "over 292 years"
	}
	return d
}
