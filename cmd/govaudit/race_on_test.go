//go:build race

package main

// raceEnabled reports a build with the race detector: its shadow memory
// multiplies a child process's RSS, so memory bounds are checked without it.
const raceEnabled = true
