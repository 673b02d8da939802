package govaudit

import (
	"context"
	"time"
)

// ErrorKind classifies why a fetch failed. The values are metric label
// values and appear in exports, so they are short and stable.
type ErrorKind string

const (
	ErrTimeout        ErrorKind = "timeout"
	ErrDNS            ErrorKind = "dns"
	ErrRefused        ErrorKind = "refused"         // connection refused or reset
	ErrTLS            ErrorKind = "tls"             // handshake or certificate failure
	ErrHTTP4xx        ErrorKind = "http_4xx"        // 404 and other client errors
	ErrHTTP5xx        ErrorKind = "http_5xx"        // server errors
	ErrBlocked        ErrorKind = "blocked"         // anti-bot wall (HTTP 412/521, 403 challenge)
	ErrRobots         ErrorKind = "robots"          // robots.txt disallows the path
	ErrTooLarge       ErrorKind = "too_large"       // body over max_body_bytes
	ErrRedirectLoop   ErrorKind = "redirect_loop"   // too many or circular redirects
	ErrPrivateAddress ErrorKind = "private_address" // SSRF guard refused the address
	ErrBudget         ErrorKind = "budget"          // page budget or depth for the site exhausted
	// ErrUnrendered: the page needs a browser to be read (a script builds
	// it, or a script challenge guards it) and none could render it.
	ErrUnrendered ErrorKind = "unrendered"
	ErrOther      ErrorKind = "other"
)

// ErrorKinds lists every kind, for metrics that must expose zeros.
var ErrorKinds = []ErrorKind{
	ErrTimeout, ErrDNS, ErrRefused, ErrTLS, ErrHTTP4xx, ErrHTTP5xx, ErrBlocked,
	ErrRobots, ErrTooLarge, ErrRedirectLoop, ErrPrivateAddress, ErrBudget, ErrUnrendered, ErrOther,
}

// FetchError says why a page could not be had. It is data about the site,
// not a Go error that stops an audit.
type FetchError struct {
	Kind    ErrorKind `json:"kind"`
	Message string    `json:"message"`
}

func (e *FetchError) Error() string { return string(e.Kind) + ": " + e.Message }

// Page is one fetched resource as the checks see it.
type Page struct {
	URL         string    // the address asked for
	FinalURL    string    // the address after HTTP redirects
	Status      int       // HTTP status, 0 when no response arrived
	ContentType string    // the Content-Type header as sent
	Body        []byte    // the body decoded to UTF-8
	FetchedAt   time.Time // when the response arrived
	Err         *FetchError

	// Raw is the body as it arrived (after Content-Encoding), before Body
	// was decoded from it, and Charset the charset it was read in ("" for
	// a body that is not text). Evidence is kept in these bytes, so that
	// its hash can be checked against the site's.
	Raw     []byte
	Charset string
}

// OK reports whether the page arrived and can be read.
func (p *Page) OK() bool { return p != nil && p.Err == nil }

// Fetcher gets pages for one site during one audit. depth is the number of
// links followed from the home page (redirect stubs and frames do not count);
// a fetcher refuses pages deeper than its max_depth with ErrBudget.
// Implementations apply
// politeness, robots.txt, the page budget and the SSRF guard, and are safe
// for concurrent use. Fetch never returns nil: failures come back as a Page
// whose Err is set.
type Fetcher interface {
	Fetch(ctx context.Context, url string, depth int) *Page
}

// Renderer is implemented by a Fetcher that can also show a page as a
// browser does, running its scripts. Render returns the document as the
// scripts left it (FinalURL the address the browser ended at); when no
// browser could render it, Err says why, with ErrUnrendered when none is
// available. Checks ask for it only where the HTML alone cannot be read.
type Renderer interface {
	Render(ctx context.Context, url string, depth int) *Page
}

// Screenshotter is implemented by a Fetcher that can photograph a page as
// a browser shows it, for evidence. It returns a PNG, or nil when no
// browser is available or the page could not be shown.
type Screenshotter interface {
	Screenshot(ctx context.Context, url string) []byte
}
