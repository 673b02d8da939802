package govaudit

import (
	"cmp"
	"strings"
)

// LiaoningCities are Liaoning's 14 prefecture-level cities in
// administrative order, the order of the province's own lists and reports
// (by division code: 沈阳 2101 … 葫芦岛 2114), not Unicode order.
var LiaoningCities = []string{
	"沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市",
	"营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市",
}

// cityRank is a city's place in LiaoningCities, with or without 市.
var cityRank = func() map[string]int {
	m := make(map[string]int, 2*len(LiaoningCities))
	for i, c := range LiaoningCities {
		m[c] = i
		m[strings.TrimSuffix(c, "市")] = i
	}
	return m
}()

// CompareCities orders city names administratively: Liaoning's cities in
// LiaoningCities order, then any other name in Unicode order, then "" (no
// city: the provincial sites).
func CompareCities(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	ra, okA := cityRank[a]
	rb, okB := cityRank[b]
	switch {
	case okA && okB:
		return cmp.Compare(ra, rb)
	case okA:
		return -1
	case okB:
		return 1
	}
	return strings.Compare(a, b)
}

// CitySortKey is a string whose Unicode order is CompareCities' order, for
// tables that sort by text.
func CitySortKey(city string) string {
	if city == "" {
		return ""
	}
	if r, ok := cityRank[city]; ok {
		return string(rune('A'+r)) + city
	}
	return "~" + city
}
