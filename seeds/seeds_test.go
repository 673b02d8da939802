package seeds

import (
	"reflect"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	got, want := Names(), []string{"liaoning"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	for _, n := range got {
		if _, err := Load(n); err != nil {
			t.Errorf("Load(%q): %v", n, err)
		}
	}
}

func TestLoadUnknown(t *testing.T) {
	_, err := Load("nope")
	if err == nil {
		t.Fatal("Load(\"nope\") returned no error")
	}
	for _, want := range append([]string{`"nope"`}, Names()...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

// TestLoadReturnsCopies guards callers that override a seed's sites: a
// change made to one Load's result must not leak into the next.
func TestLoadReturnsCopies(t *testing.T) {
	a, err := Load("liaoning")
	if err != nil {
		t.Fatal(err)
	}
	want := a.Sites[0].Hints["all-10"]
	a.Sites[0].Hints["all-10"] = "https://changed.example/"
	a.Sites[0].Name = "changed"
	b, err := Load("liaoning")
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Sites[0].Hints["all-10"]; got != want {
		t.Errorf("second Load hint = %q, want %q", got, want)
	}
	if got := b.Sites[0].Name; got == "changed" {
		t.Errorf("second Load name = %q, want the seed's name", got)
	}
}

func TestParse(t *testing.T) {
	const site = "  - id: a\n    name: A\n    url: https://www.a.gov.cn/\n    level: city\n"
	tests := []struct {
		name    string
		in      string
		wantErr string // substring; "" for success
	}{
		{"ok", "name: x\nsites:\n" + site, ""},
		{"all keys", "name: x\ntitle: X\nsites:\n" + site +
			"    department: fgw\n    city: A市\n    market_supervision: true\n    hints:\n      all-10: https://www.a.gov.cn/zc/\n", ""},
		{"unknown top key", "name: x\nextra: 1\nsites:\n" + site, "extra"},
		{"unknown site key", "name: x\nsites:\n" + site + "    depatment: fgw\n", "depatment"},
		{"duplicate key", "name: x\nsites:\n" + site + "    level: county\n", "level"},
		{"duplicate id", "name: x\nsites:\n" + site + site, `duplicate id "a"`},
		{"bad level", "name: x\nsites:\n  - id: a\n    name: A\n    url: https://www.a.gov.cn/\n    level: town\n", `"town"`},
		{"missing level", "name: x\nsites:\n  - id: a\n    name: A\n    url: https://www.a.gov.cn/\n", "missing level"},
		{"missing id", "name: x\nsites:\n  - name: A\n    url: https://www.a.gov.cn/\n    level: city\n", "missing id"},
		{"missing url", "name: x\nsites:\n  - id: a\n    name: A\n    level: city\n", "missing url"},
		{"missing name", "sites:\n" + site, "missing name"},
		{"no sites", "name: x\n", "no sites"},
		{"empty", "", "empty"},
		{"not a mapping", "- a\n", "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parse([]byte(tt.in))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				if got, want := len(s.Sites), 1; got != want {
					t.Errorf("got %d sites, want %d", got, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("got no error, want one mentioning %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %q, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

// TestParseAllKeys checks that every key reaches its checks.Site field.
func TestParseAllKeys(t *testing.T) {
	in := "name: x\ntitle: X\nsites:\n  - id: a\n    name: A\n    url: https://www.a.gov.cn/\n    level: province\n" +
		"    department: fgw\n    city: A市\n    market_supervision: true\n    hints:\n      all-10: https://www.a.gov.cn/zc/\n"
	s, err := parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "x" || s.Title != "X" {
		t.Errorf("got name %q title %q, want x, X", s.Name, s.Title)
	}
	got := s.Sites[0]
	if got.ID != "a" || got.Name != "A" || got.URL != "https://www.a.gov.cn/" || got.Level != "province" ||
		got.Department != "fgw" || got.City != "A市" || !got.MarketSupervision ||
		!reflect.DeepEqual(got.Hints, map[string]string{"all-10": "https://www.a.gov.cn/zc/"}) {
		t.Errorf("got %+v, want every key set", got)
	}
}
