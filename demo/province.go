package demo

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/govaudit/govaudit"
)

// Province is a set of demo sites with the verdicts a correct audit reaches.
type Province struct {
	Sites []govaudit.Site
	// Truth maps site id → requirement id → expectation, for every audited
	// requirement that applies to the site.
	Truth map[string]map[string]Expect
	// Census maps site id → census rule → expectation, for every rule the
	// audit of the site judges: availability on every site, the rules that
	// read pages on the sites whose home page can be read. Availability
	// assumes the audit follows ProbeRounds probe rounds.
	Census map[string]map[string]CensusExpect
	// Verdicts maps site id → the site verdict a correct audit reaches:
	// not_judged for a site whose home page cannot be read, else from the
	// census expectations (govaudit.SiteVerdictOf's rules).
	Verdicts map[string]govaudit.SiteVerdict

	sites  []*site
	byHost map[string]*site
	now    clock
}

func newProvince(c clock, sites []*site) *Province {
	p := &Province{Truth: make(map[string]map[string]Expect), Census: make(map[string]map[string]CensusExpect),
		Verdicts: make(map[string]govaudit.SiteVerdict), byHost: make(map[string]*site), now: c, sites: sites}
	for _, s := range sites {
		p.Sites = append(p.Sites, s.Site)
		p.Truth[s.ID] = s.truth(c)
		p.Census[s.ID] = s.census(c)
		p.Verdicts[s.ID] = s.verdict(p.Truth[s.ID], p.Census[s.ID])
		for _, h := range append([]string{s.host}, s.aliases...) {
			if _, dup := p.byHost[h]; dup {
				panic("demo: host " + h + " used twice")
			}
			p.byHost[h] = s
		}
	}
	return p
}

// Handler serves every site of the province, choosing the site by the
// request's Host (port ignored). An unknown host gets 404.
func (p *Province) Handler() http.Handler { return http.HandlerFunc(p.serve) }

// PageCount is how many distinct pages the province serves: len(URLs()).
func (p *Province) PageCount() int {
	n := 0
	for _, s := range p.sites {
		if s.mode != modeNormal {
			continue
		}
		for _, k := range s.order {
			if s.pages[k].status == http.StatusOK {
				n++
			}
		}
	}
	return n
}

// URLs lists every page the province serves with a 200 answer, site by
// site: the pages a bare client can fetch. Redirects, robots.txt and the
// pages of sites that are down or walled off are not pages.
func (p *Province) URLs() []string {
	var out []string
	for _, s := range p.sites {
		if s.mode != modeNormal {
			continue
		}
		for _, k := range s.order {
			if s.pages[k].status == http.StatusOK {
				out = append(out, s.base()+k)
			}
		}
	}
	return out
}

// hostOnly strips the port from a Host header and lowercases it.
func hostOnly(hostport string) string {
	h := hostport
	if strings.LastIndexByte(h, ':') > strings.LastIndexByte(h, ']') {
		if host, _, err := net.SplitHostPort(h); err == nil {
			h = host
		}
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

func (p *Province) serve(w http.ResponseWriter, r *http.Request) {
	host := hostOnly(r.Host)
	s := p.byHost[host]
	if s == nil {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Server", "nginx")
	if host != s.host {
		hdr.Set("Location", "http://"+s.host+r.URL.RequestURI())
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !(r.Method == http.MethodPost && s.proxies != nil && r.URL.Path == hanwebProxyPath) {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/robots.txt" && s.robots != "" {
		write(w, newPage(http.StatusOK, "text/plain", []byte(s.robots)))
		return
	}
	switch s.mode {
	case modeBlocked:
		write(w, challengePage)
		return
	case modeServerError:
		write(w, badGatewayPage)
		return
	}
	if s.flakyAt > 0 && r.URL.Path == s.homePath() && s.homeHits.Add(1) == s.flakyAt {
		write(w, unavailablePage)
		return
	}
	pg := s.pages[pageKey(r.URL.Path, r.URL.RawQuery)]
	switch {
	case pg != nil:
		write(w, pg)
	case s.proxies != nil && r.URL.Path == hanwebProxyPath:
		s.serveProxy(w, r)
	default:
		write(w, notFoundPage)
	}
}

func write(w http.ResponseWriter, pg *page) {
	hdr := w.Header()
	hdr.Set("Content-Type", pg.contentType)
	hdr.Set("Content-Length", strconv.Itoa(pg.size))
	if pg.location != "" {
		hdr.Set("Location", pg.location)
	}
	w.WriteHeader(pg.status)
	for _, b := range pg.parts {
		if _, err := w.Write(b); err != nil {
			return // the client went away
		}
	}
}

// challengePage is what a JavaScript-challenge WAF answers before it has
// seen its cookie: HTTP 412 and a script that sets the cookie and reloads.
var challengePage = newPage(http.StatusPreconditionFailed, "text/html; charset=utf-8", []byte(`<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta http-equiv="Cache-Control" content="no-cache, no-store">
<script type="text/javascript">
var _t=String(Math.floor(Date.now()/1000));var _s="";for(var i=0;i<_t.length;i++){_s+=String.fromCharCode(_t.charCodeAt(i)^7);}
document.cookie="__wafclearance="+encodeURIComponent(_s)+";path=/;max-age=3600";
setTimeout(function(){location.replace(location.pathname+location.search);},50);
</script></head><body></body></html>`))

var badGatewayPage = newPage(http.StatusBadGateway, "text/html", []byte(`<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`))

// unavailablePage is what an overloaded upstream makes nginx answer.
var unavailablePage = newPage(http.StatusServiceUnavailable, "text/html", []byte(`<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
<hr><center>nginx</center>
</body>
</html>
`))

var notFoundPage = newPage(http.StatusNotFound, "text/html", []byte(`<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx</center>
</body>
</html>
`))

// PlantedTampering is how many tampering findings the model injected into
// the page at rawURL: the spam site's home page carries them all, every
// other page none, so the census's tampering verdict does not depend on
// which pages an audit reads.
func (p *Province) PlantedTampering(rawURL string) int {
	for _, s := range p.sites {
		if s.spam != nil && rawURL == s.base()+s.homePath() {
			return s.spam.findings()
		}
	}
	return 0
}
