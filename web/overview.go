package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// overviewPage is the content of "/".
type overviewPage struct {
	Total     int // configured sites
	Shown     int // sites the filter keeps
	Verdicts  []verdictTally
	Filter    filter
	Filtered  bool
	Choices   filterChoices
	Columns   []overviewColumn
	Rows      []*overviewRow
	Downloads []link
	TakenAt   string
	LastRun   string
	// Pages links the pages of the table when it has more than one.
	Pages      []pageLink
	PageNumber int
	PageCount  int
	// Sortable lets the script sort in place: only when the whole table
	// is on the page.
	Sortable   bool
	Trend      *chart
	TrendError string
}

// pageLink is a link to one page of a paged table.
type pageLink struct {
	Label, Href string
	Current     bool
}

// pageNav links the pages of a table of count pages, current among them:
// the first two, the last two and two either side of the current one,
// with "…" for the gaps. None when there is one page.
func pageNav(count, current int, href func(page int) string) []pageLink {
	if count <= 1 {
		return nil
	}
	var out []pageLink
	for i := 1; i <= count; i++ {
		if i > 2 && i < count-1 && (i < current-2 || i > current+2) {
			if n := len(out); n == 0 || out[n-1].Label != "…" {
				out = append(out, pageLink{Label: "…"})
			}
			continue
		}
		out = append(out, pageLink{Label: strconv.Itoa(i), Href: href(i), Current: i == current})
	}
	return out
}

type verdictTally struct {
	Mark mark
	N    int
}

// overviewColumn is a sortable header: Href sorts by it without
// JavaScript; the script reads Key and Dir and sorts in place.
type overviewColumn struct {
	Key, Label string
	Numeric    bool
	Href       string
	// Dir is the direction a click sorts in; Sorted is the current one
	// ("ascending", "descending" or "", as aria-sort wants it).
	Dir, Sorted string
}

// overviewRow is one site. Cells carry their sort values in Values, keyed
// like the columns, so the script sorts exactly as the server does.
type overviewRow struct {
	Index                 int // place in the default (rank) order, the tie-break
	RankText              string
	ID, Name, URL, City   string
	Level, Department     string
	Score                 string
	Verdict               mark
	Audited               bool
	Counts                []countCell
	Vetoes                []string
	Values                map[string]sortValue
	card                  *report.Scorecard
	levelCode, department string
}

// overviewColumns are the table's columns in order. Counts of requirement
// statuses sort worst first; so do the verdict and the vetoes.
func overviewColumns() []overviewColumn {
	cols := []overviewColumn{
		{Key: "rank", Label: "排名", Numeric: true, Dir: "asc"},
		{Key: "site", Label: "站点 ID", Dir: "asc"},
		{Key: "name", Label: "名称", Dir: "asc"},
		{Key: "city", Label: "城市", Dir: "asc"},
		{Key: "level", Label: "级别", Numeric: true, Dir: "asc"},
		{Key: "department", Label: "部门", Dir: "asc"},
		{Key: "score", Label: "得分", Numeric: true, Dir: "desc"},
		{Key: "verdict", Label: "结论", Numeric: true, Dir: "desc"},
	}
	for _, s := range countedStatuses {
		cols = append(cols, overviewColumn{Key: string(s), Label: report.StatusLabel(s), Numeric: true, Dir: "desc"})
	}
	return append(cols, overviewColumn{Key: "vetoes", Label: "普查否决项", Numeric: true, Dir: "desc"})
}

func (h *handler) overview(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		h.fail(w, http.StatusBadRequest, "筛选条件有误", err.Error())
		return
	}
	snap := h.snapshot()
	idx := h.index(snap)
	if idx.err != nil {
		h.log.Error("build overview", "err", idx.err)
		h.fail(w, http.StatusInternalServerError, "无法生成总览", idx.err.Error())
		return
	}
	cols := overviewColumns()
	doc, rows := idx.doc, idx.rows
	p := overviewPage{Total: len(rows), Filter: f, Filtered: f.active(), Choices: choicesFor(doc, f),
		Downloads: exportLinks("", f.Selection), TakenAt: timeText(snap.TakenAt, h.loc)}
	if run := snap.LastCompleteRun; run != nil {
		p.LastRun = "#" + strconv.FormatUint(run.ID, 10) + " " + timeText(run.FinishedAt, h.loc)
	}
	kept := rows[:0:0]
	for _, row := range rows {
		if f.keeps(row) {
			kept = append(kept, row)
		}
	}
	sortRows(kept, f.sortKey(), f.direction(cols))
	p.Shown = len(kept)
	p.PageCount = max(1, (len(kept)+f.PerPage-1)/f.PerPage)
	p.PageNumber = min(f.Page, p.PageCount)
	from := (p.PageNumber - 1) * f.PerPage
	p.Rows = kept[from:min(len(kept), from+f.PerPage)]
	p.Sortable = p.PageCount == 1
	p.Pages = pageNav(p.PageCount, p.PageNumber, func(i int) string {
		g := f
		g.Page = i
		return g.query()
	})
	p.Trend, p.TrendError = h.passRateTrend(snap, idx)
	tally := map[string]int{}
	for _, row := range kept {
		tally[row.Verdict.Value]++
	}
	for _, v := range govaudit.SiteVerdicts {
		m := verdictMark(v)
		p.Verdicts = append(p.Verdicts, verdictTally{Mark: m, N: tally[m.Value]})
	}
	p.Verdicts = append(p.Verdicts, verdictTally{Mark: noVerdict, N: tally[notAudited]})
	for _, c := range cols {
		if c.Key == f.sortKey() {
			dir := f.direction(cols)
			c.Sorted = map[string]string{"asc": "ascending", "desc": "descending"}[dir]
			c.Dir = map[string]string{"asc": "desc", "desc": "asc"}[dir]
		}
		c.Href = f.with(c.Key, c.Dir).query()
		p.Columns = append(p.Columns, c)
	}
	h.render(w, http.StatusOK, "overview", "总览", "overview", p)
}

// overviewRows turns the scorecards into rows in rank order.
func overviewRows(doc report.Document) []*overviewRow {
	rk := report.Ranks(doc)
	rows := make([]*overviewRow, len(doc.Sites))
	for i := range doc.Sites {
		sc := &doc.Sites[i]
		row := &overviewRow{ID: sc.ID, Name: sc.Name, URL: sc.URL, City: sc.City,
			Level: report.LevelLabel(sc.Level), Department: departmentLabel(sc.Department, sc.Level),
			Score: scoreText(sc.Score), Verdict: siteVerdictMark(*sc), Audited: sc.Audited(),
			card: sc, levelCode: string(sc.Level), department: sc.Department}
		if rk[i] > 0 {
			row.RankText = strconv.Itoa(rk[i])
		}
		counts := map[govaudit.Status]int{}
		for _, r := range sc.Requirements {
			counts[r.Status]++
		}
		for _, s := range countedStatuses {
			row.Counts = append(row.Counts, countCell{Status: s, N: counts[s]})
		}
		for _, c := range sc.Census {
			if c.Verdict == govaudit.VerdictVeto {
				row.Vetoes = append(row.Vetoes, report.RuleLabel(c.Rule))
			}
		}
		row.Values = sortValues(row, rk[i])
		for j := range row.Counts {
			row.Counts[j].Attr = row.Values[string(row.Counts[j].Status)].Attr()
		}
		rows[i] = row
	}
	slices.SortStableFunc(rows, func(a, b *overviewRow) int {
		return compareValues(a.Values["rank"], b.Values["rank"])
	})
	for i := range rows {
		rows[i].Index = i
	}
	return rows
}

// countCell is how many of a site's requirements have a status.
type countCell struct {
	Status govaudit.Status
	N      int
	Attr   string
}

// sortValue is a cell's value for sorting: a number or a text, or nothing
// (a site without a score or an audit), which sorts last either way.
type sortValue struct {
	Num     float64
	Text    string
	Numeric bool
	Missing bool
}

// Attr is the value the script sorts by: the number, the text, or "" for
// nothing.
func (v sortValue) Attr() string {
	switch {
	case v.Missing:
		return ""
	case v.Numeric:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	}
	return v.Text
}

func num(f float64) sortValue { return sortValue{Num: f, Numeric: true} }
func text(s string) sortValue { return sortValue{Text: s, Missing: s == ""} }
func missing() sortValue      { return sortValue{Missing: true} }
func numIf(ok bool, f float64) sortValue {
	if !ok {
		return missing()
	}
	return num(f)
}

func sortValues(row *overviewRow, rank int) map[string]sortValue {
	sc := row.card
	v := map[string]sortValue{
		"rank":       numIf(rank > 0, float64(rank)),
		"site":       text(sc.ID),
		"name":       text(sc.Name),
		"city":       {Text: govaudit.CitySortKey(sc.City), Missing: sc.City == ""}, // administrative order
		"level":      numIf(slices.Contains(levels, sc.Level), float64(slices.Index(levels, sc.Level))),
		"department": text(sc.Department),
		"score":      missing(),
		"verdict":    num(float64(verdictRank(*sc))),
		"vetoes":     numIf(sc.Audited(), float64(len(row.Vetoes))),
	}
	if sc.Score != nil {
		v["score"] = num(*sc.Score)
	}
	for i, s := range countedStatuses {
		v[string(s)] = numIf(sc.Audited(), float64(row.Counts[i].N))
	}
	return v
}

// compareValues orders two values ascending, with nothing last.
func compareValues(a, b sortValue) int {
	switch {
	case a.Missing || b.Missing:
		return boolOrder(a.Missing, b.Missing)
	case a.Numeric:
		return cmp.Compare(a.Num, b.Num)
	}
	return cmp.Compare(a.Text, b.Text)
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// sortRows sorts by one column; equal values keep the rank order, and
// cells without a value stay last in either direction.
func sortRows(rows []*overviewRow, key, dir string) {
	slices.SortStableFunc(rows, func(a, b *overviewRow) int {
		va, vb := a.Values[key], b.Values[key]
		c := compareValues(va, vb)
		if dir == "desc" && !va.Missing && !vb.Missing {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.Index, b.Index)
		}
		return c
	})
}
