package checks

import (
	"github.com/govaudit/govaudit"
)

// comply fills a judged result's compliance and shortfalls, from its status
// and the details its kind's judge recorded: yes exactly when the column is
// fresh and every content duty of its row is met, and then no shortfalls;
// no with one shortfall per unmet duty; unknown for every coverage gap. It
// runs once per result, after judging, so that every kind is held to the
// same rule.
func comply(r govaudit.Requirement, res *govaudit.Result) {
	res.Compliant = govaudit.StatusCompliance(res.Status)
	res.Shortfalls = nil
	if res.Compliant == govaudit.CompliantUnknown {
		return
	}
	var out []govaudit.Shortfall
	switch res.Status {
	case govaudit.StatusMissing:
		out = append(out, govaudit.ColumnMissingShortfall(r.Keywords, r.Kind == govaudit.KindLink))
	case govaudit.StatusEmpty:
		out = append(out, govaudit.ColumnEmptyShortfall(res.ColumnURL))
	case govaudit.StatusStale:
		// czt-1 is stale when a report is missing, and a row with a yearly
		// minimum when too few items appeared: their own shortfalls say so.
		if r.Kind != govaudit.KindAnnual && (res.AgeDays == nil || *res.AgeDays > res.MaxAgeDays) {
			out = append(out, staleShortfall(res))
		}
	}
	if res.Status == govaudit.StatusFresh || res.Status == govaudit.StatusStale {
		out = append(out, contentShortfalls(r, res)...)
	}
	if res.Status == govaudit.StatusStale && len(out) == 0 {
		// A stale status always names its cause; this keeps "no" and an
		// empty list from ever going together.
		out = append(out, staleShortfall(res))
	}
	if len(out) > 0 {
		res.Compliant = govaudit.CompliantNo
		res.Shortfalls = out
	}
}

func staleShortfall(res *govaudit.Result) govaudit.Shortfall {
	age, newest := -1, ""
	if res.AgeDays != nil {
		age = *res.AgeDays
	}
	if res.NewestItem != nil {
		newest = res.NewestItem.URL
	}
	return govaudit.ColumnStaleShortfall(age, res.MaxAgeDays, res.ColumnURL, newest)
}

// contentShortfalls are the unmet content duties a kind's details show.
func contentShortfalls(r govaudit.Requirement, res *govaudit.Result) []govaudit.Shortfall {
	d := res.Details
	if d == nil {
		return nil
	}
	var out []govaudit.Shortfall
	if n, ok := intOf(d["items_last_year"]); ok && n < r.MinPerYear {
		out = append(out, govaudit.ItemsTooFewShortfall(n, r.MinPerYear, res.ColumnURL))
	}
	switch r.Kind {
	case govaudit.KindValidity:
		checked, _ := intOf(d["documents_checked"])
		labelled, _ := intOf(d["validity_labelled"])
		if checked > labelled {
			out = append(out, govaudit.ValidityUnlabelledShortfall(checked, checked-labelled, stringsOf(d["unlabelled"])))
		}
	case govaudit.KindFields:
		if missing := unmet(r.Fields, d["fields"], func(v any) bool { b, _ := v.(bool); return b }); len(missing) > 0 {
			out = append(out, govaudit.FieldsMissingShortfall(missing, res.ColumnURL))
		}
		published := func(v any) bool {
			m, _ := v.(map[string]any)
			b, _ := m["published"].(bool)
			return b
		}
		if missing := unmet(r.Companions, d["companions"], published); len(missing) > 0 {
			out = append(out, govaudit.CompanionMissingShortfall(missing, res.ColumnURL))
		}
	case govaudit.KindAnnual:
		if b, ok := d["budget_published"].(bool); ok && !b {
			y, _ := intOf(d["budget_year"])
			out = append(out, govaudit.BudgetMissingShortfall(y, res.ColumnURL))
		}
		if b, ok := d["final_published"].(bool); ok && !b {
			y, _ := intOf(d["final_year"])
			out = append(out, govaudit.FinalMissingShortfall(y, res.ColumnURL))
		}
	case govaudit.KindInterpretation:
		checked, _ := intOf(d["documents_checked"])
		if unpaired := stringsOf(d["unpaired"]); len(unpaired) > 0 {
			out = append(out, govaudit.InterpretationMissingShortfall(checked, len(unpaired), unpaired))
		}
		if late := stringsOf(d["late"]); len(late) > 0 {
			interpreted, _ := intOf(d["interpreted"])
			out = append(out, govaudit.InterpretationLateShortfall(interpreted, len(late), timelyWorkingDays, late))
		}
	}
	return out
}

// unmet lists, in the row's order, the fields whose entry in recorded (a
// map by field name) is absent or not met.
func unmet(fields []govaudit.Field, recorded any, met func(any) bool) []string {
	if len(fields) == 0 {
		return nil
	}
	m, ok := recorded.(map[string]any)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range fields {
		if !met(m[f.Name]) {
			out = append(out, f.Name)
		}
	}
	return out
}

func intOf(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case float64:
		return int(n), true
	}
	return 0, false
}

func stringsOf(v any) []string {
	var out []string
	switch xs := v.(type) {
	case []string:
		out = append(out, xs...)
	case []any:
		for _, x := range xs {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
