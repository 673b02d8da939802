package demo

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// validityLabel matches a 有效性 label with a value in a metadata block or a
// list row, whatever the markup between label and value.
// Pages are NFKC-normalised first, so the colon is ASCII.
var validityLabel = regexp.MustCompile(`有效性(?:</strong>)?:?(?:</t[hd]>\s*<td[^>]*>)?\s*(有效|失效|废止|廢止|已修改|部分失效|现行有效|現行有效)`)

// TestPagesShowTheModel reads the served pages the way an auditor would and
// checks that they say what the truth was computed from: every item of an
// audited column is linked from its list, every dated item's page carries
// its full date, and a document carries a 有效性 label exactly when the
// model says it does.
func TestPagesShowTheModel(t *testing.T) {
	for _, p := range []*Province{New(testNow), Synthetic(8, testNow)} {
		checkPagesShowTheModel(t, p)
	}
}

func checkPagesShowTheModel(t *testing.T, p *Province) {
	for _, s := range p.sites {
		if s.mode != modeNormal {
			continue
		}
		for _, c := range s.columns {
			if c.req == "" {
				continue
			}
			listed := map[string]bool{}
			var lists strings.Builder
			for n, lp := range c.paths {
				w := get(p, s.base()+lp)
				body := text(t, w)
				if c.scripted {
					// The list is in the JSON the page's script loads.
					var d struct{ Items []struct{ URL, Date string } }
					if err := json.Unmarshal([]byte(text(t, get(p, fmt.Sprintf("%s%slist_%d.json", s.base(), c.dir, n)))), &d); err != nil {
						t.Fatalf("%s %s: list JSON: %v", s.ID, c.req, err)
					}
					for _, it := range d.Items {
						body += fmt.Sprintf(` href="%s" %s`, it.URL, it.Date)
					}
				}
				lists.WriteString(body)
				base, _ := url.Parse(s.base() + lp)
				for _, m := range hrefs.FindAllStringSubmatch(body, -1) {
					if u, err := base.Parse(htmlUnescape(m[1])); err == nil {
						listed[u.RequestURI()] = true
					}
				}
			}
			for _, it := range c.items {
				if !listed[it.path] {
					t.Errorf("%s %s: %s is not linked from the column's list", s.ID, c.req, it.path)
				}
				if d := c.listDate(it.date); d != "" && !strings.Contains(lists.String(), d) {
					t.Errorf("%s %s: the list lacks the date %s of %q", s.ID, c.req, d, it.title)
				}
				w := get(p, s.base()+it.path)
				page := norm.NFKC.String(text(t, w))
				if !it.date.IsZero() {
					d := it.date.In(shanghai)
					forms := []string{d.Format("2006-01-02"), d.Format("2006年01月02日"), d.Format("2006-1-2")}
					found := false
					for _, f := range forms {
						found = found || strings.Contains(page, f)
					}
					if !found {
						t.Errorf("%s %s: the page of %q lacks its date %s", s.ID, c.req, it.title, forms[0])
					}
				}
				if c.req != "all-10" {
					continue
				}
				labelled := validityLabel.MatchString(page)
				if c.validityInList {
					row := regexp.MustCompile(regexp.QuoteMeta(it.path[strings.LastIndex(it.path, "/")+1:]) + `"[^\n]*<td>([^<]*)</td></tr>`).FindStringSubmatch(lists.String())
					labelled = row != nil && row[1] != ""
				}
				if labelled != (it.validity != "") {
					t.Errorf("%s: %q labelled %v on the site, want %v (%q)", s.ID, it.title, labelled, it.validity != "", it.validity)
				}
			}
		}
	}
}
