package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Owner describes the process that holds a store open read-write.
type Owner struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`
	// Listen is the HTTP API address of a serving owner (host:port or a URL),
	// "" when the owner serves nothing.
	Listen  string    `json:"listen,omitempty"`
	Started time.Time `json:"started"`
}

// LockedError is returned by Open when another process holds the store's
// file lock for longer than Options.Timeout.
type LockedError struct {
	Path string
	// Owner is read from the owner sidecar; nil when there is none, it cannot
	// be read, or it names a process that is no longer alive (the lock is then
	// held by someone who records no owner, such as a read-only opener).
	Owner *Owner
}

func (e *LockedError) Error() string {
	if e.Owner == nil {
		return fmt.Sprintf("store %s is in use by another process (no owner recorded)", e.Path)
	}
	o := e.Owner
	var b strings.Builder
	fmt.Fprintf(&b, "store %s is in use by %q (pid %d", e.Path, o.Command, o.PID)
	if o.Listen != "" {
		fmt.Fprintf(&b, ", api %s", o.APIURL())
	}
	b.WriteString(")")
	if !o.Started.IsZero() {
		fmt.Fprintf(&b, " since %s", o.Started.UTC().Format(time.RFC3339))
	}
	return b.String()
}

// APIURL returns Listen as a base URL, adding "http://" to a bare host:port.
func (o Owner) APIURL() string {
	if o.Listen == "" || strings.Contains(o.Listen, "://") {
		return o.Listen
	}
	return "http://" + o.Listen
}

func ownerPath(dbPath string) string { return dbPath + ".owner" }

// defaults fills in what the caller left out, so that the sidecar always
// names a process.
func (o Owner) defaults(now time.Time) Owner {
	if o.PID == 0 {
		o.PID = os.Getpid()
	}
	if o.Command == "" {
		o.Command = filepath.Base(os.Args[0])
	}
	if o.Started.IsZero() {
		o.Started = now
	}
	return o
}

// writeOwner replaces the sidecar atomically, so that a reader never sees a
// half-written file: write a temporary file beside it, then rename.
func writeOwner(path string, o Owner) error {
	data, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// readOwner returns the owner recorded in the sidecar, or nil when it cannot
// be read or its process is gone. A stale sidecar is left by a process that
// was killed; the next owner overwrites it.
func readOwner(path string) *Owner {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var o Owner
	if err := json.Unmarshal(data, &o); err != nil || o.PID <= 0 {
		return nil
	}
	if !processAlive(o.PID) {
		return nil
	}
	return &o
}
