package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

const (
	crashSites    = 4
	crashMaxSaves = 500 // a bound, so that a child nobody kills stops by itself
	evidenceBytes = 200 << 10
)

var runBStart = t0.Add(time.Hour)

// bigEvidence is the evidence of run B's seq-th audit: large even once the
// store has compressed it (the marker with pseudo-random hex digits after
// each copy), so that a kill is likely to land while a write transaction
// is being committed, and derived from seq, so that a torn value would not
// compare equal.
func bigEvidence(seq int) string {
	unit := evidenceMarker(seq)
	r := rand.New(rand.NewPCG(uint64(seq), 1))
	var b strings.Builder
	for b.Len() < evidenceBytes {
		fmt.Fprintf(&b, "%s%016x", unit, r.Uint64())
	}
	return b.String()
}

// evidenceMarker is the unit bigEvidence repeats; it names seq unambiguously
// ("|1|" is not a substring of "|11|").
func evidenceMarker(seq int) string { return fmt.Sprintf("|%d|政务公开;", seq) }

// helperCrashWriter saves a complete run A, then writes run B's audits in a
// tight loop, printing "ready" and how long that first write took, until it
// is killed.
func helperCrashWriter(path string) error {
	s, err := Open(path, Options{Owner: Owner{Command: "govaudit crash-writer"}})
	if err != nil {
		return err
	}
	sites := testSites(crashSites)
	ids := siteIDs(sites)
	if err := s.PutSites(sites); err != nil {
		return err
	}
	a, err := s.BeginRun("schedule", ids, t0)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if err := s.SaveAudit(a.ID, testAudit(id, t0.Add(time.Duration(i)*time.Second), "run A")); err != nil {
			return err
		}
	}
	if _, err := s.FinishRun(a.ID, t0.Add(time.Minute)); err != nil {
		return err
	}
	b, err := s.BeginRun("schedule", ids, runBStart)
	if err != nil {
		return err
	}
	for seq := range crashMaxSaves {
		start := time.Now()
		audit := testAudit(ids[seq%len(ids)], runBStart.Add(time.Duration(seq)*time.Second), "run B", bigEvidence(seq))
		audit.Results[0].Details["seq"] = seq
		if err := s.SaveAudit(b.ID, audit); err != nil {
			return err
		}
		if seq == 0 {
			fmt.Println("ready", time.Since(start).Nanoseconds())
		}
	}
	return errors.New("not killed")
}
