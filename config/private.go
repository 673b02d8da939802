package config

import (
	"fmt"
	"net/netip"
	"strings"

	"go.yaml.in/yaml/v3"
)

// privateAddresses reads allow_private_addresses: true or false, or a list
// of CIDR prefixes, addresses and host names whose private addresses the
// crawler may dial. Cloud metadata addresses cannot be allowed (the
// crawler refuses them whatever the config says), so a list entry that
// would cover one is an error rather than a silent no-op.
func (d *decoder) privateAddresses(c *Crawl) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" {
			if b, ok := d.boolean(path, v); ok {
				c.AllowPrivateAddresses, c.AllowPrivate = b, nil
			}
			return
		}
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, "%s: expected true, false or a list of CIDR prefixes and host names such as [10.20.0.0/16, oa.example.gov.cn], got %s", path, describe(v))
			return
		}
		var allow []string
		for i, item := range v.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s, ok := d.text(p, item, "a CIDR prefix, an address or a host name")
			if !ok {
				continue
			}
			entry, err := privateEntry(s)
			if err != nil {
				d.errorf(item, "%s: %v", p, err)
				continue
			}
			allow = append(allow, entry)
		}
		c.AllowPrivateAddresses, c.AllowPrivate = false, allow
	}
}

// metadataPrefixes must agree with the crawler's list of addresses it never
// dials (crawler/ssrf.go): the config only refuses to promise them.
var metadataPrefixes = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("100.100.100.200/32"),
	netip.MustParsePrefix("fd00:ec2::254/128"),
}

// privateEntry checks one list entry and returns it in canonical form: a
// prefix ("10.0.0.0/8", an address as "/32" or "/128") or a lower-case host
// name.
func privateEntry(s string) (string, error) {
	s = strings.TrimSpace(s)
	var prefix netip.Prefix
	var err error
	switch {
	case strings.Contains(s, "/"):
		if prefix, err = netip.ParsePrefix(s); err != nil {
			return "", fmt.Errorf("%q is not a CIDR prefix: %v", s, err)
		}
		if prefix != prefix.Masked() {
			return "", fmt.Errorf("%q has host bits set: write %s", s, prefix.Masked())
		}
	default:
		addr, aerr := netip.ParseAddr(s)
		if aerr != nil {
			if !hostName(s) {
				return "", fmt.Errorf("%q is neither an address, a CIDR prefix nor a host name", s)
			}
			return strings.ToLower(strings.TrimSuffix(s, ".")), nil
		}
		if addr.Zone() != "" {
			return "", fmt.Errorf("%q: an address with a zone cannot be allowed", s)
		}
		prefix = netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen())
	}
	for _, m := range metadataPrefixes {
		if m.Overlaps(prefix) {
			return "", fmt.Errorf("%s covers the cloud metadata range %s, which the crawler never dials", prefix, m)
		}
	}
	return prefix.String(), nil
}

// hostName reports whether s is a DNS host name: dot-separated labels of
// letters, digits and hyphens, not starting or ending with a hyphen.
func hostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}
