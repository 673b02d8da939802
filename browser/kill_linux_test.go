//go:build linux

package browser

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"context"

	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
)

// childEnv makes the test binary a govaudit stand-in that starts the
// browser, prints its process id and waits to be killed.
const childEnv = "GOVAUDIT_BROWSER_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		runChild()
		return
	}
	os.Exit(m.Run())
}

func runChild() {
	srv := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><p>child</p></body></html>")
	})}
	var n testNet
	ln, err := netListen()
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	go srv.Serve(ln)
	n.routes = map[string]string{"www.child.test": ln.Addr().String()}
	b := New(Options{Path: os.Getenv("GOVAUDIT_BROWSER_PATH"), RenderTimeout: 20 * time.Second})
	c, err := newCrawlerForChild(&n)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r := b.Render(context.Background(), c, "http://www.child.test/", false)
	if r.Page.Err != nil {
		fmt.Println("error", r.Page.Err)
		os.Exit(1)
	}
	fmt.Println("pid", b.PID())
	time.Sleep(time.Minute) // killed long before
}

// groupMembers lists the live processes whose process group is pgid.
func groupMembers(pgid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+2:])
		f := strings.Fields(rest)
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g == pgid {
			out = append(out, pid)
		}
	}
	return out
}

func TestNoChromiumSurvivesSIGKILL(t *testing.T) {
	path := chromiumtest.Find(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "GOVAUDIT_BROWSER_PATH="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	pid := 0
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "pid "); ok {
			pid, _ = strconv.Atoi(v)
			break
		}
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
	}
	if pid == 0 {
		t.Fatal("the child printed no browser pid")
	}
	if len(groupMembers(pid)) == 0 {
		t.Fatalf("no process in the browser's group %d while the child runs", pid)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for {
		left := groupMembers(pid)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Chromium processes %v of group %d still alive 10s after govaudit was killed", left, pid)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
