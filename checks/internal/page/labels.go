package page

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// metaLabels are the field names of the metadata blocks of government
// detail pages (政府信息公开 info boxes), normalised.
var metaLabels = map[string]bool{
	"索引号": true, "主题分类": true, "信息分类": true, "分类": true, "体裁分类": true,
	"组配分类": true, "服务对象": true, "发布机构": true, "发文机关": true, "发文机构": true,
	"发文单位": true, "发布单位": true, "公开单位": true, "所属机构": true, "责任部门": true,
	"信息来源": true, "来源": true, "文号": true, "发文字号": true, "文件编号": true,
	"标题": true, "名称": true, "文件名称": true, "主题词": true, "关键词": true,
	"有效性": true, "效力状态": true, "时效性": true, "效力": true, "有效期": true,
	"公开方式": true, "公开范围": true, "公开形式": true, "公开时限": true,
	"发布日期": true, "发布时间": true, "时间发布": true, "发文日期": true, "公开日期": true,
	"生成日期": true, "发表日期": true, "发表时间": true, "成文日期": true, "成文时间": true,
	"印发日期": true, "生效日期": true, "实施日期": true, "施行日期": true, "废止日期": true,
	"失效日期": true, "日期": true, "时间": true, "作者": true, "文种": true,
}

// stopLabels share a line with metadata ("来源: … 浏览次数: 123",
// "发布日期: … 点击:") and end the value before them, but are page widgets,
// not fields of the document: they are not recorded.
var stopLabels = map[string]bool{
	"浏览次数": true, "阅读次数": true, "访问次数": true, "访问量": true, "点击数": true,
	"点击": true, "点击率": true, "字体": true, "字号": true, "分享到": true, "分享": true,
}

func init() {
	for k := range stopLabels {
		metaLabels[k] = true
	}
}

// labelSuffixes extend metaLabels to a site's own wording: a short Han
// label ending like a metadata field (…日期, …机构, …文号).
var labelSuffixes = []string{"日期", "时间", "机构", "机关", "分类", "文号", "字号", "编号"}

// isLabel reports whether a normalised string is a metadata field name.
func isLabel(k string) bool {
	if metaLabels[k] {
		return true
	}
	n := utf8.RuneCountInString(k)
	if n < 3 || n > 6 {
		return false
	}
	for _, r := range k {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	for _, s := range labelSuffixes {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	return false
}

// labelsBySize lists metaLabels longest first, for finding a label at the
// end of a run of text ("…省教育厅发布日期").
var labelsBySize = func() []string {
	out := make([]string, 0, len(metaLabels))
	for k := range metaLabels {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return out
}()
