package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"entraide/sync/householdfile"
)

// cmdHouseholds brings a former list of households in ("import"), or writes them all out
// as a spreadsheet ("export").
func cmdHouseholds(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return cmdHouseholdsImport(ctx, args[1:], stdout)
		case "export":
			return cmdHouseholdsExport(ctx, args[1:], stdout)
		case "visits":
			return cmdHouseholdsVisits(ctx, args[1:], stdout)
		}
	}
	return usageError{"households import|visits|export"}
}

// mapFlag reads --map COLUMN=field,COLUMN=field (a column by letters or title).
func mapFlag(text string) (map[string]householdfile.Field, error) {
	choices := map[string]householdfile.Field{}
	for _, pair := range strings.Split(text, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		column, code, ok := strings.Cut(pair, "=")
		field, known := householdfile.ParseField(code)
		if !ok || strings.TrimSpace(column) == "" || !known {
			names := make([]string, len(householdfile.Fields))
			for i, f := range householdfile.Fields {
				names[i] = string(f)
			}
			return nil, usageError{fmt.Sprintf("--map %q: expected COLUMN=FIELD, FIELD one of none, %s", pair, strings.Join(names, ", "))}
		}
		choices[column] = field
	}
	return choices, nil
}

func cmdHouseholdsImport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("households import", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	sheet := fs.String("sheet", "", "the sheet to read (default: the first with cells)")
	header := fs.Int("header-row", 0, "the row of column titles, from 1 (default: found)")
	mapping := fs.String("map", "", "COLUMN=FIELD,... (a column by letters or title)")
	dryRun := fs.Bool("dry-run", false, "say what would be imported, write nothing")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"one FILE (.xlsx, .ods, .csv or .txt) is required"}
	}
	choices, err := mapFlag(*mapping)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	book, problem := householdfile.ReadFile(rest[0])
	if problem != nil {
		return unreadable(stdout, *problem)
	}
	u, err := householdfile.Understand(book, householdfile.Options{Sheet: *sheet, HeaderRow: *header, Map: choices, Today: s.Today()})
	if err != nil {
		return unreadable(stdout, householdfile.FileProblem(err))
	}
	summary, err := householdfile.Run(ctx, s, u, "entraidectl", *dryRun)
	if err != nil {
		return err
	}
	return printSummary(stdout, summary, len(summary.Errors), rest[0])
}

func cmdHouseholdsExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("households export", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	out := fs.String("out", "", "FILE.xlsx or FILE.csv to write")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "xlsx" && format != "csv" {
		return usageError{"--out FILE.xlsx or FILE.csv is required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	content, persons, err := householdfile.Export(ctx, s, format, "entraidectl")
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, content); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "persons": persons})
}

// cmdHouseholdsVisits imports a former list's history of distributions.
func cmdHouseholdsVisits(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("households visits", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	sheet := fs.String("sheet", "", "the sheet to read (default: the first with cells)")
	dryRun := fs.Bool("dry-run", false, "say what would be imported, write nothing")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"one FILE (.xlsx, .ods, .csv or .txt) is required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	book, problem := householdfile.ReadFile(rest[0])
	if problem != nil {
		return unreadable(stdout, *problem)
	}
	u, err := householdfile.UnderstandVisits(book, householdfile.Options{Sheet: *sheet, Today: s.Today()})
	if err != nil {
		return unreadable(stdout, householdfile.FileProblem(err))
	}
	summary, err := householdfile.RunVisits(ctx, s, u, "entraidectl", *dryRun)
	if err != nil {
		return err
	}
	return printSummary(stdout, summary, len(summary.Errors), rest[0])
}

// printSummary prints an import's summary; errors in the file make it exit 1.
func printSummary(stdout io.Writer, summary any, errors int, file string) error {
	if err := writeJSON(stdout, summary); err != nil {
		return err
	}
	if errors > 0 {
		return fmt.Errorf("nothing imported: %d problem(s) in %s, see \"errors\"", errors, filepath.Base(file))
	}
	return nil
}

// unreadable prints the summary of a file that could not be read at all, and the error.
func unreadable(stdout io.Writer, p householdfile.Problem) error {
	if err := writeJSON(stdout, householdfile.FailedSummary(p)); err != nil {
		return err
	}
	return fmt.Errorf("nothing imported: %s", p.French())
}
