package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestAllowPrivateAddresses(t *testing.T) {
	tests := []struct {
		value    string
		allowAll bool
		allow    []string
		err      string
	}{
		{"true", true, nil, ""},
		{"false", false, nil, ""},
		{"[10.20.0.0/16, 192.168.1.7, OA.Example.gov.cn, 'fd12::/16']", false, []string{"10.20.0.0/16", "192.168.1.7/32", "oa.example.gov.cn", "fd12::/16"}, ""},
		{"[]", false, nil, ""},
		{"[169.254.169.254]", false, nil, "p.yaml:6:29: crawl.allow_private_addresses[0]: 169.254.169.254/32 covers the cloud metadata range 169.254.0.0/16"},
		{"[10.0.0.0/8, 100.64.0.0/10]", false, nil, "crawl.allow_private_addresses[1]: 100.64.0.0/10 covers the cloud metadata range 100.100.100.200/32"},
		{"[10.1.0.0/8]", false, nil, "has host bits set: write 10.0.0.0/8"},
		{"[not_a_host!]", false, nil, "neither an address, a CIDR prefix nor a host name"},
		{"yes please", false, nil, "expected true, false or a list of CIDR prefixes and host names"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			data := fmt.Sprintf("store: x.db\nsites:\n  - {id: a, name: a, url: \"https://www.a.gov.cn/\", level: city}\ncrawl:\n  timeout: 5s\n  allow_private_addresses: %s\n", tt.value)
			c, err := Parse([]byte(data), "p.yaml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Crawl.AllowPrivateAddresses != tt.allowAll || fmt.Sprint(c.Crawl.AllowPrivate) != fmt.Sprint(tt.allow) {
				t.Errorf("got %v %q, want %v %q", c.Crawl.AllowPrivateAddresses, c.Crawl.AllowPrivate, tt.allowAll, tt.allow)
			}
		})
	}
}
