package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/config"
)

// cmdCheckConfig validates a config and prints every problem with its line.
func cmdCheckConfig(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check-config", stdout)
	if err := fs.Parse(args); err != nil {
		return flagError(fs, err)
	}
	if fs.NArg() != 1 {
		return usageError{"check-config takes exactly one config file"}
	}
	path := fs.Arg(0)
	cfg, err := config.Load(path)
	if err != nil {
		var probs *config.Problems
		if errors.As(err, &probs) {
			fmt.Fprintln(stdout, probs.Error())
			return configError{fmt.Errorf("%d problem(s) in %s", len(probs.List), path)}
		}
		return configError{err}
	}
	if len(cfg.Warnings) > 0 {
		fmt.Fprintln(stderr, (&config.Problems{File: path, List: cfg.Warnings}).Error())
	}
	return nil
}

// cmdCatalog lists the requirement catalog.
func cmdCatalog(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("catalog", stdout)
	format := fs.String("format", "table", "table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	rows := govaudit.DefaultCatalog().All()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rows)
	case "table":
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tWEB\tMAX AGE\tAPPLIES TO\tTITLE")
		for _, r := range rows {
			maxAge := "—"
			if r.MaxAgeDays > 0 {
				maxAge = fmt.Sprintf("%dd", r.MaxAgeDays)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Kind, r.Web, maxAge, appliesTo(r.AppliesTo), r.Title)
		}
		return tw.Flush()
	default:
		return usageError{fmt.Sprintf("unknown format %q: table or json", *format)}
	}
}

func appliesTo(a govaudit.Applicability) string {
	var parts []string
	if len(a.Portals) > 0 {
		var ls []string
		for _, l := range a.Portals {
			ls = append(ls, string(l))
		}
		parts = append(parts, "portals:"+strings.Join(ls, "/"))
	}
	if a.AllDepartments {
		parts = append(parts, "all departments")
	}
	if len(a.Departments) > 0 {
		parts = append(parts, "dept:"+strings.Join(a.Departments, "/"))
	}
	if a.MarketSupervision {
		parts = append(parts, "market supervision")
	}
	return strings.Join(parts, " + ")
}
