package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// cmdHealth probes a serving govaudit's /healthz: the container image has
// no shell or curl, so its HEALTHCHECK calls the binary itself.
func cmdHealth(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("health", stdout)
	url := fs.String("url", "http://127.0.0.1:9464/healthz", "health endpoint to probe")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this long")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return usageError{err.Error()}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe %s: %w", *url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe %s: HTTP %d: %s", *url, resp.StatusCode, body)
	}
	_, err = stdout.Write(body)
	return err
}
