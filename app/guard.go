package app

import (
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/govaudit/govaudit/config"
)

// ErrNoToken is returned by CheckListen for a listen address that other
// machines can reach when no API token is configured.
var ErrNoToken = errors.New("no api token")

// CheckListen refuses to serve on an address other machines can reach
// without an API token: anyone on the network could then start audits
// (each one a crawl of government sites in govaudit's name) and export the
// store.
func CheckListen(listen, token string) error {
	if token != "" || config.LoopbackListen(listen) {
		return nil
	}
	return &listenError{listen: listen}
}

type listenError struct{ listen string }

func (e *listenError) Error() string {
	return "refusing to listen on " + e.listen + " without an api token: set auth_token_file (serve creates the file with a random token) " +
		"or auth_token in the config, or listen on 127.0.0.1; see docs/security.md"
}

func (e *listenError) Unwrap() error { return ErrNoToken }

// hostCheck tells the Host headers this server answers to. A DNS
// rebinding attack points a name of the attacker's at this server's
// address, so that a page the attacker serves can read what the server
// answers and post to it as same-origin; such a request carries the
// attacker's name in Host, and is refused. An IP literal cannot be rebound,
// so every one is accepted.
type hostCheck struct {
	names    map[string]bool
	loopback bool // localhost and *.localhost are accepted
}

func newHostCheck(listen string, allowed []string) hostCheck {
	hc := hostCheck{names: map[string]bool{}}
	for _, h := range allowed {
		hc.names[normalHost(h)] = true
	}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		host = listen
	}
	switch ip := net.ParseIP(host); {
	case host == "" || (ip != nil && ip.IsUnspecified()):
		// Every interface, loopback among them; the machine's own name is
		// how people on the network usually reach it.
		hc.loopback = true
		if name, err := os.Hostname(); err == nil && name != "" {
			hc.names[normalHost(name)] = true
		}
	case ip != nil:
		hc.loopback = ip.IsLoopback()
	default:
		hc.names[normalHost(host)] = true
		hc.loopback = strings.EqualFold(host, "localhost")
	}
	return hc
}

// allowed reports whether a request's Host (name or IP, with or without a
// port) is one this server answers to.
func (hc hostCheck) allowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = normalHost(host)
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	if hc.loopback && (host == "localhost" || strings.HasSuffix(host, ".localhost")) {
		return true
	}
	return hc.names[host]
}

func normalHost(h string) string {
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(h, "]"), "["), ".")
	return strings.ToLower(h)
}

// guard wraps the whole server: it answers only to its own host names, and
// refuses state-changing requests a browser sends from another origin.
func (s *apiServer) guard(next http.Handler) http.Handler {
	next = s.cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every answer is what its Content-Type says: a JSON error that
		// quotes markup is never sniffed into a page.
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if !s.hosts.allowed(r.Host) {
			s.log.Warn("request for a foreign host refused", "host", r.Host, "url", r.URL.Path, "remote", r.RemoteAddr)
			httpError(w, http.StatusMisdirectedRequest, errors.New("this server does not answer to the host name "+r.Host+"; add it to allowed_hosts if it is yours"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newCrossOrigin is the CSRF guard of state-changing requests: a browser
// says where a request comes from (Sec-Fetch-Site, Origin), and a request
// from another origin is refused with 403.
func newCrossOrigin() *http.CrossOriginProtection {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpError(w, http.StatusForbidden, errors.New("cross-origin request refused: state-changing calls and exports are accepted from this server's own pages and from non-browser clients only"))
	}))
	return cop
}

// protect guards a call that changes state or exports data in bulk: it
// asks for the API token when one is configured, and refuses a browser
// request from another origin even for GET, so that no other site's page
// can make an evaluator's browser pull the whole store.
func (s *apiServer) protect(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		probe := r.Clone(r.Context())
		probe.Method = http.MethodPost // Check lets safe methods through
		if err := s.cop.Check(probe); err != nil {
			httpError(w, http.StatusForbidden, errors.New("cross-origin request refused: state-changing calls and exports are accepted from this server's own pages and from non-browser clients only"))
			return
		}
		if s.token != "" && !validBearer(r.Header.Get("Authorization"), s.token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="govaudit"`)
			httpError(w, http.StatusUnauthorized, errors.New("this call needs the api token: send Authorization: Bearer <token> (auth_token or auth_token_file in the config)"))
			return
		}
		next(w, r)
	}
}

// validBearer compares in constant time, so that the time an answer takes
// says nothing about how much of a guess was right.
func validBearer(header, token string) bool {
	scheme, got, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}
