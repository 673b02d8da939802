package demo

import (
	"github.com/govaudit/govaudit"
)

// Expect is what a correct audit reports for one requirement of one site.
type Expect struct {
	Status govaudit.Status
	// ColumnURL is the address of the column's list page the auditor should
	// report; "" when the column is missing or the site could not be read.
	ColumnURL string
	// Newest is the YYYY-MM-DD day of the newest dated item, "" when none.
	Newest string
	// DocumentsChecked and ValidityLabelled are all-10's details: how many of
	// the newest documents were inspected and how many carry a 有效性 label.
	DocumentsChecked int
	ValidityLabelled int
}

// truth returns the expectation for every audited requirement that applies
// to the site.
func (s *site) truth(c clock) map[string]Expect {
	out := make(map[string]Expect)
	for _, r := range govaudit.DefaultCatalog().Audited(s.Site) {
		out[r.ID] = s.expect(r, c)
	}
	return out
}

// expect applies the auditor's rules to the model: the site's reachability
// first, then the column's presence, items and newest date.
func (s *site) expect(r govaudit.Requirement, c clock) Expect {
	if !r.Checked() {
		return Expect{Status: govaudit.StatusNotWebCheckable}
	}
	switch s.mode {
	case modeRefused, modeServerError:
		return Expect{Status: govaudit.StatusUnreachable}
	case modeBlocked:
		return Expect{Status: govaudit.StatusBlocked}
	}
	col := s.column(r.ID)
	if r.Kind == govaudit.KindLink {
		return s.expectLink(r, col)
	}
	if col == nil {
		return Expect{Status: govaudit.StatusMissing}
	}
	e := Expect{ColumnURL: s.base() + col.paths[0]}
	newest := col.newest()
	if !newest.IsZero() {
		e.Newest = newest.In(shanghai).Format("2006-01-02")
	}
	if r.Kind == govaudit.KindValidity {
		e.DocumentsChecked, e.ValidityLabelled = col.validityCount(govaudit.DefaultPolicyDocuments)
	}
	switch {
	case len(col.items) == 0:
		e.Status = govaudit.StatusEmpty
	case r.Kind == govaudit.KindAnnual:
		budgetYear, finalYear := govaudit.AnnualYears(c.now)
		e.Status = govaudit.StatusStale
		if col.hasAnnual(budgetReport, budgetYear) && col.hasAnnual(finalReport, finalYear) {
			e.Status = govaudit.StatusFresh
		}
	case newest.IsZero():
		e.Status = govaudit.StatusStale
	case r.MaxAgeDays == 0 || c.ageDays(newest) <= r.MaxAgeDays:
		e.Status = govaudit.StatusFresh
	default:
		e.Status = govaudit.StatusStale
	}
	// A yearly minimum (all-02: five meetings with public attendees) is
	// counted on what the column's address lists.
	if r.MinPerYear > 0 && e.Status == govaudit.StatusFresh {
		n := 0
		for _, it := range col.firstPage(s) {
			if !it.date.IsZero() && c.ageDays(it.date) <= 365 {
				n++
			}
		}
		if n < r.MinPerYear {
			e.Status = govaudit.StatusStale
		}
	}
	return e
}

// expectLink is the verdict on a requirement met by a link (all-13,
// fgw-1): the site's own column of that name when it has one, else a link
// to the platform elsewhere; its target is not the site's to keep fresh.
func (s *site) expectLink(r govaudit.Requirement, col *column) Expect {
	if col != nil {
		return Expect{Status: govaudit.StatusFresh, ColumnURL: s.base() + col.paths[0]}
	}
	for _, l := range append(s.navMenus(), s.menus...) {
		if l.req == r.ID {
			return Expect{Status: govaudit.StatusFresh, ColumnURL: l.href}
		}
	}
	return Expect{Status: govaudit.StatusMissing}
}

// verdict is the site verdict a correct audit reaches from the site's
// requirement and census expectations.
func (s *site) verdict(truth map[string]Expect, census map[string]CensusExpect) govaudit.SiteVerdict {
	a := govaudit.SiteAudit{Reachable: s.mode == modeNormal}
	for id, e := range truth {
		a.Results = append(a.Results, govaudit.Result{ID: id, Status: e.Status})
	}
	for rule, e := range census {
		a.Census = append(a.Census, govaudit.CensusFinding{Rule: rule, Verdict: e.Verdict, Value: e.Value})
	}
	return govaudit.SiteVerdictOf(a)
}
