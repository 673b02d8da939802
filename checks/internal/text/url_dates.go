package text

import "strings"

// DateFromURL returns a publication date encoded in a URL's path. The query
// and fragment are ignored, and so is the host. Offsets refer to u.
//
// Recognised layouts, first match from the left wins:
//
//	TRS WCM    /202011/t20201120_123.html      (the t-date of the file name)
//	Hanweb     /art/2016/11/20/art_123_456.html, /art/2016/1/5/…
//	gov.cn     /content/2019-02/15/content_5365945.htm
//	generic    /2016-11-20/, /20161120/, /2016/1120/, /201611/20/, /2016/11/20/
//	Liaoning   /2026050610395641166/index.shtml (see below)
//
// Date-shaped directories must be directories (followed by '/'): a file
// named 20161120.html is more likely an id than a date.
//
// Liaoning province department sites name each document by a creation
// timestamp id, YYYYMMDDhhmmss followed by a sequence (19 digits in the
// samples). The leading date is taken only when the digit run has at least
// 14 digits and its first 14 form a valid date and time of day; shorter runs
// and runs whose leading digits are not a timestamp are ids, not dates. The
// date is the creation date of the record, which on those sites is also the
// publication date.
func DateFromURL(u string) (Match, bool) {
	base, path := urlPath(u)
	// Segments as [start, end) offsets into path; a typical path has a
	// handful, so the array stays on the stack.
	var buf [16][2]int
	segs := buf[:0]
	for i := 0; i <= len(path); {
		j := strings.IndexByte(path[i:], '/')
		if j < 0 {
			segs = append(segs, [2]int{i, len(path)})
			break
		}
		segs = append(segs, [2]int{i, i + j})
		i += j + 1
	}
	seg := func(k int) string { return path[segs[k][0]:segs[k][1]] }
	isDir := func(k int) bool { return k < len(segs)-1 }
	found := func(y, mo, d, from, to int) (Match, bool) {
		if !validDate(y, mo, d) {
			return Match{}, false
		}
		return Match{Year: y, Month: mo, Day: d, YearKnown: true, Start: base + segs[from][0], End: base + segs[to][1]}, true
	}
	for k := range segs {
		t := seg(k)
		// TRS: t20201120_123.html
		if len(t) > 10 && t[0] == 't' && allDigits(t[1:9]) && t[9] == '_' {
			if m, ok := found(atoi(t[1:5]), atoi(t[5:7]), atoi(t[7:9]), k, k); ok {
				m.Start++
				m.End = m.Start + 8
				return m, true
			}
		}
		if isDir(k) {
			if m, ok := dateDirs(t, k, seg, isDir, len(segs), found); ok {
				return m, true
			}
		}
		// Liaoning timestamp ids, as a directory or a file stem.
		stem, _, _ := strings.Cut(t, ".")
		if len(stem) >= 14 && allDigits(stem) &&
			validClock(atoi(stem[8:10]), atoi(stem[10:12]), atoi(stem[12:14])) {
			if m, ok := found(atoi(stem[0:4]), atoi(stem[4:6]), atoi(stem[6:8]), k, k); ok {
				m.End = m.Start + 8
				return m, true
			}
		}
	}
	return Match{}, false
}

// dateDirs matches the date layouts that start at directory segment k.
func dateDirs(t string, k int, seg func(int) string, isDir func(int) bool, n int,
	found func(y, mo, d, from, to int) (Match, bool)) (Match, bool) {
	// nextNum returns segment k+off if it is a directory of 1..maxLen digits.
	nextNum := func(off, minLen, maxLen int) (string, bool) {
		if k+off >= n || !isDir(k+off) {
			return "", false
		}
		s := seg(k + off)
		return s, len(s) >= minLen && len(s) <= maxLen && allDigits(s)
	}
	switch {
	case len(t) == 10 && t[4] == '-' && t[7] == '-' && allDigits(t[:4]) && allDigits(t[5:7]) && allDigits(t[8:]):
		return found(atoi(t[:4]), atoi(t[5:7]), atoi(t[8:]), k, k) // /2016-11-20/
	case len(t) == 8 && allDigits(t):
		return found(atoi(t[:4]), atoi(t[4:6]), atoi(t[6:]), k, k) // /20161120/
	case len(t) == 7 && t[4] == '-' && allDigits(t[:4]) && allDigits(t[5:]):
		if d, ok := nextNum(1, 1, 2); ok { // gov.cn /2019-02/15/
			return found(atoi(t[:4]), atoi(t[5:]), atoi(d), k, k+1)
		}
	case len(t) == 6 && allDigits(t):
		if d, ok := nextNum(1, 1, 2); ok { // /201611/20/
			return found(atoi(t[:4]), atoi(t[4:]), atoi(d), k, k+1)
		}
	case len(t) == 4 && allDigits(t):
		if md, ok := nextNum(1, 4, 4); ok { // /2016/1120/
			return found(atoi(t), atoi(md[:2]), atoi(md[2:]), k, k+1)
		}
		if mo, ok := nextNum(1, 1, 2); ok { // Hanweb /art/2016/1/5/ and plain /2016/11/20/
			if d, ok := nextNum(2, 1, 2); ok {
				return found(atoi(t), atoi(mo), atoi(d), k, k+2)
			}
		}
	}
	return Match{}, false
}

// urlPath returns the path of u (without scheme, host, query and fragment)
// and its offset in u. Relative references are paths already.
func urlPath(u string) (int, string) {
	base := 0
	if q := strings.IndexAny(u, "?#"); q >= 0 {
		u = u[:q]
	}
	if i := strings.Index(u, "://"); i >= 0 && !strings.Contains(u[:i], "/") {
		base = i + 3
	} else if strings.HasPrefix(u, "//") {
		base = 2
	} else {
		return 0, u
	}
	j := strings.IndexByte(u[base:], '/')
	if j < 0 {
		return len(u), ""
	}
	base += j
	return base, u[base:]
}
