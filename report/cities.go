package report

import (
	"cmp"
	"slices"
	"strings"
)

// liaoningCities are Liaoning's cities in administrative order (by their
// division codes 2101–2114), the order provincial reports list them in.
var liaoningCities = []string{"沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦", "铁岭", "朝阳", "葫芦岛"}

// CompareCities orders city names administratively: the known cities by
// division code (沈阳 and 沈阳市 alike), then any other name in Unicode
// order, then no city.
func CompareCities(a, b string) int {
	ra, rb := cityRank(a), cityRank(b)
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

func cityRank(name string) int {
	if name == "" {
		return len(liaoningCities) + 1
	}
	if i := slices.Index(liaoningCities, strings.TrimSuffix(name, "市")); i >= 0 {
		return i
	}
	return len(liaoningCities)
}
