package text

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Match is one date found in text. For DateFromURL, Start and End are byte
// offsets in the URL instead.
type Match struct {
	Year, Month, Day int
	YearKnown        bool // false for year-less forms such as [06-04]
	Start, End       int  // byte offsets in the Clean()ed text
}

// Time returns the date at midnight in loc; for a year-less match, year must
// be supplied by InferYear. Time returns the zero time for a year-less match,
// so that a forgotten InferYear shows up as IsZero rather than as year 0.
// A nil loc means UTC.
func (m Match) Time(loc *time.Location) time.Time {
	if !m.YearKnown {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(m.Year, time.Month(m.Month), m.Day, 0, 0, 0, 0, loc)
}

// String formats the date as ISO 8601: 2016-11-20, or --11-20 without a year.
func (m Match) String() string {
	if !m.YearKnown {
		return fmt.Sprintf("--%02d-%02d", m.Month, m.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", m.Year, m.Month, m.Day)
}

// Years outside this range are not publication dates of a government web
// page; rejecting them keeps numbers such as 国令第707号 or 1234-5-6 out.
const (
	minYear = 1990
	maxYear = 2100
)

// FindDates returns the dates in s, in order. s is cleaned internally and the
// offsets refer to Clean(s).
//
// Dates with a year: 2016-11-20, 2016-1-5, 2016/11/20, 2016.11.20,
// 2016年11月20日 (spaces allowed around 年月日, 日 or 号 optional), each
// possibly followed by a time, which is not part of the match. The year must
// not follow a digit, '/' or a decimal point, and the day must not be
// followed by a digit, so that 索引号 values such as 000014349/2019-00007 and
// 2026-02-00018 are not taken for dates. Years run from 1990 to 2100.
// Compact 20161120 is left to ParseDate and DateFromURL: in running text an
// eight-digit number is more often an id.
//
// Year-less dates: 6月4日 and 06月04日 anywhere except right after a year
// (1989年6月4日 is not a year-less date); 06-04 and 11/20 only where they
// stand alone: bracketed ([06-04], (06-04), 【06-04】), or with a space, the
// start or the end of the text on one side and a space, a bracket, the
// start/end or a CJK character on the other. Unbracketed numeric year-less
// dates need two-digit months and days; MM.DD is not read at all (12.50 is
// money). A year-less date never comes out of a longer number (2019-02-30
// does not yield 02-30). Give year-less dates a year with InferYear.
//
// Invalid calendar dates (2019-02-30, 2019-13-01) are rejected; a year-less
// 02-29 is accepted.
func FindDates(s string) []Match {
	c := Clean(s)
	var out []Match
	i := indexDigit(c, 0)
	for i >= 0 {
		j := digitsEnd(c, i)
		m, ok := fullDateAt(c, i, j)
		if !ok {
			m, ok = yearlessDateAt(c, i, j, false)
		}
		next := j
		if ok {
			out = append(out, m)
			next = m.End
		}
		i = indexDigit(c, next)
	}
	return out
}

// ParseDate parses a whole string that should be a date, such as the value of
// a <meta name="PubDate"> or a metadata cell: "2020年08月02日",
// "2024-04-15 14:53:51", "2016-11-22", "2016/11/22 10:00",
// "2016-11-20T10:30:00+08:00", "20161122", "20161122103000", "[06-04]".
// A time after the date must be well formed; anything else after it makes the
// string not a date. Offsets refer to Clean(s).
func ParseDate(s string) (Match, bool) {
	c := Clean(s)
	start, end := unbracket(c)
	if start >= end || !isDigit(c[start]) {
		return Match{}, false
	}
	j := digitsEnd(c, start)
	if j == end {
		return compactDate(c, start, end)
	}
	m, ok := fullDateAt(c, start, j)
	if !ok {
		m, ok = yearlessDateAt(c, start, j, true)
	}
	if !ok || !isTimeSuffix(c[m.End:end]) {
		return Match{}, false
	}
	return m, true
}

// unbracket returns the bounds of c without one pair of surrounding brackets.
func unbracket(c string) (start, end int) {
	start, end = 0, len(c)
	if start == end {
		return start, end
	}
	open, n := utf8.DecodeRuneInString(c)
	cl, m := utf8.DecodeLastRuneInString(c)
	if closer, ok := bracketPairs[open]; ok && closer == cl && n+m <= len(c) {
		start, end = n, len(c)-m
		for start < end && c[start] == ' ' {
			start++
		}
		for end > start && c[end-1] == ' ' {
			end--
		}
	}
	return start, end
}

var bracketPairs = map[rune]rune{'[': ']', '(': ')', '【': '】', '〔': '〕', '〈': '〉', '《': '》', '「': '」', '『': '』'}

// compactDate accepts 8-digit YYYYMMDD and 14-digit YYYYMMDDhhmmss strings.
func compactDate(c string, start, end int) (Match, bool) {
	switch end - start {
	case 8:
	case 14:
		if !validClock(atoi(c[start+8:start+10]), atoi(c[start+10:start+12]), atoi(c[start+12:start+14])) {
			return Match{}, false
		}
	default:
		return Match{}, false
	}
	y, mo, d := atoi(c[start:start+4]), atoi(c[start+4:start+6]), atoi(c[start+6:start+8])
	if !validDate(y, mo, d) {
		return Match{}, false
	}
	return Match{Year: y, Month: mo, Day: d, YearKnown: true, Start: start, End: start + 8}, true
}

// isTimeSuffix reports whether rest is empty or a time of day that may
// follow a date: " 10:30", " 14:53:51", "T10:30:00+08:00", " 10:30:00.0",
// " 10时30分".
func isTimeSuffix(rest string) bool {
	if rest == "" {
		return true
	}
	if rest[0] != ' ' && rest[0] != 'T' {
		return false
	}
	rest = rest[1:]
	if h, after, ok := strings.Cut(rest, "时"); ok && len(h) <= 2 && allDigits(h) {
		// 10时 / 10时30分 / 10时30分15秒
		if atoi(h) > 23 {
			return false
		}
		if after == "" {
			return true
		}
		mi, after, ok := strings.Cut(after, "分")
		if !ok || len(mi) == 0 || len(mi) > 2 || !allDigits(mi) || atoi(mi) > 59 {
			return false
		}
		if after == "" {
			return true
		}
		sec, after, ok := strings.Cut(after, "秒")
		return ok && after == "" && len(sec) > 0 && len(sec) <= 2 && allDigits(sec) && atoi(sec) <= 60
	}

	// hh:mm[:ss[.frac]][zone]
	i := 0
	var f [3]int
	n := 0
	for n < 3 {
		j := digitsEnd(rest, i)
		if j-i < 1 || j-i > 2 {
			return false
		}
		f[n] = atoi(rest[i:j])
		n++
		i = j
		if i < len(rest) && rest[i] == ':' && n < 3 {
			i++
			continue
		}
		break
	}
	if n < 2 || !validClock(f[0], f[1], f[2]) {
		return false
	}
	if n == 3 && i < len(rest) && rest[i] == '.' {
		j := digitsEnd(rest, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	zone := strings.TrimPrefix(rest[i:], " ")
	switch {
	case zone == "" || zone == "Z":
		return true
	case zone[0] == '+' || zone[0] == '-':
		z := strings.Replace(zone[1:], ":", "", 1)
		return len(z) == 4 && allDigits(z) && atoi(z[:2]) <= 14 && atoi(z[2:]) <= 59
	}
	return false
}

func validClock(h, m, s int) bool {
	return 0 <= h && h <= 23 && 0 <= m && m <= 59 && 0 <= s && s <= 60
}

// fullDateAt matches a date with a year whose four-digit year run is c[i:j].
func fullDateAt(c string, i, j int) (Match, bool) {
	if j-i != 4 || !yearMayStart(c, i) {
		return Match{}, false
	}
	y := atoi(c[i:j])
	if y < minYear || y > maxYear {
		return Match{}, false
	}
	if j < len(c) && (c[j] == '-' || c[j] == '/' || c[j] == '.') {
		sep := c[j]
		ms := j + 1
		me := digitsEnd(c, ms)
		if me-ms < 1 || me-ms > 2 || me >= len(c) || c[me] != sep {
			return Match{}, false
		}
		ds := me + 1
		de := digitsEnd(c, ds)
		if de-ds < 1 || de-ds > 2 {
			return Match{}, false
		}
		// 2016.11.20.1 is a version number, not a date.
		if sep == '.' && de+1 < len(c) && c[de] == '.' && isDigit(c[de+1]) {
			return Match{}, false
		}
		mo, d := atoi(c[ms:me]), atoi(c[ds:de])
		if !validDate(y, mo, d) {
			return Match{}, false
		}
		return Match{Year: y, Month: mo, Day: d, YearKnown: true, Start: i, End: de}, true
	}

	// 2016年11月20日, with optional single spaces around each part.
	k, ok := skipWord(c, skipSpace(c, j), "年")
	if !ok {
		return Match{}, false
	}
	ms := skipSpace(c, k)
	me := digitsEnd(c, ms)
	if me-ms < 1 || me-ms > 2 {
		return Match{}, false
	}
	k, ok = skipWord(c, skipSpace(c, me), "月")
	if !ok {
		return Match{}, false
	}
	ds := skipSpace(c, k)
	de := digitsEnd(c, ds)
	if de-ds < 1 || de-ds > 2 {
		return Match{}, false
	}
	end := de
	if k, ok := skipWord(c, skipSpace(c, de), "日"); ok {
		end = k
	} else if k, ok := skipWord(c, skipSpace(c, de), "号"); ok {
		end = k
	}
	mo, d := atoi(c[ms:me]), atoi(c[ds:de])
	if !validDate(y, mo, d) {
		return Match{}, false
	}
	return Match{Year: y, Month: mo, Day: d, YearKnown: true, Start: i, End: end}, true
}

// yearMayStart reports whether a year may begin at c[i]: not after a digit
// (the caller passes the start of a digit run), not after '/' (the serial
// part of a 索引号 such as 000014349/2019-00007), and not after a decimal
// point (12.2016.1.1 is a version or a measurement).
func yearMayStart(c string, i int) bool {
	if i == 0 {
		return true
	}
	switch c[i-1] {
	case '/':
		return false
	case '.':
		return i < 2 || !isDigit(c[i-2])
	}
	return true
}

// yearlessDateAt matches a date without a year whose month run is c[i:j].
// whole relaxes the boundary rules when the caller knows the text is nothing
// but a date (ParseDate).
func yearlessDateAt(c string, i, j int, whole bool) (Match, bool) {
	if j-i < 1 || j-i > 2 {
		return Match{}, false
	}
	if j < len(c) && (c[j] == '-' || c[j] == '/') {
		ds := j + 1
		de := digitsEnd(c, ds)
		if de-ds < 1 || de-ds > 2 {
			return Match{}, false
		}
		left, right := leftEdge(c, i), rightEdge(c, de)
		bracketed := left == edgeBracket && right == edgeBracket
		hard := func(e edge) bool { return e == edgeHard || e == edgeBracket }
		switch {
		case whole || bracketed:
		case j-i != 2 || de-ds != 2:
			return Match{}, false // 3-5, 1/2: counts and fractions
		case hard(left) && (hard(right) || right == edgeSoft):
		case left == edgeSoft && hard(right):
		default:
			return Match{}, false
		}
		mo, d := atoi(c[i:j]), atoi(c[ds:de])
		if !validDate(2000, mo, d) { // 2000 is a leap year: accept 02-29
			return Match{}, false
		}
		return Match{Month: mo, Day: d, Start: i, End: de}, true
	}

	// 6月4日: the characters delimit it, but it must not be the tail of a
	// date whose year was rejected (1989年6月4日) or of a decimal (1.5月).
	if i > 0 {
		switch c[i-1] {
		case '.', '-', '/':
			return Match{}, false
		}
		p := i
		if c[p-1] == ' ' {
			p--
		}
		if strings.HasSuffix(c[:p], "年") {
			return Match{}, false
		}
	}
	k, ok := skipWord(c, skipSpace(c, j), "月")
	if !ok {
		return Match{}, false
	}
	ds := skipSpace(c, k)
	de := digitsEnd(c, ds)
	if de-ds < 1 || de-ds > 2 {
		return Match{}, false
	}
	end, ok := skipWord(c, skipSpace(c, de), "日")
	if !ok {
		return Match{}, false
	}
	mo, d := atoi(c[i:j]), atoi(c[ds:de])
	if !validDate(2000, mo, d) {
		return Match{}, false
	}
	return Match{Month: mo, Day: d, Start: i, End: end}, true
}

// edge classifies what borders a numeric year-less date.
type edge uint8

const (
	edgeNone    edge = iota // a letter, digit or numeric punctuation: part of something longer
	edgeSoft                // a CJK character or list punctuation: "通知06-04"
	edgeHard                // start or end of text, or a space
	edgeBracket             // an opening bracket before, a closing one after
)

func leftEdge(c string, i int) edge {
	if i == 0 {
		return edgeHard
	}
	r, n := utf8.DecodeLastRuneInString(c[:i])
	switch r {
	case ' ':
		return edgeHard
	case '[', '(', '【', '〔', '〈', '《', '「', '『':
		return edgeBracket
	case ':':
		// 发布时间:06-04 is a label; 10:30-11:30 is a time range.
		if i-n > 0 && isDigit(c[i-n-1]) {
			return edgeNone
		}
		return edgeSoft
	}
	return asciiEdge(r)
}

func rightEdge(c string, i int) edge {
	if i == len(c) {
		return edgeHard
	}
	r, _ := utf8.DecodeRuneInString(c[i:])
	switch r {
	case ' ':
		return edgeHard
	case ']', ')', '】', '〕', '〉', '》', '」', '』':
		return edgeBracket
	}
	return asciiEdge(r)
}

func asciiEdge(r rune) edge {
	if r >= utf8.RuneSelf {
		return edgeSoft
	}
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return edgeNone
	}
	switch r {
	case ',', ';', '|', '!', '?', '"', '\'':
		return edgeSoft
	}
	return edgeNone // - / . : _ + % # and friends continue a number
}

func validDate(y, m, d int) bool {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// indexDigit returns the index of the first ASCII digit at or after i that
// starts a digit run, or -1.
func indexDigit(c string, i int) int {
	for ; i < len(c); i++ {
		if isDigit(c[i]) {
			return i
		}
	}
	return -1
}

// digitsEnd returns the end of the run of ASCII digits starting at i.
func digitsEnd(c string, i int) int {
	for i < len(c) && isDigit(c[i]) {
		i++
	}
	return i
}

func allDigits(s string) bool { return digitsEnd(s, 0) == len(s) }

// atoi converts a short run of ASCII digits; callers bound the length.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// skipSpace skips one space; Clean has collapsed longer runs.
func skipSpace(c string, i int) int {
	if i < len(c) && c[i] == ' ' {
		return i + 1
	}
	return i
}

func skipWord(c string, i int, w string) (int, bool) {
	if strings.HasPrefix(c[i:], w) {
		return i + len(w), true
	}
	return i, false
}
