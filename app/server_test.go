package app

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
)

// TestExportParameters: /api/v1/export takes the CLI's filters and
// refuses what it does not know instead of exporting everything.
func TestExportParameters(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "govaudit.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sites := []govaudit.Site{
		{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.example/", Level: govaudit.LevelProvince, Department: "fgw"},
		{ID: "sy-gov", Name: "沈阳市人民政府", URL: "https://www.sy.example/", Level: govaudit.LevelCity, City: "沈阳市"},
		{ID: "dl-gov", Name: "大连市人民政府", URL: "https://www.dl.example/", Level: govaudit.LevelCity, City: "大连市"},
	}
	if err := st.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	run, err := st.BeginRun("cli", []string{"ln-fgw", "sy-gov", "dl-gov"}, at)
	if err != nil {
		t.Fatal(err)
	}
	fresh := []govaudit.Result{{ID: "all-01", Status: govaudit.StatusFresh}}
	for _, a := range []govaudit.SiteAudit{
		{SiteID: "ln-fgw", AuditedAt: at, Reachable: true, Results: fresh},
		{SiteID: "sy-gov", AuditedAt: at, Reachable: true, Results: fresh,
			Census: []govaudit.CensusFinding{{Rule: govaudit.RuleEmptyColumns, Verdict: govaudit.VerdictVeto}}},
		{SiteID: "dl-gov", AuditedAt: at, Reachable: true, Results: fresh},
	} {
		if err := st.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	s := &apiServer{store: st, loc: time.UTC, log: slog.New(slog.DiscardHandler)}
	tests := []struct {
		query   string
		status  int
		want    []string // site ids, for 200
		message string   // part of the error, otherwise
	}{
		{"", 200, []string{"ln-fgw", "sy-gov", "dl-gov"}, ""},
		{"city=沈阳市", 200, []string{"sy-gov"}, ""},
		{"verdict=fail", 200, []string{"sy-gov"}, ""},
		{"level=city&verdict=pass", 200, []string{"dl-gov"}, ""},
		{"department=portal&site=ln-fgw&site=dl-gov", 200, []string{"dl-gov"}, ""},
		{"cty=沈阳市", 400, nil, `unknown parameter "cty"`},
		{"verdict=合格", 400, nil, `unknown verdict "合格"`},
		{"format=docx", 400, nil, `unsupported format "docx"`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/api/v1/export?"+tt.query, nil)
			r.URL.RawQuery = r.URL.Query().Encode()
			w := httptest.NewRecorder()
			s.export(w, r)
			if w.Code != tt.status {
				t.Fatalf("status: got %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if tt.status != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || !strings.Contains(e.Error, tt.message) {
					t.Errorf("error %s does not say %s", w.Body, tt.message)
				}
				return
			}
			var doc report.Document
			if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sc := range doc.Sites {
				got = append(got, sc.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sites: got %v, want %v", got, tt.want)
			}
		})
	}
}
