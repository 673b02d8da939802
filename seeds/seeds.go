// Package seeds holds built-in lists of real government websites that a
// config can include by name (include: [liaoning]) instead of listing every
// site itself.
package seeds

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/govaudit/govaudit"
)

//go:embed liaoning.yaml
var files embed.FS

// registry maps a seed's name to its embedded file.
var registry = map[string]string{
	"liaoning": "liaoning.yaml",
}

// Seed is one built-in site list.
type Seed struct {
	Name  string
	Title string
	Sites []govaudit.Site
}

// Names returns the names of the built-in seeds, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Load parses the built-in seed name. Each call returns fresh values, so a
// caller may change the sites (override a hint, say) without affecting
// another caller.
func Load(name string) (Seed, error) {
	file, ok := registry[name]
	if !ok {
		return Seed{}, fmt.Errorf("unknown seed %q; known seeds: %s", name, strings.Join(Names(), ", "))
	}
	data, err := files.ReadFile(file)
	if err != nil {
		return Seed{}, fmt.Errorf("seed %s: %w", name, err)
	}
	s, err := parse(data)
	if err != nil {
		return Seed{}, fmt.Errorf("seed %s: %w", name, err)
	}
	if s.Name != name {
		return Seed{}, fmt.Errorf("seed %s: the file names itself %q", name, s.Name)
	}
	return s, nil
}

// seedFile is the layout of a seed file.
type seedFile struct {
	Name  string     `yaml:"name"`
	Title string     `yaml:"title"`
	Sites []siteYAML `yaml:"sites"`
}

// siteYAML is a site entry, with the keys of a config file's sites.
type siteYAML struct {
	ID                string            `yaml:"id"`
	Name              string            `yaml:"name"`
	URL               string            `yaml:"url"`
	Level             govaudit.Level    `yaml:"level"`
	Department        string            `yaml:"department"`
	City              string            `yaml:"city"`
	MarketSupervision bool              `yaml:"market_supervision"`
	Hints             map[string]string `yaml:"hints"`
}

// parse decodes a seed file strictly: unknown and duplicate keys are errors,
// and so is a site without an id, name, url or valid level, or a repeated
// id. The finer checks (addresses, codes, hint ids) are the tests' job, since
// the data is fixed at build time.
func parse(data []byte) (Seed, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f seedFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return Seed{}, errors.New("empty seed file")
		}
		return Seed{}, err
	}
	if f.Name == "" {
		return Seed{}, errors.New("missing name")
	}
	if len(f.Sites) == 0 {
		return Seed{}, errors.New("no sites")
	}
	out := Seed{Name: f.Name, Title: f.Title, Sites: make([]govaudit.Site, 0, len(f.Sites))}
	seen := make(map[string]int, len(f.Sites))
	for i, y := range f.Sites {
		if err := y.check(); err != nil {
			return Seed{}, fmt.Errorf("sites[%d] %s: %w", i, y.ID, err)
		}
		if first, dup := seen[y.ID]; dup {
			return Seed{}, fmt.Errorf("sites[%d]: duplicate id %q (also sites[%d])", i, y.ID, first)
		}
		seen[y.ID] = i
		out.Sites = append(out.Sites, govaudit.Site{
			ID:                y.ID,
			Name:              y.Name,
			URL:               y.URL,
			Level:             y.Level,
			Department:        y.Department,
			City:              y.City,
			MarketSupervision: y.MarketSupervision,
			Hints:             y.Hints,
		})
	}
	return out, nil
}

// check reports the first missing required key or invalid level.
func (y siteYAML) check() error {
	switch {
	case y.ID == "":
		return errors.New("missing id")
	case y.Name == "":
		return errors.New("missing name")
	case y.URL == "":
		return errors.New("missing url")
	}
	switch y.Level {
	case govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty:
		return nil
	case "":
		return errors.New("missing level")
	}
	return fmt.Errorf("level %q is not one of province, city, county", y.Level)
}
