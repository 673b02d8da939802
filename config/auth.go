package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// minTokenLength keeps a token out of reach of guessing over HTTP.
const minTokenLength = 16

// authToken decodes auth_token: the bearer token the API asks for on
// everything that changes state or exports data in bulk.
func (d *decoder) authToken(cfg *Config) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		s, ok := d.text(path, v, "a token of at least 16 characters")
		if !ok {
			return
		}
		if err := checkToken(s); err != nil {
			d.errorf(v, "%s: %v", path, err)
			return
		}
		cfg.AuthToken = s
	}
}

// authTokenFile decodes auth_token_file. The file need not exist yet:
// serve creates it with a random token, so that a container can keep its
// token on its data volume without anyone writing one.
func (d *decoder) authTokenFile(cfg *Config) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		if s, ok := d.text(path, v, "a file path"); ok {
			cfg.AuthTokenFile = s
		}
	}
}

// allowedHosts decodes allowed_hosts: extra names the Host header may carry
// (a reverse proxy's public name, a compose service name).
func (d *decoder) allowedHosts(cfg *Config) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, "%s: expected a list of host names such as [govaudit.example.gov.cn], got %s", path, describe(v))
			return
		}
		for i, item := range v.Content {
			s, ok := d.text(fmt.Sprintf("%s[%d]", path, i), item, "a host name")
			if !ok {
				continue
			}
			if strings.ContainsAny(s, "/:@ \t") {
				d.errorf(item, "%s[%d]: expected a host name without scheme, port or path, got %q", path, i, s)
				continue
			}
			cfg.AllowedHosts = append(cfg.AllowedHosts, strings.ToLower(strings.TrimSuffix(s, ".")))
		}
	}
}

// authChecks reports what the auth keys cannot mean together, and warns of
// a listen address that serve will refuse.
func (d *decoder) authChecks(cfg *Config, root *yaml.Node) {
	if cfg.AuthToken != "" && cfg.AuthTokenFile != "" {
		d.errorf(topValue(root, "auth_token_file"), "auth_token and auth_token_file: set one, not both")
		return
	}
	if cfg.AuthToken == "" && cfg.AuthTokenFile == "" && !LoopbackListen(cfg.Listen) {
		d.warnf(topValue(root, "listen"), "listen: %s is not a loopback address and no auth_token or auth_token_file is set; serve refuses to start so (set auth_token_file, or listen on 127.0.0.1)", cfg.Listen)
	}
}

// topValue is the value of a top-level key, for the line of a problem
// found once the whole file is read; nil when the key is not there.
func topValue(root *yaml.Node, key string) *yaml.Node {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return root.Content[i+1]
		}
	}
	return nil
}

func checkToken(s string) error {
	if len(s) < minTokenLength {
		return fmt.Errorf("expected a token of at least %d characters, got %d", minTokenLength, len(s))
	}
	// The token travels in a header: a line break would split the request,
	// a space would be cut off by some clients.
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r > unicode.MaxASCII }) >= 0 {
		return errors.New("expected printable ASCII characters without spaces")
	}
	return nil
}

// LoopbackListen reports whether a listen address (host:port) accepts
// connections from this machine only: a loopback IP or "localhost". An
// empty host, 0.0.0.0 and :: listen on every interface.
func LoopbackListen(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// APIToken returns the API token: auth_token, else the first line of
// auth_token_file, else "" (no token configured, or the file not created
// yet).
func (c *Config) APIToken() (string, error) {
	if c.AuthToken != "" || c.AuthTokenFile == "" {
		return c.AuthToken, nil
	}
	data, err := os.ReadFile(c.AuthTokenFile)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read auth_token_file: %w", err)
	}
	tok, _, _ := strings.Cut(string(data), "\n")
	tok = strings.TrimSpace(tok)
	if err := checkToken(tok); err != nil {
		return "", fmt.Errorf("auth_token_file %s: %w", c.AuthTokenFile, err)
	}
	return tok, nil
}

// EnsureAPIToken is APIToken for serve: when auth_token_file names a file
// that does not exist, it writes one with a random token, readable by its
// owner only, so that the commands run by the same user find it.
func (c *Config) EnsureAPIToken() (string, error) {
	tok, err := c.APIToken()
	if err != nil || tok != "" || c.AuthTokenFile == "" {
		return tok, err
	}
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make api token: %w", err)
	}
	tok = hex.EncodeToString(b[:])
	if err := os.MkdirAll(filepath.Dir(c.AuthTokenFile), 0o700); err != nil {
		return "", fmt.Errorf("make auth_token_file: %w", err)
	}
	// O_EXCL: a token another process wrote in between is kept, not
	// replaced.
	f, err := os.OpenFile(c.AuthTokenFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return c.APIToken()
	}
	if err != nil {
		return "", fmt.Errorf("make auth_token_file: %w", err)
	}
	if _, err := f.WriteString(tok + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("write auth_token_file: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write auth_token_file: %w", err)
	}
	return tok, nil
}
