package report

import (
	"github.com/govaudit/govaudit"
)

// cityLine is one line of the 按城市 sheet: a city's sites and verdicts.
type cityLine struct {
	City                string
	Sites, Audited      int
	Pass, Warning, Fail int
	scoreSum            float64
	scored              int
}

// cityColumns are the 按城市 sheet's columns.
var cityColumns = []struct {
	Name, Label string
	value       func(*cityLine) any
}{
	{"city", "城市", func(c *cityLine) any { return c.City }},
	{"sites", "网站数", func(c *cityLine) any { return c.Sites }},
	{"audited", "已审计", func(c *cityLine) any { return c.Audited }},
	{"pass", siteVerdictLabels[govaudit.SitePass], func(c *cityLine) any { return c.Pass }},
	{"warning", siteVerdictLabels[govaudit.SiteWarning], func(c *cityLine) any { return c.Warning }},
	{"fail", siteVerdictLabels[govaudit.SiteFail], func(c *cityLine) any { return c.Fail }},
	{"pass_rate", "合格率(%)", func(c *cityLine) any {
		if c.Audited == 0 {
			return nil
		}
		return float64(int(1000*float64(c.Pass)/float64(c.Audited)+0.5)) / 10
	}},
	{"mean_score", "平均得分", func(c *cityLine) any {
		if c.scored == 0 {
			return nil
		}
		return float64(int(10*c.scoreSum/float64(c.scored)+0.5)) / 10
	}},
}

// cityNone heads the line of the sites configured without a city
// (provincial departments).
const cityNone = "省直"

// cityLines counts the sites by city, cities in the order their first site
// comes in sites (pass them in configuration order, which is how site lists
// are kept: in administrative order), then a total line.
func cityLines(sites []standing) []*cityLine {
	byCity := map[string]*cityLine{}
	var order []*cityLine
	total := &cityLine{City: "合计"}
	for _, s := range sites {
		city := s.Site.City
		if city == "" {
			city = cityNone
		}
		c, ok := byCity[city]
		if !ok {
			c = &cityLine{City: city}
			byCity[city] = c
			order = append(order, c)
		}
		for _, line := range []*cityLine{c, total} {
			line.Sites++
			if !s.Site.Audited() {
				continue
			}
			line.Audited++
			switch s.Site.Verdict {
			case govaudit.SitePass:
				line.Pass++
			case govaudit.SiteWarning:
				line.Warning++
			case govaudit.SiteFail:
				line.Fail++
			}
			if s.Site.Score != nil {
				line.scoreSum += *s.Site.Score
				line.scored++
			}
		}
	}
	return append(order, total)
}

// writeCitySheet writes the 按城市 sheet.
func writeCitySheet(b *book, lines []*cityLine) error {
	heads := make([]header, len(cityColumns))
	for i, c := range cityColumns {
		heads[i] = header{c.Label, c.Name}
	}
	t, err := b.newTable(sheetCities, heads)
	if err != nil {
		return err
	}
	for _, c := range lines {
		line := make([]any, len(cityColumns))
		for i, col := range cityColumns {
			line[i] = col.value(c)
		}
		if err := t.add(line); err != nil {
			return err
		}
	}
	return t.close()
}
