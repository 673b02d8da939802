package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/config"
	"github.com/govaudit/govaudit/demo"
)

// TestCommandsSendToken: audit and export through a serving owner that
// asks for a token succeed with the config's token and fail, saying why,
// without it.
func TestCommandsSendToken(t *testing.T) {
	const token = "e2e-token-0123456789abcdef"
	loc := config.Default().Location
	p := demo.New(time.Now().In(loc))
	srv, err := p.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	ln, err := app.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := demoConfig(p, filepath.Join(dir, "store.db"), ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(cfg, slog.New(slog.DiscardHandler), app.Options{Command: "govaudit serve", Listen: cfg.Listen, Resolve: srv.Resolve, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		auditCtx, cancelAudits := context.WithCancel(context.Background())
		served <- a.Serve(ctx, ln, auditCtx, cancelAudits, nil)
	}()
	defer func() {
		cancel()
		<-served
		a.Close()
	}()

	without := filepath.Join(dir, "without.yaml")
	writeConfigFile(t, without, cfg)
	tokenFile := filepath.Join(dir, "api-token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	with := filepath.Join(dir, "with.yaml")
	writeConfigFile(t, with, cfg)
	f, err := os.OpenFile(with, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("auth_token_file: api-token\n")
	f.Close()

	site := p.Sites[0].ID
	tests := []struct {
		name    string
		args    []string
		wantOK  bool
		wantErr string
	}{
		{"audit without the token", []string{"audit", "--config", without, "--site", site}, false, "api token"},
		{"export without the token", []string{"export", "--config", without}, false, "HTTP 401"},
		{"audit with the token", []string{"audit", "--config", with, "--site", site}, true, ""},
		{"export with the token", []string{"export", "--config", with}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if (code == exitOK) != tt.wantOK {
				t.Fatalf("exit %d, want ok=%v; stderr:\n%s", code, tt.wantOK, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr does not say %q:\n%s", tt.wantErr, stderr.String())
			}
		})
	}
}

// TestServeRefusesOpenListenWithoutToken: serve on every interface
// without a token stops at once with a message saying what to set;
// check-config warns of the same config.
func TestServeRefusesOpenListenWithoutToken(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "open.yaml")
	cfgText := "store: store.db\nlisten: 0.0.0.0:0\nsites:\n  - id: a\n    name: A\n    url: https://a.example.gov.cn/\n    level: province\n"
	if err := os.WriteFile(path, []byte(cfgText), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "--config", path}, &stdout, &stderr); code == exitOK {
		t.Fatalf("serve exit 0, want a refusal")
	}
	if msg := stderr.String(); !strings.Contains(msg, "refusing to listen on 0.0.0.0:0 without an api token") || !strings.Contains(msg, "auth_token_file") {
		t.Errorf("stderr does not explain the refusal:\n%s", msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "store.db")); err == nil {
		t.Error("serve created the store before refusing")
	}
	stderr.Reset()
	if code := run([]string{"check-config", path}, &stdout, &stderr); code != exitOK {
		t.Fatalf("check-config exit %d, want 0 with a warning", code)
	}
	if !strings.Contains(stderr.String(), "not a loopback address") {
		t.Errorf("check-config does not warn:\n%s", stderr.String())
	}
}
