package householdfile

import (
	"context"
	"fmt"
	"strings"

	"entraide/storage"
	"entraide/sync/spreadsheet"
)

// visitHeaders are the titles of a former list's history: a day, the household's number,
// the persons served.
var visitHeaders = map[string]Field{
	"date": fieldVisitDay, "date de passage": fieldVisitDay, "date du passage": fieldVisitDay, "passage": fieldVisitDay,
	"jour": fieldVisitDay, "date de distribution": fieldVisitDay, "distribution": fieldVisitDay, "date colis": fieldVisitDay,
	"personnes": fieldPersons, "nb personnes": fieldPersons, "nombre de personnes": fieldPersons, "personnes servies": fieldPersons,
	"nb de personnes": fieldPersons, "nbre personnes": fieldPersons,
}

// Fields of a history file only.
const (
	fieldVisitDay Field = "visit_day"
	fieldPersons  Field = "persons"
)

// VisitsUnderstood is what Entraide read in a history file.
type VisitsUnderstood struct {
	Sheet     string
	HeaderRow int
	Rows      int
	Visits    []storage.PastVisit
	rows      []int // the sheet row of each visit
	Errors    []Problem
	Warnings  []Problem
}

// UnderstandVisits reads a history: one row per distribution, with its day, the
// household's file or card number, and optionally the persons served.
func UnderstandVisits(book spreadsheet.Workbook, opts Options) (VisitsUnderstood, error) {
	sheet, err := book.Sheet(opts.Sheet)
	if err != nil {
		return VisitsUnderstood{}, err
	}
	u := VisitsUnderstood{Sheet: sheet.Name}
	fieldOf := func(title string) Field {
		if f, ok := visitHeaders[normalizedHeader(title)]; ok {
			return f
		}
		if f := headerField(title); f == FieldFileNumber || f == FieldCardNumber {
			return f
		}
		return FieldNone
	}
	header := opts.HeaderRow - 1
	if header < 0 {
		header = -1
		for r := 0; r < min(len(sheet.Rows), headerSearchRows) && header < 0; r++ {
			known := map[Field]bool{}
			for _, cell := range sheet.Rows[r] {
				if f := fieldOf(cell); f != FieldNone {
					known[f] = true
				}
			}
			if len(known) >= 2 {
				header = r
			}
		}
	}
	if header < 0 || header >= len(sheet.Rows) {
		u.Errors = append(u.Errors, Problem{Key: keyNoVisitHeader, Args: map[string]any{"Rows": headerSearchRows}})
		return u, nil
	}
	u.HeaderRow = header + 1
	columns := map[Field]int{}
	for c, title := range sheet.Rows[header] {
		f := fieldOf(title)
		for key, chosen := range opts.Map {
			if strings.EqualFold(strings.TrimSpace(key), spreadsheet.ColumnName(c)) || normalizedHeader(key) == normalizedHeader(title) {
				f = chosen
			}
		}
		if _, taken := columns[f]; f != FieldNone && !taken {
			columns[f] = c
		}
	}
	number, hasNumber := columns[FieldFileNumber]
	if !hasNumber {
		number, hasNumber = columns[FieldCardNumber]
	}
	day, hasDay := columns[fieldVisitDay]
	if !hasNumber || !hasDay {
		u.Errors = append(u.Errors, Problem{Key: keyNoVisitHeader, Args: map[string]any{"Rows": headerSearchRows}})
		return u, nil
	}
	persons, hasPersons := columns[fieldPersons]
	for r := header + 1; r < len(sheet.Rows); r++ {
		cells := sheet.Rows[r]
		if blank(cells) || isTotal(cells) {
			continue
		}
		u.Rows++
		v := storage.PastVisit{Number: strings.TrimSpace(sheet.Cell(r, number))}
		var problems []Problem
		if storage.OldNumberKey(v.Number) == "" {
			problems = append(problems, Problem{Key: keyNoNumber}.at(r, number))
		}
		d, p := parseDay(sheet.Cell(r, day), opts.Today, false)
		switch {
		case p != nil:
			problems = append(problems, p.at(r, day))
		case d.IsZero():
			problems = append(problems, Problem{Key: keyNoDay}.at(r, day))
		case opts.Today.Before(d):
			problems = append(problems, problem(keyInFuture, sheet.Cell(r, day)).at(r, day))
		}
		v.Day = d
		if hasPersons {
			n, p := parseCount(sheet.Cell(r, persons))
			if p != nil {
				problems = append(problems, p.at(r, persons))
			}
			v.Persons = n
		}
		if len(problems) > 0 {
			u.Errors = append(u.Errors, problems...)
			continue
		}
		u.Visits = append(u.Visits, v)
		u.rows = append(u.rows, r+1)
	}
	if u.Rows == 0 && len(u.Errors) == 0 {
		u.Errors = append(u.Errors, Problem{Key: keyNoRows})
	}
	return u, nil
}

// VisitsSummary is what importing a history did, or would do.
type VisitsSummary struct {
	Sheet    string       `json:"sheet"`
	Rows     int          `json:"rows"`
	Visits   int          `json:"visits"` // recorded, or to be
	Errors   []CellReport `json:"errors"`
	Already  []CellReport `json:"already_recorded"`
	Imported bool         `json:"imported"`
	Problems []Problem    `json:"-"`
}

// RunVisits imports the history read (or says what it would do): a number that no
// household holds is an error, and a file with errors records nothing.
func RunVisits(ctx context.Context, store *storage.Store, u VisitsUnderstood, by string, dryRun bool) (VisitsSummary, error) {
	outcomes, n, err := store.ImportPastVisits(ctx, u.Visits, by, true)
	if err != nil {
		return VisitsSummary{}, fmt.Errorf("checking the visits of sheet %q: %w", u.Sheet, err)
	}
	errs := append([]Problem(nil), u.Errors...)
	var already []Problem
	for i, o := range outcomes {
		switch {
		case o.Unknown:
			errs = append(errs, Problem{Row: u.rows[i], Key: keyUnknownNumber, Args: map[string]any{"Value": u.Visits[i].Number}})
		case o.Already:
			already = append(already, Problem{Row: u.rows[i], Key: keyAlreadyServed, Args: map[string]any{"Card": o.Card, "Day": u.Visits[i].Day.French()}})
		}
	}
	s := VisitsSummary{Sheet: u.Sheet, Rows: u.Rows, Visits: n, Errors: reports(errs), Already: reports(already)}
	s.Problems = append(append(s.Problems, errs...), already...)
	if dryRun || len(errs) > 0 || n == 0 {
		return s, nil
	}
	if _, n, err = store.ImportPastVisits(ctx, u.Visits, by, false); err != nil {
		return s, fmt.Errorf("importing the visits of sheet %q: %w", u.Sheet, err)
	}
	s.Visits, s.Imported = n, true
	return s, nil
}
