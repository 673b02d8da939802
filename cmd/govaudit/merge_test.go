package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

func TestExportMerge(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	write := func(name string, doc report.Document) string {
		var buf bytes.Buffer
		if err := report.WriteJSON(&buf, doc); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	card := func(id string) report.Scorecard {
		return report.Scorecard{ID: id, Name: "网站" + id, Requirements: []govaudit.Result{{ID: "all-01", Status: govaudit.StatusFresh}}, Census: []govaudit.CensusFinding{}}
	}
	a := write("a.json", report.Document{GeneratedAt: at, Sites: []report.Scorecard{card("a1"), card("a2")}})
	b := write("b.json", report.Document{GeneratedAt: at.Add(time.Hour), Sites: []report.Scorecard{card("b1")}})
	dup := write("dup.json", report.Document{GeneratedAt: at, Sites: []report.Scorecard{card("a2")}})
	old := write("old.json", report.Document{GeneratedAt: at, AsOf: govaudit.DateOf(at.Add(-48 * time.Hour)), Sites: []report.Scorecard{card("c1")}})

	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--merge", a, "--merge", b, "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("merge exit %d; stderr:\n%s", code, stderr.String())
	}
	var doc report.Document
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("merged export is not JSON: %v", err)
	}
	var ids []string
	for _, sc := range doc.Sites {
		ids = append(ids, sc.ID)
	}
	if strings.Join(ids, ",") != "a1,a2,b1" || !doc.GeneratedAt.Equal(at.Add(time.Hour)) {
		t.Errorf("merged: sites %v generated %v; want a1,a2,b1 and the later time", ids, doc.GeneratedAt)
	}

	out := filepath.Join(dir, "all.xlsx")
	stdout.Reset()
	if code := run([]string{"export", "--merge", a, "--merge", b, "--format", "xlsx", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("merge to xlsx exit %d; stderr:\n%s", code, stderr.String())
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("merged xlsx: %v", err)
	}

	for name, args := range map[string][]string{
		"shared site":   {"export", "--merge", a, "--merge", dup},
		"other day":     {"export", "--merge", a, "--merge", old},
		"with a filter": {"export", "--merge", a, "--site", "a1"},
		"not an export": {"export", "--merge", filepath.Join(dir, "nope.json")},
	} {
		t.Run(name, func(t *testing.T) {
			var o, e bytes.Buffer
			if code := run(args, &o, &e); code == exitOK {
				t.Errorf("exit 0, want an error; stdout %q", o.String())
			}
		})
	}
}
