package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/seeds"
)

// The size simulation: a year of daily audits of sizeSimSites sites of the
// Liaoning seed list, each judged on the requirements the catalog audits
// for it, with evidence pages built from real government pages.
const (
	sizeSimSites = 6
	sizeSimDays  = 365
	// Every sizeSimDynamicEvery-th simulated site renders something new
	// into every page on every request (a clock, a visit counter), so its
	// pages never deduplicate from one day to the next. The others serve
	// static HTML (what TRS, Hanweb and most government CMSes publish).
	sizeSimDynamicEvery = 6
	// sizeSimFlipsPerDay is the chance that one requirement of a site
	// changes status on a given day: three changes a month.
	sizeSimFlipsPerDay = 0.1
)

// TestRetentionSizeEstimate measures the store's size for a year of daily
// audits, before and after retention and after compaction, and
// extrapolates it to the Liaoning seed list by the number of requirements
// audited (sizes grow with results and their evidence pages, not with
// sites as such). Run it with -v to see the figures.
func TestRetentionSizeEstimate(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a year of audits; skipped with -short")
	}
	if raceEnabled {
		t.Skip("the race detector makes the year of audits ten times slower and finds nothing the other tests do not")
	}
	seed, err := seeds.Load("liaoning")
	if err != nil {
		t.Fatal(err)
	}
	cat := govaudit.DefaultCatalog()
	tmpl := loadTemplates(t)
	cst := time.FixedZone("CST", 8*3600)

	// Every len/N-th site of the seed list: a spread of levels and
	// departments.
	var sites []govaudit.Site
	var sims []*simSite
	step := len(seed.Sites) / sizeSimSites
	for i := range sizeSimSites {
		site := seed.Sites[i*step]
		sites = append(sites, site)
		sims = append(sims, newSimSite(site, cat.Audited(site), tmpl, i%sizeSimDynamicEvery == 0, uint64(i)))
	}
	simReqs, allReqs := 0, 0
	for _, s := range seed.Sites {
		allReqs += len(cat.Audited(s))
	}
	for _, s := range sims {
		simReqs += len(s.reqs)
	}

	path := filepath.Join(t.TempDir(), "govaudit.db")
	s := openPath(t, path, Options{})
	s.db.NoSync = true // the file's size does not depend on when it is synced
	if err := s.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 11, 27, 2, 0, 0, 0, cst)
	began := time.Now()
	var auditBytes, pageBytes, pages int
	for d := range sizeSimDays {
		a, p, b := simulateDay(t, s, sims, start.AddDate(0, 0, d))
		auditBytes, pageBytes, pages = auditBytes+a, pageBytes+b, pages+p
	}
	simTime := time.Since(began)
	end := start.AddDate(0, 0, sizeSimDays-1)

	raw := fileSize(t, path)
	rawBuckets := bucketBytes(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	trimmedPath := filepath.Join(t.TempDir(), "trimmed.db")
	copyFile(t, path, trimmedPath)
	now := end.Add(time.Hour)
	whole := retainAndCompact(t, path, now, DefaultRetention, sims)
	trimmed := retainAndCompact(t, trimmedPath, now, RetentionPolicy{ChangedEvidenceOnly: true}, sims)

	// Two more weeks on the compacted file with retention after every
	// day's run, as a serving process would: freed pages are reused, so
	// the file should stay near its compacted size.
	c := openPath(t, whole.compactPath, Options{})
	c.db.NoSync = true
	const extraDays = 14
	for d := 1; d <= extraDays; d++ {
		at := end.AddDate(0, 0, d)
		simulateDay(t, c, sims, at)
		if _, err := c.ApplyRetention(at.Add(time.Hour), DefaultRetention); err != nil {
			t.Fatal(err)
		}
	}
	checkEvidence(t, c)
	steady, steadyBuckets := fileSize(t, c.Path()), bucketBytes(t, c)

	changes := 0
	for _, sim := range sims {
		changes += sim.flips
	}
	scale := float64(allReqs) / float64(simReqs)
	est := func(n int64) string { return mib(int64(float64(n) * scale)) }

	var out strings.Builder
	fmt.Fprintf(&out, "simulated: %d sites (%d with dynamic pages), %d requirements, %d days; %d status changes (%.1f per site per month); took %s\n",
		len(sims), (len(sims)+sizeSimDynamicEvery-1)/sizeSimDynamicEvery, simReqs, sizeSimDays, changes, float64(changes)/float64(len(sims))/12, simTime.Round(time.Millisecond))
	fmt.Fprintf(&out, "per site and day: audit JSON %d bytes, %.1f evidence pages of %.0f KB\n",
		auditBytes/(len(sims)*sizeSimDays), float64(pages)/float64(len(sims)*sizeSimDays), float64(pageBytes)/float64(pages)/1024)
	fmt.Fprintf(&out, "a year without retention: file %s (%s)\n", mib(raw), rawBuckets)
	for _, r := range []retained{whole, trimmed} {
		fmt.Fprintf(&out, "%s\n", r)
	}
	fmt.Fprintf(&out, "then %d more days with daily retention (whole audits): file %s (%s)\n", extraDays, mib(steady), steadyBuckets)
	fmt.Fprintf(&out, "Liaoning seed list (%d sites, %d requirements; ×%.1f by requirements): a year without retention %s of data; after retention and Compact %s (whole audits' evidence), %s (changed requirements' evidence), each file up to 16 MiB more",
		len(seed.Sites), allReqs, scale, est(rawBuckets.total()), est(whole.compactedData), est(trimmed.compactedData))
	t.Log("\n" + out.String())

	if whole.compacted > raw/2 {
		t.Errorf("compacted %s is more than half the unretained %s: retention saved little", mib(whole.compacted), mib(raw))
	}
	if trimmed.compacted > whole.compacted {
		t.Errorf("keeping only changed requirements' evidence: got %s, more than whole audits' %s", mib(trimmed.compacted), mib(whole.compacted))
	}
	if steady > whole.compacted*3/2 {
		t.Errorf("two weeks of daily retention grew the file from %s to %s", mib(whole.compacted), mib(steady))
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// retained is what retention and compaction made of a year's store.
type retained struct {
	policy    RetentionPolicy
	rep       RetentionReport
	took      time.Duration
	file      int64 // after retention
	inUse     bucketSizes
	perSite   string
	compacted int64
	// compactedData is the bytes of the compacted file's bucket pages: the
	// file is that plus bbolt's allocation slack (it grows 16 MiB at a
	// time) and a few meta and freelist pages.
	compactedData int64
	compactPath   string
}

func (r retained) String() string {
	return fmt.Sprintf("retention (changed evidence only %v): file %s, %s; kept %d audits, deleted %d; kept %d evidence lists, deleted %d, trimmed %d, %d bodies deleted; %s in %d transactions; evidence kept per site: %s; after Compact: file %s, data %s",
		r.policy.ChangedEvidenceOnly, mib(r.file), r.inUse, r.rep.AuditsKept, r.rep.AuditsDeleted, r.rep.EvidenceKept, r.rep.EvidenceDeleted,
		r.rep.EvidenceTrimmed, r.rep.BodiesDeleted, r.took.Round(time.Millisecond), r.rep.Transactions, r.perSite, mib(r.compacted), mib(r.compactedData))
}

// retainAndCompact applies p to the store at path as of now, then
// compacts it into a new file.
func retainAndCompact(t *testing.T, path string, now time.Time, p RetentionPolicy, sims []*simSite) retained {
	t.Helper()
	r := retained{policy: p}
	s := openPath(t, path, Options{})
	s.db.NoSync = true
	began := time.Now()
	var err error
	if r.rep, err = s.ApplyRetention(now, p); err != nil {
		t.Fatal(err)
	}
	r.took = time.Since(began)
	checkEvidence(t, s)
	r.file, r.inUse, r.perSite = fileSize(t, path), bucketBytes(t, s), evidencePerSite(t, s, sims)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r.compactPath = path + ".compact"
	if err := Compact(path, r.compactPath); err != nil {
		t.Fatal(err)
	}
	r.compacted = fileSize(t, r.compactPath)
	c := openPath(t, r.compactPath, Options{ReadOnly: true})
	r.compactedData = bucketBytes(t, c).total()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return r
}

// simulateDay audits every simulated site once at at, in one run, and
// saves the audits and their evidence. It returns the bytes of audit JSON,
// the number of evidence pages and their bytes.
func simulateDay(t *testing.T, s *Store, sims []*simSite, at time.Time) (auditBytes, pages, pageBytes int) {
	t.Helper()
	ids := make([]string, len(sims))
	for i, sim := range sims {
		ids[i] = sim.site.ID
	}
	run, err := s.BeginRun("schedule", ids, at)
	if err != nil {
		t.Fatal(err)
	}
	for i, sim := range sims {
		a, ev := sim.audit(at.Add(time.Duration(i) * time.Minute))
		if err := s.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveEvidence(a.SiteID, a.AuditedAt, ev); err != nil {
			t.Fatal(err)
		}
		v, _ := jsonSize(a)
		auditBytes += v
		pages += len(ev)
		for _, p := range ev {
			pageBytes += len(p.Body)
		}
	}
	if _, err := s.FinishRun(run.ID, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return auditBytes, pages, pageBytes
}

// templates are real pages: list pages for columns, article pages for
// the newest items.
type templates struct {
	lists, details [][]byte
}

func loadTemplates(t *testing.T) templates {
	t.Helper()
	var tm templates
	for _, f := range []struct {
		name string
		list bool
	}{
		{"handan_trs_xxgk_list.jsp.html", true},
		{"handan_trs_xxgk_index.jsp.html", true},
		{"handan_trs_xxgk_gkzn.jsp.html", true},
		{"govcn_policy_guoling707.fragment.html", false},
		{"govcn_policy_guobanfa2018-128.fragment.html", false},
		{"govcn_policy_guofa2019-5_shuangsuiji.fragment.html", false},
	} {
		// The real pages are kept once, in package page's testdata.
		b, err := os.ReadFile(filepath.Join("..", "checks", "internal", "page", "testdata", "realpages", f.name))
		if err != nil {
			t.Fatal(err)
		}
		if f.list {
			tm.lists = append(tm.lists, b)
		} else {
			tm.details = append(tm.details, b)
		}
	}
	return tm
}

// simSite is one simulated site: its columns post new items at their own
// pace, and now and then a requirement changes status.
type simSite struct {
	site    govaudit.Site
	dynamic bool
	rng     *rand.Rand
	tmpl    templates
	reqs    []*simReq
	day     int
	flips   int
}

type simReq struct {
	govaudit.Requirement
	kind      int     // simColumn, simMissing or simOffline
	perDay    float64 // chance of a new item on a day
	listPages int
	items     int // items posted so far; the newest has this serial
	newest    time.Time
	status    govaudit.Status
	// bodies are the pages as last built, rebuilt when an item is posted
	// (or every day on a dynamic site).
	bodies   [][]byte
	builtFor int
}

const (
	simColumn = iota
	simMissing
	simOffline
)

var simRates = []float64{0.5, 0.15, 0.15, 0.05, 0.03, 0.03, 0.01, 0.003}

func newSimSite(site govaudit.Site, reqs []govaudit.Requirement, tm templates, dynamic bool, seed uint64) *simSite {
	s := &simSite{site: site, dynamic: dynamic, rng: rand.New(rand.NewPCG(seed, 2026)), tmpl: tm}
	for i, r := range reqs {
		sr := &simReq{Requirement: r, perDay: simRates[i%len(simRates)], listPages: 1 + i%3/2, items: 40 + i, status: govaudit.StatusFresh, builtFor: -1}
		switch {
		case !r.Checked():
			sr.kind, sr.status = simOffline, govaudit.StatusNotWebCheckable
		case i%9 == 4:
			sr.kind, sr.status = simMissing, govaudit.StatusMissing
		}
		s.reqs = append(s.reqs, sr)
	}
	return s
}

var simTitles = []string{
	"关于印发《辽宁省政府信息公开工作要点》的通知", "2025年度部门预算公开", "关于公开征求《实施办法（征求意见稿）》意见的公告",
	"政府信息公开工作年度报告", "行政执法公示信息", "关于调整部分行政许可事项的通知", "重点项目建设进展情况",
	"政策解读：一图读懂新政策", "财政资金直达基层情况", "双随机一公开抽查结果公示",
}

// audit advances the site by a day and audits it at at.
func (s *simSite) audit(at time.Time) (govaudit.SiteAudit, []EvidencePage) {
	s.day++
	var checked []*simReq
	for _, r := range s.reqs {
		if r.kind == simColumn && s.rng.Float64() < r.perDay {
			r.items++
			r.newest = at.AddDate(0, 0, -1)
		}
		if r.newest.IsZero() {
			r.newest = at.AddDate(0, 0, -30-s.rng.IntN(200))
		}
		if r.kind == simColumn {
			checked = append(checked, r)
		}
	}
	if len(checked) > 0 && s.rng.Float64() < sizeSimFlipsPerDay {
		r := checked[s.rng.IntN(len(checked))]
		if r.status == govaudit.StatusFresh {
			r.status = govaudit.StatusStale
		} else {
			r.status = govaudit.StatusFresh
		}
		s.flips++
	}

	a := govaudit.SiteAudit{SiteID: s.site.ID, AuditedAt: at, Duration: 95 * time.Second, Reachable: true}
	var pages []EvidencePage
	for _, r := range s.reqs {
		res := govaudit.Result{ID: r.ID, Status: r.status, MaxAgeDays: r.MaxAgeDays}
		switch r.kind {
		case simOffline:
			res.Evidence = []string{"offline requirement: not auditable online"}
		case simMissing:
			res.Evidence = []string{fmt.Sprintf("no column labelled like %v found on the home page or the disclosure portal", r.Keywords)}
		default:
			col := fmt.Sprintf("%scol/%s/", s.site.URL, r.ID)
			title := simTitles[r.items%len(simTitles)]
			item := &govaudit.Item{Title: title, URL: fmt.Sprintf("%st%s_%d.html", col, r.newest.Format("20060102"), r.items), Date: govaudit.DateOf(r.newest)}
			age := int(at.Sub(r.newest).Hours() / 24)
			res.ColumnURL, res.NewestItem, res.AgeDays = col, item, &age
			res.Evidence = []string{
				fmt.Sprintf("column %q found on %s", r.Title, s.site.URL),
				fmt.Sprintf("newest item %s %q (%s), %d days old; %d items listed", item.Date, item.Title, item.URL, age, min(r.items, 20)),
			}
			if r.items%4 == 0 {
				res.Details = map[string]any{"documents_checked": 5, "fields": []string{"项目名称", "回报机制", "实施机构"}}
			}
			body := s.bodies(r, at)
			for k := range r.listPages {
				u := col
				if k > 0 {
					u = fmt.Sprintf("%sindex_%d.html", col, k)
				}
				res.Sources = append(res.Sources, u)
				pages = append(pages, simPage(u, body[k], r.ID, at))
			}
			res.Sources = append(res.Sources, item.URL)
			pages = append(pages, simPage(item.URL, body[r.listPages], r.ID, at))
		}
		a.Results = append(a.Results, res)
	}
	a.Census = []govaudit.CensusFinding{
		{Rule: "availability", Verdict: govaudit.VerdictOK, Value: 1, Threshold: 0.95, Evidence: []string{"28 of 28 probes answered in the last 7 days"}},
		{Rule: "homepage-not-updated", Verdict: govaudit.VerdictOK, Value: 1, Threshold: 14, Evidence: []string{"newest home page item 2026-11-24 \"关于做好冬季安全生产工作的通知\""}},
		{Rule: "dead-links", Verdict: govaudit.VerdictOK, Value: 2, Threshold: 5, Evidence: []string{s.site.URL + "zwgk/old.html: 404", s.site.URL + "bsfw/: 404"}},
		{Rule: "empty-columns", Verdict: govaudit.VerdictWarning, Value: 1, Threshold: 0, Evidence: []string{"column \"人事信息\" lists no items"}},
		{Rule: "stale-columns", Verdict: govaudit.VerdictOK, Value: 0, Threshold: 1},
		{Rule: "interaction", Verdict: govaudit.VerdictOK, Value: 3, Threshold: 1, Evidence: []string{"领导信箱 answered 3 letters in the last 90 days"}},
	}
	score := 86.5
	a.Score = &score
	a.Fetch = govaudit.FetchStats{Pages: 60 + len(pages), Errors: map[govaudit.ErrorKind]int{govaudit.ErrHTTP4xx: 2}}
	return a, pages
}

// bodies returns a column's list pages and its newest item's page, built
// anew when an item was posted or the site renders every request afresh.
func (s *simSite) bodies(r *simReq, at time.Time) [][]byte {
	if r.builtFor == r.items && !s.dynamic {
		return r.bodies
	}
	n := len(r.ID)
	var footer string
	if s.dynamic {
		footer = fmt.Sprintf(`<div class="foot">今天是%s 本站访问量：%d</div>`, at.Format("2006年01月02日 15:04:05"), 1_000_000+s.day*997+n)
	}
	r.bodies = r.bodies[:0]
	for k := range r.listPages {
		var list strings.Builder
		list.WriteString(`<ul class="list">`)
		for j := range 20 {
			serial := r.items - k*20 - j
			date := r.newest.AddDate(0, 0, -(k*20+j)*3).Format("2006-01-02")
			fmt.Fprintf(&list, `<li><a href="./t%s_%d.html" target="_blank" title="%s">%s</a><span class="date">%s</span></li>`,
				strings.ReplaceAll(date, "-", ""), serial, simTitles[(serial+n)%len(simTitles)], simTitles[(serial+n)%len(simTitles)], date)
		}
		list.WriteString("</ul>")
		r.bodies = append(r.bodies, insertBlock(s.tmpl.lists[(n+k)%len(s.tmpl.lists)], s.site.Name+list.String()+footer))
	}
	head := fmt.Sprintf(`<h1>%s</h1><div class="info">发布机构：%s 发布日期：%s 索引号：%s/%d</div>`,
		simTitles[r.items%len(simTitles)], s.site.Name, r.newest.Format("2006-01-02"), r.ID, r.items)
	r.bodies = append(r.bodies, insertBlock(s.tmpl.details[(n+r.items)%len(s.tmpl.details)], head+footer))
	r.builtFor = r.items
	return r.bodies
}

// insertBlock puts block into a page before its </body>, or at its end.
func insertBlock(page []byte, block string) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(block))
	out = append(out, page[:i]...)
	out = append(out, block...)
	return append(out, page[i:]...)
}

func simPage(url string, body []byte, req string, at time.Time) EvidencePage {
	return EvidencePage{URL: url, FinalURL: url, Status: 200, ContentType: "text/html; charset=utf-8",
		FetchedAt: at.Add(-time.Minute), Body: body, Requirements: []string{req}}
}

func jsonSize(v any) (int, error) {
	b, err := json.Marshal(v)
	return len(b), err
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// bucketSizes are the bytes of pages allocated to each top-level bucket.
type bucketSizes map[string]int64

func (b bucketSizes) total() int64 {
	var n int64
	for _, v := range b {
		n += v
	}
	return n
}

func (b bucketSizes) String() string {
	var parts []string
	for _, name := range []string{"history", "evidence_body", "evidence_index", "evidence", "runs", "progress", "latest"} {
		parts = append(parts, fmt.Sprintf("%s %.1f", name, float64(b[name])/(1<<20)))
	}
	return fmt.Sprintf("in buckets %.1f MiB: %s", float64(b.total())/(1<<20), strings.Join(parts, ", "))
}

func bucketBytes(t *testing.T, s *Store) bucketSizes {
	t.Helper()
	out := bucketSizes{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			st := b.Stats()
			out[string(name)] = int64(st.BranchAlloc + st.LeafAlloc)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// evidencePerSite sums the compressed bodies each site's kept evidence
// lists name (a body two lists of one site name counted once), for the
// static and the dynamic sites.
func evidencePerSite(t *testing.T, s *Store, sims []*simSite) string {
	t.Helper()
	var static, dynamic []int64
	for _, sim := range sims {
		seen := map[string]bool{}
		var n int64
		audits, err := s.History(sim.site.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range audits {
			refs, err := s.EvidenceFor(sim.site.ID, a.AuditedAt)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range refs {
				if seen[r.Hash] {
					continue
				}
				seen[r.Hash] = true
				rec, _, err := s.Evidence(r.Hash)
				if err != nil {
					t.Fatal(err)
				}
				n += int64(rec.StoredSize)
			}
		}
		if sim.dynamic {
			dynamic = append(dynamic, n)
		} else {
			static = append(static, n)
		}
	}
	avg := func(xs []int64) float64 {
		var sum int64
		for _, x := range xs {
			sum += x
		}
		return float64(sum) / float64(max(len(xs), 1)) / (1 << 20)
	}
	return fmt.Sprintf("static pages %.1f MiB on average (%d sites), dynamic pages %.1f MiB (%d sites)", avg(static), len(static), avg(dynamic), len(dynamic))
}
