package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Paths of the files under test, relative to this directory (go test runs
// in the package directory).
const (
	rulesFile        = "prometheus/rules/govaudit.rules.yml"
	rulesTestFile    = "prometheus/rules/govaudit.rules.test.yml"
	prometheusFile   = "prometheus/prometheus.yml"
	alertmanagerFile = "alertmanager/alertmanager.yml"
	dashboardFile    = "grafana/dashboards/govaudit.json"
	composeFile      = "docker-compose.yml"
	containerConfig  = "govaudit.yaml"
	dockerfile       = "../Dockerfile"
)

// requireEnv names, per Debian package, the variable with which .ci/run
// (which installs the packages) turns a skip for want of the tool into a
// failure.
var requireEnv = map[string]string{
	"prometheus":              "GOVAUDIT_REQUIRE_PROMETHEUS",
	"prometheus-alertmanager": "GOVAUDIT_REQUIRE_PROMETHEUS",
	"systemd":                 "GOVAUDIT_REQUIRE_SYSTEMD",
}

// needTool returns the path of an external tool, or skips the test saying
// which Debian package provides it (fails instead when the package's
// GOVAUDIT_REQUIRE_* variable is 1).
func needTool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found on PATH: install the Debian package %s to run this test", name, debianPackage)
		if env := requireEnv[debianPackage]; env != "" && os.Getenv(env) == "1" {
			t.Fatalf("%s (%s=1)", msg, env)
		}
		t.Skip(msg)
	}
	return path
}

// runTool runs a command to completion and returns its combined output.
func runTool(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	return string(out), err
}

// freeAddr returns a loopback address with a port nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// buildGovaudit builds the command from the module root into a temporary
// directory, with the flags of deploy/bundle.sh so that the bundle test
// finds the packages in the build cache.
func buildGovaudit(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "govaudit")
	cmd := exec.Command("go", "build", "-C", "..", "-trimpath", "-o", bin, "./cmd/govaudit")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	b, err := cmd.CombinedOutput()
	out := string(b)
	if err != nil {
		t.Fatalf("go build ./cmd/govaudit: %v\n%s", err, out)
	}
	return bin
}

// process is a started external process whose output goes to a log file.
type process struct {
	name string
	cmd  *exec.Cmd
	log  string
}

// startProcess starts a long-running process and kills it when the test
// ends. Its output is kept in a file of the test's temporary directory and
// shown when the test fails.
func startProcess(t *testing.T, name string, argv ...string) *process {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatalf("create %s: %v", logPath, err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	p := &process{name: name, cmd: cmd, log: logPath}
	// Registered after t.TempDir above, so it runs before the directory is
	// removed.
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		logFile.Close()
		if t.Failed() {
			t.Logf("%s log (%s):\n%s", name, logPath, tail(logPath, 40))
		}
	})
	return p
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// waitUntil polls cond every 200 ms until it reports done or timeout
// passes; the last reason it gave is in the failure message. External
// processes announce readiness only through their APIs, so polling is the
// only way to wait for them.
func waitUntil(t *testing.T, what string, timeout time.Duration, cond func() (done bool, reason string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var reason string
	for {
		var done bool
		if done, reason = cond(); done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %v: %s", what, timeout, reason)
		}
		<-tick.C
	}
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

// waitHTTP waits until url answers 200.
func waitHTTP(t *testing.T, url string, timeout time.Duration) {
	t.Helper()
	waitUntil(t, "GET "+url, timeout, func() (bool, string) {
		resp, err := httpClient.Get(url)
		if err != nil {
			return false, err.Error()
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode == http.StatusOK, resp.Status
	})
}

// getJSON decodes the JSON answer of a GET into v.
func getJSON(rawURL string, v any) error {
	resp, err := httpClient.Get(rawURL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", rawURL, resp.Status, bytes.TrimSpace(body))
	}
	return json.Unmarshal(body, v)
}

// promClient queries a Prometheus HTTP API.
type promClient struct{ base string }

// promSample is one element of an instant vector.
type promSample struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
}

// query runs an instant query and returns its result type and how many
// elements it has (1 for a scalar or string).
func (c promClient) query(expr string) (resultType string, samples []promSample, err error) {
	var answer struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string          `json:"resultType"`
			Result     json.RawMessage `json:"result"`
		} `json:"data"`
	}
	if err := getJSON(c.base+"/api/v1/query?query="+url.QueryEscape(expr), &answer); err != nil {
		return "", nil, err
	}
	if answer.Status != "success" {
		return "", nil, fmt.Errorf("query %q: %s", expr, answer.Error)
	}
	switch answer.Data.ResultType {
	case "vector", "matrix":
		if err := json.Unmarshal(answer.Data.Result, &samples); err != nil {
			return "", nil, fmt.Errorf("query %q: decode: %w", expr, err)
		}
	default:
		// A scalar or a string is one value.
		samples = []promSample{{}}
	}
	return answer.Data.ResultType, samples, nil
}
