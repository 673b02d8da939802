package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that Parse never panics and always answers with either a
// config or a *Problems holding at least one problem.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range append(seeds, "example.yaml") {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("schedule: 'TZ='\n"))
	f.Add([]byte("a: &a [*a, *a]\nsites: *a\n"))
	f.Add([]byte("sites:\n  - {id: a, hints: {fgw-3: *x}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml")
		if err != nil {
			var probs *Problems
			if !errors.As(err, &probs) || len(probs.List) == 0 {
				t.Fatalf("got error %T %v, want *Problems with at least one problem", err, err)
			}
			if c != nil {
				t.Fatalf("got a config along with an error")
			}
			_ = probs.Error()
			return
		}
		if c == nil || c.Location == nil {
			t.Fatalf("got config %v with nil Location or nil config and no error", c)
		}
	})
}
