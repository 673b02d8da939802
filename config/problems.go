package config

import (
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a config file, at the place it was written.
// Line and Column are 1-based; 0 means the position is not known (the YAML
// library reports only the line of a syntax error, and a key that is missing
// from the whole file has no place at all).
type Problem struct {
	Line, Column int
	Message      string
}

// Problems is the error Load and Parse return for an invalid config: every
// problem found, not just the first, so that an operator can mend a file in
// one pass.
type Problems struct {
	File string
	List []Problem
}

// Error returns one line per problem, "FILE:LINE:COL: message", sorted by
// position. Unknown parts of the position are left out the way go/token
// does ("FILE:LINE: message" when the column is unknown).
func (p *Problems) Error() string {
	list := append([]Problem(nil), p.List...)
	sortProblems(list)
	var b strings.Builder
	for i, pr := range list {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(position(p.File, pr.Line, pr.Column))
		b.WriteString(pr.Message)
	}
	return b.String()
}

// position formats the "FILE:LINE:COL: " prefix of a problem.
func position(file string, line, col int) string {
	var parts []string
	if file != "" {
		parts = append(parts, file)
	}
	if line > 0 {
		parts = append(parts, strconv.Itoa(line))
		if col > 0 {
			parts = append(parts, strconv.Itoa(col))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ":") + ": "
}

// sortProblems orders problems by line, then column, keeping the order in
// which they were found for problems at the same place.
func sortProblems(list []Problem) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Line != list[j].Line {
			return list[i].Line < list[j].Line
		}
		return list[i].Column < list[j].Column
	})
}
