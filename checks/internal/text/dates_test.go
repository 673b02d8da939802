package text

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// render shows matches as "date=matched text" so that a failure says both
// what was read and where.
func render(c string, ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.String()+"="+c[m.Start:m.End])
	}
	return out
}

var findDatesTests = []struct {
	name string
	in   string
	want []string
}{
	// Dates with a year.
	{"iso", "2016-11-20", []string{"2016-11-20=2016-11-20"}},
	{"iso without padding", "2016-1-5", []string{"2016-01-05=2016-1-5"}},
	{"slashes", "2016/11/20", []string{"2016-11-20=2016/11/20"}},
	{"dots", "2016.11.20", []string{"2016-11-20=2016.11.20"}},
	{"chinese", "2016年11月20日", []string{"2016-11-20=2016年11月20日"}},
	{"chinese with spaces after", "2016年 11月 20日", []string{"2016-11-20=2016年 11月 20日"}},
	{"chinese with spaces around", "2016 年 11 月 20 日", []string{"2016-11-20=2016 年 11 月 20 日"}},
	{"chinese with ideographic spaces", "2016年\u300011月\u300020日", []string{"2016-11-20=2016年 11月 20日"}},
	{"chinese with 号", "2016年11月20号", []string{"2016-11-20=2016年11月20号"}},
	{"chinese without 日", "2019年1月27至30日", []string{"2019-01-27=2019年1月27"}},
	{"with time", "2016-11-20 10:30:00", []string{"2016-11-20=2016-11-20"}},
	{"square brackets", "[2016-11-20]", []string{"2016-11-20=2016-11-20"}},
	{"parentheses", "(2016-11-20)", []string{"2016-11-20=2016-11-20"}},
	{"lenticular brackets", "【2016-11-20】", []string{"2016-11-20=2016-11-20"}},
	{"full width", "２０１６－１１－２０", []string{"2016-11-20=2016-11-20"}},
	{"full-width brackets", "（2016-11-20）", []string{"2016-11-20=2016-11-20"}},
	{"after a label", "发布日期：2019年02月15日", []string{"2019-02-15=2019年02月15日"}},
	{"liaoyang label", "时间发布：2023-06-12 09:51", []string{"2023-06-12=2023-06-12"}},
	{"title then date", "关于印发《邯郸市学校安全工作目标管理考核办法》的通知2020-08-05", []string{"2020-08-05=2020-08-05"}},
	{"leap day", "2020-02-29", []string{"2020-02-29=2020-02-29"}},
	{"range with hyphen", "2016-11-20-2016-12-20", []string{"2016-11-20=2016-11-20", "2016-12-20=2016-12-20"}},
	{"range with 至", "2018年12月30日至2019年1月1日放假调休", []string{"2018-12-30=2018年12月30日", "2019-01-01=2019年1月1日"}},
	{"two in a row", "成文日期：2019年01月27日 发布日期：2019年02月15日", []string{"2019-01-27=2019年01月27日", "2019-02-15=2019年02月15日"}},
	{"year bounds", "1990-01-01 2100-12-31", []string{"1990-01-01=1990-01-01", "2100-12-31=2100-12-31"}},

	// Year-less dates.
	{"bracketed", "[06-04]", []string{"--06-04=06-04"}},
	{"parenthesised", "(06-04)", []string{"--06-04=06-04"}},
	{"full-width bracketed", "［06-04］", []string{"--06-04=06-04"}},
	{"lenticular bracketed", "【06-04】", []string{"--06-04=06-04"}},
	{"bracketed single digits", "[6-4]", []string{"--06-04=6-4"}},
	{"alone", "06-04", []string{"--06-04=06-04"}},
	{"slash alone", "11/20", []string{"--11-20=11/20"}},
	{"at the start of an item", "06-04 关于做好政务公开工作的通知", []string{"--06-04=06-04"}},
	{"at the end after a space", "关于做好政务公开工作的通知 06-04", []string{"--06-04=06-04"}},
	{"at the end after a title", "关于做好政务公开工作的通知06-04", []string{"--06-04=06-04"}},
	{"at the start before a title", "06-04关于做好政务公开工作的通知", []string{"--06-04=06-04"}},
	{"after a label", "发布时间:06-04", []string{"--06-04=06-04"}},
	{"with a time", "06-04 10:30", []string{"--06-04=06-04"}},
	{"chinese", "6月4日", []string{"--06-04=6月4日"}},
	{"chinese padded", "06月04日", []string{"--06-04=06月04日"}},
	{"chinese in prose", "春节：2月4日至10日放假调休", []string{"--02-04=2月4日"}},
	{"chinese list", "1月1日，2月4日至10日", []string{"--01-01=1月1日", "--02-04=2月4日"}},
	{"year-less leap day", "2月29日", []string{"--02-29=2月29日"}},
	{"mixed", "2016-11-20 [06-04] 6月4日", []string{"2016-11-20=2016-11-20", "--06-04=06-04", "--06-04=6月4日"}},

	// 索引号 values look like dates and are not.
	{"index number gov.cn", "000014349/2019-00007", nil},
	{"index number handan", "000014348/2020-35428", nil},
	{"index number without prefix", "2026-02-00018", nil},
	{"index number zhejiang", "索引号: 002482082/2024-00332", nil},
	// Years without a month and day.
	{"budget year", "关于做好2027年度预算编制工作的通知", nil},
	{"year of a plan", "2016年政务公开工作要点", nil},
	{"document number", "国发〔2019〕5号", nil},
	{"decree number", "国令第707号", nil},
	{"year and month", "2016年11月", nil},
	{"iso year and month", "2016-11", nil},
	{"quarter", "2021年第四季度", nil},
	// Invalid dates and years out of range.
	{"february 30", "2019-02-30", nil},
	{"month 13", "2019-13-01", nil},
	{"month 0", "2019-00-10", nil},
	{"day 0", "2019-01-00", nil},
	{"february 29 in a common year", "2019-02-29", nil},
	{"chinese february 30", "2019年2月30日", nil},
	{"year too early", "1989-06-04", nil},
	{"year too early chinese keeps no year-less tail", "1989年6月4日", nil},
	{"year too late", "2101-01-01", nil},
	{"year-less month 13", "[13-01]", nil},
	{"year-less april 31", "4月31日", nil},
	// Things made of digits that are not dates.
	{"time", "10:30", nil},
	{"time range", "10:30-11:30", nil},
	{"phone number", "024-12345678", nil},
	{"phone number with area code", "0419-1234567", nil},
	{"version", "1.2.3", nil},
	{"dotted version after a date", "2016.11.20.1", nil},
	{"decimal before a date", "1.2016.11.20", nil},
	{"money", "12.50", nil},
	{"day followed by digits", "2016-11-2010", nil},
	{"compact date in text", "20161120", nil},
	{"trs file name", "t20161120_1353179", nil},
	{"mixed separators", "2016-11/20", nil},
	{"us order", "06-04-2019", nil},
	{"page range", "第10-12页", nil},
	{"count range", "每组 3-5 人", nil},
	{"fraction", "1/2", nil},
	{"day alone", "10日", nil},
	{"month alone", "2月", nil},
	{"decimal months", "1.5月", nil},
	{"no digits", "政府信息公开", nil},
	{"empty", "", nil},
}

func TestFindDates(t *testing.T) {
	for _, tt := range findDatesTests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(Clean(tt.in), FindDates(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindDates(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not a date
	}{
		{"2020年08月02日", "2020-08-02"},
		{"2024-04-15 14:53:51", "2024-04-15"},
		{"2016-11-22", "2016-11-22"},
		{"2016/11/22 10:00", "2016-11-22"},
		{"2016.11.22", "2016-11-22"},
		{"20161122", "2016-11-22"},
		{"20161122103000", "2016-11-22"},
		{"2016-11-20T10:30:00+08:00", "2016-11-20"},
		{"2016-11-20T10:30:00Z", "2016-11-20"},
		{"2016-11-20 10:30:00 +0800", "2016-11-20"},
		{"2020-08-02 10:00:00.0", "2020-08-02"},
		{"2016年11月20日 10时30分", "2016-11-20"},
		{"2016年11月20日 10时", "2016-11-20"},
		{" 2019-02-15\u3000", "2019-02-15"},
		{"２０１９年０２月１５日", "2019-02-15"},
		{"[2019-02-15]", "2019-02-15"},
		{"[06-04]", "--06-04"},
		{"06-04", "--06-04"},
		{"6-4", "--06-04"},
		{"6月4日", "--06-04"},
		{"", ""},
		{"x", ""},
		{"2016-11-20 abc", ""},
		{"发布日期:2016-11-20", ""},
		{"2016-13-01", ""},
		{"201611", ""},
		{"20161322", ""},
		{"2016112", ""},
		{"20161120250000", ""},
		{"2016-11-20 25:00", ""},
		{"2016-11-20 10:61", ""},
		{"2016-11-20 10", ""},
		{"2016-11-20T10:30:00+0800x", ""},
		{"000014349/2019-00007", ""},
		{"2016-11-2010", ""},
		{"2016年11月", ""},
		{"2016-11-20 2016-11-21", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := ParseDate(tt.in)
			got := ""
			if ok {
				got = m.String()
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %q (ok=%v), want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		name, url string
		want      string // "" when the URL holds no date
		span      string // u[Start:End]
	}{
		{"trs", "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html", "2020-08-05", "20200805"},
		{"trs relative", "./202011/t20201120_123.html", "2020-11-20", "20201120"},
		{"trs file only", "t20161120_1353179.html", "2016-11-20", "20161120"},
		{"trs shtml", "/xwzx/sxyw/201909/t20190918_693227.shtml", "2019-09-18", "20190918"},
		{"hanweb", "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", "2016-11-22", "2016/11/22"},
		{"hanweb unpadded", "/art/2016/1/5/art_123_456.html", "2016-01-05", "2016/1/5"},
		{"gov.cn", "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", "2019-02-15", "2019-02/15"},
		{"gov.cn relative", "/2019-02/15/content_5365945.htm", "2019-02-15", "2019-02/15"},
		{"iso directory", "/xxgk/2016-11-20/123.html", "2016-11-20", "2016-11-20"},
		{"compact directory", "/xxgk/20161120/123.html", "2016-11-20", "20161120"},
		{"year then month-day", "/xxgk/2016/1120/123.html", "2016-11-20", "2016/1120"},
		{"year-month then day", "/xxgk/201611/20/123.html", "2016-11-20", "201611/20"},
		{"year month day", "/news/2016/11/20/123.html", "2016-11-20", "2016/11/20"},
		{"protocol relative", "//www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", "2019-02-15", "2019-02/15"},
		{"query ignored after a dated path", "/art/2016/11/20/art_1_2.html?from=2019-01-01", "2016-11-20", "2016/11/20"},
		{"liaoning timestamp id", "https://fgw.ln.gov.cn/fgw/zfxxgk/zcwj/2026050610395641166/index.shtml", "2026-05-06", "20260506"},
		{"liaoning 14 digits", "/zfxxgk/20260506103956/index.shtml", "2026-05-06", "20260506"},
		{"liaoning id as file", "/zfxxgk/2026050610395641166.shtml", "2026-05-06", "20260506"},

		{"liaoning id with hour 25", "/zfxxgk/2026050625395641166/index.shtml", "", ""},
		{"liaoning id with month 13", "/zfxxgk/2026130610395641166/index.shtml", "", ""},
		{"12-digit id", "/zfxxgk/202605061039/index.shtml", "", ""},
		{"19-digit id not a timestamp", "/zfxxgk/1234567890123456789/index.shtml", "", ""},
		{"hanweb invalid month", "/art/2016/13/20/art_1_2.html", "", ""},
		{"trs invalid day", "/202011/t20201132_1.html", "", ""},
		{"trs short", "/202011/t2020112_1.html", "", ""},
		{"year-month only", "/xxgk/202011/index.html", "", ""},
		{"compact file name is an id", "/xxgk/20161120.html", "", ""},
		{"iso file name", "/xxgk/2016-11-20.html", "", ""},
		{"date only in query", "/infodetail/?infoid=2016-11-20&categoryNum=001", "", ""},
		{"date only in host", "http://20161120.example.gov.cn/index.html", "", ""},
		{"hanweb column", "/col/col12377/index.html", "", ""},
		{"dataproxy", "/module/web/jpage/dataproxy.jsp?page=2&columnid=12377", "", ""},
		{"year out of range", "/art/1989/6/4/art_1_2.html", "", ""},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := DateFromURL(tt.url)
			got, span := "", ""
			if ok {
				got, span = m.String(), tt.url[m.Start:m.End]
			}
			if got != tt.want || span != tt.span {
				t.Errorf("DateFromURL(%q) = %q from %q (ok=%v), want %q from %q", tt.url, got, span, ok, tt.want, tt.span)
			}
		})
	}
}

func TestInferYear(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	at := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, cst) }
	tests := []struct {
		name       string
		month, day int
		now        time.Time
		want       time.Time
	}{
		{"earlier this year", 6, 4, at(2024, 7, 1, 12), at(2024, 6, 4, 0)},
		{"later in the year is last year", 8, 1, at(2024, 7, 1, 12), at(2023, 8, 1, 0)},
		{"today", 7, 1, at(2024, 7, 1, 0), at(2024, 7, 1, 0)},
		{"tomorrow is tolerated", 7, 2, at(2024, 7, 1, 12), at(2024, 7, 2, 0)},
		{"two days ahead is last year", 7, 3, at(2024, 7, 1, 0), at(2023, 7, 3, 0)},
		{"new year's eve read on new year's day", 12, 31, at(2025, 1, 1, 10), at(2024, 12, 31, 0)},
		{"new year's day read on new year's eve", 1, 1, at(2024, 12, 31, 20), at(2025, 1, 1, 0)},
		{"leap day goes back to a leap year", 2, 29, at(2025, 7, 1, 0), at(2024, 2, 29, 0)},
		{"leap day in a leap year", 2, 29, at(2024, 3, 1, 0), at(2024, 2, 29, 0)},
		{"february 30", 2, 30, at(2024, 7, 1, 0), time.Time{}},
		{"april 31", 4, 31, at(2024, 7, 1, 0), time.Time{}},
		{"month 13", 13, 1, at(2024, 7, 1, 0), time.Time{}},
		{"day 0", 1, 0, at(2024, 7, 1, 0), time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := InferYear(tt.month, tt.day, tt.now)
			if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != cst) {
				t.Errorf("InferYear(%d, %d, %v) = %v, want %v", tt.month, tt.day, tt.now, got, tt.want)
			}
		})
	}
}

func TestMatchTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	m := Match{Year: 2019, Month: 2, Day: 15, YearKnown: true}
	if got, want := m.Time(cst), time.Date(2019, 2, 15, 0, 0, 0, 0, cst); !got.Equal(want) || got.Location() != cst {
		t.Errorf("Time(cst) = %v, want %v", got, want)
	}
	if got, want := m.Time(nil), time.Date(2019, 2, 15, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Time(nil) = %v, want %v", got, want)
	}
	yearless := Match{Month: 6, Day: 4}
	if got := yearless.Time(cst); !got.IsZero() {
		t.Errorf("year-less Time = %v, want the zero time", got)
	}
}

// datesIn runs FindDates on each text and renders all matches.
func datesIn(texts []string) []string {
	var out []string
	for _, s := range texts {
		out = append(out, render(Clean(s), FindDates(s))...)
	}
	return out
}

// The gov.cn metadata table: 成文日期 and 发布日期 are dates; 索引号
// 000014349/2019-00007 and 发文字号 国发〔2019〕5号 are not.
func TestRealGovCNMetadataTable(t *testing.T) {
	cells := leafTexts(t, "testdata/govcn_shuangsuiji_meta.html", "td")
	byLabel := map[string]string{}
	for i := 0; i+1 < len(cells); i++ {
		if l := Normalize(cells[i]); strings.HasSuffix(cells[i], ":") && l != "" {
			byLabel[l] = cells[i+1]
		}
	}
	tests := []struct {
		label string
		value string
		dates []string
	}{
		{"索引号", "000014349/2019-00007", nil},
		{"成文日期", "2019年01月27日", []string{"2019-01-27=2019年01月27日"}},
		{"发文字号", "国发〔2019〕5号", nil},
		{"发布日期", "2019年02月15日", []string{"2019-02-15=2019年02月15日"}},
		{"标题", "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见", nil},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			v, ok := byLabel[tt.label]
			if !ok {
				t.Fatalf("no cell labelled %s in %q", tt.label, cells)
			}
			if v != tt.value {
				t.Errorf("cell %s = %q, want %q", tt.label, v, tt.value)
			}
			if got := datesIn([]string{v}); !slices.Equal(got, tt.dates) {
				t.Errorf("FindDates(%q) = %q, want %q", v, got, tt.dates)
			}
		})
	}
	// Reading the whole table's text at once finds the same two dates.
	want := []string{"2019-01-27=2019年01月27日", "2019-02-15=2019年02月15日"}
	if got := datesIn([]string{strings.Join(cells, " ")}); !slices.Equal(got, want) {
		t.Errorf("dates in the whole table = %q, want %q", got, want)
	}
	if m, ok := ParseDate(byLabel["发布日期"]); !ok || m.String() != "2019-02-15" {
		t.Errorf("ParseDate(发布日期) = %v, %v, want 2019-02-15", m, ok)
	}
}

// A Handan TRS list row: 名称, 索引号 000014348/2020-35428, 发布机构,
// 发布日期 2020-08-05; the link's t-date agrees with the cell.
func TestRealHandanListRow(t *testing.T) {
	const path = "testdata/handan_list_rows.html"
	cells := leafTexts(t, path, "td", "th")
	if got := datesIn(cells); !slices.Equal(got, []string{"2020-08-05=2020-08-05"}) {
		t.Errorf("dates in the row cells %q = %q, want only 2020-08-05", cells, got)
	}
	if !slices.Contains(cells, "000014348/2020-35428") {
		t.Errorf("cells %q lack the 索引号 000014348/2020-35428", cells)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	href := regexp.MustCompile(`href="([^"]+)"`).FindSubmatch(raw)
	if href == nil {
		t.Fatal("no link in the row")
	}
	if m, ok := DateFromURL(string(href[1])); !ok || m.String() != "2020-08-05" {
		t.Errorf("DateFromURL(%s) = %v, %v, want 2020-08-05", href[1], m, ok)
	}
}

func TestRealDetailDates(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		tags  []string
		dates []string
	}{
		{"liaoyang epoint article info", "testdata/liaoyang_detail_info.html", []string{"span", "h1"},
			[]string{"2023-06-12=2023-06-12"}},
		{"zhejiang hanweb 信息公开 table", "testdata/zj_jyt_xxgk_table.html", []string{"td"},
			[]string{"2024-10-21=2024-10-21"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := datesIn(leafTexts(t, tt.path, tt.tags...)); !slices.Equal(got, tt.dates) {
				t.Errorf("dates = %q, want %q", got, tt.dates)
			}
		})
	}
	t.Run("sichuan PubDate meta", func(t *testing.T) {
		const path = "testdata/sc_sctcm_meta.html"
		v := metaContent(t, path, "PubDate")
		if m, ok := ParseDate(v); !ok || m.String() != "2024-04-15" {
			t.Errorf("ParseDate(%q) = %v, %v, want 2024-04-15", v, m, ok)
		}
		other := metaContent(t, path, "others")
		if got, want := datesIn([]string{other}), []string{"2024-04-15=2024-04-15"}; !slices.Equal(got, want) {
			t.Errorf("FindDates(%q) = %q, want %q", other, got, want)
		}
	})
}

// The 2019 holidays notice is full of year-less dates in prose.
func TestRealHolidaysNotice(t *testing.T) {
	t.Run("excerpt counted by hand", func(t *testing.T) {
		s := "二、春节： 2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。"
		want := []string{"--02-04=2月4日", "--02-02=2月2日", "--02-03=2月3日"}
		if got := datesIn([]string{s}); !slices.Equal(got, want) {
			t.Errorf("FindDates = %q, want %q", got, want)
		}
	})
	t.Run("whole page", func(t *testing.T) {
		texts := leafTexts(t, "testdata/govcn_holidays.fragment.html", "body")
		want := []string{
			"2018-12-04=2018年12月04日", // 成文日期
			"2018-12-06=2018年12月06日", // 发布日期
			"2018-12-30=2018年12月30日", // 一、元旦
			"2019-01-01=2019年1月1日",
			"2018-12-29=2018年12月29日",
			"--02-04=2月4日", // 二、春节 (…至10日 is not a date)
			"--02-02=2月2日",
			"--02-03=2月3日",
			"--04-05=4月5日",  // 三、清明节
			"--05-01=5月1日",  // 四、劳动节
			"--06-07=6月7日",  // 五、端午节
			"--09-13=9月13日", // 六、中秋节
			"--10-01=10月1日", // 七、国庆节 (…至7日 is not a date)
			"--09-29=9月29日",
			"--10-12=10月12日",
			"2018-12-04=2018年12月4日", // signature
		}
		if got := datesIn(texts); !slices.Equal(got, want) {
			t.Errorf("dates in the notice:\n got %q\nwant %q", got, want)
		}
	})
}

// In the Hanweb list every item's visible text holds exactly one date, and it
// is the date in the item's /art/Y/M/D/ URL; titles such as
// "2021年度政府网站年度工作报表", "第16项" and "S42漳县" add none.
func TestRealHanwebList(t *testing.T) {
	raw, err := os.ReadFile("testdata/dingxi_hanweb_dataproxy_list.xml")
	if err != nil {
		t.Fatal(err)
	}
	items := regexp.MustCompile(`(?s)<li.*?</li>`).FindAll(raw, -1)
	if len(items) != 15 {
		t.Fatalf("found %d list items, want 15", len(items))
	}
	hrefRE := regexp.MustCompile(`href="([^"]+)"`)
	for i, item := range items {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(string(item)))
			if err != nil {
				t.Fatal(err)
			}
			s := visibleText(doc)
			ms := FindDates(s)
			if len(ms) != 1 {
				t.Fatalf("FindDates(%q) = %q, want one date", s, render(Clean(s), ms))
			}
			href := string(hrefRE.FindSubmatch(item)[1])
			u, ok := DateFromURL(href)
			if !ok {
				t.Fatalf("DateFromURL(%q) found no date", href)
			}
			if got, want := ms[0].String(), u.String(); got != want {
				t.Errorf("text date %s, URL date %s (%s)", got, want, href)
			}
		})
	}
}

func FuzzFindDates(f *testing.F) {
	for _, tt := range findDatesTests {
		f.Add(tt.in)
	}
	f.Add("一、元旦： 2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。")
	f.Add("e\u200b\u0301 2016-11-20")
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		ms := FindDates(s)
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.Start >= m.End || m.End > len(c) {
				t.Fatalf("FindDates(%q): match %v [%d:%d] out of order or out of bounds (len %d, previous end %d)",
					s, m, m.Start, m.End, len(c), prevEnd)
			}
			prevEnd = m.End
			y := m.Year
			if !m.YearKnown {
				y = 2000
			} else if y < minYear || y > maxYear {
				t.Errorf("FindDates(%q): year %d out of range", s, y)
			}
			if !validDate(y, m.Month, m.Day) {
				t.Errorf("FindDates(%q): invalid date %v", s, m)
			}
			if span := c[m.Start:m.End]; !strings.Contains(span, strconv.Itoa(m.Day)) {
				t.Errorf("FindDates(%q): match %v spans %q, which lacks the day", s, m, span)
			}
		}
		// Offsets refer to Clean(s), so cleaning first changes nothing.
		if again := FindDates(c); !slices.Equal(again, ms) {
			t.Errorf("FindDates(Clean(%q)) = %v, FindDates = %v", s, again, ms)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020年08月02日", "2024-04-15 14:53:51", "20161122103000", "2016-11-20T10:30:00+08:00", "[06-04]", "2016年11月20日 10时30分"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseDate(s)
		if !ok {
			return
		}
		y := m.Year
		if !m.YearKnown {
			y = 2000
		}
		if !validDate(y, m.Month, m.Day) {
			t.Errorf("ParseDate(%q) = invalid date %v", s, m)
		}
		if c := Clean(s); m.Start < 0 || m.Start >= m.End || m.End > len(c) {
			t.Errorf("ParseDate(%q): offsets [%d:%d] out of bounds (len %d)", s, m.Start, m.End, len(c))
		}
	})
}

func FuzzDateFromURL(f *testing.F) {
	for _, u := range []string{
		"http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html",
		"/art/2016/1/5/art_123_456.html",
		"http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm",
		"https://fgw.ln.gov.cn/fgw/zfxxgk/zcwj/2026050610395641166/index.shtml",
		"/2016/1120/a.html", "/201611/20/a", "//x/2016-11-20/", "/20161120/", "?/2016/11/20/",
	} {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		m, ok := DateFromURL(u)
		if !ok {
			return
		}
		if !m.YearKnown || !validDate(m.Year, m.Month, m.Day) {
			t.Errorf("DateFromURL(%q) = invalid date %+v", u, m)
		}
		if m.Start < 0 || m.Start >= m.End || m.End > len(u) {
			t.Fatalf("DateFromURL(%q): offsets [%d:%d] out of bounds (len %d)", u, m.Start, m.End, len(u))
		}
		if span := u[m.Start:m.End]; !strings.Contains(span, strconv.Itoa(m.Day)) {
			t.Errorf("DateFromURL(%q): span %q lacks the day of %v", u, span, m)
		}
	})
}

// List items as checks/page hands them over: title and date of one <li>.
var benchItems = []string{
	"关于印发《邯郸市学校安全工作目标管理考核办法》的通知 2020-08-05",
	"[06-04] 关于做好2027年度预算编制工作的通知",
	"000014348/2020-35428",
	"定西市新冠肺炎疫情联防联控领导小组办公室通告",
	"发布日期：2019年02月15日",
	"国发〔2019〕5号",
}

func BenchmarkFindDates(b *testing.B) {
	var n int
	for _, s := range benchItems {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchItems {
			FindDates(s)
		}
	}
}

func BenchmarkDateFromURL(b *testing.B) {
	urls := []string{
		"http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html",
		"/art/2022/1/20/art_12377_1486865.html",
		"http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm",
		"https://fgw.ln.gov.cn/fgw/zfxxgk/zcwj/2026050610395641166/index.shtml",
		"/col/col12377/index.html",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, u := range urls {
			DateFromURL(u)
		}
	}
}
