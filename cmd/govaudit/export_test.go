package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// exportFixture is a config and a store holding two audits of one site
// (2026-01-01, fresh; 2026-01-10, stale) and one audit of another
// (2026-01-10, missing). It returns the config path and the directory to
// write outputs into.
func exportFixture(t *testing.T) (cfgPath, outDir string) {
	t.Helper()
	dir := t.TempDir()
	storePath := filepath.Join(dir, "store", "govaudit.db")
	sites := []govaudit.Site{
		{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.example/", Level: govaudit.LevelProvince, Department: "fgw"},
		{ID: "dl-gov", Name: "大连市人民政府", URL: "https://www.dl.example/", Level: govaudit.LevelCity, City: "大连市"},
	}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "store: %q\ntimezone: Asia/Shanghai\nsites:\n", storePath)
	for _, s := range sites {
		fmt.Fprintf(&cfg, "  - id: %s\n    name: %q\n    url: %q\n    level: %s\n", s.ID, s.Name, s.URL, s.Level)
		if s.Department != "" {
			fmt.Fprintf(&cfg, "    department: %s\n", s.Department)
		}
		if s.City != "" {
			fmt.Fprintf(&cfg, "    city: %q\n", s.City)
		}
	}
	cfgPath = filepath.Join(dir, "govaudit.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(storePath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	audit := func(site string, day int, status govaudit.Status) govaudit.SiteAudit {
		return govaudit.SiteAudit{SiteID: site, AuditedAt: time.Date(2026, time.January, day, 2, 0, 0, 0, loc), Reachable: true,
			Results: []govaudit.Result{{ID: "all-10", Status: status, MaxAgeDays: 180, Evidence: []string{"fixture"}}},
			Census:  []govaudit.CensusFinding{{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictOK, Threshold: 5}}}
	}
	for _, run := range [][]govaudit.SiteAudit{
		{audit("ln-fgw", 1, govaudit.StatusFresh)},
		{audit("ln-fgw", 10, govaudit.StatusStale), audit("dl-gov", 10, govaudit.StatusMissing)},
	} {
		var ids []string
		for _, a := range run {
			ids = append(ids, a.SiteID)
		}
		r, err := st.BeginRun("cli", ids, run[0].AuditedAt)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range run {
			if err := st.SaveAudit(r.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.FinishRun(r.ID, run[0].AuditedAt.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	outDir = filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return cfgPath, outDir
}

// dirNames lists a directory, to show that a failed export left nothing
// (not even a temporary file) behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestExportFormats runs a good export per format into a file and checks
// that the file is that format with the store's scorecards.
func TestExportFormats(t *testing.T) {
	cfgPath, outDir := exportFixture(t)
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, b []byte)
	}{
		{"json", []string{"--format", "json"}, func(t *testing.T, b []byte) {
			doc := decodeExport(t, b)
			if got := statuses(doc); got != "ln-fgw=stale dl-gov=missing" {
				t.Errorf("got %s, want the latest audits", got)
			}
		}},
		{"csv", []string{"--format", "csv"}, func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("\ufeff站点编号,网站名称,")) {
				t.Errorf("CSV starts %q, want a BOM and the header", b[:min(len(b), 30)])
			}
			if got := bytes.Count(b, []byte("\r\n")); got != 5 {
				t.Errorf("%d CSV lines, want 5 (header, 2 requirements, 2 census)", got)
			}
		}},
		{"xlsx", []string{"--format", "xlsx"}, func(t *testing.T, b []byte) {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("not a workbook: %v", err)
			}
			defer f.Close()
			if got, want := f.GetSheetList(), []string{"汇总", "要求", "普查", "按城市"}; !slices.Equal(got, want) {
				t.Errorf("sheets %v, want %v", got, want)
			}
			rows, _ := f.GetRows("要求")
			if got := len(rows); got != 3 {
				t.Errorf("%d rows in 要求, want a header and 2 requirements", got)
			}
		}},
		{"html", []string{"--format", "html"}, func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("<!doctype html>")) || bytes.Count(b, []byte(`<section class="site"`)) != 2 {
				t.Errorf("not the HTML scorecards of 2 sites:\n%.300s", b)
			}
		}},
		{"json as of a day", []string{"--format", "json", "--as-of", "2026-01-09"}, func(t *testing.T, b []byte) {
			doc := decodeExport(t, b)
			if got := statuses(doc); got != "ln-fgw=fresh dl-gov=not-audited" {
				t.Errorf("got %s, want the audits of 2026-01-01 only", got)
			}
			if got := doc.AsOf.String(); got != "2026-01-09" {
				t.Errorf("as_of %q, want 2026-01-09", got)
			}
		}},
		{"json as of the day of the second audit", []string{"--as-of", "2026-01-10"}, func(t *testing.T, b []byte) {
			if got := statuses(decodeExport(t, b)); got != "ln-fgw=stale dl-gov=missing" {
				t.Errorf("got %s, want the audits of 2026-01-10", got)
			}
		}},
		{"one site", []string{"--format", "json", "--site", "dl-gov"}, func(t *testing.T, b []byte) {
			if got := statuses(decodeExport(t, b)); got != "dl-gov=missing" {
				t.Errorf("got %s, want dl-gov only", got)
			}
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(outDir, fmt.Sprintf("export-%d", i))
			var stdout, stderr bytes.Buffer
			args := append([]string{"export", "--config", cfgPath, "--out", out}, tt.args...)
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("wrote %d bytes to stdout with --out", stdout.Len())
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := os.Stat(out)
			if got := fi.Mode().Perm(); got != 0o644 {
				t.Errorf("file mode %v, want 0644", got)
			}
			tt.check(t, b)
		})
	}
	if names := dirNames(t, outDir); len(names) != len(tests) {
		t.Errorf("output directory holds %v, want only the %d exports", names, len(tests))
	}
}

// TestExportToStdout writes text formats to standard output when it is
// not a terminal, xlsx included (a pipe).
func TestExportToStdout(t *testing.T) {
	cfgPath, _ := exportFixture(t)
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"export", "--config", cfgPath, "--format", format}, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
			}
			if stdout.Len() == 0 {
				t.Error("nothing on stdout")
			}
		})
	}
}

// TestExportBadInput checks each bad input: a clear message, a non-zero
// exit, and no file (not even a temporary one) left behind.
func TestExportBadInput(t *testing.T) {
	cfgPath, outDir := exportFixture(t)
	notDir := filepath.Join(outDir, "plain-file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(outDir, "export.out")
	tests := []struct {
		name     string
		args     []string
		out      string
		wantCode int
		wantErr  string
	}{
		{"unknown format", []string{"--format", "docx"}, out, exitUsage, `unsupported format "docx": use json, csv, xlsx, html or pdf`},
		{"unknown verdict", []string{"--verdict", "ok"}, out, exitUsage, `unknown verdict "ok"`},
		{"unknown site id", []string{"--site", "ln-nope"}, out, exitUsage, `unknown site id "ln-nope"`},
		{"bad date", []string{"--as-of", "2026-13-01"}, out, exitUsage, `--as-of: bad date "2026-13-01": want YYYY-MM-DD`},
		{"date in another form", []string{"--as-of", "2026/01/10"}, out, exitUsage, `bad date "2026/01/10"`},
		{"no audit before the date", []string{"--as-of", "2025-12-31", "--format", "xlsx"}, out, exitError, "no audit on or before 2025-12-31"},
		{"selected site has no audit before the date", []string{"--as-of", "2026-01-05", "--site", "dl-gov"}, out, exitError, "no audit on or before 2026-01-05"},
		{"output directory missing", nil, filepath.Join(outDir, "missing", "export.json"), exitError, "no such file or directory"},
		{"output is a directory", nil, outDir, exitError, "is a directory"},
		{"output under a plain file", nil, filepath.Join(notDir, "export.json"), exitError, "is not a directory"},
		{"store missing", []string{"--config", writeConfigWithStore(t, filepath.Join(outDir, "..", "nowhere.db"))}, out, exitError, "nowhere.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dirNames(t, outDir)
			var stdout, stderr bytes.Buffer
			args := append([]string{"export", "--config", cfgPath, "--out", tt.out}, tt.args...)
			code := run(args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr does not say %q:\n%s", tt.wantErr, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("wrote %d bytes to stdout", stdout.Len())
			}
			if after := dirNames(t, outDir); !slices.Equal(after, before) {
				t.Errorf("output directory went from %v to %v", before, after)
			}
		})
	}
}

// TestExportUnwritableDirectory: a directory the user may not write to
// gives an error and no file. Root may write anywhere, so it is skipped
// as root.
func TestExportUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories")
	}
	cfgPath, outDir := exportFixture(t)
	ro := filepath.Join(outDir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"export", "--config", cfgPath, "--out", filepath.Join(ro, "export.json")}, &stdout, &stderr)
	if code != exitError || !strings.Contains(stderr.String(), "permission denied") {
		t.Errorf("exit %d, want %d with permission denied:\n%s", code, exitError, stderr.String())
	}
	if names := dirNames(t, ro); len(names) != 0 {
		t.Errorf("left %v behind", names)
	}
}

// TestExportXLSXToTerminal refuses to write a workbook to a terminal. A
// pseudo-terminal's master side stands in for one.
func TestExportXLSXToTerminal(t *testing.T) {
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to stand in for a terminal: %v", err)
	}
	defer tty.Close()
	cfgPath, _ := exportFixture(t)
	var stderr bytes.Buffer
	code := run([]string{"export", "--config", cfgPath, "--format", "xlsx"}, tty, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "xlsx is a binary format: pass --out FILE") {
		t.Errorf("exit %d, want %d asking for --out:\n%s", code, exitUsage, stderr.String())
	}
}

func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tests := []struct {
		name string
		w    io.Writer
	}{
		{"buffer", &bytes.Buffer{}},
		{"null device", null},
		{"regular file", file},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if isTerminal(tt.w) {
				t.Errorf("got terminal, want not")
			}
		})
	}
}

// TestExportThroughAPIQuery pins the query the CLI sends to a serving
// owner, and that it refuses an answer that does not confirm the format
// or the as-of day.
func TestExportThroughAPIQuery(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	day, _ := report.ParseDay("2026-01-09", loc)
	var gotQuery, gotAuth string
	const token = "0123456789abcdef-token"
	tests := []struct {
		name      string
		format    string
		sites     []string
		asOf      govaudit.Date
		mediaType string
		asOfHead  string
		wantQuery string
		wantErr   string
		sel       report.Selection
	}{
		{"json", "json", nil, govaudit.Date{}, "application/json; charset=utf-8", "", "format=json", "", report.Selection{}},
		{"pdf of a city's failing sites", "pdf", nil, govaudit.Date{}, "application/pdf", "", "city=%E6%B2%88%E9%98%B3&format=pdf&verdict=fail", "",
			report.Selection{City: "沈阳", Verdict: "fail"}},
		{"xlsx of two sites as of a day", "xlsx", []string{"ln-fgw", "dl-gov"}, day,
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "2026-01-09",
			"as_of=2026-01-09&format=xlsx&site=ln-fgw&site=dl-gov", "", report.Selection{}},
		{"server ignores the format", "csv", nil, govaudit.Date{}, "application/json; charset=utf-8", "", "format=csv", `sent "application/json" for --format csv`, report.Selection{}},
		{"server ignores as_of", "json", nil, day, "application/json; charset=utf-8", "", "as_of=2026-01-09&format=json", "did not confirm the export as of 2026-01-09", report.Selection{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/api/v1/export" {
					http.NotFound(w, r)
					return
				}
				gotQuery, gotAuth = r.URL.RawQuery, r.Header.Get("Authorization")
				w.Header().Set("Content-Type", tt.mediaType)
				if tt.asOfHead != "" {
					w.Header().Set(app.AsOfHeader, tt.asOfHead)
				}
				w.Write([]byte("body"))
			}))
			defer srv.Close()
			var out bytes.Buffer
			err := exportThroughAPI(t.Context(), &out, srv.URL, token, tt.format, tt.sites, tt.sel, tt.asOf)
			body := out.Bytes()
			if gotQuery != tt.wantQuery {
				t.Errorf("query %q, want %q", gotQuery, tt.wantQuery)
			}
			if gotAuth != "Bearer "+token {
				t.Errorf("Authorization %q, want the config's token", gotAuth)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(body) != "body" {
				t.Errorf("got %q, %v; want the body", body, err)
			}
		})
	}
}

func decodeExport(t *testing.T, b []byte) report.Document {
	t.Helper()
	var doc report.Document
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return doc
}

// statuses summarises an export as "site=status of all-10 …".
func statuses(doc report.Document) string {
	var parts []string
	for _, sc := range doc.Sites {
		s := "not-audited"
		if sc.AuditedAt != nil && len(sc.Requirements) > 0 {
			s = string(sc.Requirements[0].Status)
		}
		parts = append(parts, sc.ID+"="+s)
	}
	return strings.Join(parts, " ")
}

// writeConfigWithStore writes a config whose store does not exist.
func writeConfigWithStore(t *testing.T, storePath string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "missing-store.yaml")
	cfg := fmt.Sprintf("store: %q\nsites:\n  - id: ln-fgw\n    name: x\n    url: \"https://fgw.ln.example/\"\n    level: province\n    department: fgw\n", storePath)
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
