package web

import (
	"fmt"
	"slices"
	"testing"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/report"
)

// TestDepartmentLabel: a department is named at its site's level; a city's
// 生态环境局 is not labelled as the provincial department.
func TestDepartmentLabel(t *testing.T) {
	tests := []struct {
		code  string
		level govaudit.Level
		want  string
	}{
		{"sthj", govaudit.LevelProvince, "sthj（省生态环境厅）"},
		{"sthj", govaudit.LevelCity, "sthj（市生态环境局）"},
		{"sthj", govaudit.LevelCounty, "sthj（县（区）生态环境分局）"},
		{"", govaudit.LevelCity, "政府门户网站"},
		{"xyz", govaudit.LevelCity, "xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+string(tt.level), func(t *testing.T) {
			if got := departmentLabel(tt.code, tt.level); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got, want := departmentOption("sthj"), "sthj（省生态环境厅 / 市生态环境局）"; got != want {
		t.Errorf("filter option: got %q, want %q", got, want)
	}
}

// TestCitiesInAdministrativeOrder: the city filter lists Liaoning's cities
// as the province does (沈阳 大连 鞍山 …), not in Unicode order, and sorting
// the overview by city follows the same order.
func TestCitiesInAdministrativeOrder(t *testing.T) {
	var doc report.Document
	for i, c := range []string{"葫芦岛市", "铁岭市", "大连市", "沈阳市", "鞍山市", "朝阳市", "丹东市"} {
		doc.Sites = append(doc.Sites, report.Scorecard{ID: fmt.Sprintf("s%d", i), City: c, Level: govaudit.LevelCity})
	}
	doc.Sites = append(doc.Sites, report.Scorecard{ID: "ln", Level: govaudit.LevelProvince})
	var got []string
	for _, o := range choicesFor(doc, filter{}).Cities {
		got = append(got, o.Label)
	}
	want := []string{"沈阳市", "大连市", "鞍山市", "丹东市", "铁岭市", "朝阳市", "葫芦岛市"}
	if !slices.Equal(got, want) {
		t.Errorf("city filter: got %q, want %q", got, want)
	}
	rows := make([]*overviewRow, len(doc.Sites))
	for i := range doc.Sites {
		rows[i] = &overviewRow{ID: doc.Sites[i].ID, City: doc.Sites[i].City, card: &doc.Sites[i], Index: i, Counts: make([]countCell, len(countedStatuses))}
		rows[i].Values = sortValues(rows[i], 0)
	}
	sortRows(rows, "city", "asc")
	got = got[:0]
	for _, r := range rows {
		got = append(got, r.City)
	}
	if want := append(want, ""); !slices.Equal(got, want) {
		t.Errorf("overview sorted by city: got %q, want %q", got, want)
	}
}
