package report

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

var asOfSites = []govaudit.Site{
	{ID: "ln-fgw", Name: "辽宁省发展和改革委员会", URL: "https://fgw.ln.gov.cn/", Level: govaudit.LevelProvince, Department: "fgw"},
	{ID: "dl-gov", Name: "大连市人民政府", URL: "https://www.dl.gov.cn/", Level: govaudit.LevelCity, City: "大连市"},
}

func auditAt(site string, at time.Time, status govaudit.Status) govaudit.SiteAudit {
	return govaudit.SiteAudit{SiteID: site, AuditedAt: at, Reachable: true,
		Results: []govaudit.Result{{ID: "all-10", Status: status, MaxAgeDays: 180}},
		Census:  []govaudit.CensusFinding{{Rule: govaudit.RuleAvailability, Verdict: govaudit.VerdictOK, Threshold: 5}}}
}

func day(t *testing.T, s string, loc *time.Location) govaudit.Date {
	t.Helper()
	d, err := ParseDay(s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildAsOf(t *testing.T) {
	loc := shanghai(t)
	at := func(d, hh, mm, ss, ns int) time.Time { return time.Date(2026, time.January, d, hh, mm, ss, ns, loc) }
	now := at(20, 9, 0, 0, 0)
	tests := []struct {
		name    string
		audits  map[string]govaudit.SiteAudit
		ids     []string
		day     govaudit.Date
		want    map[string]time.Time // site id → audited_at; absent: not audited
		wantErr string
		is      error
	}{
		{
			name:   "one site audited before the day, one after",
			audits: map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(1, 2, 0, 0, 0), govaudit.StatusFresh), "dl-gov": auditAt("dl-gov", at(5, 2, 0, 0, 0), govaudit.StatusStale)},
			day:    day(t, "2026-01-02", loc),
			want:   map[string]time.Time{"ln-fgw": at(1, 2, 0, 0, 0)},
		},
		{
			name:   "the last instant of the day is included",
			audits: map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(2, 23, 59, 59, 999999999), govaudit.StatusFresh)},
			day:    day(t, "2026-01-02", loc),
			want:   map[string]time.Time{"ln-fgw": at(2, 23, 59, 59, 0)},
		},
		{
			name:    "midnight after the day is not",
			audits:  map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(3, 0, 0, 0, 0), govaudit.StatusFresh)},
			day:     day(t, "2026-01-02", loc),
			wantErr: "no audit on or before 2026-01-02",
			is:      ErrNoAudit,
		},
		{
			name:   "a day parsed in UTC is cut at the end of that day in the configured zone",
			audits: map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(2, 20, 0, 0, 0), govaudit.StatusFresh)},
			day:    day(t, "2026-01-02", time.UTC),
			want:   map[string]time.Time{"ln-fgw": at(2, 20, 0, 0, 0)},
		},
		{
			name:    "no audit at all",
			audits:  map[string]govaudit.SiteAudit{},
			day:     day(t, "2026-01-02", loc),
			wantErr: "no audit on or before 2026-01-02",
			is:      ErrNoAudit,
		},
		{
			name:    "the selected site has no audit by then although another has",
			audits:  map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(1, 2, 0, 0, 0), govaudit.StatusFresh)},
			ids:     []string{"dl-gov"},
			day:     day(t, "2026-01-02", loc),
			wantErr: "no audit on or before 2026-01-02",
			is:      ErrNoAudit,
		},
		{
			name:    "unknown site",
			audits:  map[string]govaudit.SiteAudit{"ln-fgw": auditAt("ln-fgw", at(1, 2, 0, 0, 0), govaudit.StatusFresh)},
			ids:     []string{"ln-nope"},
			day:     day(t, "2026-01-02", loc),
			wantErr: `unknown site id "ln-nope"`,
			is:      ErrUnknownSite,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := BuildAsOf(asOfSites, tt.audits, tt.ids, tt.day, now, loc)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				if !errors.Is(err, tt.is) {
					t.Errorf("got error %v, want one wrapping %v", err, tt.is)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if got, want := doc.AsOf.String(), "2026-01-02"; got != want {
				t.Errorf("as_of %s, want %s", got, want)
			}
			if got, want := doc.AsOf.Location(), loc; got != want {
				t.Errorf("as_of in %v, want %v", got, want)
			}
			wantSites := len(asOfSites)
			if len(tt.ids) > 0 {
				wantSites = len(tt.ids)
			}
			if got := len(doc.Sites); got != wantSites {
				t.Fatalf("got %d sites, want %d", got, wantSites)
			}
			for _, sc := range doc.Sites {
				want, ok := tt.want[sc.ID]
				switch {
				case !ok && sc.Audited():
					t.Errorf("%s: audited at %v, want not audited", sc.ID, sc.AuditedAt)
				case ok && !sc.Audited():
					t.Errorf("%s: not audited, want audited at %v", sc.ID, want)
				case ok && !sc.AuditedAt.Equal(want):
					t.Errorf("%s: audited at %v, want %v", sc.ID, sc.AuditedAt, want)
				case !ok && (sc.Score != nil || len(sc.Requirements) != 0 || sc.Verdict != ""):
					t.Errorf("%s: not audited but has score %v, %d results, verdict %q", sc.ID, sc.Score, len(sc.Requirements), sc.Verdict)
				}
			}
		})
	}
}

// TestFromStore reads an export from a real store, latest and as of a day,
// through store.LatestAsOf.
func TestFromStore(t *testing.T) {
	loc := shanghai(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "govaudit.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutSites(asOfSites); err != nil {
		t.Fatal(err)
	}
	save := func(a ...govaudit.SiteAudit) {
		var ids []string
		for _, x := range a {
			ids = append(ids, x.SiteID)
		}
		run, err := st.BeginRun("cli", ids, a[0].AuditedAt)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range a {
			if err := st.SaveAudit(run.ID, x); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.FinishRun(run.ID, a[0].AuditedAt.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	jan := func(d int) time.Time { return time.Date(2026, time.January, d, 2, 0, 0, 0, loc) }
	save(auditAt("ln-fgw", jan(1), govaudit.StatusFresh))
	save(auditAt("ln-fgw", jan(10), govaudit.StatusStale), auditAt("dl-gov", jan(10), govaudit.StatusMissing))

	now := jan(20)
	tests := []struct {
		name    string
		asOf    string
		want    map[string]govaudit.Status // site id → status of all-10; absent: not audited
		wantErr error
	}{
		{"latest", "", map[string]govaudit.Status{"ln-fgw": govaudit.StatusStale, "dl-gov": govaudit.StatusMissing}, nil},
		{"as of the first audit", "2026-01-01", map[string]govaudit.Status{"ln-fgw": govaudit.StatusFresh}, nil},
		{"as of a day between", "2026-01-09", map[string]govaudit.Status{"ln-fgw": govaudit.StatusFresh}, nil},
		{"as of the second audit", "2026-01-10", map[string]govaudit.Status{"ln-fgw": govaudit.StatusStale, "dl-gov": govaudit.StatusMissing}, nil},
		{"before any audit", "2025-12-31", nil, ErrNoAudit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d govaudit.Date
			if tt.asOf != "" {
				d = day(t, tt.asOf, loc)
			}
			doc, err := FromStore(st, nil, d, now, loc)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got error %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]govaudit.Status{}
			for _, sc := range doc.Sites {
				if sc.Audited() {
					got[sc.ID] = sc.Requirements[0].Status
				}
			}
			if !mapsEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func mapsEqual[K, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestParseDay(t *testing.T) {
	loc := shanghai(t)
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2026-01-02", "2026-01-02", false},
		{"2026-12-31", "2026-12-31", false},
		{"2026-1-2", "", true},
		{"2026-02-30", "", true},
		{"2026-01-02T00:00:00Z", "", true},
		{"02/01/2026", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDay(tt.in, loc)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("got %v, want an error", d)
				}
				if want := `bad date "` + tt.in + `": want YYYY-MM-DD`; err.Error() != want {
					t.Errorf("got error %q, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			end := EndOfDay(d)
			if got, want := end.Add(time.Nanosecond), d.AddDate(0, 0, 1); !got.Equal(want) {
				t.Errorf("end of day + 1ns = %v, want %v", got, want)
			}
		})
	}
}

func TestWriteFormats(t *testing.T) {
	doc := fixtureDocument(t)
	if got, want := Formats(), []string{"json", "csv", "xlsx", "html", "pdf"}; !slices.Equal(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	// Writing a PDF needs a browser: TestPDF in package pdf and the
	// export test of cmd/govaudit print one.
	if got := MediaType("pdf"); got != "application/pdf" || !Binary("pdf") {
		t.Errorf("pdf: media type %q, binary %v; want application/pdf, binary", got, Binary("pdf"))
	}
	tests := []struct {
		format    string
		wantErr   string
		mediaType string
		binary    bool
	}{
		{"json", "", "application/json; charset=utf-8", false},
		{"csv", "", "text/csv; charset=utf-8", false},
		{"xlsx", "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true},
		{"html", "", "text/html; charset=utf-8", false},
		{"docx", `unsupported format "docx": use json, csv, xlsx, html or pdf`, "", false},
		{"JSON", `unsupported format "JSON": use json, csv, xlsx, html or pdf`, "", false},
		{"", `unsupported format "": use json, csv, xlsx, html or pdf`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.format, doc)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				if cerr := CheckFormat(tt.format); cerr == nil || cerr.Error() != tt.wantErr {
					t.Errorf("CheckFormat: got %v, want %q", cerr, tt.wantErr)
				}
				if buf.Len() != 0 {
					t.Errorf("wrote %d bytes for an unsupported format", buf.Len())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if buf.Len() == 0 {
				t.Error("wrote nothing")
			}
			if got := MediaType(tt.format); got != tt.mediaType {
				t.Errorf("MediaType = %q, want %q", got, tt.mediaType)
			}
			if got := Binary(tt.format); got != tt.binary {
				t.Errorf("Binary = %v, want %v", got, tt.binary)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	loc := shanghai(t)
	doc := fixtureDocument(t)
	one := doc
	one.Sites = doc.Sites[:1]
	asOf := doc
	asOf.AsOf = day(t, "2026-01-02", loc)
	tests := []struct {
		name string
		doc  Document
		want string
	}{
		{"all sites", doc, "govaudit-2026-11-25.xlsx"},
		{"one site", one, "govaudit-ln-fgw-2026-11-25.xlsx"},
		{"as of a day", asOf, "govaudit-2026-01-02.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FileName(tt.doc, "xlsx"); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestJSONShape pins the field names of docs/export.md and the ones
// this package adds (level, department, city, verdict, census, as_of).
func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	doc := fixtureDocument(t)
	if err := WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`"generated_at": "2026-11-25T10:00:00+08:00"`, `"audited_at": "2026-11-25T02:00:41+08:00"`,
		`"score": 45.6`, `"verdict": "fail"`, `"census": [`, `"rule": "homepage-not-updated"`, `"newest_item": {`,
		`"date": "2026-11-18"`, `"documents_checked": 5`, `"audited_at": null`, `"score": null`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	if strings.Contains(out, `"as_of"`) {
		t.Errorf("JSON of a latest export carries as_of")
	}
	doc.AsOf = day(t, "2026-01-02", shanghai(t))
	buf.Reset()
	if err := WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"as_of": "2026-01-02"`) {
		t.Errorf("JSON of an as-of export lacks as_of")
	}
}

// TestRanks: sites judged 合格 or 预警 rank by score above every 不合格
// site, whatever its score; equal places share a rank and the next rank
// skips (1, 1, 3); sites not judged, unscored or not audited get no rank and
// come last.
func TestRanks(t *testing.T) {
	score := func(v float64) *float64 { return &v }
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	site := func(id string, v govaudit.SiteVerdict, s *float64) Scorecard {
		return Scorecard{ID: id, AuditedAt: &at, Verdict: v, Score: s}
	}
	tests := []struct {
		name  string
		sites []Scorecard
		want  string
	}{
		{"ties", []Scorecard{site("c", govaudit.SitePass, score(50)), site("a", govaudit.SitePass, score(90)),
			site("b", govaudit.SiteWarning, score(90)), {ID: "d"}}, "1:a,1:b,3:c,0:d"},
		{"a veto ranks below a pass", []Scorecard{site("fail", govaudit.SiteFail, score(95)), site("pass", govaudit.SitePass, score(60)),
			site("warn", govaudit.SiteWarning, score(70))}, "1:warn,2:pass,3:fail"},
		{"equal scores across tiers do not tie", []Scorecard{site("f", govaudit.SiteFail, score(80)), site("p", govaudit.SitePass, score(80))},
			"1:p,2:f"},
		{"not judged last", []Scorecard{site("nj", govaudit.SiteNotJudged, nil), site("f", govaudit.SiteFail, score(10)),
			{ID: "never"}, site("p", govaudit.SitePass, score(50))}, "1:p,2:f,0:nj,0:never"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range standings(Document{Sites: tt.sites}) {
				got = append(got, strconv.Itoa(s.Rank)+":"+s.Site.ID)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("got %s, want %s", strings.Join(got, ","), tt.want)
			}
		})
	}
}
