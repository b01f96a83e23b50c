package householdfile

import (
	"context"
	"fmt"

	"entraide/assets"
	"entraide/storage"
)

// Summary is what an import did, or would do (a dry run), as entraidectl prints it.
type Summary struct {
	Sheet      string       `json:"sheet"`
	HeaderRow  int          `json:"header_row"`
	Rows       int          `json:"rows"`
	Households int          `json:"households"` // registered, or to be
	Persons    int          `json:"persons"`
	Errors     []CellReport `json:"errors"`
	Duplicates []CellReport `json:"duplicates"` // left out: already registered
	Warnings   []CellReport `json:"warnings"`
	Imported   bool         `json:"imported"`
	// Problems are Errors, Duplicates and Warnings as found, for the window to translate.
	Problems []Problem `json:"-"`
}

// CellReport is a problem where it is, in French.
type CellReport struct {
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Problem string `json:"problem"`
}

// Run imports what Understand read (or only says what it would do: dryRun). A file with
// errors imports nothing; households already imported or looking already registered are
// left out and listed. Everything is written in one transaction, audited, or nothing.
func Run(ctx context.Context, store *storage.Store, u Understood, by string, dryRun bool) (Summary, error) {
	inputs := make([]storage.ImportInput, len(u.Households))
	for i, h := range u.Households {
		inputs[i] = h.Input
	}
	plan, err := store.ImportHouseholds(ctx, inputs, by, true)
	if err != nil {
		return Summary{}, fmt.Errorf("checking the households of sheet %q: %w", u.Sheet, err)
	}
	errs := append([]Problem(nil), u.Errors...)
	var duplicates, possible []Problem
	for i, o := range plan.Outcomes {
		rows := u.Households[i].Rows
		switch {
		case o.Invalid != nil:
			// Understand checks what the form checks; this says the row if they ever differ.
			errs = append(errs, Problem{Row: rows[0], Key: keyNoApplicant})
		case o.AlreadyImported != "":
			duplicates = append(duplicates, Problem{Row: rows[0], Key: keyAlreadyImported, Args: map[string]any{"Card": o.AlreadyImported}})
		default:
			for _, d := range o.Duplicates {
				row := rows[0]
				if d.Member-1 < len(rows) {
					row = rows[d.Member-1]
				}
				duplicates = append(duplicates, Problem{Row: row, Key: keyRegistered,
					Args: map[string]any{"Name": storage.DisplayName(d.FirstName, d.LastName), "Card": d.Card}})
			}
			for _, d := range o.Possible {
				row := rows[0]
				if d.Member-1 < len(rows) {
					row = rows[d.Member-1]
				}
				typed := u.Households[i].Input.Household.Members[d.Member-1]
				possible = append(possible, Problem{Row: row, Key: keyMaybeRegistered, Args: map[string]any{
					"Name": storage.DisplayName(typed.FirstName, typed.LastName), "Registered": storage.DisplayName(d.FirstName, d.LastName), "Card": d.Card}})
			}
		}
	}
	s := Summary{Sheet: u.Sheet, HeaderRow: u.HeaderRow, Rows: u.Rows, Households: plan.Households, Persons: plan.Persons,
		Errors: reports(errs), Duplicates: reports(duplicates), Warnings: reports(append(append([]Problem(nil), u.Warnings...), possible...))}
	s.Problems = append(append(append(append(s.Problems, errs...), duplicates...), u.Warnings...), possible...)
	if dryRun || len(errs) > 0 || plan.Households == 0 {
		return s, nil
	}
	if plan, err = store.ImportHouseholds(ctx, inputs, by, false); err != nil {
		return s, fmt.Errorf("importing the households of sheet %q: %w", u.Sheet, err)
	}
	s.Households, s.Persons, s.Imported = plan.Households, plan.Persons, true
	return s, nil
}

func reports(problems []Problem) []CellReport {
	list := make([]CellReport, 0, len(problems))
	for _, p := range problems {
		list = append(list, CellReport{Row: p.Row, Column: p.Column, Problem: fill(assets.French(p.Key), p.Args)})
	}
	return list
}
