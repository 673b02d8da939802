package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

// TestStreamJSONIsTheEncoding checks that the streamed JSON is byte for
// byte what encoding/json writes for the whole document.
func TestStreamJSONIsTheEncoding(t *testing.T) {
	full := fixtureDocument(t)
	asOf := full
	asOf.AsOf = govaudit.DateOf(time.Date(2026, 11, 20, 0, 0, 0, 0, shanghai(t)))
	for name, doc := range map[string]Document{
		"fixture": full,
		"as of":   asOf,
		"empty":   {GeneratedAt: full.GeneratedAt, Sites: []Scorecard{}},
		"one":     {GeneratedAt: full.GeneratedAt, Sites: full.Sites[:1]},
	} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := StreamJSON(&got, doc.Stream()); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("streamed JSON differs:\ngot\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// TestSnapshotStreamMatchesBuild exports a store's latest audits both ways
// and in every streamed format.
func TestSnapshotStreamMatchesBuild(t *testing.T) {
	loc := shanghai(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := fixtureDocument(t)
	var sites []govaudit.Site
	for _, sc := range doc.Sites {
		sites = append(sites, govaudit.Site{ID: sc.ID, Name: sc.Name, URL: sc.URL, Level: sc.Level, Department: sc.Department, City: sc.City})
	}
	if err := st.PutSites(sites); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range sites {
		ids = append(ids, s.ID)
	}
	run, err := st.BeginRun("test", ids, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range doc.Sites {
		if !sc.Audited() {
			continue
		}
		a := govaudit.SiteAudit{SiteID: sc.ID, AuditedAt: *sc.AuditedAt, Reachable: sc.Reachable, HomeError: sc.HomeError,
			Results: sc.Requirements, Census: sc.Census, Score: sc.Score}
		if err := st.SaveAudit(run.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	now := doc.GeneratedAt
	snap := st.Snapshot()
	for _, ids := range [][]string{nil, {sites[1].ID}} {
		built, err := Build(snap, ids, now, loc)
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"json", "csv"} {
			t.Run(fmt.Sprintf("%s %v", format, ids), func(t *testing.T) {
				var want, got bytes.Buffer
				if err := Write(&want, format, built); err != nil {
					t.Fatal(err)
				}
				s, err := SnapshotStream(snap, ids, now, loc)
				if err != nil {
					t.Fatal(err)
				}
				if err := WriteStream(&got, format, s); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("streamed %s differs from the built document's:\ngot\n%s\nwant\n%s", format, got.String(), want.String())
				}
			})
		}
	}
	if _, err := SnapshotStream(snap, []string{"nope"}, now, loc); err == nil {
		t.Error("unknown site: got no error")
	}
}

// TestStreamXLSXManyRows writes more rows than the widths are fitted on and
// reads every one back.
func TestStreamXLSXManyRows(t *testing.T) {
	base := fixtureDocument(t)
	doc := Document{GeneratedAt: base.GeneratedAt}
	var reqs int
	for i := 0; reqs <= 2*widthSample; i++ {
		sc := base.Sites[i%len(base.Sites)]
		sc.ID = fmt.Sprintf("%s-%d", sc.ID, i)
		reqs += len(sc.Requirements)
		doc.Sites = append(doc.Sites, sc)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheetRequirements)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - 1; got != reqs {
		t.Errorf("requirement rows: got %d, want %d", got, reqs)
	}
	last := rows[len(rows)-1]
	if want := doc.Sites[len(doc.Sites)-1].ID; len(last) == 0 || last[0] != want {
		t.Errorf("last row starts %v, want site %s", last[:min(len(last), 1)], want)
	}
	summary, _ := f.GetRows(sheetSummary)
	if got := len(summary) - 1; got != len(doc.Sites) {
		t.Errorf("summary rows: got %d, want %d", got, len(doc.Sites))
	}
}
