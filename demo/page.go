package demo

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// page is one prepared response. Its body is a list of byte slices: the
// parts every page of a site repeats (the <head> preamble, the header with
// the menu, the footer) are one shared slice, so that a province of
// hundreds of sites fits in memory and is served by copying bytes.
type page struct {
	status      int
	contentType string
	location    string // for redirects
	parts       [][]byte
	size        int
}

func newPage(status int, contentType string, body []byte) *page {
	return &page{status: status, contentType: contentType, parts: [][]byte{body}, size: len(body)}
}

// The renderers write these markers where a site's shared parts go;
// addHTML swaps them for the shared slices. NUL never occurs in a page.
const (
	markHeadTop = "\x00headtop\x00"
	markHeadEnd = "\x00headend\x00"
	markHeader  = "\x00header\x00"
	markFooter  = "\x00footer\x00"
)

// shared returns the site's encoded copy of a marker's part.
func (s *site) shared(mark string) []byte {
	if b, ok := s.sharedParts[mark]; ok {
		return b
	}
	var html string
	switch mark {
	case markHeadTop:
		html = s.headTop()
	case markHeadEnd:
		html = headEnd
	case markHeader:
		html = s.headerHTML()
	case markFooter:
		html = s.footerHTML()
	default:
		panic("demo: unknown marker " + mark)
	}
	b := s.encode(html)
	if s.sharedParts == nil {
		s.sharedParts = make(map[string][]byte)
	}
	s.sharedParts[mark] = b
	return b
}

// encode converts a piece of a page to the site's script and encoding.
func (s *site) encode(html string) []byte {
	if s.traditional {
		html = toTraditional(html)
	}
	if !s.gbk {
		return []byte(html)
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(html))
	if err != nil {
		panic(fmt.Sprintf("demo: %s: text not encodable in GBK: %v", s.host, err))
	}
	return b
}

// pageKey is how a page is filed: its path, and its query with the
// parameters sorted, so that a link and a request written with the
// parameters in another order find the same page.
func pageKey(path, rawQuery string) string {
	if rawQuery == "" {
		return path
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return path + "?" + rawQuery
	}
	return path + "?" + q.Encode()
}

// keyOf files a page given as a link target (path with an optional query).
func keyOf(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		panic(fmt.Sprintf("demo: bad page address %q: %v", target, err))
	}
	return pageKey(u.Path, u.RawQuery)
}

func (s *site) put(target string, p *page) {
	k := keyOf(target)
	if _, dup := s.pages[k]; dup {
		panic(fmt.Sprintf("demo: %s serves %s twice", s.host, k))
	}
	if s.pages == nil {
		s.pages = make(map[string]*page)
	}
	s.pages[k] = p
	s.order = append(s.order, k)
}

// addHTML files an HTML page, converted to the site's script and encoding.
// A GBK site declares its charset only in <meta>, as old servers do: the
// Content-Type header carries none.
func (s *site) addHTML(target, html string) {
	p := &page{status: 200, contentType: "text/html; charset=utf-8"}
	if s.gbk {
		p.contentType = "text/html"
	}
	for html != "" {
		i := strings.IndexByte(html, 0)
		if i < 0 {
			p.parts = append(p.parts, s.encode(html))
			break
		}
		if i > 0 {
			p.parts = append(p.parts, s.encode(html[:i]))
		}
		j := strings.IndexByte(html[i+1:], 0)
		if j < 0 {
			panic("demo: unterminated marker in " + target)
		}
		p.parts = append(p.parts, s.shared(html[i:i+j+2]))
		html = html[i+j+2:]
	}
	for _, x := range p.parts {
		p.size += len(x)
	}
	s.put(target, p)
}

// addRedirect files an HTTP redirect.
func (s *site) addRedirect(target string, status int, location string) {
	p := newPage(status, "text/html", []byte(fmt.Sprintf("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
		status, http.StatusText(status), status, http.StatusText(status))))
	p.location = location
	s.put(target, p)
}

// addXML files an XML response (Hanweb's dataproxy).
func (s *site) addXML(target, xml string) {
	s.put(target, newPage(http.StatusOK, "text/xml;charset=UTF-8", []byte(xml)))
}
