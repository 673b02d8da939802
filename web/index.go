package web

import (
	"sync"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// siteIndex is what the overview, the requirements list and a site's rank
// need of every site, built once per store snapshot: each scorecard
// without its evidence (slimmed), and the overview's rows in rank order.
// Reading every audit from the store takes seconds at thousands of sites,
// and keeping them all would hold every audit in memory; a page of the
// overview then costs a filter, a sort and a hundred rows.
type siteIndex struct {
	snap  *store.Snapshot
	doc   report.Document // slimmed scorecards, in configuration order
	rows  []*overviewRow  // rank order
	ranks []int           // report.Ranks of doc
	err   error
}

// indexCache holds the index of the newest snapshot asked for; requests
// that arrive while it is built wait for it rather than build it again.
type indexCache struct {
	mu  sync.Mutex
	idx *siteIndex
}

// index returns the site index of snap, building it if the cache holds
// another snapshot's.
func (h *handler) index(snap *store.Snapshot) *siteIndex {
	h.indexes.mu.Lock()
	defer h.indexes.mu.Unlock()
	if idx := h.indexes.idx; idx != nil && idx.snap == snap {
		return idx
	}
	idx := &siteIndex{snap: snap}
	stream, err := report.SnapshotStream(snap, nil, h.now(), h.loc)
	if err == nil {
		idx.doc = stream.Header
		idx.doc.Sites = make([]report.Scorecard, 0, stream.Count)
		err = stream.Each(func(sc *report.Scorecard) error {
			idx.doc.Sites = append(idx.doc.Sites, slim(*sc))
			return nil
		})
	}
	if err != nil {
		// Not cached: the next request tries again.
		return &siteIndex{snap: snap, err: err}
	}
	idx.rows = overviewRows(idx.doc)
	idx.ranks = report.Ranks(idx.doc)
	h.indexes.idx = idx
	return idx
}

// Warmer is implemented by the handler New returns.
type Warmer interface {
	// Warm builds what the overview needs of the store's current
	// snapshot, so that the first reader after an audit run does not wait
	// for it.
	Warm()
}

func (h *handler) Warm() {
	snap := h.snapshot()
	h.passRateTrend(snap, h.index(snap))
}

// slim is a scorecard with what selection, ranking and the overview's
// counts read: each result's id, status and compliance, and each census
// finding's rule and verdict. Evidence, items and details, most of an
// audit's size, are left out.
func slim(sc report.Scorecard) report.Scorecard {
	reqs := make([]govaudit.Result, len(sc.Requirements))
	for i, r := range sc.Requirements {
		reqs[i] = govaudit.Result{ID: r.ID, Status: r.Status, Compliant: r.Compliant}
	}
	census := make([]govaudit.CensusFinding, len(sc.Census))
	for i, f := range sc.Census {
		census[i] = govaudit.CensusFinding{Rule: f.Rule, Verdict: f.Verdict}
	}
	sc.Requirements, sc.Census, sc.HomeError = reqs, census, nil
	return sc
}
