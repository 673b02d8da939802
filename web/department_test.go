package web

import (
	"testing"

	"github.com/govaudit/govaudit"
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
