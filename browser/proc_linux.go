//go:build linux

package browser

import (
	"os/exec"
	"syscall"
)

// prepare puts the browser in a process group of its own, which Close
// kills whole, and has the kernel kill it when govaudit dies, however it
// dies (chromedp starts it from a goroutine locked to its thread, so the
// signal follows the process, not a thread that might end).
func prepare(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = new(syscall.SysProcAttr)
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}

// killGroup kills the process group led by pid: the browser and every
// helper it forked that did not leave the group.
func killGroup(pid int) {
	if pid > 0 {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}
