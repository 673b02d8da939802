package config

import "testing"

func TestProblemsError(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problems
		want string
	}{
		{"sorted by line then column", Problems{File: "c.yaml", List: []Problem{
			{Line: 9, Column: 3, Message: "third"},
			{Line: 2, Column: 7, Message: "second"},
			{Line: 2, Column: 1, Message: "first"},
		}}, "c.yaml:2:1: first\nc.yaml:2:7: second\nc.yaml:9:3: third"},
		{"same place keeps the order found", Problems{File: "c.yaml", List: []Problem{
			{Line: 4, Column: 5, Message: "a"},
			{Line: 4, Column: 5, Message: "b"},
		}}, "c.yaml:4:5: a\nc.yaml:4:5: b"},
		{"unknown column", Problems{File: "c.yaml", List: []Problem{
			{Line: 3, Message: "invalid yaml: x"},
		}}, "c.yaml:3: invalid yaml: x"},
		{"no position", Problems{File: "c.yaml", List: []Problem{
			{Message: "whole file"},
		}}, "c.yaml: whole file"},
		{"no file name", Problems{List: []Problem{
			{Line: 1, Column: 2, Message: "m"},
		}}, "1:2: m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestProblemsErrorDoesNotReorderList(t *testing.T) {
	p := &Problems{List: []Problem{{Line: 2, Message: "b"}, {Line: 1, Message: "a"}}}
	_ = p.Error()
	if p.List[0].Message != "b" {
		t.Errorf("Error() reordered List: got %v", p.List)
	}
}
