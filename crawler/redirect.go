package crawler

import (
	"fmt"
	"net/http"
)

// maxRedirects is how many HTTP redirects one fetch follows.
const maxRedirects = 10

// redirectError stops a redirect chain that is too long or goes round.
type redirectError struct {
	target string
	loop   bool
}

func (e *redirectError) Error() string {
	if e.loop {
		return "redirect loop back to " + e.target
	}
	return fmt.Sprintf("more than %d redirects (next: %s)", maxRedirects, e.target)
}

// checkRedirect is the collector's redirect handler. It follows redirects
// to any host and scheme (xxx.gov.cn ↔ www.xxx.gov.cn, http ↔ https, a
// shared platform on another host), which is why colly's AllowedDomains is
// not used. A target seen earlier in the chain is allowed, because sites
// bounce through a cookie-setting page back to the original address; a
// real loop runs into the hop limit and is reported as a loop.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) <= maxRedirects {
		return nil
	}
	target := req.URL.String()
	for _, v := range via {
		if v.URL.String() == target {
			return &redirectError{target: target, loop: true}
		}
	}
	return &redirectError{target: target}
}
