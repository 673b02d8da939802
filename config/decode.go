package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// decoder walks a YAML node tree against the config schema and collects
// every problem instead of stopping at the first, so each value keeps the
// line and column it was written at.
type decoder struct {
	errs  []Problem
	warns []Problem
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, problemAt(n, fmt.Sprintf(format, args...)))
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	d.warns = append(d.warns, problemAt(n, fmt.Sprintf(format, args...)))
}

func problemAt(n *yaml.Node, msg string) Problem {
	if n == nil {
		return Problem{Message: msg}
	}
	return Problem{Line: n.Line, Column: n.Column, Message: msg}
}

// resolve follows an alias to the node it names, so that "*defaults" is
// checked where the anchored value was written.
func resolve(n *yaml.Node) *yaml.Node {
	// An alias cannot carry an anchor of its own, so one step is enough;
	// the bound only guards against a malformed tree.
	for i := 0; i < 8 && n != nil && n.Kind == yaml.AliasNode; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is absent or an explicit null ("key:" or "~").
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// describe names what a value is, for "expected …, got …" messages.
func describe(n *yaml.Node) string {
	switch {
	case isNull(n):
		return "no value"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!str":
		if n.Value == "" {
			return "an empty string"
		}
		return "the string " + strconv.Quote(n.Value)
	case "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value
	}
	return "a value tagged " + n.ShortTag()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// field is one known key of a mapping and what to do with its value.
type field struct {
	name   string
	decode func(path string, value *yaml.Node)
}

// pairs calls fn for each key of mapping n with its resolved value. It
// reports keys that are not plain names, merge keys and keys written twice
// (only the first is passed on).
func (d *decoder) pairs(path string, n *yaml.Node, fn func(key, value *yaml.Node)) {
	where := path
	if where == "" {
		where = "top level"
	}
	seen := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k == nil || k.Kind != yaml.ScalarNode {
			d.errorf(n.Content[i], "%s: expected a key name, got %s", where, describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			d.errorf(k, "%s: merge keys (<<) are not supported; write the keys out", where)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "%s: duplicate key %q (first at line %d)", where, k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		fn(k, v)
	}
}

// fields decodes mapping n against its known keys, reports unknown keys
// with a suggestion, and returns the keys that were present.
func (d *decoder) fields(path string, n *yaml.Node, known []field) map[string]bool {
	names := make([]string, len(known))
	for i, f := range known {
		names[i] = f.name
	}
	present := make(map[string]bool)
	d.pairs(path, n, func(k, v *yaml.Node) {
		for _, f := range known {
			if f.name == k.Value {
				present[f.name] = true
				f.decode(join(path, f.name), v)
				return
			}
		}
		where := path + ": unknown key"
		if path == "" {
			where = "unknown top-level key"
		}
		if s := didYouMean(k.Value, names); s != "" {
			d.errorf(k, "%s %q%s", where, k.Value, s)
			return
		}
		d.errorf(k, "%s %q; expected one of %s", where, k.Value, strings.Join(names, ", "))
	})
	return present
}

// mapping checks that n is a mapping; null counts as an empty one, the
// way a section with every key commented out reads.
func (d *decoder) mapping(path string, n *yaml.Node, what string) bool {
	if isNull(n) {
		return false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: expected %s, got %s", path, what, describe(n))
		return false
	}
	return true
}

// text reads a non-empty scalar as a string. Numbers and booleans are taken
// as written, so that "name: 2016" is the name "2016".
func (d *decoder) text(path string, n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) || n.Value == "" {
		d.errorf(n, "%s: expected %s, got %s", path, what, describe(n))
		return "", false
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value, true
	}
	d.errorf(n, "%s: expected %s, got %s", path, what, describe(n))
	return "", false
}

// integer reads an integer in [lo, hi]; hi < lo means no upper bound.
func (d *decoder) integer(path string, n *yaml.Node, lo, hi int64) (int64, bool) {
	want := fmt.Sprintf("an integer from %d to %d", lo, hi)
	if hi < lo {
		want = fmt.Sprintf("an integer of at least %d", lo)
	}
	var v int64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		d.errorf(n, "%s: expected %s, got %s", path, want, describe(n))
		return 0, false
	}
	if v < lo || (hi >= lo && v > hi) {
		d.errorf(n, "%s: expected %s, got %d", path, want, v)
		return 0, false
	}
	return v, true
}

func (d *decoder) boolean(path string, n *yaml.Node) (bool, bool) {
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		d.errorf(n, "%s: expected true or false, got %s", path, describe(n))
		return false, false
	}
	return v, true
}

// duration reads a Go duration such as "500ms" or "2s". A bare 0 is
// accepted because it needs no unit; any other bare number is an error,
// since "500" could mean milliseconds or seconds.
func (d *decoder) duration(path string, n *yaml.Node, positive bool) (time.Duration, bool) {
	const want = `a duration such as "500ms" or "2s"`
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		if n.Value == "0" {
			return d.durationRange(path, n, 0, positive)
		}
		d.errorf(n, "%s: expected %s, got %s (a number without a unit)", path, want, n.Value)
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.errorf(n, "%s: expected %s, got %s", path, want, describe(n))
		return 0, false
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		d.errorf(n, "%s: expected %s, got %s", path, want, describe(n))
		return 0, false
	}
	return d.durationRange(path, n, v, positive)
}

func (d *decoder) durationRange(path string, n *yaml.Node, v time.Duration, positive bool) (time.Duration, bool) {
	switch {
	case positive && v <= 0:
		d.errorf(n, "%s: expected a duration greater than 0s, got %s", path, v)
		return 0, false
	case v < 0:
		d.errorf(n, "%s: expected a duration of 0s or more, got %s", path, v)
		return 0, false
	}
	return v, true
}

// boolInto returns a field decoder that stores a valid value in dst and
// leaves the default there otherwise; numbers and durations go through the
// settings table (settings.go).
func (d *decoder) boolInto(dst *bool) func(string, *yaml.Node) {
	return func(path string, v *yaml.Node) {
		if b, ok := d.boolean(path, v); ok {
			*dst = b
		}
	}
}
