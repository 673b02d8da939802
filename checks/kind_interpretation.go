package checks

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/page"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// policyDocumentsID is the requirement whose column lists the policy
// documents that all-06's interpretations explain.
const policyDocumentsID = "all-10"

const (
	// timelyWorkingDays is all-06's rule: an interpretation is published
	// within three working days after its document.
	timelyWorkingDays = 3
	// maxReportedPairs bounds the pairs listed in a result's details.
	maxReportedPairs = 10

	// The title rule (see titlesMatch). A common part must be long and make
	// up most of the shorter title: issuers' names and 关于印发 are shared
	// by unrelated documents, so a short or partial overlap pairs nothing.
	minTitleCommon   = 8
	titleCommonShare = 0.8
	// minTitleWhole is the shortest document title that pairs by being
	// contained whole in an interpretation's title: 政府工作报告 does,
	// 实施方案 does not.
	minTitleWhole = 6
	// maxTitleRunes bounds the runes compared per title.
	maxTitleRunes = 200
	// A title pair is plausible only when the interpretation appears at
	// most a week before and half a year after its document; outside that
	// window a same-titled interpretation belongs to another year's
	// document. Links are explicit and need no window.
	titleWindowBefore = 7
	titleWindowAfter  = 183
)

// Interpretation titles name their document and add a marker: 《…》政策解读,
// 图解：…, 一图读懂…, …问答. Normalised forms, longest first so that 政策解读
// goes before 解读.
var interpretationMarkers = normalizeAll(
	"新闻发布会答记者问", "政策解读", "图文解读", "文字解读", "视频解读", "专家解读", "权威解读", "部门解读", "媒体解读",
	"动漫解读", "解读材料", "一图读懂", "一图看懂", "一图了解", "一图解读", "政策问答", "答记者问", "图解", "图说", "解读", "问答",
)

// interpretationLinkMarkers are the words that mark a link on a document's
// page as pointing to its interpretation (相关解读, 政策解读, 图解, 一图读懂).
var interpretationLinkMarkers = normalizeAll("解读", "图解", "读懂", "看懂")

// interpretationColumnLabels are labels of the 政策解读 column itself, which
// document pages carry in their menus.
var interpretationColumnLabels = normalizeAll("政策解读", "解读", "图解", "图文解读", "政策图解", "解读回应", "解读回应关切", "视频解读")

// judgeInterpretation is KindInterpretation (all-06): the 政策解读 column is
// found and fresh (the status), and each of the newest policy documents of
// all-10's column is paired with its interpretation, reporting the share
// interpreted and the share of interpretations published within three
// working days of their document.
//
// Pairing, strongest evidence first:
//   - link: the document's page links to the interpretation (相关解读), or
//     the interpretation's page links to the document (原文链接). A link
//     that several documents' pages share is a sidebar, not a pairing, and
//     counts only when the titles agree too.
//   - title: the interpretation's title names the document (titlesMatch),
//     within the date window above. Each interpretation pairs by title
//     with one document at most.
//
// A document with several interpretations (文字解读 and 图解) is timely when
// its earliest one is.
//
// Pages read: the policy documents' detail pages (which all-10 has usually
// read already: siteRun caches pages by URL) and at most as many
// interpretation detail pages.
func (s *siteRun) judgeInterpretation(ctx context.Context, r govaudit.Requirement, pool *linkPool) govaudit.Result {
	ic, ok := s.locate(r, pool)
	if ok {
		s.read(ctx, &ic, nil)
	}
	res := s.columnVerdict(r, &ic)
	if !ok || ic.err != nil {
		return res
	}

	dc, why := s.policyDocuments(ctx, pool, &ic)
	if why != "" {
		res.Details = map[string]any{"documents_checked": 0, "note": why}
		res.Evidence = append(res.Evidence, why)
		return res
	}
	n := min(max(s.a.PolicyDocuments, 1), len(dc.items))
	// The same newest documents as all-10's, by their confirmed dates.
	s.confirmTop(ctx, &dc, n)

	p := newPairing(s, &ic, &dc, n, pool)
	p.readDocuments(ctx)
	p.readInterpretations(ctx)
	p.pair()
	res.Details, res.Evidence = p.report(res.Evidence)
	res.Sources = append(res.Sources, dc.entry.URL())
	return res
}

// policyDocuments finds and reads all-10's column. why says, when it
// cannot be used, why nothing can be paired.
func (s *siteRun) policyDocuments(ctx context.Context, pool *linkPool, ic *column) (column, string) {
	r, ok := s.a.Catalog.Lookup(policyDocumentsID)
	if !ok {
		r, _ = govaudit.DefaultCatalog().Lookup(policyDocumentsID)
	}
	dc, ok := s.locate(r, pool)
	if !ok || dc.url == ic.url {
		return dc, msgNoPolicyColumn()
	}
	s.read(ctx, &dc, nil)
	if dc.err != nil {
		return dc, msgPolicyColumnUnreadable(dc.url, dc.err)
	}
	if len(dc.items) == 0 {
		return dc, msgPolicyColumnEmpty(dc.url)
	}
	return dc, ""
}

// policyDoc is one of the newest policy documents.
type policyDoc struct {
	item page.ListItem
	date time.Time // the list's date, or the detail page's when the list has none
	keys []titleKey
	// links are the interpretations (indexes into pairing.interps) that
	// this document's page links to, or whose pages link to it.
	links []int
	// chosen is the paired interpretation, -1 when none.
	chosen    int
	matchedBy string
}

// interpretation is an interpretation: an item of the 政策解读 list, or a
// page a document links to as its interpretation.
type interpretation struct {
	title, url string
	date       time.Time
	yearKnown  bool
	listed     bool // on the 政策解读 column's list
	keys       []titleKey
	docLinks   []int // documents its page links to
	takenBy    int   // the document it pairs with by title, -1 when none
}

// pairing is the work of one all-06 check.
type pairing struct {
	s         *siteRun
	ic, dc    *column
	docs      []policyDoc
	interps   []*interpretation
	byURL     map[string]int  // canonical URL → interps index
	docByURL  map[string]int  // canonical URL → docs index
	notInterp map[string]bool // canonical URLs of columns: never an interpretation
}

func newPairing(s *siteRun, ic, dc *column, n int, pool *linkPool) *pairing {
	p := &pairing{s: s, ic: ic, dc: dc, byURL: map[string]int{}, docByURL: map[string]int{}, notInterp: map[string]bool{}}
	for i := 0; i < n; i++ {
		it := dc.items[i]
		p.docs = append(p.docs, policyDoc{item: it, date: it.Date, keys: []titleKey{documentTitleKey(it.Title, "")}, chosen: -1})
		if it.URL != "" {
			if _, dup := p.docByURL[comparableURL(it.URL)]; !dup {
				p.docByURL[comparableURL(it.URL)] = i
			}
		}
	}
	// A site listing a document in both columns does not interpret it by
	// doing so.
	documents := map[string]bool{}
	for _, it := range dc.items {
		documents[comparableURL(it.URL)] = true
	}
	for _, it := range ic.items {
		if it.URL == "" {
			continue
		}
		cu := comparableURL(it.URL)
		if _, dup := p.byURL[cu]; dup || documents[cu] {
			continue
		}
		p.byURL[cu] = len(p.interps)
		p.interps = append(p.interps, &interpretation{title: it.Title, url: it.URL, date: it.Date, yearKnown: it.YearKnown,
			listed: true, keys: []titleKey{interpretationTitleKey(it.Title)}, takenBy: -1})
	}
	for _, c := range []*column{ic, dc} {
		p.notInterp[comparableURL(c.url)] = true
		if c.entry != nil {
			for _, pg := range c.entry.pages {
				p.notInterp[comparableURL(pg.url)] = true
			}
		}
	}
	// Column links of the home page and the disclosure portal: a document
	// page's menu repeats them.
	for _, l := range pool.links {
		if !l.Dated && !looksLikeArticle(l.URL) {
			p.notInterp[comparableURL(l.URL)] = true
		}
	}
	return p
}

// readDocuments reads the documents' detail pages: their links to
// interpretations, their full titles and 文号, and a date where the list
// had none.
func (p *pairing) readDocuments(ctx context.Context) {
	type read struct {
		ok    bool
		d     page.Detail
		links []page.Link
		url   string
	}
	reads := make([]read, len(p.docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailConcurrency)
	for i := range p.docs {
		u := p.docs[i].item.URL
		if u == "" {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			pg := p.s.get(ctx, u, p.dc.depth+1)
			if pg.err != nil {
				return
			}
			reads[i] = read{ok: true, d: page.ReadDetail(pg.Doc(), pg.url, p.s.a.Location), links: pg.Links(), url: pg.url}
		}()
	}
	wg.Wait()

	for i := range p.docs {
		rd := reads[i]
		if !rd.ok {
			continue
		}
		doc := &p.docs[i]
		if doc.date.IsZero() && rd.d.YearKnown {
			doc.date = rd.d.Published
		}
		docNo := firstNonEmptyString(rd.d.Meta["发文字号"], rd.d.Meta["文号"])
		doc.keys = []titleKey{documentTitleKey(doc.item.Title, docNo)}
		if rd.d.Title != "" && rd.d.Title != doc.item.Title {
			doc.keys = append(doc.keys, documentTitleKey(rd.d.Title, docNo))
		}
		self := comparableURL(rd.url)
		for _, l := range rd.links {
			cu := comparableURL(l.URL)
			if cu == self || cu == comparableURL(doc.item.URL) {
				continue
			}
			j, known := p.byURL[cu]
			if !known {
				if !p.isInterpretationLink(l, cu) {
					continue
				}
				j = len(p.interps)
				p.byURL[cu] = j
				p.interps = append(p.interps, &interpretation{title: l.Label, url: l.URL,
					keys: []titleKey{interpretationTitleKey(l.Label)}, takenBy: -1})
			}
			if !slices.Contains(doc.links, j) {
				doc.links = append(doc.links, j)
			}
		}
	}
	p.dropSharedLinks()
}

// isInterpretationLink reports whether a link on a document's page that
// is not on the 政策解读 list points to the document's interpretation:
// labelled 相关解读, 政策解读, 图解… and not a column. An article-shaped
// address settles it even for a link that looks like a menu entry: a
// 相关解读 box holding 文字解读 and 图解 side by side is a row of short
// labels, which page.Links calls navigation.
func (p *pairing) isInterpretationLink(l page.Link, cu string) bool {
	if p.notInterp[cu] || !mentions(l.Norm, interpretationLinkMarkers) {
		return false
	}
	if looksLikeArticle(l.URL) {
		return true
	}
	return !l.Nav && !slices.Contains(interpretationColumnLabels, l.Norm)
}

// dropSharedLinks removes the document-page links to an interpretation
// that the pages of several documents carry (a 最新解读 sidebar), unless
// the titles agree as well.
func (p *pairing) dropSharedLinks() {
	linkedFrom := map[int]int{}
	for _, d := range p.docs {
		for _, j := range d.links {
			linkedFrom[j]++
		}
	}
	for i := range p.docs {
		d := &p.docs[i]
		d.links = slices.DeleteFunc(d.links, func(j int) bool {
			return linkedFrom[j] > 1 && !p.titlesAgree(i, j)
		})
	}
}

// readInterpretations reads at most one interpretation page per document:
// first those found only through a document's link (their dates are
// unknown), then listed ones linked from a document whose year is unsure,
// then, for documents not yet paired by a link, the listed
// interpretations dated from the oldest such document on, newest first.
// A page read gives a confirmed date and its links back to documents.
func (p *pairing) readInterpretations(ctx context.Context) {
	budget := len(p.docs)
	var plan []int
	planned := map[int]bool{}
	add := func(j int) {
		if len(plan) < budget && !planned[j] {
			plan = append(plan, j)
			planned[j] = true
		}
	}
	linked := map[int]bool{}
	var oldest time.Time
	unpaired := false
	for _, d := range p.docs {
		for _, j := range d.links {
			linked[j] = true
		}
		if len(d.links) == 0 {
			unpaired = true
			if !d.date.IsZero() && (oldest.IsZero() || d.date.Before(oldest)) {
				oldest = d.date
			}
		}
	}
	for _, d := range p.docs {
		for _, j := range d.links {
			if !p.interps[j].listed {
				add(j)
			}
		}
	}
	for _, d := range p.docs {
		for _, j := range d.links {
			if in := p.interps[j]; in.date.IsZero() || !in.yearKnown {
				add(j)
			}
		}
	}
	if unpaired {
		from := oldest.AddDate(0, 0, -titleWindowBefore)
		for j, in := range p.interps {
			if in.listed && !linked[j] && (oldest.IsZero() || in.date.IsZero() || !in.yearKnown || !in.date.Before(from)) {
				add(j)
			}
		}
	}

	type read struct {
		ok    bool
		d     page.Detail
		links []page.Link
	}
	reads := make([]read, len(plan))
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailConcurrency)
	for k, j := range plan {
		in := p.interps[j]
		depth := p.ic.depth + 1
		if !in.listed {
			depth = p.dc.depth + 2
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			pg := p.s.get(ctx, in.url, depth)
			if pg.err != nil {
				return
			}
			reads[k] = read{ok: true, d: page.ReadDetail(pg.Doc(), pg.url, p.s.a.Location), links: pg.Links()}
		}()
	}
	wg.Wait()

	for k, j := range plan {
		rd, in := reads[k], p.interps[j]
		if !rd.ok {
			continue
		}
		if (in.date.IsZero() || !in.yearKnown) && rd.d.YearKnown {
			in.date, in.yearKnown = rd.d.Published, true
		}
		if rd.d.Title != "" {
			if !in.listed {
				in.title = rd.d.Title
			}
			in.keys = append(in.keys, interpretationTitleKey(rd.d.Title))
		}
		for _, l := range rd.links {
			if i, ok := p.docByURL[comparableURL(l.URL)]; ok && !slices.Contains(in.docLinks, i) {
				in.docLinks = append(in.docLinks, i)
			}
		}
	}
	// An interpretation page linking to several of the documents carries a
	// list of documents, not its own: only title-agreeing links count.
	for j, in := range p.interps {
		for _, i := range in.docLinks {
			if len(in.docLinks) > 1 && !p.titlesAgree(i, j) {
				continue
			}
			if !slices.Contains(p.docs[i].links, j) {
				p.docs[i].links = append(p.docs[i].links, j)
			}
		}
	}
}

// titlesAgree reports whether document i and interpretation j pair by title.
func (p *pairing) titlesAgree(i, j int) bool {
	_, ok := p.titleScore(i, j)
	return ok
}

// titleScore applies titlesMatch to every title known for the two.
func (p *pairing) titleScore(i, j int) (float64, bool) {
	best, found := 0.0, false
	for _, dk := range p.docs[i].keys {
		for _, ik := range p.interps[j].keys {
			if s, ok := titlesMatch(dk, ik); ok && (!found || s > best) {
				best, found = s, true
			}
		}
	}
	return best, found
}

// pair chooses each document's interpretation: by link where there is
// one, else by title.
func (p *pairing) pair() {
	linked := map[int]bool{}
	for _, d := range p.docs {
		for _, j := range d.links {
			linked[j] = true
		}
	}
	type candidate struct {
		doc, interp int
		score       float64
		gap         int // days between the two, absolute
	}
	var cands []candidate
	for i, d := range p.docs {
		if len(d.links) > 0 {
			continue
		}
		for j, in := range p.interps {
			if linked[j] {
				continue
			}
			score, ok := p.titleScore(i, j)
			if !ok {
				continue
			}
			gap := 0
			if !d.date.IsZero() && !in.date.IsZero() {
				gap = daysBetween(d.date, in.date, p.s.a.Location)
				if gap < -titleWindowBefore || gap > titleWindowAfter {
					continue
				}
			}
			cands = append(cands, candidate{i, j, score, absInt(gap)})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.gap, b.gap), cmp.Compare(a.doc, b.doc), cmp.Compare(a.interp, b.interp))
	})
	byTitle := make([][]int, len(p.docs))
	for _, c := range cands {
		if in := p.interps[c.interp]; in.takenBy < 0 {
			in.takenBy = c.doc
			byTitle[c.doc] = append(byTitle[c.doc], c.interp)
		}
	}
	for i := range p.docs {
		d := &p.docs[i]
		switch {
		case len(d.links) > 0:
			d.chosen, d.matchedBy = p.earliest(d.links), "link"
		case len(byTitle[i]) > 0:
			d.chosen, d.matchedBy = p.earliest(byTitle[i]), "title"
		}
	}
}

// earliest returns the earliest-dated of the interpretations js; undated
// ones come last, ties keep the order of js.
func (p *pairing) earliest(js []int) int {
	best := js[0]
	for _, j := range js[1:] {
		a, b := p.interps[j].date, p.interps[best].date
		if !a.IsZero() && (b.IsZero() || a.Before(b)) {
			best = j
		}
	}
	return best
}

// report builds the result's details and evidence lines.
func (p *pairing) report(evidence []string) (map[string]any, []string) {
	loc := p.s.a.Location
	cal := govaudit.NewWorkCalendar(p.s.a.Holidays, p.s.a.Workdays)
	var pairs []any
	var unpaired, late []any
	interpreted, timely, byLink, undated := 0, 0, 0, 0
	for _, d := range p.docs {
		if d.chosen < 0 {
			unpaired = append(unpaired, d.item.URL)
			continue
		}
		interpreted++
		if d.matchedBy == "link" {
			byLink++
		}
		in := p.interps[d.chosen]
		var wd any
		if !d.date.IsZero() && !in.date.IsZero() {
			n := cal.WorkingDaysBetween(govaudit.DateOf(d.date.In(loc)), govaudit.DateOf(in.date.In(loc)))
			wd = n
			if n <= timelyWorkingDays {
				timely++
			} else {
				late = append(late, d.item.URL)
			}
		} else {
			undated++
		}
		if len(pairs) < maxReportedPairs {
			pairs = append(pairs, map[string]any{
				"document_title":       d.item.Title,
				"document_url":         d.item.URL,
				"document_date":        dayOrEmpty(d.date, loc),
				"interpretation_title": in.title,
				"interpretation_url":   in.url,
				"interpretation_date":  dayOrEmpty(in.date, loc),
				"working_days":         wd,
				"matched_by":           d.matchedBy,
			})
		}
	}
	n := len(p.docs)
	details := map[string]any{
		"documents_column":      p.dc.url,
		"documents_checked":     n,
		"interpreted":           interpreted,
		"interpreted_share":     shareOf(interpreted, n),
		"within_3_working_days": timely,
	}
	if interpreted > 0 {
		// The share of interpretations that were on time; the share of
		// documents interpreted on time is interpreted_share × this.
		details["timely_share"] = shareOf(timely, interpreted)
	}
	if len(pairs) > 0 {
		details["pairs"] = pairs
	}
	if len(unpaired) > 0 {
		details["unpaired"] = unpaired
	}
	if len(late) > 0 {
		details["late"] = late
	}

	evidence = append(evidence, msgInterpreted(p.dc.url, interpreted, n, percentOf(interpreted, n), byLink, interpreted-byLink))
	if interpreted > 0 {
		evidence = append(evidence, msgTimely(timely, interpreted, timelyWorkingDays, percentOf(timely, interpreted),
			len(p.s.a.Holidays), len(p.s.a.Workdays), undated))
	}
	return details, evidence
}

// shareOf is part/whole rounded to three decimals, 0 for an empty whole.
func shareOf(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*1000) / 1000
}

func percentOf(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return strconv.Itoa(int(math.Round(float64(part)*100/float64(whole)))) + "%"
}

func dayOrEmpty(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return govaudit.DateOf(t.In(loc)).String()
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func firstNonEmptyString(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// comparableURL is the form in which links are compared: scheme and default
// port dropped (sites mix http and https), host lower-cased, fragment gone.
func comparableURL(u string) string {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil || pu.Host == "" {
		return u
	}
	host := strings.ToLower(pu.Hostname())
	if port := pu.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	path := pu.EscapedPath()
	if path == "" {
		path = "/"
	}
	if pu.RawQuery != "" {
		path += "?" + pu.RawQuery
	}
	return host + path
}

// The title rule.
//
// A document's title is compared by its core: the title with its 文号 cut
// out, normalised (text.Normalize: NFKC, traditional folded to simplified),
// keeping letters and digits only. An interpretation's core is the part
// in 《…》 (or “…”, "…", 「…」) when it has one — 《关于…的意见》政策解读,
// 一图读懂《…》 — else its title without the markers 政策解读, 解读, 图解,
// 一图读懂, 问答 … (图解：…, …的解读).
//
// The two pair when neither the 文号 (辽政办发〔2026〕12号, when both titles
// or the document's metadata state one) nor the years they name differ,
// and either
//   - both state the same 文号, or
//   - the document's core is at least minTitleWhole runes and lies whole
//     in the interpretation's (equal, or quoted with more around it), or
//   - they share a run of at least minTitleCommon runes that is at least
//     titleCommonShare of the shorter core (《辽宁省促进就业若干政策》 in
//     关于印发辽宁省促进就业若干政策的通知).
//
// A generic item (政策解读, 图解) has an empty core and pairs with nothing.

// titleKey is what the title rule compares of one title.
type titleKey struct {
	core  []rune
	years []int
	docNo docNumber
}

// docNumber is a 文号: issuer's prefix, year, serial number.
type docNumber struct {
	prefix string
	year   int
	num    int
}

func (n docNumber) known() bool { return n.year != 0 }

func (n docNumber) String() string {
	if !n.known() {
		return ""
	}
	return fmt.Sprintf("%s〔%d〕%d号", n.prefix, n.year, n.num)
}

// same reports whether two known 文号 are one. A prefix read from running
// text may have caught characters before the issuer's code (…通知辽政办发),
// so one prefix ending the other is enough.
func (n docNumber) same(o docNumber) bool {
	return n.year == o.year && n.num == o.num &&
		(strings.HasSuffix(n.prefix, o.prefix) || strings.HasSuffix(o.prefix, n.prefix))
}

// docNumberRe finds a 文号 in cleaned text: 辽政办发〔2026〕12号, 辽政发[2026]3号,
// 国办发(2025)第7号.
var docNumberRe = regexp.MustCompile(`(\p{Han}{1,12})\s*[〔\[(【［（]\s*((?:19|20)\d\d)\s*[〕\])】］）]\s*第?\s*(\d{1,5})\s*号`)

// cutDocNumber returns the first 文号 in s and s without it.
func cutDocNumber(s string) (docNumber, string) {
	m := docNumberRe.FindStringSubmatchIndex(s)
	if m == nil {
		return docNumber{}, s
	}
	year, _ := strconv.Atoi(s[m[4]:m[5]])
	num, _ := strconv.Atoi(s[m[6]:m[7]])
	return docNumber{prefix: text.Normalize(s[m[2]:m[3]]), year: year, num: num}, s[:m[0]] + " " + s[m[1]:]
}

// documentTitleKey is the key of a policy document's title; docNo is its
// 发文字号 from the metadata block, when known.
func documentTitleKey(title, docNo string) titleKey {
	no, rest := cutDocNumber(text.Clean(title))
	if docNo != "" {
		if meta, _ := cutDocNumber(text.Clean(docNo)); meta.known() {
			no = meta
		}
	}
	return titleKey{core: coreRunes(rest), years: titleYears(rest), docNo: no}
}

// interpretationTitleKey is the key of an interpretation's title.
func interpretationTitleKey(title string) titleKey {
	no, rest := cutDocNumber(text.Clean(title))
	if q, ok := quotedTitle(rest); ok {
		rest = q
	} else {
		rest = stripMarkers(rest)
	}
	return titleKey{core: coreRunes(rest), years: titleYears(rest), docNo: no}
}

// quotePairs are the quotation marks interpretation titles put around
// their document's title, in order of preference.
var quotePairs = [][2]string{{"《", "》"}, {"“", "”"}, {"\"", "\""}, {"「", "」"}, {"『", "』"}, {"〈", "〉"}, {"<", ">"}}

// quotedTitle returns the text between the first opening and the last
// closing mark of the first kind of quotes s uses: the outer title of
// 《关于印发〈…〉的通知》 whole.
func quotedTitle(s string) (string, bool) {
	for _, q := range quotePairs {
		i := strings.Index(s, q[0])
		if i < 0 {
			continue
		}
		j := strings.LastIndex(s, q[1])
		if j <= i {
			continue
		}
		if inner := strings.TrimSpace(s[i+len(q[0]) : j]); inner != "" {
			return inner, true
		}
	}
	return "", false
}

// stripMarkers removes the interpretation markers from an unquoted title,
// and the 的 and colons they leave (关于…的解读, 图解：…).
func stripMarkers(s string) string {
	n := text.Normalize(s)
	for _, m := range interpretationMarkers {
		n = strings.ReplaceAll(n, m, "")
	}
	n = strings.Trim(n, ":：-— ")
	return strings.TrimSuffix(n, "的")
}

// coreRunes keeps the letters and digits of the normalised text, at most
// maxTitleRunes of them.
func coreRunes(s string) []rune {
	n := text.Normalize(s)
	out := make([]rune, 0, utf8.RuneCountInString(n))
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
			if len(out) == maxTitleRunes {
				break
			}
		}
	}
	return out
}

// titleYears returns the years a title names: runs of exactly four ASCII
// digits from 1949 to 2100 (2026年, 2026—2030年). Cleaned text has ASCII
// digits only.
func titleYears(s string) []int {
	var out []int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i == 4 {
			if y, _ := strconv.Atoi(s[i:j]); y >= 1949 && y <= 2100 && !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
		i = j
	}
	return out
}

// yearsConflict reports whether both titles name years and none in common.
func yearsConflict(a, b []int) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, y := range a {
		if slices.Contains(b, y) {
			return false
		}
	}
	return true
}

// titlesMatch applies the title rule to a document's and an
// interpretation's keys. score ranks competing pairs: 1 for a shared 文号
// or a title found whole, else the common run's share of the shorter core.
func titlesMatch(doc, in titleKey) (score float64, ok bool) {
	if doc.docNo.known() && in.docNo.known() {
		if doc.docNo.same(in.docNo) {
			return 1, true
		}
		return 0, false
	}
	if yearsConflict(doc.years, in.years) {
		return 0, false
	}
	la, lb := len(doc.core), len(in.core)
	if la == 0 || lb == 0 {
		return 0, false
	}
	common := longestCommonRun(doc.core, in.core)
	if common == la && la >= minTitleWhole {
		return 1, true
	}
	shorter := min(la, lb)
	if common >= minTitleCommon && float64(common) >= titleCommonShare*float64(shorter) {
		return float64(common) / float64(shorter), true
	}
	return 0, false
}

// longestCommonRun is the length of the longest run of runes a and b
// share (longest common substring), by dynamic programming over two rows.
func longestCommonRun(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best := 0
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
