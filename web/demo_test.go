package web_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/crawler"
	"github.com/govaudit/govaudit/demo"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
	"github.com/govaudit/govaudit/web"
)

// earlierAudit is how long before the main audit the test audits
// ln-sthj once more. Its 政策文件 column's newest item is 250 days old
// (180 allowed): 100 days earlier the same pages were fresh, so the site's
// history has a real fresh → stale change to show.
const earlierAudit = 100 * 24 * time.Hour

// auditedDemo serves the demo province, audits it into a store in a
// temporary directory the way cmd/govaudit's runner does (probe rounds,
// audit, availability, score, save, evidence), and returns the store and
// the province with its ground truth.
func auditedDemo(t *testing.T, now time.Time) (*store.Store, *demo.Province) {
	t.Helper()
	ctx := context.Background()
	p := demo.New(now)
	srv, err := p.Start()
	if err != nil {
		t.Fatalf("start demo: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	st, err := store.Open(filepath.Join(t.TempDir(), "web.db"), store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutSites(p.Sites); err != nil {
		t.Fatalf("put sites: %v", err)
	}
	cr, err := crawler.New(crawler.Options{CrawlSettings: govaudit.CrawlSettings{UserAgent: "govaudit-test/1.0", MaxDepth: 3, MaxPagesPerSite: 400,
		PerHostParallelism: 2, Timeout: 10 * time.Second, MaxBodyBytes: 8 << 20, RespectRobots: true,
		AllowPrivateAddresses: true}, Resolve: srv.Resolve}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("crawler: %v", err)
	}
	t.Cleanup(cr.Close)
	a := &demoAuditor{st: st, cr: cr, auditor: checks.NewAuditor(now.Location(), nil)}

	// The demo's ground truth assumes ProbeRounds probe rounds before the
	// audit, as `govaudit demo` runs them.
	for range demo.ProbeRounds {
		a.probeRound(ctx, p.Sites)
	}
	sthj := slices.IndexFunc(p.Sites, func(s govaudit.Site) bool { return s.ID == "ln-sthj" })
	if sthj < 0 {
		t.Fatal("the demo has no site ln-sthj")
	}
	a.run(t, ctx, p.Sites[sthj:sthj+1], now.Add(-earlierAudit))
	a.run(t, ctx, p.Sites, now)
	return st, p
}

// demoAuditor is the part of cmd/govaudit's runner and prober an audit of
// the demo needs.
type demoAuditor struct {
	st      *store.Store
	cr      *crawler.Crawler
	auditor *checks.Auditor
}

// probeRound fetches every home page once and records whether it answered,
// as the prober does.
func (a *demoAuditor) probeRound(ctx context.Context, sites []govaudit.Site) {
	var probes []store.Probe
	for _, s := range sites {
		at := time.Now()
		pg := a.cr.Site(s.ID).Fetch(ctx, s.URL, 0)
		probes = append(probes, store.Probe{SiteID: s.ID, At: at, OK: probeOK(pg.Err)})
	}
	if err := a.st.SaveProbes(probes, 8*24*time.Hour); err != nil {
		panic(err)
	}
}

// probeOK is the runner's rule: any answer, even a refusal, shows the
// server is up.
func probeOK(err *govaudit.FetchError) bool {
	if err == nil {
		return true
	}
	switch err.Kind {
	case govaudit.ErrBlocked, govaudit.ErrRobots, govaudit.ErrHTTP4xx, govaudit.ErrTooLarge, govaudit.ErrBudget:
		return true
	}
	return false
}

// run audits sites as of at in one run, four at a time.
func (a *demoAuditor) run(t *testing.T, ctx context.Context, sites []govaudit.Site, at time.Time) {
	t.Helper()
	ids := make([]string, len(sites))
	for i, s := range sites {
		ids[i] = s.ID
	}
	run, err := a.st.BeginRun("test", ids, time.Now())
	if err != nil {
		t.Fatalf("begin run: %v", err)
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	jobs := make(chan govaudit.Site)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for site := range jobs {
				if err := a.auditSite(ctx, run.ID, site, at); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, s := range sites {
		jobs <- s
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("audit: %v", err)
	}
	if _, err := a.st.FinishRun(run.ID, time.Now()); err != nil {
		t.Fatalf("finish run: %v", err)
	}
}

func (a *demoAuditor) auditSite(ctx context.Context, runID uint64, site govaudit.Site, at time.Time) error {
	f := a.cr.Site(site.ID)
	res := a.auditor.Audit(ctx, site, f, at)
	res.Fetch = f.Stats()
	total, failed, err := a.st.ProbeStats(site.ID, res.AuditedAt.Add(-7*24*time.Hour))
	if err != nil {
		return err
	}
	perDay, err := a.st.ProbesPerDay(site.ID, res.AuditedAt, govaudit.CensusProbeDays)
	if err != nil {
		return err
	}
	res.Census = append([]govaudit.CensusFinding{a.auditor.Census.JudgeAvailability(total, failed, perDay)}, res.Census...)
	if score, ok := govaudit.SiteScore(res.Results, res.Census, govaudit.DefaultScoreWeights); ok {
		res.Score = &score
	}
	if err := a.st.SaveAudit(runID, res); err != nil {
		return err
	}
	pages := app.EvidencePages(ctx, f, &res, site.URL, slog.New(slog.DiscardHandler))
	if len(pages) == 0 {
		return nil
	}
	return a.st.SaveEvidence(res.SiteID, res.AuditedAt, pages)
}

// exportStandIn serves /api/v1/export as cmd/govaudit does, for the
// download buttons: ?format=, ?site= (repeats), the filters, ?download=1.
func exportStandIn(st *store.Store, loc *time.Location) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		format := q.Get("format")
		if err := report.CheckFormat(format); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		sel := report.Selection{City: q.Get("city"), Level: q.Get("level"), Department: q.Get("department"),
			Status: q.Get("status"), Verdict: q.Get("verdict")}
		doc, err := report.FromStore(st, q["site"], govaudit.Date{}, time.Now(), loc)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		doc = report.Select(doc, sel)
		ex := report.Extras{}
		if ex.Copies, err = report.CopiesFromStore(st, doc, loc); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := report.WriteWith(r.Context(), &buf, format, doc, ex); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", report.MediaType(format))
		if q.Get("download") != "" {
			w.Header().Set("Content-Disposition", `attachment; filename="`+report.FileName(doc, format)+`"`)
		}
		w.Write(buf.Bytes())
	}
}

// serveUI mounts the pages the way cmd/govaudit will: the export stand-in
// beside web.New at "/".
func serveUI(st *store.Store, loc *time.Location) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /api/v1/export", exportStandIn(st, loc))
	mux.Handle("/", web.New(web.Options{Store: st, Location: loc}))
	return mux
}
