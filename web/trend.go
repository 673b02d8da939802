package web

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// The trend charts are drawn on the server as inline SVG: no script, no
// chart library, and they print.

// chart is a line chart of values from 0 to 100 over a series of points
// evenly spaced from left to right.
type chart struct {
	Width, Height int
	Line          string // the polyline's points
	Dots          []dot
	Grid          []tick // horizontal lines at 0, 50 and 100
	Labels        []tick // the first and last point's day
	Desc          string // the chart in words, for screen readers and tests
}

type dot struct {
	X, Y  float64
	Title string
	Value string
}

type tick struct {
	X, Y float64
	Text string
}

// Chart geometry: the plot area starts after the axis labels.
const (
	chartWidth  = 560
	chartHeight = 150
	plotLeft    = 40
	plotRight   = 10
	plotTop     = 10
	plotBottom  = 26
)

// point is one value of a chart; ok is false where there is none (a site
// without a score), which leaves a gap in the dots but not in the line.
type point struct {
	At    time.Time
	Value float64
	OK    bool
	Title string
}

func newChart(points []point, unit string, loc *time.Location) chart {
	c := chart{Width: chartWidth, Height: chartHeight}
	w := float64(chartWidth - plotLeft - plotRight)
	h := float64(chartHeight - plotTop - plotBottom)
	x := func(i int) float64 {
		if len(points) == 1 {
			return plotLeft + w/2
		}
		return plotLeft + w*float64(i)/float64(len(points)-1)
	}
	y := func(v float64) float64 { return plotTop + h*(1-min(max(v, 0), 100)/100) }
	for _, v := range []float64{0, 50, 100} {
		c.Grid = append(c.Grid, tick{X: plotLeft - 4, Y: y(v), Text: strconv.Itoa(int(v)) + unit})
	}
	var line []byte
	var shown []string
	for i, p := range points {
		if !p.OK {
			continue
		}
		px, py := x(i), y(p.Value)
		line = fmt.Appendf(line, "%.1f,%.1f ", px, py)
		v := strconv.FormatFloat(p.Value, 'f', 1, 64)
		c.Dots = append(c.Dots, dot{X: px, Y: py, Title: p.Title, Value: v})
		shown = append(shown, p.At.In(loc).Format("2006-01-02")+" "+v+unit)
	}
	c.Line = string(line)
	if n := len(points); n > 0 {
		c.Labels = append(c.Labels, tick{X: x(0), Y: chartHeight - 8, Text: points[0].At.In(loc).Format("2006-01-02")})
		if n > 1 {
			c.Labels = append(c.Labels, tick{X: x(n - 1), Y: chartHeight - 8, Text: points[n-1].At.In(loc).Format("2006-01-02")})
		}
	}
	c.Desc = fmt.Sprintf("%d 次审计：%v", len(points), shown)
	return c
}

// statusGrid shows each requirement's status at each audit: a row per
// requirement, a column per audit, oldest on the left.
type statusGrid struct {
	Width, Height int
	Rows          []gridRow
	Columns       []tick
}

type gridRow struct {
	ID    string
	Y     float64
	Cells []gridCell
}

type gridCell struct {
	X, Y   float64
	Class  string
	Title  string
	Status string
}

const (
	cellSize  = 14
	gridLeft  = 64
	gridTop   = 4
	maxTrends = 30 // audits shown in a site's trend
)

// siteTrend is a site page's history in charts: its score and its
// requirements' statuses over the last audits.
type siteTrend struct {
	Audits int
	Score  chart
	Grid   statusGrid
}

func (h *handler) siteTrend(sc report.Scorecard) (*siteTrend, string) {
	audits, err := h.store.History(sc.ID, time.Time{}, time.Time{})
	if err != nil {
		h.log.Warn("read history", "site", sc.ID, "err", err)
		return nil, err.Error()
	}
	if len(audits) == 0 {
		return nil, ""
	}
	audits = audits[max(0, len(audits)-maxTrends):]
	t := &siteTrend{Audits: len(audits)}
	var pts []point
	for _, a := range audits {
		p := point{At: a.AuditedAt, Title: timeText(a.AuditedAt, h.loc)}
		if a.Score != nil {
			p.Value, p.OK = *a.Score, true
			p.Title += " 得分 " + scoreText(a.Score)
		} else {
			p.Title += " 无得分"
		}
		pts = append(pts, p)
	}
	t.Score = newChart(pts, "", h.loc)

	// Rows in the scorecard's order, then requirements only older audits
	// judged.
	var ids []string
	for _, r := range sc.Requirements {
		ids = append(ids, r.ID)
	}
	for _, a := range audits {
		for _, r := range a.Results {
			if !slices.Contains(ids, r.ID) {
				ids = append(ids, r.ID)
			}
		}
	}
	t.Grid = statusGrid{Width: gridLeft + cellSize*len(audits) + 4, Height: gridTop + cellSize*len(ids) + 4}
	for i, a := range audits {
		t.Grid.Columns = append(t.Grid.Columns, tick{X: float64(gridLeft + cellSize*i), Text: timeText(a.AuditedAt, h.loc)})
	}
	for j, id := range ids {
		row := gridRow{ID: id, Y: float64(gridTop + cellSize*j)}
		for i, a := range audits {
			res, ok := a.Result(id)
			if !ok {
				continue
			}
			m := statusMark(res.Status)
			row.Cells = append(row.Cells, gridCell{X: float64(gridLeft + cellSize*i), Y: row.Y, Class: m.Class,
				Status: string(res.Status), Title: id + " · " + timeText(a.AuditedAt, h.loc) + " · " + m.Label})
		}
		t.Grid.Rows = append(t.Grid.Rows, row)
	}
	return t, ""
}

// maxTrendDays is how many audit days the overview's pass-rate trend
// covers, and trendWindow how far back it looks for them.
const (
	maxTrendDays = 30
	trendWindow  = 400 * 24 * time.Hour
)

// passTrend is the overview's pass rate on each of the last audit days:
// the share of the judged sites that passed, each site as of its latest
// audit by the end of that day (report.StreamAsOf, so the verdicts are the
// exports'). It is computed once per store snapshot; a day that has ended
// is computed once and kept, since no audit is ever added to it, and the
// last day comes from the site index the overview has built anyway.
type passTrend struct {
	mu     sync.Mutex
	snap   *store.Snapshot
	chart  *chart
	errMsg string
	// past holds the rates of ended days for the configured sites of
	// sitesKey; a change of sites starts it afresh.
	past     map[string]dayRate
	sitesKey string
}

// dayRate is a day's pass rate: judged 0 means no site could be judged.
type dayRate struct{ judged, pass int }

func (h *handler) passRateTrend(snap *store.Snapshot, idx *siteIndex) (*chart, string) {
	h.trend.mu.Lock()
	defer h.trend.mu.Unlock()
	if h.trend.snap == snap && snap != nil {
		return h.trend.chart, h.trend.errMsg
	}
	c, err := h.computePassTrend(snap, idx)
	h.trend.snap, h.trend.chart, h.trend.errMsg = snap, c, ""
	if err != nil {
		h.log.Warn("pass rate trend", "err", err)
		h.trend.errMsg = err.Error()
	}
	return h.trend.chart, h.trend.errMsg
}

func (h *handler) computePassTrend(snap *store.Snapshot, idx *siteIndex) (*chart, error) {
	now := h.now()
	times, err := h.store.AuditTimes(now.Add(-trendWindow))
	if err != nil {
		return nil, err
	}
	daySet := map[string]govaudit.Date{}
	for _, ts := range times {
		for _, t := range ts {
			d := govaudit.DateOf(t.In(h.loc))
			daySet[d.String()] = d
		}
	}
	if len(daySet) == 0 {
		return nil, nil
	}
	days := make([]govaudit.Date, 0, len(daySet))
	for _, d := range daySet {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b govaudit.Date) int { return a.Compare(b.Time) })
	days = days[max(0, len(days)-maxTrendDays):]

	key := sitesKey(snap.Sites)
	if h.trend.past == nil || h.trend.sitesKey != key {
		h.trend.past, h.trend.sitesKey = map[string]dayRate{}, key
	}
	var pts []point
	for i, d := range days {
		var r dayRate
		cached, have := h.trend.past[d.String()]
		ended := report.EndOfDay(d).Before(now)
		switch {
		case i == len(days)-1 && idx != nil && idx.err == nil:
			// The last audit day: every site's latest audit is its audit as
			// of the end of that day, and the index has them.
			r = passRate(idx.doc.Sites)
		case ended && have:
			r = cached
		default:
			if r, err = h.dayPassRate(snap, d, now); err != nil {
				return nil, err
			}
			if ended {
				h.trend.past[d.String()] = r
			}
		}
		if r.judged == 0 {
			continue
		}
		rate := 100 * float64(r.pass) / float64(r.judged)
		pts = append(pts, point{At: d.Time, Value: rate, OK: true,
			Title: fmt.Sprintf("%s 合格 %d / 可判定 %d（%.1f%%）", d, r.pass, r.judged, rate)})
	}
	if len(pts) == 0 {
		return nil, nil
	}
	c := newChart(pts, "%", h.loc)
	return &c, nil
}

// dayPassRate reads each configured site's audit as of the end of day d,
// one at a time.
func (h *handler) dayPassRate(snap *store.Snapshot, d govaudit.Date, now time.Time) (dayRate, error) {
	stream, err := report.StreamAsOf(h.store, snap.Sites, nil, d, now, h.loc)
	if errors.Is(err, report.ErrNoAudit) {
		return dayRate{}, nil // no configured site audited by then
	}
	if err != nil {
		return dayRate{}, err
	}
	var r dayRate
	err = stream.Each(func(sc *report.Scorecard) error {
		r.add(*sc)
		return nil
	})
	return r, err
}

func passRate(sites []report.Scorecard) dayRate {
	var r dayRate
	for _, sc := range sites {
		r.add(sc)
	}
	return r
}

func (r *dayRate) add(sc report.Scorecard) {
	if !sc.Audited() || sc.Score == nil || report.VerdictKey(sc) == "not_judged" {
		return
	}
	r.judged++
	if report.VerdictKey(sc) == "pass" {
		r.pass++
	}
}

// sitesKey identifies a list of configured sites.
func sitesKey(sites []govaudit.Site) string {
	h := sha256.New()
	for _, s := range sites {
		h.Write([]byte(s.ID))
		h.Write([]byte{0})
	}
	return string(h.Sum(nil))
}
