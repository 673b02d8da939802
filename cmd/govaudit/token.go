package main

import "net/http"

// setToken sends the config's API token (auth_token or auth_token_file) to
// the running server; without one the server accepts the call only when it
// has no token either, which it may only on loopback.
func setToken(req *http.Request, token string) {
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
}
