package govaudit

// Kind names the check that judges a requirement. Each kind lives in its own
// file (kind_*.go) with its own tests; the catalog says which one a row uses.
type Kind string

const (
	// KindColumn finds the column and judges its freshness from its newest item.
	KindColumn Kind = "column"
	// KindValidity is KindColumn plus 有效性 labels on the newest documents (all-10).
	KindValidity Kind = "validity"
	// KindFields is KindColumn plus which required contents the column's items
	// mention, and optional companion columns that must exist (fgw-3, all-05).
	KindFields Kind = "fields"
	// KindAnnual looks for this year's and last year's reports by the year in
	// their titles (czt-1).
	KindAnnual Kind = "annual"
	// KindLink is satisfied by a link to the named site or platform (fgw-1:
	// every government site links to 信用辽宁); the target is not fetched,
	// since it is usually another organisation's site.
	KindLink Kind = "link"
	// KindInterpretation is KindColumn plus pairing policy documents with their 解读, and its timeliness (all-06).
	KindInterpretation Kind = "interpretation"
	// KindOffline marks rows that cannot be checked on a website.
	KindOffline Kind = "offline"
)

// Web says how much of a requirement can be judged from the website.
type Web string

const (
	WebYes    Web = "yes"
	WebPartly Web = "partly"
	WebNo     Web = "no"
)

// Field is one required content of a column, with the words that show it.
type Field struct {
	Name     string   `json:"name"`
	Synonyms []string `json:"synonyms"`
}

// Applicability says which sites a requirement binds.
type Applicability struct {
	// Portals binds government portals at these levels.
	Portals []Level `json:"portals,omitempty"`
	// AllDepartments binds every department site.
	AllDepartments bool `json:"all_departments,omitempty"`
	// Departments binds sites of these department codes (2016 codes; the
	// successors of docs/requirements.md inherit them).
	Departments []string `json:"departments,omitempty"`
	// MarketSupervision binds sites flagged as having market-supervision duties.
	MarketSupervision bool `json:"market_supervision,omitempty"`
}

// Requirement is one row of the seed's task table, with what a website must
// show to satisfy it.
type Requirement struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Kind    Kind   `json:"kind"`
	Web     Web    `json:"web"`
	Cadence string `json:"cadence"`
	// MaxAgeDays is the oldest the newest item may be: the row's own cadence
	// where the seed sets one, else the census class of the column.
	MaxAgeDays int `json:"max_age_days"`
	// Keywords are column labels (simplified characters), best first.
	Keywords []string `json:"keywords"`
	// Decoys are labels that contain a keyword but name something else, such
	// as a news headline about the topic.
	Decoys []string `json:"decoys,omitempty"`
	// Fields are required contents reported as present or absent.
	Fields []Field `json:"fields,omitempty"`
	// Companions are further columns that must exist beside the main one,
	// such as 抽查结果 beside 随机抽查事项清单.
	Companions []Field `json:"companions,omitempty"`
	// Contents are what a published report must contain (czt-1: 单位职责,
	// 机构设置 …), looked for in the report's own page.
	Contents []Field `json:"contents,omitempty"`
	// MinPerYear is how many items the column must have published in the
	// last year (all-02: at least 5 meetings with public attendees).
	MinPerYear int           `json:"min_per_year,omitempty"`
	AppliesTo  Applicability `json:"applies_to"`
}

// Checked reports whether audits judge this requirement from the website.
func (r Requirement) Checked() bool { return r.Kind != KindOffline && r.Web != WebNo }

// Applies reports whether the requirement binds site s.
func (r Requirement) Applies(s Site) bool {
	a := r.AppliesTo
	if s.IsPortal() {
		for _, l := range a.Portals {
			if l == s.Level {
				return true
			}
		}
		return false
	}
	if a.AllDepartments {
		return true
	}
	if a.MarketSupervision && s.MarketSupervision {
		return true
	}
	for _, code := range a.Departments {
		if DepartmentInherits(s.Department, code) {
			return true
		}
	}
	return false
}
