package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReaders runs every reader on arbitrary bodies: none may panic, and
// what they return must hold their documented invariants.
func FuzzReaders(f *testing.F) {
	for _, dir := range []string{"testdata", filepath.Join("testdata", "realpages")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasSuffix(e.Name(), ".md") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`<datastore><recordset><record><![CDATA[<td><a href="/a">x</a></td>]]></record><record>`))
	f.Add([]byte(`<script>createPageHTML("a",(,"b");location.href='</script>`))
	base := mustURL(f, "http://www.a.gov.cn/col/index.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := Parse(body)
		if err != nil {
			return
		}
		for _, l := range Links(doc, base) {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") || strings.Contains(l.URL, "#") {
				t.Errorf("Links returned %q", l.URL)
			}
		}
		if target, ok := Redirect(doc, base); ok && !strings.HasPrefix(target, "http") {
			t.Errorf("Redirect returned %q", target)
		}
		Frames(doc, base)
		l := ReadList(doc, body, base, clock)
		for _, it := range l.Items {
			if it.URL == "" || it.YearKnown && it.Date.IsZero() {
				t.Errorf("bad item %+v", it)
			}
		}
		if l.Empty && len(l.Items) > 0 {
			t.Errorf("Empty with %d items", len(l.Items))
		}
		d := ReadDetail(doc, "http://www.a.gov.cn/a.html", cst)
		if len(d.Text) > MaxDetailText || !utf8.ValidString(d.Text) && utf8.Valid(body) {
			t.Errorf("Text: %d bytes, valid %v", len(d.Text), utf8.ValidString(d.Text))
		}
		if d.Published.IsZero() != (d.DateSource == "") {
			t.Errorf("Published %v from %q", d.Published, d.DateSource)
		}
	})
}

// FuzzScripts feeds arbitrary script text to the location and pager
// parsers.
func FuzzScripts(f *testing.F) {
	for _, s := range []string{
		`window.location.href = "/a/";`,
		`location.replace('/b/')`,
		`createPageHTML(1103, 56, 2, "index", "shtml");`,
		"var countPage = 9//共多少页\nvar currentPage = 3;",
		`createPageHTML('div', 12, 0, 'index', 'htm', 240)`,
		`location.href = "a\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if s, ok := jsLocation(src); ok && s == "" {
			t.Errorf("jsLocation: empty target reported ok")
		}
		if p := trsPager([]string{src}); p.pages < 0 || p.current < 0 {
			t.Errorf("trsPager: %+v", p)
		}
		refreshURL(src)
		textPages(src)
	})
}
