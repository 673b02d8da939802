package config

import (
	"reflect"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"max_dept", "max_depth", 1},
		{"max_detph", "max_depth", 1}, // a transposition is one edit
		{"useragent", "user_agent", 1},
		{"kitten", "sitting", 3},
		{"省财政厅", "省财政局", 1}, // runes, not bytes
	} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q): got %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := distance(tc.b, tc.a); got != tc.want {
			t.Errorf("distance(%q, %q): got %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"id", "name", "url", "level", "department", "city", "market_supervision", "hints"}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"URL", []string{"url"}},
		{"departmnt", []string{"department"}},
		{"nmae", []string{"name"}},
		{"hint", []string{"hints"}},
		{"colour", nil},
		{"ab", nil}, // two edits from "id", but nothing in common
		{"levels", []string{"level"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := suggest(tc.name, keys); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"fgw3", []string{"fgw-1", "fgw-2", "fgw-3"}, ` (did you mean "fgw-3"?)`},
		{"fgw-9", []string{"fgw-1", "fgw-2", "jyt-1"}, ` (did you mean "fgw-1" or "fgw-2"?)`},
		{"fgw-9", []string{"fgw-1", "fgw-2", "fgw-3"}, ` (did you mean "fgw-1", "fgw-2" or "fgw-3"?)`},
		{"zzz", []string{"fgw-1"}, ""},
	} {
		if got := didYouMean(tc.name, tc.candidates); got != tc.want {
			t.Errorf("didYouMean(%q): got %q, want %q", tc.name, got, tc.want)
		}
	}
}
