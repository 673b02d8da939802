//go:build linux

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// peakRSSMiB reads this process's peak resident set (VmHWM) from /proc.
func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// resetPeakRSS restarts this process's peak resident set (VmHWM) from the
// current one, so that each run reports its own peak. Writing 5 to
// clear_refs does that (Linux 4.0 and later); where it fails, the peak is
// the process's since it started.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// processCPU returns the CPU seconds (user and system) this process has
// used so far.
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// clockTicks is USER_HZ, the unit of the times in /proc/PID/stat; it is
// 100 on every Linux platform Go supports.
const clockTicks = 100

// childCPU returns the CPU seconds (user and system) process pid has used
// so far, from /proc/PID/stat, or 0 when it cannot be read.
func childCPU(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may contain spaces: the fields
	// that follow it are counted from the last ')'. utime and stime are
	// fields 14 and 15 of the line, 12 and 13 after the name.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / clockTicks
}

// rssSampler records the peak anonymous and file-backed resident memory of
// this process while it runs. VmHWM counts both, and the file-backed part
// is the store's memory map: pages of the bbolt file the kernel may drop
// at any time, which grow with the file, not with what the audit holds.
type rssSampler struct {
	stop     chan struct{}
	done     chan struct{}
	anon     float64 // peak RssAnon, MiB
	fileBack float64 // peak RssFile, MiB
}

func startRSSSampler() *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			anon, file := rssParts()
			s.anon, s.fileBack = max(s.anon, anon), max(s.fileBack, file)
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// end stops the sampler and returns the peaks in MiB.
func (s *rssSampler) end() (anon, file float64) {
	close(s.stop)
	<-s.done
	return s.anon, s.fileBack
}

func rssParts() (anon, file float64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "RssAnon:":
			anon = kb / 1024
		case "RssFile:":
			file = kb / 1024
		}
	}
	return anon, file
}
