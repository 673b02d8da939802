package govaudit

import (
	"fmt"
	"strings"
)

// Shortfall codes: stable identifiers of unmet duties, for scripts and
// filters. ShortfallTitles gives each its Chinese name; the sentence in a
// Shortfall's Text says the particulars.
const (
	// ShortColumnMissing: the column (or the link) was not found.
	ShortColumnMissing = "column-missing"
	// ShortColumnEmpty: the column exists and lists nothing (空白栏目).
	ShortColumnEmpty = "column-empty"
	// ShortColumnStale: the newest item is older than the cadence allows,
	// or no item carries a date.
	ShortColumnStale = "column-stale"
	// ShortItemsTooFew: fewer items in the last year than the row requires.
	ShortItemsTooFew = "items-too-few"
	// ShortValidityUnlabelled: checked policy documents without a 有效性
	// label (all-10).
	ShortValidityUnlabelled = "validity-unlabelled"
	// ShortFieldsMissing: named contents of a fields row not found.
	ShortFieldsMissing = "fields-missing"
	// ShortCompanionMissing: a companion column not published (all-05's
	// 抽查结果, 查处情况).
	ShortCompanionMissing = "companion-missing"
	// ShortBudgetMissing: the 部门预算 due by now not found (czt-1).
	ShortBudgetMissing = "budget-missing"
	// ShortFinalMissing: the 部门决算 due by now not found (czt-1).
	ShortFinalMissing = "final-missing"
	// ShortInterpretationMissing: checked policy documents without an
	// interpretation (all-06).
	ShortInterpretationMissing = "interpretation-missing"
	// ShortInterpretationLate: interpretations published more than three
	// working days after their document (all-06).
	ShortInterpretationLate = "interpretation-late"
)

// ShortfallCodes lists every shortfall code in the order reports show them.
var ShortfallCodes = []string{
	ShortColumnMissing, ShortColumnEmpty, ShortColumnStale, ShortItemsTooFew,
	ShortValidityUnlabelled, ShortFieldsMissing, ShortCompanionMissing,
	ShortBudgetMissing, ShortFinalMissing, ShortInterpretationMissing, ShortInterpretationLate,
}

// ShortfallTitles name each shortfall code in Chinese, for summaries
// ("most common shortfalls") and filters.
var ShortfallTitles = map[string]string{
	ShortColumnMissing:         "栏目缺失",
	ShortColumnEmpty:           "空白栏目",
	ShortColumnStale:           "栏目超期未更新",
	ShortItemsTooFew:           "发布数量不足",
	ShortValidityUnlabelled:    "文件未标注有效性",
	ShortFieldsMissing:         "规定内容缺失",
	ShortCompanionMissing:      "配套栏目缺失",
	ShortBudgetMissing:         "部门预算未公开",
	ShortFinalMissing:          "部门决算未公开",
	ShortInterpretationMissing: "政策文件缺少解读",
	ShortInterpretationLate:    "解读发布超时",
}

// ShortfallTitle is the Chinese name of a code, or the code itself when it
// has none.
func ShortfallTitle(code string) string {
	if t, ok := ShortfallTitles[code]; ok {
		return t
	}
	return code
}

// The sentences of the shortfalls, one function per code, so that each text
// is written once.

// ColumnMissingShortfall: keywords are the labels looked for.
func ColumnMissingShortfall(keywords []string, link bool) Shortfall {
	what := "栏目"
	if link {
		what = "链接"
	}
	return Shortfall{Code: ShortColumnMissing,
		Text: fmt.Sprintf("首页和政府信息公开专栏均未找到名称如“%s”的%s", strings.Join(keywords, "”“"), what)}
}

// ColumnEmptyShortfall: the column at url lists nothing.
func ColumnEmptyShortfall(url string) Shortfall {
	return Shortfall{Code: ShortColumnEmpty, Text: "栏目存在但没有任何信息（空白栏目）", URLs: nonEmpty(url)}
}

// ColumnStaleShortfall: the newest item is age days old against maxAge;
// age < 0 means no item carries a date.
func ColumnStaleShortfall(age, maxAge int, urls ...string) Shortfall {
	text := "栏目中的信息均未注明发布日期，视为未更新"
	if age >= 0 {
		text = fmt.Sprintf("最新信息已 %d 天未更新，超过规定的 %d 天", age, maxAge)
	}
	return Shortfall{Code: ShortColumnStale, Text: text, URLs: nonEmpty(urls...)}
}

// ItemsTooFewShortfall: n items in the last year against the minimum.
func ItemsTooFewShortfall(n, minimum int, url string) Shortfall {
	return Shortfall{Code: ShortItemsTooFew, Text: fmt.Sprintf("近一年发布 %d 条，少于规定的每年 %d 条", n, minimum), URLs: nonEmpty(url)}
}

// ValidityUnlabelledShortfall: unlabelled of checked documents carry no
// 有效性 label; urls are the unlabelled documents.
func ValidityUnlabelledShortfall(checked, unlabelled int, urls []string) Shortfall {
	return Shortfall{Code: ShortValidityUnlabelled, Text: fmt.Sprintf("%d 份文件中 %d 份未标注有效性", checked, unlabelled), URLs: nonEmpty(urls...)}
}

// FieldsMissingShortfall: the named contents not found on the column.
func FieldsMissingShortfall(names []string, url string) Shortfall {
	return Shortfall{Code: ShortFieldsMissing, Text: fmt.Sprintf("栏目中未找到规定公开的内容：%s", strings.Join(names, "、")), URLs: nonEmpty(url)}
}

// CompanionMissingShortfall: the companion columns not published.
func CompanionMissingShortfall(names []string, url string) Shortfall {
	return Shortfall{Code: ShortCompanionMissing, Text: fmt.Sprintf("未找到配套公开的栏目或信息：%s", strings.Join(names, "、")), URLs: nonEmpty(url)}
}

// BudgetMissingShortfall: year's 部门预算 not found.
func BudgetMissingShortfall(year int, url string) Shortfall {
	return Shortfall{Code: ShortBudgetMissing, Text: fmt.Sprintf("未找到应已公开的 %d 年部门预算", year), URLs: nonEmpty(url)}
}

// FinalMissingShortfall: year's 部门决算 not found.
func FinalMissingShortfall(year int, url string) Shortfall {
	return Shortfall{Code: ShortFinalMissing, Text: fmt.Sprintf("未找到应已公开的 %d 年部门决算", year), URLs: nonEmpty(url)}
}

// InterpretationMissingShortfall: missing of checked documents have no
// interpretation; urls are those documents.
func InterpretationMissingShortfall(checked, missing int, urls []string) Shortfall {
	return Shortfall{Code: ShortInterpretationMissing, Text: fmt.Sprintf("%d 份政策文件中 %d 份未找到政策解读", checked, missing), URLs: nonEmpty(urls...)}
}

// InterpretationLateShortfall: late of paired interpretations came more
// than days working days after their document; urls are the late ones.
func InterpretationLateShortfall(paired, late, days int, urls []string) Shortfall {
	return Shortfall{Code: ShortInterpretationLate,
		Text: fmt.Sprintf("%d 份解读中 %d 份晚于文件 %d 个工作日以上发布", paired, late, days), URLs: nonEmpty(urls...)}
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Compliance returns the result's compliance: the one judged, or for
// results stored before compliance was judged, what the status alone says
// (a fresh column then counts as compliant: its content duties were not
// checked).
func (r Result) Compliance() Compliance {
	if r.Compliant != "" {
		return r.Compliant
	}
	return StatusCompliance(r.Status)
}

// StatusCompliance is what a status alone says about the duty: fresh yes;
// stale, empty and missing no; every coverage gap unknown.
func StatusCompliance(s Status) Compliance {
	switch s {
	case StatusFresh:
		return CompliantYes
	case StatusStale, StatusEmpty, StatusMissing:
		return CompliantNo
	}
	return CompliantUnknown
}
