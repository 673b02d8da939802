package govaudit

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// CheckURL says what is wrong with s as the address of a web page
// govaudit is told about (a site, a column hint, a robot's webhook,
// govaudit's own base address), or "" when nothing is: an absolute http or
// https url with a host, a valid port if any, and no user name or password.
// The text completes a sentence that names the setting.
func CheckURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "is not a valid url: " + err.Error()
	}
	switch {
	case u.Scheme == "" || !strings.Contains(s, "://"):
		// "host:9464/x" parses with the scheme "host".
		return "is not an absolute url; expected http:// or https:// and a host"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must use http or https, not " + u.Scheme
	case u.Host == "" || u.Hostname() == "":
		return "has no host; expected an absolute url such as https://www.ln.gov.cn/"
	case u.User != nil:
		return "must not carry a user name or password"
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "has port " + p + "; expected a port from 1 to 65535"
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "has an empty port; expected a port from 1 to 65535 or none"
	}
	return ""
}
