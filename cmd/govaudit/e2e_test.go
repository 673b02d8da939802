package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/browser"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/demo"
	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
	"github.com/govaudit/govaudit/report"
)

// startDemoWith serves the built-in province and returns an app over it
// with a store in a temporary directory and crawl.browser_path set to
// browserPath ("" for the default).
func startDemoWith(t *testing.T, now time.Time, browserPath string) (*demo.Province, *app.App) {
	t.Helper()
	p := demo.New(now)
	srv, err := p.Start()
	if err != nil {
		t.Fatalf("start demo: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	cfg, cleanup, err := demoConfig(p, filepath.Join(t.TempDir(), "demo.db"), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	cfg.Crawl.BrowserPath = browserPath
	if _, ok := browser.Find(cfg.Crawl.BrowserPath); !ok {
		if browserPath == "" && chromiumtest.Required() {
			t.Fatal("no Chromium found and GOVAUDIT_REQUIRE_BROWSER=1: install chromium-headless-shell")
		}
		// Without a browser the pages that need one are unreadable.
		p.WithoutBrowser()
	}
	a, err := app.New(cfg, slog.New(slog.DiscardHandler), app.Options{Command: "test", Resolve: srv.Resolve})
	if err != nil {
		t.Fatalf("new app: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return p, a
}

// exportedResult is the part of the JSON export the ground truth pins.
type exportedResult struct {
	ID         string               `json:"id"`
	Status     string               `json:"status"`
	ColumnURL  string               `json:"column_url"`
	NewestItem *govaudit.Item       `json:"newest_item"`
	Compliant  string               `json:"compliant"`
	Shortfalls []govaudit.Shortfall `json:"shortfalls"`
	Evidence   []string             `json:"evidence"`
	Details    struct {
		DocumentsChecked *int `json:"documents_checked"`
		ValidityLabelled *int `json:"validity_labelled"`
	} `json:"details"`
}

// TestDemoMatchesGroundTruth probes the demo province as the demo command
// does, audits it, and compares the JSON export with the province's own
// ground truth for every site: every requirement (status, column, newest
// date, and all-10's validity counts) and every census rule (verdict and
// value).
func TestDemoMatchesGroundTruth(t *testing.T) { checkDemo(t, "") }

// TestDemoWithoutBrowser: with no Chromium installed the audit still
// completes, and every requirement read through a page that needs a
// browser is unreadable (the ground truth's WithoutBrowser), never empty,
// missing or blocked.
func TestDemoWithoutBrowser(t *testing.T) { checkDemo(t, "/nonexistent/chromium-headless-shell") }

func checkDemo(t *testing.T, browserPath string) {
	loc := config.Default().Location
	now := time.Now().In(loc)
	p, a := startDemoWith(t, now, browserPath)
	ctx := context.Background()
	a.ProbeBurst(ctx, demo.ProbeRounds)
	if _, err := a.Audit(ctx, "test", nil, nil); err != nil {
		t.Fatalf("audit: %v", err)
	}
	doc, err := report.Build(a.Store().Snapshot(), nil, now, loc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var exported struct {
		Sites []struct {
			ID           string                   `json:"id"`
			AuditedAt    *time.Time               `json:"audited_at"`
			Verdict      govaudit.SiteVerdict     `json:"verdict"`
			Requirements []exportedResult         `json:"requirements"`
			Census       []govaudit.CensusFinding `json:"census"`
		} `json:"sites"`
	}
	if err := json.Unmarshal(buf.Bytes(), &exported); err != nil {
		t.Fatalf("export is not valid JSON: %v", err)
	}
	if got, want := len(exported.Sites), len(p.Sites); got != want {
		t.Fatalf("export has %d sites, want %d", got, want)
	}
	var texts []string
	for _, site := range exported.Sites {
		for _, r := range site.Requirements {
			texts = append(texts, r.Evidence...)
			for _, s := range r.Shortfalls {
				texts = append(texts, s.Text)
			}
		}
		for _, f := range site.Census {
			texts = append(texts, f.Evidence...)
		}
	}
	chinese := 0
	for _, s := range texts {
		if strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			chinese++
		}
	}
	share := float64(chinese) / float64(max(len(texts), 1))
	t.Logf("finding and evidence texts in Chinese: %d of %d (%.1f%%)", chinese, len(texts), 100*share)
	if len(texts) == 0 || share < 0.95 {
		t.Errorf("finding and evidence texts in Chinese: %d of %d, want at least 95%%", chinese, len(texts))
	}
	for _, site := range exported.Sites {
		truth := p.Truth[site.ID]
		t.Run(site.ID, func(t *testing.T) {
			if want := p.Verdicts[site.ID]; site.Verdict != want {
				t.Errorf("verdict %s, want %s", site.Verdict, want)
			}
			if got, want := len(site.Requirements), len(truth); got != want {
				t.Errorf("%d requirements exported, want %d", got, want)
			}
			// The home page's census value is an age in days: an audit
			// that ran past midnight after the province was built sees it
			// a day older.
			late := 0
			if site.AuditedAt != nil {
				late = calendarDays(now, site.AuditedAt.In(loc))
			}
			checkCensus(t, site.Census, p.Census[site.ID], late)
			for _, r := range site.Requirements {
				want, ok := truth[r.ID]
				if !ok {
					t.Errorf("%s: exported but not in the ground truth", r.ID)
					continue
				}
				if r.Status != string(want.Status) {
					t.Errorf("%s: status %s, want %s", r.ID, r.Status, want.Status)
				}
				if r.ColumnURL != want.ColumnURL {
					t.Errorf("%s: column_url %q, want %q", r.ID, r.ColumnURL, want.ColumnURL)
				}
				newest := ""
				if r.NewestItem != nil {
					newest = r.NewestItem.Date.String()
				}
				if newest != want.Newest {
					t.Errorf("%s: newest date %q, want %q", r.ID, newest, want.Newest)
				}
				checkCompliance(t, r, want)
				if r.ID == "all-10" && want.Status != govaudit.StatusMissing && want.Status != govaudit.StatusUnreachable &&
					want.Status != govaudit.StatusBlocked && want.Status != govaudit.StatusEmpty && want.Status != govaudit.StatusUnreadable {
					if r.Details.DocumentsChecked == nil || *r.Details.DocumentsChecked != want.DocumentsChecked {
						t.Errorf("all-10: documents_checked %v, want %d", deref(r.Details.DocumentsChecked), want.DocumentsChecked)
					}
					if r.Details.ValidityLabelled == nil || *r.Details.ValidityLabelled != want.ValidityLabelled {
						t.Errorf("all-10: validity_labelled %v, want %d", deref(r.Details.ValidityLabelled), want.ValidityLabelled)
					}
				}
			}
		})
	}
}

// checkCompliance compares a requirement's compliance with the truth: all-10
// is compliant exactly when its column is fresh and every checked document
// is labelled, and then has no shortfalls; a coverage gap is unknown; and
// "no" always comes with at least one shortfall.
func checkCompliance(t *testing.T, r exportedResult, want demo.Expect) {
	t.Helper()
	wantC := string(govaudit.StatusCompliance(want.Status))
	if r.ID == "all-10" && want.Status == govaudit.StatusFresh && want.ValidityLabelled < want.DocumentsChecked {
		wantC = string(govaudit.CompliantNo)
	}
	switch {
	case r.ID == "all-10" && r.Compliant != wantC:
		t.Errorf("all-10: compliant %s, want %s (%d of %d labelled, %s); shortfalls %+v", r.Compliant, wantC,
			want.ValidityLabelled, want.DocumentsChecked, want.Status, r.Shortfalls)
	case wantC != string(govaudit.CompliantYes) && r.Compliant != wantC:
		t.Errorf("%s: compliant %s, want %s (%s)", r.ID, r.Compliant, wantC, want.Status)
	case r.Compliant == string(govaudit.CompliantYes) && len(r.Shortfalls) > 0:
		t.Errorf("%s: compliant with shortfalls %+v", r.ID, r.Shortfalls)
	case r.Compliant == string(govaudit.CompliantNo) && len(r.Shortfalls) == 0:
		t.Errorf("%s: not compliant, no shortfall says why", r.ID)
	}
	if r.ID == "all-10" && wantC == string(govaudit.CompliantNo) && want.Status == govaudit.StatusFresh {
		unlabelled := want.DocumentsChecked - want.ValidityLabelled
		wantText := fmt.Sprintf("%d 份文件中 %d 份未标注有效性", want.DocumentsChecked, unlabelled)
		if len(r.Shortfalls) != 1 || r.Shortfalls[0].Code != govaudit.ShortValidityUnlabelled || r.Shortfalls[0].Text != wantText ||
			len(r.Shortfalls[0].URLs) != unlabelled {
			t.Errorf("all-10: shortfalls %+v, want one %s %q with %d URLs", r.Shortfalls, govaudit.ShortValidityUnlabelled, wantText, unlabelled)
		}
	}
}

// checkCensus compares a site's exported census block with its truth:
// the same rules, each with the same verdict and value.
func checkCensus(t *testing.T, got []govaudit.CensusFinding, want map[string]demo.CensusExpect, late int) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range got {
		seen[f.Rule] = true
		w, ok := want[f.Rule]
		if !ok {
			t.Errorf("census %s: exported (%s, %v) but not in the ground truth", f.Rule, f.Verdict, f.Value)
			continue
		}
		if f.Rule == govaudit.RuleHomepageNotUpdated && w.Value >= 0 {
			w.Value += float64(late)
		}
		if f.Verdict != w.Verdict || f.Value != w.Value {
			t.Errorf("census %s: got %s %v, want %s %v; evidence %q", f.Rule, f.Verdict, f.Value, w.Verdict, w.Value, f.Evidence)
		}
	}
	for rule, w := range want {
		if !seen[rule] {
			t.Errorf("census %s: not exported, want %s %v", rule, w.Verdict, w.Value)
		}
	}
}

// calendarDays counts the days from a's calendar day to b's, in a's zone.
func calendarDays(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.In(a.Location()).Date()
	return int(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func deref(p *int) string {
	if p == nil {
		return "absent"
	}
	return fmt.Sprint(*p)
}

// TestCommandsThroughServingOwner shows that audit and export work while
// another process (here: a serving app in this test) owns the store, by
// going through its HTTP API.
func TestCommandsThroughServingOwner(t *testing.T) {
	loc := config.Default().Location
	p := demo.New(time.Now().In(loc))
	srv, err := p.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	ln, err := app.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := demoConfig(p, filepath.Join(dir, "store.db"), ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a, err := app.New(cfg, log, app.Options{Command: "govaudit serve", Listen: cfg.Listen, Resolve: srv.Resolve})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		auditCtx, cancelAudits := context.WithCancel(context.Background())
		served <- a.Serve(ctx, ln, auditCtx, cancelAudits, nil)
	}()
	defer func() {
		cancel()
		<-served
		a.Close()
	}()

	// A config file for the CLI that names the same store and sites.
	cfgPath := filepath.Join(dir, "govaudit.yaml")
	writeConfigFile(t, cfgPath, cfg)

	var stdout, stderr bytes.Buffer
	site := p.Sites[0].ID
	if code := run([]string{"audit", "--config", cfgPath, "--site", site}, &stdout, &stderr); code != exitOK {
		t.Fatalf("audit exit %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "asking it to run the audit") {
		t.Errorf("audit did not go through the serving owner; stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stdout.String(), site) {
		t.Errorf("summary does not name %s:\n%s", site, stdout.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"export", "--config", cfgPath, "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("export exit %d; stderr:\n%s", code, stderr.String())
	}
	var doc report.Document
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("export output is not JSON: %v\n%s", err, stdout.String())
	}
	var audited int
	for _, sc := range doc.Sites {
		if sc.AuditedAt != nil {
			audited++
		}
	}
	if audited != 1 {
		t.Errorf("export shows %d audited sites, want 1 (only %s was audited)", audited, site)
	}

	// Without a config, --server reaches the running process as the demo
	// tells its users to.
	var direct bytes.Buffer
	stderr.Reset()
	if code := run([]string{"export", "--server", app.APIBase(cfg.Listen), "--format", "json", "--site", site}, &direct, &stderr); code != exitOK {
		t.Fatalf("export --server exit %d; stderr:\n%s", code, stderr.String())
	}
	var viaServer report.Document
	if err := json.Unmarshal(direct.Bytes(), &viaServer); err != nil || len(viaServer.Sites) != 1 || viaServer.Sites[0].ID != site {
		t.Errorf("export --server: got %d sites (%v), want only %s", len(viaServer.Sites), err, site)
	}

	resp, err := http.Get(app.APIBase(cfg.Listen) + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `govaudit_requirement_status{column_url=`) {
		t.Errorf("metrics lack govaudit_requirement_status")
	}
}

// writeConfigFile writes a YAML config equivalent to cfg's store and sites.
func writeConfigFile(t *testing.T, path string, cfg *config.Config) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "store: %q\nlisten: %q\ncrawl:\n  allow_private_addresses: true\n  per_host_delay: 0s\nsites:\n", cfg.Store, cfg.Listen)
	for _, s := range cfg.Sites {
		fmt.Fprintf(&b, "  - id: %s\n    name: %q\n    url: %q\n    level: %s\n", s.ID, s.Name, s.URL, s.Level)
		if s.Department != "" {
			fmt.Fprintf(&b, "    department: %s\n", s.Department)
		}
		if s.City != "" {
			fmt.Fprintf(&b, "    city: %q\n", s.City)
		}
		if s.MarketSupervision {
			b.WriteString("    market_supervision: true\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCommandErrors checks that bad command lines fail with a clear
// message and a usage exit code.
func TestCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("sites:\n  - id: Bad_ID\n    name: x\n    url: notaurl\n    level: town\n"), 0o644)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, exitUsage, "Usage"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"audit without config", []string{"audit"}, exitUsage, "no config"},
		{"check-config bad file", []string{"check-config", bad}, exitUsage, "problem(s)"},
		{"check-config missing file", []string{"check-config", filepath.Join(dir, "nope.yaml")}, exitUsage, "nope.yaml"},
		{"export unknown format", []string{"export", "--format", "docx"}, exitUsage, `unsupported format "docx"`},
		{"catalog unknown format", []string{"catalog", "--format", "xml"}, exitUsage, `unknown format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOVAUDIT_CONFIG", "")
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.wantErr) {
				t.Errorf("output does not mention %q:\n%s", tt.wantErr, out)
			}
		})
	}
}

// TestCatalogJSONListsEveryID pins that the catalog command lists every
// requirement id.
func TestCatalogJSONListsEveryID(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"catalog", "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rows []govaudit.Requirement
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), len(govaudit.DefaultCatalog().IDs()); got != want {
		t.Errorf("catalog lists %d rows, want %d", got, want)
	}
}
