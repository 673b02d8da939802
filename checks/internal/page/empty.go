package page

import "github.com/govaudit/govaudit/checks/internal/text"

// emptyMarkers are the messages a CMS shows in a column that has nothing
// in it, normalised (simplified, no spaces).
var emptyMarkers = []string{
	"暂无信息", "暂无数据", "暂无内容", "暂无记录", "暂无文章", "暂无相关",
	"没有信息", "没有数据", "没有记录", "没有相关", "无相关信息", "无相关内容",
	"本栏目暂无", "没有找到相关",
}

// maxMarkerText is the longest text node taken for a marker: the message
// stands alone ("暂无信息！"); a sentence of prose that happens to contain
// "没有相关…" is not a marker.
const maxMarkerText = 120

// isEmptyMarker reports whether a text node is a no-content message.
func isEmptyMarker(s string) bool {
	// Every marker has 无 or 没有 (無, 沒有 on traditional sites): a byte
	// search rejects almost every text node before any normalisation.
	if len(s) > maxMarkerText*2 || !containsAny(s, "无", "無", "没有", "沒有") {
		return false
	}
	n := text.Normalize(s)
	if len(n) > maxMarkerText {
		return false
	}
	return containsAny(n, emptyMarkers...)
}
