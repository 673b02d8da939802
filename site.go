package govaudit

// Level is the administrative level of the government that runs a site.
type Level string

const (
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
)

// Site is one website under audit, as configured.
type Site struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	URL        string `json:"url"`
	Level      Level  `json:"level"`
	Department string `json:"department,omitempty"` // empty for a government portal
	City       string `json:"city,omitempty"`       // the city a city/county site belongs to, for grouping
	// MarketSupervision marks a department with market-supervision duties
	// that the department code alone does not reveal (all-05 applies).
	MarketSupervision bool `json:"market_supervision,omitempty"`
	// Hints maps a requirement id to a known column address; a hint
	// overrides column discovery for that requirement.
	Hints map[string]string `json:"hints,omitempty"`
	// Archived lists columns (by address or label) that are historical
	// special topics: the census exempts them from freshness.
	Archived []string `json:"archived_columns,omitempty"`
}

// IsPortal reports whether the site is a government portal rather than a
// department's site.
func (s Site) IsPortal() bool { return s.Department == "" }
