package page

import "strings"

// validities are the 有效性 labels of policy documents, longest first so
// that 现行有效 is not read as 有效 and 部分失效 not as 失效.
var validities = []string{"现行有效", "部分失效", "部分有效", "已修改", "已废止", "废止", "失效", "有效"}

// validityValue reports whether a normalised text is exactly a 有效性 label.
// 已废止 is reported as 废止.
func validityValue(norm string) (string, bool) {
	for _, v := range validities {
		if norm == v {
			if v == "已废止" {
				v = "废止"
			}
			return v, true
		}
	}
	return "", false
}

// canonValidity reads the value of a 有效性 cell or metadata field: the
// label it contains, or the normalised text itself when it is none of the
// known labels (a site's own wording, kept rather than guessed).
func canonValidity(norm string) string {
	if v, ok := validityValue(norm); ok {
		return v
	}
	for _, v := range validities {
		if strings.Contains(norm, v) {
			if v == "已废止" {
				v = "废止"
			}
			return v
		}
	}
	return norm
}
