package govaudit

import "time"

// Budgets must be public within 20 days of approval (地方预决算公开操作规程).
// Provincial people's congresses approve the year's budget in January or
// February, and standing committees approve last year's final accounts in
// July or August, so a site is given until the end of March for this year's
// 部门预算 and until the end of September for last year's 部门决算. Before
// those dates the previous round is what must be on the site.
const (
	budgetDueMonth = time.April   // this year's budget is due from April 1
	finalDueMonth  = time.October // last year's final accounts are due from October 1
)

// AnnualYears returns the year whose 部门预算 and the year whose 部门决算 a
// site must have published on day now.
func AnnualYears(now time.Time) (budgetYear, finalYear int) {
	budgetYear, finalYear = now.Year(), now.Year()-1
	if now.Month() < budgetDueMonth {
		budgetYear--
	}
	if now.Month() < finalDueMonth {
		finalYear--
	}
	return budgetYear, finalYear
}

// DefaultPolicyDocuments is how many of the newest 政策文件 documents all-10
// inspects for a 有效性 label when the config does not say.
const DefaultPolicyDocuments = 10
