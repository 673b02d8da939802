//go:build !linux

package main

// The figures read from /proc (peak RSS, a child's CPU) exist only on
// Linux; elsewhere they are reported as 0.

func peakRSSMiB() float64  { return 0 }
func resetPeakRSS()        {}
func processCPU() float64  { return 0 }
func childCPU(int) float64 { return 0 }

type rssSampler struct{}

func startRSSSampler() *rssSampler            { return &rssSampler{} }
func (*rssSampler) end() (anon, file float64) { return 0, 0 }
