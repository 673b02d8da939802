package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The helper process is this test binary run again with helperEnv set: the
// lock and crash tests need a second process, because that is what the
// store protects against.
const (
	helperEnv     = "GOVAUDIT_STORE_HELPER"
	helperPathEnv = "GOVAUDIT_STORE_HELPER_PATH"
)

// TestHelperProcess is not a test: it runs only as a child of one.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process for the lock and crash tests")
	}
	path := os.Getenv(helperPathEnv)
	var err error
	switch mode {
	case "hold":
		err = helperHold(path)
	case "crash":
		err = helperCrashWriter(path)
	default:
		err = fmt.Errorf("unknown helper mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// helperHold opens the store as a serving owner would, says "ready", and
// keeps it open until its standard input is closed.
func helperHold(path string) error {
	s, err := Open(path, Options{Owner: Owner{Command: "govaudit serve", Listen: "127.0.0.1:9464", Started: t0}})
	if err != nil {
		return err
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n') // returns at EOF
	return s.Close()
}

// startHelper starts the helper in mode on path and waits for its "ready"
// line, whose words after "ready" it returns. The child is killed when the
// test ends if it is still running.
func startHelper(t *testing.T, mode, path string) (*exec.Cmd, io.WriteCloser, []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	// A race-enabled binary sleeps a second at exit unless told not to.
	gorace := strings.TrimSpace(os.Getenv("GORACE") + " atexit_sleep_ms=0")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperPathEnv+"="+path, "GORACE="+gorace)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if words := strings.Fields(sc.Text()); len(words) > 0 && words[0] == "ready" {
				lines <- words[1:]
				return
			}
		}
		close(lines)
	}()
	// The deadline only guards against a hung child; it is not what the
	// test waits for.
	var ready []string
	select {
	case words, ok := <-lines:
		ready = words
		if !ok {
			cmd.Wait()
			t.Fatalf("helper %s exited before ready: %s", mode, stderr.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait() // stderr is complete only after Wait
		t.Fatalf("helper %s not ready after 60s: %s", mode, stderr.String())
	}
	return cmd, stdin, ready
}
