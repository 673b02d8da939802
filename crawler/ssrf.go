package crawler

import (
	"fmt"
	"net/netip"
	"strings"
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

// metadataPrefixes are the cloud metadata services' addresses, which hand
// out credentials to whoever asks from inside: the whole IPv4 link-local
// range (169.254.169.254 on most clouds), Alibaba Cloud's 100.100.100.200
// and AWS's IPv6 fd00:ec2::254. No setting lets the crawler dial them.
var metadataPrefixes = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("100.100.100.200/32"),
	netip.MustParsePrefix("fd00:ec2::254/128"),
}

// metadata reports whether ip is a metadata address, also when spelt as
// an IPv4-mapped, NAT64 or 6to4 IPv6 address.
func metadata(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			ip = netip.AddrFrom4([4]byte(b[12:16]))
		case sixToFour.Contains(ip):
			ip = netip.AddrFrom4([4]byte(b[2:6]))
		}
	}
	for _, p := range metadataPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// guardFor returns the deny function for the settings: metadata addresses
// always; non-public ones unless allowAll or inside an allowed prefix.
func guardFor(allowAll bool, allowed []netip.Prefix) func(netip.Addr) bool {
	return func(ip netip.Addr) bool {
		if !ip.IsValid() || metadata(ip) {
			return true
		}
		if allowAll || !denied(ip) {
			return false
		}
		ip = ip.Unmap().WithZone("")
		for _, p := range allowed {
			if p.Contains(ip) {
				return false
			}
		}
		return true
	}
}

// metadataControl is the Control hook of the dialer for allowed host
// names: only metadata addresses are refused.
func metadataControl(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || metadata(ap.Addr()) {
		return &privateAddressError{addr: address}
	}
	return nil
}

// parseAllowPrivate splits Options.AllowPrivate into prefixes (a bare
// address is its own prefix) and host names, refusing entries that are
// neither or that cover a metadata address.
func parseAllowPrivate(entries []string) ([]netip.Prefix, map[string]bool, error) {
	var prefixes []netip.Prefix
	hosts := map[string]bool{}
	for _, e := range entries {
		var p netip.Prefix
		var err error
		if strings.Contains(e, "/") {
			p, err = netip.ParsePrefix(e)
		} else if a, aerr := netip.ParseAddr(e); aerr == nil {
			a = a.Unmap()
			p = netip.PrefixFrom(a, a.BitLen())
		} else {
			if e == "" || strings.ContainsAny(e, ":/ ") {
				return nil, nil, fmt.Errorf("allow private: %q is neither a prefix, an address nor a host name", e)
			}
			hosts[strings.ToLower(strings.TrimSuffix(e, "."))] = true
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("allow private: %w", err)
		}
		p = p.Masked()
		for _, m := range metadataPrefixes {
			if m.Overlaps(p) {
				return nil, nil, fmt.Errorf("allow private: %s covers the metadata range %s, which is never dialled", p, m)
			}
		}
		prefixes = append(prefixes, p)
	}
	return prefixes, hosts, nil
}
