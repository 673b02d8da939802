package report

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/govaudit/govaudit"
)

// DetailSentences words a result's details (Result.Details, as the checks
// write them and as they come back from JSON) as Chinese sentences, the
// known keys first in the order a reader asks about them, then any other
// key as "key：value". Evaluators read sentences, not JSON.
func DetailSentences(d map[string]any) []string {
	if len(d) == 0 {
		return nil
	}
	d = viaJSON(d)
	done := map[string]bool{}
	var out []string
	add := func(s string, keys ...string) {
		if s != "" {
			out = append(out, s)
		}
		for _, k := range keys {
			done[k] = true
		}
	}
	n, hasN := intOf(d["documents_checked"])
	if l, ok := intOf(d["validity_labelled"]); ok && hasN {
		s := fmt.Sprintf("检查了 %d 份文件，其中 %d 份标注有效性", n, l)
		if labels, ok := d["labels"].(map[string]any); ok && len(labels) > 0 {
			var parts []string
			for _, k := range slices.Sorted(maps.Keys(labels)) {
				parts = append(parts, fmt.Sprintf("“%s” %s 份", k, valueText(labels[k])))
			}
			s += "（" + strings.Join(parts, "，") + "）"
		}
		add(s+"。", "documents_checked", "validity_labelled", "labels")
	}
	if u, ok := d["unlabelled"].([]any); ok && len(u) > 0 {
		add(fmt.Sprintf("未标注有效性的文件 %d 份：%s。", len(u), someText(u)), "unlabelled")
	}
	if i, ok := intOf(d["interpreted"]); ok && hasN {
		s := fmt.Sprintf("最新 %d 份政策文件中 %d 份有解读", n, i)
		if sh, ok := d["interpreted_share"].(float64); ok {
			s += "（" + percent(sh) + "）"
		}
		if t, ok := intOf(d["within_3_working_days"]); ok && i > 0 {
			s += fmt.Sprintf("，其中 %d 份在文件印发后 3 个工作日内解读", t)
		}
		add(s+"。", "documents_checked", "interpreted", "interpreted_share", "within_3_working_days", "timely_share")
	} else if hasN && !done["documents_checked"] {
		add(fmt.Sprintf("检查了 %d 份文件。", n), "documents_checked")
	}
	if c, ok := d["documents_column"].(string); ok && c != "" {
		add("政策文件栏目："+c+"。", "documents_column")
	}
	if u, ok := d["unpaired"].([]any); ok && len(u) > 0 {
		add(fmt.Sprintf("未找到解读的文件 %d 份：%s。", len(u), someText(u)), "unpaired")
	}
	if pairs, ok := d["pairs"].([]any); ok && len(pairs) > 0 {
		for _, p := range pairs {
			m, ok := p.(map[string]any)
			if !ok {
				continue
			}
			s := fmt.Sprintf("《%s》（%s）的解读《%s》（%s）", valueText(m["document_title"]), valueText(m["document_date"]),
				valueText(m["interpretation_title"]), valueText(m["interpretation_date"]))
			if wd, ok := intOf(m["working_days"]); ok {
				s += fmt.Sprintf("，相隔 %d 个工作日", wd)
			}
			add(s+"。", "pairs")
		}
	}
	if f, ok := d["fields"].(map[string]any); ok && len(f) > 0 {
		var yes, no []string
		for _, k := range slices.Sorted(maps.Keys(f)) {
			if b, _ := f[k].(bool); b {
				yes = append(yes, k)
			} else {
				no = append(no, k)
			}
		}
		add(fmt.Sprintf("应有要素 %d 项：已载明 %s；未找到 %s。", len(f), joinOr(yes), joinOr(no)), "fields")
	}
	if c, ok := d["companions"].(map[string]any); ok && len(c) > 0 {
		for _, k := range slices.Sorted(maps.Keys(c)) {
			add(companionText(k, c[k]), "companions")
		}
	}
	for _, pre := range []struct{ key, word string }{{"budget", "部门预算"}, {"final", "部门决算"}} {
		y, hasY := intOf(d[pre.key+"_year"])
		pub, hasP := d[pre.key+"_published"].(bool)
		if !hasY || !hasP {
			continue
		}
		s := fmt.Sprintf("%d 年%s%s", y, pre.word, map[bool]string{true: "已公开", false: "未找到"}[pub])
		if it, ok := d[pre.key+"_item"].(map[string]any); ok {
			s += fmt.Sprintf("：《%s》（%s，%s）", valueText(it["title"]), valueText(it["date"]), valueText(it["url"]))
		}
		add(s+"。", pre.key+"_year", pre.key+"_published", pre.key+"_item")
	}
	if bc, ok := d["budget_contents"].(map[string]any); ok && len(bc) > 0 {
		var yes, no []string
		for _, k := range slices.Sorted(maps.Keys(bc)) {
			if b, _ := bc[k].(bool); b {
				yes = append(yes, k)
			} else {
				no = append(no, k)
			}
		}
		add(fmt.Sprintf("预算报告应含内容：已载明 %s；未找到 %s。", joinOr(yes), joinOr(no)), "budget_contents")
	}
	if n, ok := intOf(d["items_last_year"]); ok {
		s := fmt.Sprintf("近一年发布 %d 条", n)
		if m, ok := intOf(d["min_per_year"]); ok {
			s += fmt.Sprintf("，要求至少 %d 条", m)
		}
		add(s+"。", "items_last_year", "min_per_year")
	}
	if note, ok := d["note"].(string); ok && note != "" {
		add("说明："+note, "note")
	}
	for _, k := range slices.Sorted(maps.Keys(d)) {
		if !done[k] {
			out = append(out, k+"："+valueText(d[k]))
		}
	}
	return out
}

// companionText words one companion column of a fields requirement.
func companionText(name string, v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "配套栏目“" + name + "”：" + valueText(v) + "。"
	}
	pub, _ := m["published"].(bool)
	s := "配套栏目“" + name + "”"
	switch {
	case !pub && m["column_url"] == nil:
		return s + "未找到。"
	case pub:
		s += "已公开"
	default:
		s += "未按期更新"
	}
	if st, ok := m["status"].(string); ok {
		s += "（" + statusLabelOf(st)
		if nw, ok := m["newest"].(string); ok && nw != "" {
			s += "，最新条目 " + nw
		}
		s += "）"
	}
	if u, ok := m["column_url"].(string); ok {
		s += "：" + u
	} else if u, ok := m["item_url"].(string); ok {
		s += "：" + u
	}
	return s + "。"
}

// viaJSON gives details the shapes they have after a trip through the
// store (float64, []any, map[string]any) when they come straight from an
// audit in memory.
func viaJSON(d map[string]any) map[string]any {
	b, err := json.Marshal(d)
	if err != nil {
		return d
	}
	var out map[string]any
	if json.Unmarshal(b, &out) != nil {
		return d
	}
	return out
}

func statusLabelOf(s string) string { return StatusLabel(govaudit.Status(s)) }

func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case int:
		return x, true
	}
	return 0, false
}

func percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', -1, 64) + "%"
}

func joinOr(xs []string) string {
	if len(xs) == 0 {
		return "无"
	}
	return strings.Join(xs, "、")
}

// listedItems is how many entries of a long list a sentence quotes; the
// stored copy of the column has them all.
const listedItems = 3

// someText quotes the first entries of a list, saying how many are left.
func someText(xs []any) string {
	if len(xs) <= listedItems {
		return listText(xs)
	}
	return listText(xs[:listedItems]) + fmt.Sprintf(" 等 %d 份", len(xs))
}

func listText(xs []any) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = valueText(x)
	}
	return strings.Join(parts, "、")
}

// valueText words any JSON value.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case []any:
		return listText(x)
	case map[string]any:
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(x)) {
			parts = append(parts, k+"："+valueText(x[k]))
		}
		return strings.Join(parts, "；")
	}
	return fmt.Sprint(v)
}
