package page

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// menuBuilders are script calls that write links into a page after load.
var menuBuilders = []string{
	"document.write", "innerHTML", "appendChild", "insertAdjacentHTML", "createElement(",
	"$.ajax", "$.get", "$.getJSON", "fetch(", "XMLHttpRequest", ".append(", ".html(",
}

// minStaticLinks is how many links a home page or menu carries in its HTML
// for it to be read without running its scripts: real portals carry
// dozens; a page built by script carries a handful (logo, ICP record).
const minStaticLinks = 8

// BuiltByScript reports whether a page's links are written by its scripts:
// it has fewer than minStaticLinks links and its scripts write into the
// page or fetch what to write. links is how many links the HTML carries.
func BuiltByScript(doc *goquery.Document, links int) bool {
	if links >= minStaticLinks {
		return false
	}
	built := false
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		src := s.Text()
		for _, m := range menuBuilders {
			if strings.Contains(src, m) {
				built = true
				return false
			}
		}
		return true
	})
	return built
}
