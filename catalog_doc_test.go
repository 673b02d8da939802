package govaudit

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/requirements.md from the catalog")

// catalogDoc renders the requirement catalog as the user documentation
// shows it, so that docs/requirements.md can never differ from the code.
func catalogDoc(c Catalog) []byte {
	var b bytes.Buffer
	b.WriteString(`# 要求目录 · The requirement catalog

本页由代码中的目录生成（` + "`go test . -run TestCatalogDoc -update`" + `），与 ` + "`govaudit catalog`" + ` 的输出一致。
This page is generated from the catalog in the code; a test fails when they differ.

Every row of the task table of 辽政办〔2016〕23号 has a stable id. 检查方式 (kind) is explained in
[checks.md](checks.md); 时限 (max age) is the number of days after which a column whose newest
item is older is ` + "`stale`" + `; 适用 (applies to) says which sites are bound by the row.

| id | 要求 (title) | 检查方式 (kind) | 可在线检查 (web) | 频次 (cadence) | 时限/天 (max age) | 适用 (applies to) | 栏目关键词 (column labels) |
|---|---|---|---|---|---|---|---|
`)
	for _, r := range c.All() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %s | %s |\n",
			r.ID, cell(r.Title), r.Kind, r.Web, cell(r.Cadence), r.MaxAgeDays, cell(appliesText(r.AppliesTo)), cell(strings.Join(r.Keywords, "、")))
	}
	b.WriteString("\n## 内容要求 · Named contents\n\nRows whose table names required contents, companion columns or budget contents:\n\n| id | 内容 (fields) | 配套栏目 (companions) | 预算内容 (contents) |\n|---|---|---|---|\n")
	for _, r := range c.All() {
		if len(r.Fields)+len(r.Companions)+len(r.Contents) == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.ID, fieldNames(r.Fields), fieldNames(r.Companions), fieldNames(r.Contents))
	}
	return b.Bytes()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func fieldNames(fs []Field) string {
	var names []string
	for _, f := range fs {
		names = append(names, f.Name)
	}
	return strings.Join(names, "、")
}

// appliesText says in Chinese who a row binds.
func appliesText(a Applicability) string {
	var parts []string
	for _, l := range a.Portals {
		switch l {
		case LevelProvince:
			parts = append(parts, "省政府门户")
		case LevelCity:
			parts = append(parts, "市政府门户")
		case LevelCounty:
			parts = append(parts, "县区政府门户")
		}
	}
	if a.AllDepartments {
		parts = append(parts, "所有部门")
	}
	for _, d := range a.Departments {
		parts = append(parts, DepartmentName(d)+"（"+d+"）")
	}
	if a.MarketSupervision {
		parts = append(parts, "市场监管部门")
	}
	return strings.Join(parts, "、")
}

// TestCatalogDoc holds docs/requirements.md to the catalog.
func TestCatalogDoc(t *testing.T) {
	const path = "docs/requirements.md"
	got := catalogDoc(DefaultCatalog())
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test . -run TestCatalogDoc -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the catalog: run go test . -run TestCatalogDoc -update", path)
	}
}
