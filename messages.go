package govaudit

import "fmt"

// The domain's own sentences: the census evidence the rules themselves
// write. The engine's sentences are in checks/messages.go, the shortfalls'
// in shortfall.go; each text is written once.

// MsgNoProbes: no availability probe recorded yet.
func MsgNoProbes() string { return "尚无首页可用性探测记录" }

// MsgProbesFailed: failed of total probes over the week failed.
func MsgProbesFailed(failed, total int, pct float64) string {
	return fmt.Sprintf("近 7 天首页探测 %d 次，失败 %d 次（%.2f%%）", total, failed, pct)
}

// MsgProbesTooFew: the probes do not yet cover the census's week.
func MsgProbesTooFew(total, fullDays int) string {
	return fmt.Sprintf("目前仅有 %d 次探测，%d 天达到每天 %d 次；普查要求连续 %d 天、每天至少 %d 次，覆盖之前只预警、不否决",
		total, fullDays, CensusProbesPerDay, CensusProbeDays, CensusProbesPerDay)
}

// MsgHomepageUndated: the home page lists no dated item.
func MsgHomepageUndated() string {
	return "首页未找到注明日期的信息：未注明发布时间的视为不更新"
}
