package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestOverviewPages checks the server's paging: per_page rows a page, the
// rank order carried across pages, links to the other pages, and the
// in-place sort script switched off when the table is split.
func TestOverviewPages(t *testing.T) {
	// The ranking: 合格/预警 sites by score, then 不合格 ones, then the rest.
	all := []string{"ln-fgw", "ln-sthj", "shenyang", "dalian", "sy-hp"}
	tests := []struct {
		query    string
		want     []string
		pages    int // page links shown, 0 without a page bar
		sortable bool
	}{
		{"", all, 0, true},
		{"per_page=2", all[0:2], 3, false},
		{"per_page=2&page=2", all[2:4], 3, false},
		{"per_page=2&page=3", all[4:5], 3, false},
		{"per_page=2&page=9", all[4:5], 3, false}, // past the end: the last page
		{"per_page=2&sort=site", []string{"dalian", "ln-fgw"}, 3, false},
		{"per_page=2&sort=site&page=3", []string{"sy-hp"}, 3, false},
		{"city=沈阳&per_page=1&page=2", []string{"sy-hp"}, 2, false},
	}
	h := newTestHandler(fixture())
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, body := get(t, h, "/?"+encodeQuery(tt.query))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200", res.StatusCode)
			}
			if got := overviewSites(t, body); !slices.Equal(got, tt.want) {
				t.Errorf("rows: got %v, want %v", got, tt.want)
			}
			doc := parse(t, body)
			links := findAll(doc, func(n *html.Node) bool {
				return n.Parent != nil && attrOf(n.Parent, "id") == "pages" && (n.Data == "a" || n.Data == "strong")
			})
			if len(links) != tt.pages {
				t.Errorf("page links: got %d, want %d", len(links), tt.pages)
			}
			for _, a := range links {
				if href := attrOf(a, "href"); href != "" && !strings.Contains(href, "per_page=") {
					t.Errorf("page link %q loses per_page", href)
				}
			}
			table := findAll(doc, func(n *html.Node) bool { return attrOf(n, "id") == "overview" })
			if len(table) != 1 {
				t.Fatal("no overview table")
			}
			if got := strings.Contains(attrOf(table[0], "class"), "sortable"); got != tt.sortable {
				t.Errorf("sortable in place: got %v, want %v", got, tt.sortable)
			}
		})
	}
}

// TestOverviewBadQuery: an unknown parameter or a bad page is an error
// that says what is wrong, not an overview that ignores it.
func TestOverviewBadQuery(t *testing.T) {
	tests := []struct{ query, want string }{
		{"cty=沈阳", `parameter "cty"`},
		{"page=0", `page "0"`},
		{"per_page=5000", `per_page "5000"`},
		{"verdict=ok", `verdict "ok"`},
	}
	h := newTestHandler(fixture())
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, body := get(t, h, "/?"+encodeQuery(tt.query))
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("status: got %d, want 400", res.StatusCode)
			}
			if !strings.Contains(html.UnescapeString(body), tt.want) {
				t.Errorf("the error page does not name %s", tt.want)
			}
		})
	}
}

// TestDownloadsKeepTheFilter: the overview's download buttons export what
// the filtered table shows, with the API's parameter names.
func TestDownloadsKeepTheFilter(t *testing.T) {
	h := newTestHandler(fixture())
	_, body := get(t, h, "/?"+encodeQuery("city=沈阳&verdict=fail&level=city&sort=site&page=1"))
	links := findAll(parse(t, body), func(n *html.Node) bool {
		return n.Data == "a" && n.Parent != nil && attrOf(n.Parent, "id") == "downloads"
	})
	if len(links) != 5 {
		t.Fatalf("download buttons: got %d, want 5", len(links))
	}
	for _, a := range links {
		u, err := url.Parse(attrOf(a, "href"))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if u.Path != "/api/v1/export" || q.Get("city") != "沈阳" || q.Get("verdict") != "fail" || q.Get("level") != "city" {
			t.Errorf("%s does not carry the filter", u)
		}
		if q.Has("sort") || q.Has("page") {
			t.Errorf("%s carries the table's order or page, which the export does not take", u)
		}
	}
}

// TestSiteTrend: the site page draws its score and statuses over its
// audits as inline SVG.
func TestSiteTrend(t *testing.T) {
	h := newTestHandler(fixture())
	_, body := get(t, h, "/sites/ln-sthj")
	doc := parse(t, body)
	points := findAll(doc, func(n *html.Node) bool { return n.Data == "circle" && attrOf(n, "class") == "point" })
	if len(points) != 1 || attrOf(points[0], "data-value") != "62.5" {
		t.Errorf("score points: got %d, want one of 62.5", len(points))
	}
	cells := findAll(doc, func(n *html.Node) bool { return n.Data == "rect" && attrOf(n, "data-req") == "all-10" })
	if len(cells) != 1 || attrOf(cells[0], "data-status") != "stale" {
		t.Errorf("status cells of all-10: got %d, want one stale", len(cells))
	}
}
