package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// Stream is an export read one site at a time: the document's header
// (everything but Sites) and a walk over its scorecards. The JSON, CSV and
// XLSX writers write each scorecard as it comes, so that an export of
// thousands of sites holds one site's audit in memory, not all of them.
type Stream struct {
	Header Document // Sites is ignored
	// Each calls fn with every scorecard in order and stops at fn's error.
	// The scorecard is only valid during the call.
	Each func(fn func(*Scorecard) error) error
	// Count is the number of scorecards Each yields; -1 when it is known
	// only once read (a filtered stream).
	Count int
}

// Stream returns the document as a stream over its sites.
func (doc Document) Stream() Stream {
	h := doc
	h.Sites = nil
	return Stream{Header: h, Count: len(doc.Sites), Each: func(fn func(*Scorecard) error) error {
		for i := range doc.Sites {
			if err := fn(&doc.Sites[i]); err != nil {
				return err
			}
		}
		return nil
	}}
}

// Collect reads the whole stream into a document, for the formats that
// need every site at once (HTML).
func (s Stream) Collect() (Document, error) {
	doc := s.Header
	doc.Sites = make([]Scorecard, 0, max(s.Count, 0))
	err := s.Each(func(sc *Scorecard) error {
		doc.Sites = append(doc.Sites, *sc)
		return nil
	})
	return doc, err
}

// StreamFromStore is FromStore as a stream: the audits are read from the
// store one site at a time as the stream is walked, the latest ones or, as
// of a day, each site's newest by the end of it.
func StreamFromStore(st *store.Store, ids []string, asOf govaudit.Date, now time.Time, loc *time.Location) (Stream, error) {
	snap := st.Snapshot()
	if !asOf.IsZero() {
		return StreamAsOf(st, snap.Sites, ids, asOf, now, loc)
	}
	return SnapshotStream(snap, ids, now, loc)
}

// AsOfReader reads a site's newest audit by a moment (store.Store).
type AsOfReader interface {
	AuditAsOf(siteID string, t time.Time) (govaudit.SiteAudit, bool, error)
}

// StreamAsOf streams the sites with the given ids (all when empty), in
// configuration order, as they stood at the end of day in loc, as
// BuildAsOf lists them: a site without an audit by then is not audited,
// and when none of them has one the error wraps ErrNoAudit.
func StreamAsOf(r AsOfReader, sites []govaudit.Site, ids []string, day govaudit.Date, now time.Time, loc *time.Location) (Stream, error) {
	if err := checkIDs(sites, ids); err != nil {
		return Stream{}, err
	}
	day = inLocation(day, loc)
	end := EndOfDay(day)
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var selected []govaudit.Site
	for _, site := range sites {
		if len(want) == 0 || want[site.ID] {
			selected = append(selected, site)
		}
	}
	audited := false
	for _, site := range selected {
		// Sites without history are passed over without reading anything.
		_, ok, err := r.AuditAsOf(site.ID, end)
		if err != nil {
			return Stream{}, err
		}
		if ok {
			audited = true
			break
		}
	}
	if !audited {
		return Stream{}, fmt.Errorf("%w on or before %s", ErrNoAudit, day)
	}
	header := Document{GeneratedAt: now.In(loc).Truncate(time.Second), AsOf: day}
	return Stream{Header: header, Count: len(selected), Each: func(fn func(*Scorecard) error) error {
		for _, site := range selected {
			a, ok, err := r.AuditAsOf(site.ID, end)
			if err != nil {
				return err
			}
			var audit *govaudit.SiteAudit
			if ok {
				audit = &a
			}
			sc := scorecardOf(site, audit, loc)
			if err := fn(&sc); err != nil {
				return err
			}
		}
		return nil
	}}, nil
}

// Select returns the stream of the scorecards sel keeps, filtered as it is
// read. Its Count is then unknown (-1).
func (s Stream) Select(sel Selection) Stream {
	if !sel.Active() {
		return s
	}
	each := s.Each
	s.Count = -1
	s.Each = func(fn func(*Scorecard) error) error {
		return each(func(sc *Scorecard) error {
			if !sel.Keeps(*sc) {
				return nil
			}
			return fn(sc)
		})
	}
	return s
}

// MaxPrintedSites bounds the sites of one printed report (html, pdf). It
// is built whole in memory before the first page — its summaries come
// before the sites — and a PDF is printed by Chromium at about three pages
// a site: 5,000 sites took 375 MiB of heap and 100 MB of HTML before any
// printing. A province's report fits; a national one is printed per
// province or city.
const MaxPrintedSites = 500

// ErrTooManyToPrint is returned for a printed report of more than
// MaxPrintedSites sites.
var ErrTooManyToPrint = errors.New("too many sites for a printed report")

// CollectPrinted reads the stream into a document for a printed report,
// stopping with ErrTooManyToPrint as soon as it holds more than
// MaxPrintedSites sites.
func (s Stream) CollectPrinted() (Document, error) {
	doc := s.Header
	doc.Sites = make([]Scorecard, 0, min(max(s.Count, 0), MaxPrintedSites))
	err := s.Each(func(sc *Scorecard) error {
		if len(doc.Sites) == MaxPrintedSites {
			return fmt.Errorf("%w: 打印版报表（html、pdf）最多 %d 个网站，所选超过此数；请按城市、级别、部门或网站筛选 "+
				"(the printed report takes at most %d sites; narrow the selection with city, level, department or site)",
				ErrTooManyToPrint, MaxPrintedSites, MaxPrintedSites)
		}
		doc.Sites = append(doc.Sites, *sc)
		return nil
	})
	return doc, err
}

// SnapshotStream streams the latest audits of the snapshot's sites with the
// given ids (all when empty), in configuration order.
func SnapshotStream(snap *store.Snapshot, ids []string, now time.Time, loc *time.Location) (Stream, error) {
	if err := checkIDs(snap.Sites, ids); err != nil {
		return Stream{}, err
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	count := len(snap.Sites)
	if len(ids) > 0 {
		count = len(want)
	}
	header := Document{GeneratedAt: now.In(loc).Truncate(time.Second)}
	return Stream{Header: header, Count: count, Each: func(fn func(*Scorecard) error) error {
		return snap.EachAudit(func(site govaudit.Site, a *govaudit.SiteAudit) error {
			if len(want) > 0 && !want[site.ID] {
				return nil
			}
			sc := scorecardOf(site, a, loc)
			return fn(&sc)
		})
	}}, nil
}

// streamers are the formats written as they are read.
var streamers = map[string]func(io.Writer, Stream) error{
	"json": StreamJSON,
	"csv":  StreamCSV,
	"xlsx": StreamXLSX,
}

// WriteStream writes the stream in the named format: as it is read for
// JSON, CSV and XLSX, collected into a document first for the others.
func WriteStream(w io.Writer, name string, s Stream) error {
	if _, err := lookupFormat(name); err != nil {
		return err
	}
	if f, ok := streamers[name]; ok {
		return f(w, s)
	}
	doc, err := s.Collect()
	if err != nil {
		return err
	}
	return Write(w, name, doc)
}

// StreamJSON writes the stream as WriteJSON writes a document, byte for
// byte: the header fields are the document's own JSON around an empty
// sites list, into which the scorecards are written one by one.
func StreamJSON(w io.Writer, s Stream) error {
	h := s.Header
	h.Sites = []Scorecard{}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	before, after, ok := bytes.Cut(head.Bytes(), []byte(`"sites": []`))
	if !ok {
		return fmt.Errorf("write json: no sites field in the document")
	}
	if _, err := w.Write(append(before, `"sites": [`...)); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	var buf bytes.Buffer
	site := json.NewEncoder(&buf)
	site.SetIndent("    ", "  ")
	site.SetEscapeHTML(false)
	n := 0
	err := s.Each(func(sc *Scorecard) error {
		buf.Reset()
		if n == 0 {
			buf.WriteString("\n    ")
		} else {
			buf.WriteString(",\n    ")
		}
		n++
		if err := site.Encode(sc); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		_, err := w.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	if n > 0 {
		if _, err := io.WriteString(w, "\n  ]"); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	} else if _, err := io.WriteString(w, "]"); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	if _, err := w.Write(after); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// scorecardOf is the scorecard of site as of audit a (nil: not audited).
func scorecardOf(site govaudit.Site, a *govaudit.SiteAudit, loc *time.Location) Scorecard {
	sc := Scorecard{ID: site.ID, Name: site.Name, URL: site.URL, Level: site.Level,
		Department: site.Department, City: site.City, Requirements: []govaudit.Result{},
		Census: []govaudit.CensusFinding{}}
	if a == nil {
		return sc
	}
	at := a.AuditedAt.In(loc).Truncate(time.Second)
	sc.AuditedAt = &at
	sc.Reachable = a.Reachable
	sc.HomeError = a.HomeError
	if a.Results != nil {
		sc.Requirements = a.Results
	}
	if a.Census != nil {
		sc.Census = a.Census
	}
	sc.Verdict = govaudit.SiteVerdictOf(*a)
	// The score is the one computed at audit time with the weights then
	// configured; audits saved before scores were stored get the default
	// weights.
	if a.Score != nil {
		sc.Score = a.Score
	} else if s, ok := govaudit.SiteScore(a.Results, a.Census, govaudit.DefaultScoreWeights); ok {
		sc.Score = &s
	}
	return sc
}

// StreamFileName is FileName for a stream of the snapshot's sites with the
// given ids (all when empty).
func StreamFileName(s Stream, snap *store.Snapshot, ids []string, format string) string {
	doc := s.Header
	if s.Count == 1 {
		id := ""
		if len(ids) > 0 {
			id = ids[0]
		} else if len(snap.Sites) == 1 {
			id = snap.Sites[0].ID
		}
		doc.Sites = []Scorecard{{ID: id}}
	}
	return FileName(doc, format)
}
