package tamper

import "testing"

func TestLinkHost(t *testing.T) {
	tests := []struct {
		href, host, abs string
	}{
		{"http://www.bjl001.com/", "www.bjl001.com", "http://www.bjl001.com/"},
		{"https://xx-casino.com", "xx-casino.com", "https://xx-casino.com"},
		{"//www.example-shop.com/a?b#c", "www.example-shop.com", "http://www.example-shop.com/a?b#c"},
		{"  http://www.gov.cn/  ", "www.gov.cn", "http://www.gov.cn/"},
		// The slow path: upper case, ports, user info, trailing dot.
		{"HTTP://WWW.Example.COM:8080/x", "www.example.com", "http://WWW.Example.COM:8080/x"},
		{"http://user@www.example.com./", "www.example.com", "http://user@www.example.com./"},
		{"http://[::1]/x", "::1", "http://[::1]/x"},
		{"/zwgk/index.html", "", ""},
		{"../a.html", "", ""},
		{"javascript:void(0)", "", ""},
		{"mailto:a@b.gov.cn", "", ""},
		{"ftp://x.com/", "", ""},
		{"http://", "", ""},
		{"http://a b.com/", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		host, abs := linkHost(tt.href)
		if host != tt.host || abs != tt.abs {
			t.Errorf("linkHost(%q): got %q %q, want %q %q", tt.href, host, abs, tt.host, tt.abs)
		}
	}
}

func TestRegistrable(t *testing.T) {
	tests := []struct{ host, want string }{
		{"www.liaoyang.gov.cn", "liaoyang.gov.cn"},
		{"zwgk.liaoyang.gov.cn", "liaoyang.gov.cn"},
		{"www.people.com.cn", "people.com.cn"},
		{"www.bjl001.com", "bjl001.com"},
		{"121.43.68.40", "121.43.68.40"},
		{"localhost", "localhost"},
	}
	for _, tt := range tests {
		if got := registrable(tt.host); got != tt.want {
			t.Errorf("registrable(%q): got %q, want %q", tt.host, got, tt.want)
		}
	}
}

func TestInstitutional(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"www.gov.cn", true},
		{"gov.cn", true},
		{"fgw.ln.gov.cn", true},
		{"www.lnu.edu.cn", true},
		{"www.cas.ac.cn", true},
		{"www.gov.hk", true},
		{"portal.gov.mo", true},
		{"www.usa.gov", true},
		{"www.govcn.com", false},
		{"gov.cn.example.com", false},
		{"www.people.com.cn", false},
		{"121.43.68.40", false},
	}
	for _, tt := range tests {
		if got := institutional(tt.host); got != tt.want {
			t.Errorf("institutional(%q): got %v, want %v", tt.host, got, tt.want)
		}
	}
}
