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

// fetchErrorWords say in Chinese why a page could not be read.
var fetchErrorWords = map[ErrorKind]string{
	ErrTimeout:        "访问超时",
	ErrDNS:            "域名无法解析",
	ErrRefused:        "连接被拒绝或中断",
	ErrTLS:            "安全连接（TLS）失败",
	ErrHTTP4xx:        "页面不存在或拒绝访问",
	ErrHTTP5xx:        "服务器错误",
	ErrBlocked:        "被防护系统拦截",
	ErrRobots:         "robots.txt 禁止抓取",
	ErrTooLarge:       "页面过大",
	ErrRedirectLoop:   "重定向过多或循环",
	ErrPrivateAddress: "地址指向内网，已拒绝访问",
	ErrBudget:         "已达本站抓取页数上限",
	ErrOther:          "其他错误",
}

// FetchErrorText says why a page could not be read: the Chinese reason,
// then the technical kind and message in brackets for whoever fixes it.
func FetchErrorText(e *FetchError) string {
	if e == nil {
		return ""
	}
	w, ok := fetchErrorWords[e.Kind]
	if !ok {
		w = fetchErrorWords[ErrOther]
	}
	return fmt.Sprintf("%s（%s）", w, e.Error())
}
