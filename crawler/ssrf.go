package crawler

import (
	"net/netip"
	"syscall"
)

// privateAddressError is returned by the dialer when the SSRF guard refuses
// an address.
type privateAddressError struct{ addr string }

func (e *privateAddressError) Error() string {
	return "refused to connect to non-public address " + e.addr
}

// control is the dialer's Control hook: it runs after name resolution, just
// before each connect(2), so it sees the address really dialled whatever
// DNS, Options.Resolve or a redirect said.
func (c *Crawler) control(_, address string, _ syscall.RawConn) error {
	if c.deny == nil {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil || c.deny(ap.Addr()) {
		// An address that cannot be parsed cannot be vetted either.
		return &privateAddressError{addr: address}
	}
	return nil
}

// deniedPrefixes are non-public ranges that netip.Addr's Is* methods do
// not cover.
var deniedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated)
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// denied reports whether the crawler must not connect to ip: loopback,
// private (RFC 1918, fc00::/7), link-local, unspecified, multicast, CGNAT,
// reserved ranges, and IPv6 forms that embed such an IPv4 address.
func denied(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	if !ip.IsValid() {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return true
	}
	for _, p := range deniedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return denied(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return denied(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	return false
}
