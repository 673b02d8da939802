package text

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain label unchanged", "政策文件", "政策文件"},
		{"ascii spaces", " 政策 文件 ", "政策文件"},
		{"ideographic space", "政\u3000策\u3000文\u3000件", "政策文件"},
		{"nbsp entity text", "预\u00a0决\u00a0算", "预决算"},
		{"tabs and newlines", "\t政策\r\n文件\n", "政策文件"},
		{"zero-width space and joiners", "政\u200b策\u200c文\u200d件", "政策文件"},
		{"byte order mark", "\ufeff政策文件", "政策文件"},
		{"full-width letters fold to lower ascii", "ＰＰＰ项目", "ppp项目"},
		{"ascii upper case", "PPP项目", "ppp项目"},
		{"full-width digits", "２０２４年预算", "2024年预算"},
		{"full-width colon trimmed", "信息公开目录：", "信息公开目录"},
		{"leading and trailing colons", "：:政策文件:：", "政策文件"},
		{"inner colon kept", "栏目:政策文件", "栏目:政策文件"},
		{"lenticular brackets", "【政策文件】", "政策文件"},
		{"square brackets and spaces", "[ 政策文件 ]", "政策文件"},
		{"full-width square brackets", "［政策文件］", "政策文件"},
		{"corner brackets", "「公告」『规范性文件』", "公告规范性文件"},
		{"middle dots and bullets", "·政务公开•", "政务公开"},
		{"breadcrumb separators", "首页 > 政务公开 » 政策文件", "首页政务公开政策文件"},
		{"pipes", "政策文件 | 政策解读", "政策文件政策解读"},
		{"bullet shapes", "■ 预决算 ●", "预决算"},
		{"decoration then colon", "【 政策文件 】：", "政策文件"},
		{"parentheses kept", "规范性文件（试行）", "规范性文件(试行)"},
		{"enumeration comma kept", "双随机、一公开", "双随机、一公开"},
		{"traditional label", "隨機抽查事項清單", "随机抽查事项清单"},
		{"traditional with spaces and brackets", "【 預 決 算 】", "预决算"},
		{"traditional department", "遼寧省政府辦公廳", "辽宁省政府办公厅"},
		{"only decoration", "【】·：", ""},
		{"invalid utf-8 becomes U+FFFD", "政\xb9策", "政\ufffd策"},
		{"invalid utf-8 next to a rune norm must see", "\xb9娙\U0002B81B", "\ufffd\U0002BC1B\U0002B81B"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeMatchesAcrossScriptAndWidth(t *testing.T) {
	pairs := [][2]string{
		{"PPP", "ppp"},
		{"ＰＰＰ", "ppp"},
		{"政府信息公开年度报告", "政府信息公開年度報告"},
		{"政 策 文 件", "【政策文件】"},
		{"预决算", " 預決算： "},
	}
	for _, p := range pairs {
		t.Run(p[0]+"="+p[1], func(t *testing.T) {
			if a, b := Normalize(p[0]), Normalize(p[1]); a != b {
				t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q, want equal", p[0], a, p[1], b)
			}
		})
	}
}

// The seed document, 辽政办〔2016〕23号, is kept in traditional characters
// (shared/seed/000_8f162a0ca417d789.txt); these phrases are copied from it.
func TestFoldSeedPhrases(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"遼政辦〔2016〕23號", "辽政办〔2016〕23号"},
		{"遼寧省人民政府辦公廳", "辽宁省人民政府办公厅"},
		{"隨機抽查事項清單", "随机抽查事项清单"},
		{"深入推進預決算公開", "深入推进预决算公开"},
		{"在政府網站“政策文件”類欄目公開", "在政府网站“政策文件”类栏目公开"},
		{"推進權力清單和責任清單公開", "推进权力清单和责任清单公开"},
		{"實行“陽光執法”", "实行“阳光执法”"},
		{"政策文件", "政策文件"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got, want := Normalize(tt.in), Normalize(tt.want); got != want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"simplified unchanged", "政策文件", "政策文件"},
		{"ascii unchanged", "PPP 2016", "PPP 2016"},
		{"traditional", "預決算", "预决算"},
		{"mixed", "政府信息公開", "政府信息公开"},
		{"keeps width and spacing", "ＰＰＰ　項目", "ＰＰＰ　项目"},
		// OpenCC lists two candidates for 乾 (干 乾). Rune by rune, the
		// first wins even where a phrase table would keep 乾 (乾隆).
		{"first candidate", "乾燥", "干燥"},
		{"single candidate", "發髮", "发发"},
		{"outside the BMP", "\U00030EDE", "\U00030EDD"},
		{"invalid utf-8 kept", "預\xb9決", "预\xb9决"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldTableLoaded(t *testing.T) {
	foldRune('國')
	// TSCharacters.txt has 4148 single-character entries; 926 of them list
	// the character itself first (it is already simplified in some
	// senses) and need no entry.
	if got, want := len(folds.m), 4148-926; got != want {
		t.Errorf("fold table has %d entries, want %d", got, want)
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already clean", "发布日期: 2019-02-15", "发布日期: 2019-02-15"},
		{"full-width digits and colon", "时间发布：２０２３－０６－１２　０９：５１", "时间发布:2023-06-12 09:51"},
		{"ideographic space", "发布日期：\u30002019年02月15日", "发布日期: 2019年02月15日"},
		{"nbsp", "2019-02-15\u00a0\u00a010:00", "2019-02-15 10:00"},
		{"newlines and tabs collapse", "\n\t标题\n\n\t\t2020-08-05\n", "标题 2020-08-05"},
		{"zero-width removed, not spaced", "2019\u200b-02-15", "2019-02-15"},
		{"full-width brackets", "［06-04］", "[06-04]"},
		{"only spaces", " \u3000\t", ""},
		{"invalid utf-8 becomes U+FFFD", "2019\xb9-02-15", "2019\ufffd-02-15"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean(Clean(%q)) = %q, want %q", tt.in, again, got)
			}
		})
	}
}

// Normalize runs on every link of every page, Clean on every list item:
// input that is already normal must not allocate.
func TestNoAllocationWhenAlreadyNormal(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"Normalize", func() { Normalize("政府信息公开年度报告") }},
		{"Fold", func() { Fold("政府信息公开年度报告") }},
		{"Clean", func() { Clean("关于做好政务公开工作的通知 2016-11-20") }},
		{"FindDates without digits", func() { FindDates("关于做好政务公开工作的通知") }},
		{"FindDates with digits, no date", func() { FindDates("国发〔2019〕5号 关于做好2027年度预算编制工作的通知") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, tt.f); got != 0 {
				t.Errorf("allocations = %v, want 0", got)
			}
		})
	}
}

func BenchmarkNormalize(b *testing.B) {
	labels := []string{
		"政策文件", "【 政府信息公开年度报告 】", "預決算公開", "ＰＰＰ项目", "首页 > 政务公开",
		"关于印发《辽宁省2016年政务公开工作要点》的通知",
	}
	var n int
	for _, l := range labels {
		n += len(l)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range labels {
			Normalize(l)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	s := "\n\t\t关于印发《邯郸市学校安全工作目标管理考核办法》的通知\n\t\t\u3000[06-04]\n"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(s)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"政策文件", "【 預決算 】：", "ＰＰＰ项目", "e\u200b\u0301", "a \u0301", "·•>»|", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if again := Normalize(got); again != got {
			t.Errorf("Normalize not idempotent: Normalize(%q) = %q, Normalize of that = %q", s, got, again)
		}
		if strings.ContainsAny(got, " \t\n\u3000\u00a0\u200b【】") {
			t.Errorf("Normalize(%q) = %q still holds whitespace or decoration", s, got)
		}
		if c := Clean(s); Clean(c) != c {
			t.Errorf("Clean not idempotent: Clean(%q) = %q, Clean of that = %q", s, c, Clean(c))
		}
	})
}
