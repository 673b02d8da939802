package crawler

import (
	"context"
	"strings"
	"sync"
	"time"
)

// hostSlots holds the politeness slots of every host the Crawler's sites
// are fetching from, shared by all of its SiteFetchers. Sites of a shared
// platform (集约化 sites: many departments' sites served by one host) then
// share that host's per_host_parallelism between them, instead of each
// site bringing its own: twenty departments on one platform would
// otherwise put forty requests in flight on one server.
//
// A slot rests for the per-host delay after its request before another
// request may take it, so the delay is shared too. The rest is a timer, not
// a sleep of the caller: colly's own rule sleeps the delay before handing
// the response back, which made every page of a site's chain of
// discovery (home, portal, column, detail) cost latency plus delay to the
// check waiting for it, while the other slot stood idle.
//
// Entries are counted by their users and dropped when none is left, so
// the table holds only the hosts being fetched from.
type hostSlots struct {
	size  int
	delay time.Duration // rest of a slot after its request

	mu sync.Mutex
	m  map[string]*hostSlot
}

type hostSlot struct {
	ch    chan struct{}
	users int
}

// acquire takes one of host's slots, waiting until one is free or ctx
// ends. On success the caller must call the returned release once the
// response has arrived; the slot is free again a delay later.
func (h *hostSlots) acquire(ctx context.Context, host string) (release func(), err error) {
	host = strings.ToLower(host)
	h.mu.Lock()
	if h.m == nil {
		h.m = make(map[string]*hostSlot)
	}
	s := h.m[host]
	if s == nil {
		s = &hostSlot{ch: make(chan struct{}, max(h.size, 1))}
		h.m[host] = s
	}
	s.users++
	h.mu.Unlock()
	select {
	case s.ch <- struct{}{}:
		var once sync.Once
		free := func() {
			<-s.ch
			h.done(host, s)
		}
		return func() {
			once.Do(func() {
				if h.delay > 0 {
					time.AfterFunc(h.delay, free)
					return
				}
				free()
			})
		}, nil
	case <-ctx.Done():
		h.done(host, s)
		return nil, ctx.Err()
	}
}

func (h *hostSlots) done(host string, s *hostSlot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s.users--
	if s.users == 0 {
		delete(h.m, host)
	}
}

// inUse is the number of hosts with a request in flight or waiting.
func (h *hostSlots) inUse() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.m)
}
