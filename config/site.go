package config

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/govaudit/govaudit"
)

// siteID is the form of a site id: stable, and safe in file names, URLs
// and metric labels.
var siteID = regexp.MustCompile(`^[a-z0-9-]+$`)

// levels are the valid site levels, in the order messages list them.
var levels = []govaudit.Level{govaudit.LevelProvince, govaudit.LevelCity, govaudit.LevelCounty}

// requiredSiteKeys are the keys every site must have, with what each holds.
var requiredSiteKeys = []struct{ name, what string }{
	{"id", "a stable id of a-z, 0-9 and -"},
	{"name", "the site's name"},
	{"url", "the home page address"},
	{"level", "province, city or county"},
}

// sites decodes the site list. Ids and addresses are compared across the
// whole list, so the second of two equal ids is reported with the line of
// the first.
func (d *decoder) sites(path string, n *yaml.Node) []govaudit.Site {
	if isNull(n) {
		d.warnf(n, "%s: no sites configured; audits will have nothing to crawl", path)
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: expected a list of sites, got %s", path, describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		d.warnf(n, "%s: the list is empty; audits will have nothing to crawl", path)
		return nil
	}
	ids := make(map[string]siteRef)
	urls := make(map[string]siteRef)
	var out []govaudit.Site
	for i, item := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		item = resolve(item)
		if item == nil || item.Kind != yaml.MappingNode {
			d.errorf(n.Content[i], "%s: expected a site (a mapping with id, name, url and level), got %s", p, describe(item))
			continue
		}
		s, pos := d.site(p, item)
		if pos.id != nil && s.ID != "" {
			if first, dup := ids[s.ID]; dup {
				d.errorf(pos.id, "%s.id: duplicate site id %q; %s at line %d has it too", p, s.ID, first.path, first.line)
			} else {
				ids[s.ID] = siteRef{p, pos.id.Line}
			}
		}
		if pos.url != nil && s.URL != "" {
			key := canonicalURL(s.URL)
			if first, dup := urls[key]; dup {
				d.warnf(pos.url, "%s.url: %s at line %d has the same address; the site will be audited twice", p, first.path, first.line)
			} else {
				urls[key] = siteRef{p, pos.url.Line}
			}
		}
		out = append(out, s)
	}
	return out
}

// siteRef names where a site id or address was first seen.
type siteRef struct {
	path string
	line int
}

// sitePositions holds the value nodes that checks across sites report on.
type sitePositions struct{ id, url *yaml.Node }

func (d *decoder) site(path string, n *yaml.Node) (govaudit.Site, sitePositions) {
	var (
		s   govaudit.Site
		pos sitePositions
		// Hint keys are checked against the site once all of it is read:
		// whether a requirement applies depends on keys after hints.
		hints []*yaml.Node
	)
	present := d.fields(path, n, []field{
		{"id", func(path string, v *yaml.Node) {
			id, ok := d.text(path, v, "an id of a-z, 0-9 and -")
			if !ok {
				return
			}
			if !siteID.MatchString(id) {
				d.errorf(v, "%s: %q may hold only lowercase letters a-z, digits and -", path, id)
				return
			}
			s.ID, pos.id = id, v
		}},
		{"name", func(path string, v *yaml.Node) {
			s.Name, _ = d.text(path, v, "the site's name")
		}},
		{"url", func(path string, v *yaml.Node) {
			if u, ok := d.url(path, v); ok {
				s.URL, pos.url = u, v
			}
		}},
		{"level", func(path string, v *yaml.Node) {
			l, ok := d.text(path, v, "province, city or county")
			if !ok {
				return
			}
			for _, want := range levels {
				if govaudit.Level(l) == want {
					s.Level = want
					return
				}
			}
			d.errorf(v, "%s: %q is not one of province, city, county", path, l)
		}},
		{"department", func(path string, v *yaml.Node) {
			code, ok := d.text(path, v, "a department code from docs/requirements.md (leave the key out for a government portal)")
			if !ok {
				return
			}
			s.Department = code
			if !govaudit.KnownDepartment(code) {
				d.warnf(v, "%s: %q is not a department code of docs/requirements.md, so the site gets the all-* rows only%s", path, code, departmentSuggestion(code))
			}
		}},
		{"city", func(path string, v *yaml.Node) {
			s.City, _ = d.text(path, v, "the name of the city the site belongs to")
		}},
		{"market_supervision", d.boolInto(&s.MarketSupervision)},
		{"archived_columns", func(path string, v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				d.errorf(v, "%s: expected a list of column addresses or labels, got %s", path, describe(v))
				return
			}
			for i, item := range v.Content {
				if a, ok := d.text(fmt.Sprintf("%s[%d]", path, i), item, "a column address or label"); ok {
					s.Archived = append(s.Archived, a)
				}
			}
		}},
		{"hints", func(path string, v *yaml.Node) {
			s.Hints, hints = d.hints(path, v)
		}},
	})
	for _, k := range requiredSiteKeys {
		if !present[k.name] {
			d.errorf(n, "%s: missing required key %q (%s)", path, k.name, k.what)
		}
	}
	d.checkHints(path, s, hints)
	return s, pos
}

// hints decodes a map of requirement id to column address.
// It also returns the key nodes of the hints it kept.
func (d *decoder) hints(path string, n *yaml.Node) (map[string]string, []*yaml.Node) {
	if !d.mapping(path, n, "a mapping of requirement id to column address") {
		return nil, nil
	}
	catalog := govaudit.DefaultCatalog()
	var (
		out  map[string]string
		keys []*yaml.Node
	)
	d.pairs(path, n, func(k, v *yaml.Node) {
		if _, ok := catalog.Lookup(k.Value); !ok {
			d.errorf(k, "%s: unknown requirement id %q; expected an id from docs/requirements.md%s", path, k.Value, didYouMean(k.Value, catalog.IDs()))
			return
		}
		u, ok := d.url(join(path, k.Value), v)
		if !ok {
			return
		}
		if out == nil {
			out = make(map[string]string)
		}
		out[k.Value] = u
		keys = append(keys, k)
	})
	return out, keys
}

// checkHints warns about hints that no audit of the site will read.
func (d *decoder) checkHints(path string, s govaudit.Site, keys []*yaml.Node) {
	catalog := govaudit.DefaultCatalog()
	for _, k := range keys {
		r, _ := catalog.Lookup(k.Value)
		switch {
		case !r.Checked():
			d.warnf(k, "%s.hints: %s is not checkable on the web, so the hint is never used", path, k.Value)
		case s.Level != "" && !r.Applies(s):
			d.warnf(k, "%s.hints: %s does not apply to this site, so the hint is never used", path, k.Value)
		}
	}
}

// url reads an absolute http or https address with a host.
func (d *decoder) url(path string, n *yaml.Node) (string, bool) {
	s, ok := d.text(path, n, "an absolute http or https url")
	if !ok {
		return "", false
	}
	if msg := govaudit.CheckURL(s); msg != "" {
		d.errorf(n, "%s: %q %s", path, s, msg)
		return "", false
	}
	return s, true
}

// canonicalURL is the form in which two addresses of one site compare
// equal: case-insensitive scheme and host, and "/" for an empty path.
func canonicalURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// departmentSuggestion offers a known code for a misspelt one. checks does
// not export its list of codes, so the candidates are the 2016 codes the
// catalog names as leads; a successor code (scjg, sthj, …) is found when it
// differs only in case.
func departmentSuggestion(code string) string {
	if lower := strings.ToLower(code); lower != code && govaudit.KnownDepartment(lower) {
		return fmt.Sprintf(" (did you mean %q?)", lower)
	}
	return didYouMean(code, leadCodes())
}

func leadCodes() []string {
	seen := make(map[string]bool)
	var codes []string
	for _, r := range govaudit.DefaultCatalog().All() {
		for _, c := range r.AppliesTo.Departments {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	sort.Strings(codes)
	return codes
}
