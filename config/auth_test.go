package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAuthKeys(t *testing.T) {
	const site = "sites:\n  - id: a\n    name: A\n    url: https://a.example.gov.cn/\n    level: province\n"
	tests := []struct {
		name     string
		yaml     string
		wantErr  string // substring of the problems; "" for none
		wantWarn string // substring of a warning; "" for none
		token    string
		hosts    []string
	}{
		{name: "loopback, no token", yaml: "listen: 127.0.0.1:9464\n" + site},
		{name: "localhost, no token", yaml: "listen: localhost:9464\n" + site},
		{name: "every interface, no token", yaml: "listen: 0.0.0.0:9464\n" + site, wantWarn: "t.yaml:1:9: listen: 0.0.0.0:9464 is not a loopback address and no auth_token"},
		{name: "empty host, no token", yaml: "listen: \":9464\"\n" + site, wantWarn: "not a loopback address"},
		{name: "every interface with a token", yaml: "listen: 0.0.0.0:9464\nauth_token: 0123456789abcdef0123\n" + site, token: "0123456789abcdef0123"},
		{name: "every interface with a token file", yaml: "listen: 0.0.0.0:9464\nauth_token_file: tok\n" + site},
		{name: "short token", yaml: "auth_token: short\n" + site, wantErr: "at least 16 characters, got 5"},
		{name: "token with a space", yaml: "auth_token: \"0123456789 abcdef\"\n" + site, wantErr: "without spaces"},
		{name: "both", yaml: "auth_token: 0123456789abcdef0123\nauth_token_file: tok\n" + site, wantErr: "set one, not both"},
		{name: "allowed hosts", yaml: "allowed_hosts: [Govaudit.Example.gov.cn., govaudit]\n" + site, hosts: []string{"govaudit.example.gov.cn", "govaudit"}},
		{name: "allowed host with a port", yaml: "allowed_hosts: [\"a.example:80\"]\n" + site, wantErr: "without scheme, port or path"},
		{name: "allowed hosts not a list", yaml: "allowed_hosts: a.example\n" + site, wantErr: "expected a list of host names"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.yaml), "t.yaml")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want no error", err)
			}
			warns := (&Problems{File: "t.yaml", List: c.Warnings}).Error()
			if tt.wantWarn == "" && len(c.Warnings) > 0 {
				t.Errorf("got warnings %s, want none", warns)
			}
			if tt.wantWarn != "" && !strings.Contains(warns, tt.wantWarn) {
				t.Errorf("got warnings %q, want one containing %q", warns, tt.wantWarn)
			}
			if c.AuthToken != tt.token {
				t.Errorf("AuthToken: got %q, want %q", c.AuthToken, tt.token)
			}
			if !slices.Equal(c.AllowedHosts, tt.hosts) {
				t.Errorf("AllowedHosts: got %q, want %q", c.AllowedHosts, tt.hosts)
			}
		})
	}
}

func TestAPITokenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "govaudit.yaml")
	if err := os.WriteFile(path, []byte("auth_token_file: secret/token\nsites: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "secret/token"); c.AuthTokenFile != want {
		t.Fatalf("AuthTokenFile: got %q, want %q (relative to the config)", c.AuthTokenFile, want)
	}
	if tok, err := c.APIToken(); err != nil || tok != "" {
		t.Fatalf("APIToken before the file exists: got %q, %v, want \"\", nil", tok, err)
	}
	tok, err := c.EnsureAPIToken()
	if err != nil || len(tok) < minTokenLength {
		t.Fatalf("EnsureAPIToken: got %q, %v, want a new token", tok, err)
	}
	fi, err := os.Stat(c.AuthTokenFile)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("token file mode: got %o, want 600", perm)
	}
	for _, get := range []func() (string, error){c.APIToken, c.EnsureAPIToken} {
		if again, err := get(); err != nil || again != tok {
			t.Errorf("token read back: got %q, %v, want %q", again, err, tok)
		}
	}
	if err := os.WriteFile(c.AuthTokenFile, []byte("weak\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := c.APIToken(); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("weak token in the file: got %v, want an error", err)
	}
	if err := os.Chmod(c.AuthTokenFile, 0); err == nil && os.Geteuid() != 0 {
		if _, err := c.APIToken(); err == nil || errors.Is(err, os.ErrNotExist) {
			t.Errorf("unreadable token file: got %v, want a read error", err)
		}
	}
}

func TestLoopbackListen(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:9464": true, "127.8.0.1:1": true, "[::1]:9464": true, "localhost:9464": true, "LOCALHOST:1": true,
		"0.0.0.0:9464": false, ":9464": false, "[::]:9464": false, "10.0.0.5:9464": false, "govaudit.example:80": false, "nonsense": false,
	} {
		if got := LoopbackListen(addr); got != want {
			t.Errorf("LoopbackListen(%q): got %v, want %v", addr, got, want)
		}
	}
}
