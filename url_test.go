package govaudit

import "testing"

func TestCheckURL(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://www.ln.gov.cn/", ""},
		{"http://127.0.0.1:9464/base", ""},
		{"www.ln.gov.cn/", "is not an absolute url; expected http:// or https:// and a host"},
		{"govaudit:9464", "is not an absolute url; expected http:// or https:// and a host"},
		{"/govaudit", "is not an absolute url; expected http:// or https:// and a host"},
		{"ftp://www.ln.gov.cn/", "must use http or https, not ftp"},
		{"https:///path", "has no host; expected an absolute url such as https://www.ln.gov.cn/"},
		{"https://user:pw@www.ln.gov.cn/", "must not carry a user name or password"},
		{"https://www.ln.gov.cn:99999/", "has port 99999; expected a port from 1 to 65535"},
		{"https://www.ln.gov.cn:/", "has an empty port; expected a port from 1 to 65535 or none"},
		{"https://www.ln.gov.cn/%zz", `is not a valid url: invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := CheckURL(tt.url); got != tt.want {
				t.Errorf("CheckURL(%q): got %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}
