package report

import (
	"encoding/json"
	"strings"

	"github.com/govaudit/govaudit"
)

// Row kinds of the tabular exports.
const (
	kindRequirement = "requirement"
	kindCensus      = "census"
	// kindSite is the single row of a site that has no audit (yet, or as of
	// the export's day), so that every selected site appears in the table.
	kindSite = "site"
)

// row is one line of the tabular exports: a site with one of its
// requirement results, one of its census findings, or nothing (kindSite).
type row struct {
	site   *Scorecard
	kind   string
	result *govaudit.Result
	census *govaudit.CensusFinding
}

// rowsOf is one site's rows in the tabular exports: its requirements, then
// its census findings, or the single row of a site without an audit.
func rowsOf(sc *Scorecard) []row {
	if !sc.Audited() {
		return []row{{site: sc, kind: kindSite}}
	}
	out := make([]row, 0, len(sc.Requirements)+len(sc.Census))
	for j := range sc.Requirements {
		out = append(out, row{site: sc, kind: kindRequirement, result: &sc.Requirements[j]})
	}
	for j := range sc.Census {
		out = append(out, row{site: sc, kind: kindCensus, census: &sc.Census[j]})
	}
	return out
}

// column is one column of the tabular exports. Name is the CSV header and
// the JSON field it mirrors; Label is the Chinese header of the XLSX.
//
// value returns nil for an empty cell, or one of: string, float64, int,
// bool, time.Time (a moment, written RFC 3339 or as an Excel date-time) and
// checks.Date (a day, written YYYY-MM-DD or as an Excel date).
type column struct {
	Name  string
	Label string
	value func(row) any
}

// Columns shared by the sites' rows of every table.
var (
	colSiteID     = column{"site_id", "站点编号", func(r row) any { return r.site.ID }}
	colSiteName   = column{"site_name", "网站名称", func(r row) any { return r.site.Name }}
	colSiteURL    = column{"site_url", "网址", func(r row) any { return r.site.URL }}
	colLevel      = column{"level", "级别", func(r row) any { return string(r.site.Level) }}
	colDepartment = column{"department", "部门", func(r row) any { return r.site.Department }}
	colCity       = column{"city", "城市", func(r row) any { return r.site.City }}
	colAuditedAt  = column{"audited_at", "审计时间", func(r row) any {
		if !r.site.Audited() {
			return nil
		}
		return *r.site.AuditedAt
	}}
	colReachable = column{"reachable", "可访问", func(r row) any {
		if !r.site.Audited() {
			return nil
		}
		return r.site.Reachable
	}}
	colScore = column{"score", "得分", func(r row) any {
		if r.site.Score == nil {
			return nil
		}
		return *r.site.Score
	}}
	colVerdict = column{"verdict", "网站结论", func(r row) any { return SiteVerdictLabel(r.site.Verdict) }}
	colKind    = column{"kind", "类别", func(r row) any { return r.kind }}
)

// requirementColumns hold the fields of a requirement row (empty on census
// rows); censusColumns those of a census row.
var (
	colID = column{"id", "要求编号", func(r row) any {
		switch {
		case r.result != nil:
			return r.result.ID
		case r.census != nil:
			return r.census.Rule
		}
		return nil
	}}
	colStatus = column{"status", "状态", func(r row) any {
		switch {
		case r.result != nil:
			return string(r.result.Status)
		case r.census != nil:
			return string(r.census.Verdict)
		}
		return nil
	}}
	colColumnURL   = column{"column_url", "栏目网址", resultField(func(res *govaudit.Result) any { return res.ColumnURL })}
	colNewestTitle = column{"newest_title", "最新信息标题", newestField(func(it *govaudit.Item) any { return it.Title })}
	colNewestURL   = column{"newest_url", "最新信息网址", newestField(func(it *govaudit.Item) any { return it.URL })}
	colNewestDate  = column{"newest_date", "最新发布日期", newestField(func(it *govaudit.Item) any {
		if it.Date.IsZero() {
			return nil
		}
		return it.Date
	})}
	colAgeDays = column{"age_days", "已过天数", resultField(func(res *govaudit.Result) any {
		if res.AgeDays == nil {
			return nil
		}
		return *res.AgeDays
	})}
	colMaxAgeDays = column{"max_age_days", "更新周期(天)", resultField(func(res *govaudit.Result) any {
		if res.MaxAgeDays == 0 {
			return nil
		}
		return res.MaxAgeDays
	})}
	colValue     = column{"value", "数值", censusField(func(f *govaudit.CensusFinding) any { return f.Value })}
	colThreshold = column{"threshold", "否决线", censusField(func(f *govaudit.CensusFinding) any { return f.Threshold })}
	colDetails   = column{"details", "详情(JSON)", resultField(func(res *govaudit.Result) any {
		if len(res.Details) == 0 {
			return nil
		}
		b, err := json.Marshal(res.Details)
		if err != nil {
			return nil // details come from JSON; a value that cannot go back is dropped, not fatal
		}
		return string(b)
	})}
	colEvidence = column{"evidence", "依据", func(r row) any {
		var ev []string
		switch {
		case r.result != nil:
			ev = r.result.Evidence
		case r.census != nil:
			ev = r.census.Evidence
		}
		if len(ev) == 0 {
			return nil
		}
		return strings.Join(ev, evidenceSep)
	}}
)

// colTitle names what the id column identifies: the requirement's title
// from the catalog, or the census rule's name.
var colTitle = column{"title", "要求名称", func(r row) any {
	switch {
	case r.result != nil:
		if req, ok := govaudit.DefaultCatalog().Lookup(r.result.ID); ok {
			return req.Title
		}
	case r.census != nil:
		return emptyNil(ruleLabels[r.census.Rule])
	}
	return nil
}}

// The census sheet shows the shared id and status columns under their
// census meaning.
var (
	colRule          = column{colID.Name, "普查规则", colID.value}
	colCensusVerdict = column{colStatus.Name, "指标结论", colStatus.value}
)

// evidenceSep joins a finding's evidence lines in one cell.
const evidenceSep = " | "

// csvColumns are the columns of the CSV export, in order. The list is part
// of the export's contract: add columns at the end, never rename or reorder.
var csvColumns = []column{
	colSiteID, colSiteName, colSiteURL, colLevel, colDepartment, colCity,
	colAuditedAt, colReachable, colScore, colVerdict,
	colKind, colID, colTitle, colStatus,
	colColumnURL, colNewestTitle, colNewestURL, colNewestDate, colAgeDays, colMaxAgeDays,
	colValue, colThreshold, colDetails, colEvidence,
}

func resultField(f func(*govaudit.Result) any) func(row) any {
	return func(r row) any {
		if r.result == nil {
			return nil
		}
		return emptyNil(f(r.result))
	}
}

func newestField(f func(*govaudit.Item) any) func(row) any {
	return resultField(func(res *govaudit.Result) any {
		if res.NewestItem == nil {
			return nil
		}
		return f(res.NewestItem)
	})
}

func censusField(f func(*govaudit.CensusFinding) any) func(row) any {
	return func(r row) any {
		if r.census == nil {
			return nil
		}
		return f(r.census)
	}
}

// emptyNil turns an empty string into an empty cell.
func emptyNil(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}
