//go:build race

package store

// raceEnabled reports a build with the race detector, which slows the size
// simulation down tenfold.
const raceEnabled = true
