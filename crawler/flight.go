package crawler

import (
	"context"
	"sync"
)

// flightGroup computes a value per key at most once at a time and keeps it:
// later callers get the kept value, concurrent callers wait for the one
// computation in progress. It is a hand-written singleflight plus cache,
// with one difference that matters here: the computation runs with the
// first caller's context, so when it failed only because that caller gave
// up, the value is not kept and the callers still waiting try again with
// their own contexts.
type flightGroup[V any] struct {
	mu sync.Mutex
	m  map[string]*flight[V]
}

type flight[V any] struct {
	done chan struct{}
	val  V
	kept bool
}

// closedChan is the done channel of values stored by add.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// do returns the kept value for key, or runs fn to compute it. fn reports
// whether its value may be kept. do returns ctx's error only when ctx ended
// while waiting for another caller's computation.
func (g *flightGroup[V]) do(ctx context.Context, key string, fn func() (V, bool)) (V, error) {
	for {
		if err := ctx.Err(); err != nil {
			var zero V
			return zero, err
		}
		g.mu.Lock()
		if f, ok := g.m[key]; ok {
			g.mu.Unlock()
			select {
			case <-f.done:
				if f.kept {
					return f.val, nil
				}
				// The computation was dropped: try again, maybe as leader.
			case <-ctx.Done():
				var zero V
				return zero, ctx.Err()
			}
			continue
		}
		if g.m == nil {
			g.m = make(map[string]*flight[V])
		}
		f := &flight[V]{done: make(chan struct{})}
		g.m[key] = f
		g.mu.Unlock()
		return g.run(key, f, fn), nil
	}
}

func (g *flightGroup[V]) run(key string, f *flight[V], fn func() (V, bool)) (v V) {
	keep := false
	// Deferred so that waiters are released even if fn panics.
	defer func() {
		g.mu.Lock()
		if keep {
			f.val, f.kept = v, true
		} else {
			delete(g.m, key)
		}
		g.mu.Unlock()
		close(f.done)
	}()
	v, keep = fn()
	return v
}

// add keeps v for key unless key already has a value or a computation.
func (g *flightGroup[V]) add(key string, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.m[key]; ok {
		return
	}
	if g.m == nil {
		g.m = make(map[string]*flight[V])
	}
	g.m[key] = &flight[V]{done: closedChan, val: v, kept: true}
}
