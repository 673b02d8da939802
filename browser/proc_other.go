//go:build !unix

package browser

import "os/exec"

// prepare leaves the command as it is: without process groups, chromedp's
// own shutdown ends the browser.
func prepare(*exec.Cmd) {}

func killGroup(int) {}
