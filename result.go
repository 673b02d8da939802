package govaudit

import (
	"encoding/json"
	"time"
)

// Date is a calendar day in the configured timezone. It marshals as
// YYYY-MM-DD, as the export contract requires.
type Date struct{ time.Time }

// DateOf truncates t to its calendar day in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, t.Location())}
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// MarshalJSON writes the day as "YYYY-MM-DD", or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return err
	}
	*d = Date{t}
	return nil
}

// Item is one entry of a column's list: a document, a notice, a report.
type Item struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Date  Date   `json:"date"`
}

// Compliance says whether a requirement's duty is met, which is what an
// evaluator signs; Status says what the column is.
type Compliance string

const (
	// CompliantYes: the column is fresh and every content duty its row
	// names is met.
	CompliantYes Compliance = "yes"
	// CompliantNo: stale, empty, missing, or a content duty unmet.
	CompliantNo Compliance = "no"
	// CompliantUnknown: unreachable, blocked, unreadable, offline or an
	// internal error: nothing can be said.
	CompliantUnknown Compliance = "unknown"
)

// Shortfall is one unmet duty: a stable code, a sentence in Chinese for the
// reader, and the pages that show it.
type Shortfall struct {
	Code string   `json:"code"`
	Text string   `json:"text"`
	URLs []string `json:"urls,omitempty"`
}

// Result is the verdict on one requirement of one site.
type Result struct {
	ID        string     `json:"id"`
	Status    Status     `json:"status"`
	Compliant Compliance `json:"compliant,omitempty"`
	// Shortfalls are the unmet duties behind a CompliantNo.
	Shortfalls []Shortfall `json:"shortfalls,omitempty"`
	ColumnURL  string      `json:"column_url,omitempty"`
	NewestItem *Item       `json:"newest_item,omitempty"`
	AgeDays    *int        `json:"age_days,omitempty"`
	MaxAgeDays int         `json:"max_age_days,omitempty"`
	Evidence   []string    `json:"evidence,omitempty"`
	// Sources are the pages that decided the result (the column page, the
	// newest item's detail page when it was read), whose copies are kept
	// as evidence.
	Sources []string       `json:"sources,omitempty"`
	Details map[string]any `json:"details,omitempty"`
}

// FetchStats counts what an audit of one site cost.
type FetchStats struct {
	Pages  int               `json:"pages"`
	Errors map[ErrorKind]int `json:"errors,omitempty"`
}

// SiteAudit is the outcome of auditing one site once.
type SiteAudit struct {
	SiteID    string        `json:"site_id"`
	AuditedAt time.Time     `json:"audited_at"`
	Duration  time.Duration `json:"duration_ns"`
	Reachable bool          `json:"reachable"`
	// HomeError says why the home page could not be read, when it could not.
	HomeError *FetchError `json:"home_error,omitempty"`
	Results   []Result    `json:"requirements"`
	// Census holds the national-census site checks (docs/census.md).
	Census []CensusFinding `json:"census,omitempty"`
	// Score is the site score out of 100 with the weights configured at
	// the time of the audit; nil when nothing could be judged.
	Score *float64   `json:"score,omitempty"`
	Fetch FetchStats `json:"fetch"`
	// NotJudgedAudits counts the audits in a row, this one included, that
	// left the site not judged (NotJudgedStreak); 0 when it was judged. An
	// alert fires from two on.
	NotJudgedAudits int `json:"not_judged_audits,omitempty"`
}

// Result returns the result for a requirement id, if the audit has one.
func (a SiteAudit) Result(id string) (Result, bool) {
	for _, r := range a.Results {
		if r.ID == id {
			return r, true
		}
	}
	return Result{}, false
}
