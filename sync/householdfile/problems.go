package householdfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"entraide/assets"
	"entraide/sync/spreadsheet"
)

// Problem is something said about the file: a cell Entraide cannot read, a row left out,
// a column not imported. Key is an English template of the translations, filled with Args;
// the window shows it in its language, the command line in French.
type Problem struct {
	Row    int    // the sheet's row number (from 1); 0 when about the whole file
	Column string // the column's letters; "" when about the whole row
	Key    string
	Args   map[string]any
}

// Label is the problem's translation key (the window passes it to lang.L with Args).
func (p Problem) Label() string { return p.Key }

// Where is the place in French: "ligne 14, colonne C", "ligne 14", or "".
func (p Problem) Where() string {
	switch {
	case p.Row > 0 && p.Column != "":
		return fill(assets.French(keyRowColumn), map[string]any{"Row": p.Row, "Column": p.Column})
	case p.Row > 0:
		return fill(assets.French(keyRow), map[string]any{"Row": p.Row})
	}
	return ""
}

// French is the whole sentence in French: "ligne 14, colonne C : 31/02/1985 n'existe pas".
func (p Problem) French() string {
	text := fill(assets.French(p.Key), p.Args)
	if where := p.Where(); where != "" {
		return where + " : " + text
	}
	return text
}

func fill(text string, args map[string]any) string {
	t, err := template.New("").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, args); err != nil {
		return text
	}
	return b.String()
}

// The problems' keys; ProblemKeys lists them for the translation test.
const (
	keyRowColumn       = "row {{.Row}}, column {{.Column}}"
	keyRow             = "row {{.Row}}"
	keyNoSuchDay       = "{{.Value}} does not exist"
	keyNotADate        = "{{.Value}} is not a date Entraide reads: write it DD/MM/YYYY"
	keyInFuture        = "{{.Value}} is in the future"
	keyBefore1900      = "{{.Value}} is before 1900"
	keyNotASex         = "{{.Value}} is not a sex Entraide reads (F, M, H, Femme, Homme, Mme, M.)"
	keyNotACount       = "{{.Value}} is not a number of persons"
	keyNoLastName      = "the last name is empty"
	keyNoFirstName     = "the first name is empty"
	keyNoApplicant     = "no name on this row: nobody to register"
	keySamePerson      = "{{.Name}} is already on row {{.Other}}: the same person twice in the file"
	keyNoHeader        = "Entraide finds no row of column titles (NOM, Prénom, Date de naissance…) in the first {{.Rows}} rows: choose the row of titles"
	keyNoNameColumn    = "no column holds the last names: say which one does"
	keyNoRows          = "the sheet has no household under its titles"
	keyHeaderAgain     = "the column titles again: left out"
	keyTotalRow        = "a total: left out"
	keyNotImported     = "column {{.Column}} ({{.Header}}) is not imported: it is not chosen"
	keyAgeToYear       = "ages were turned into birth years (approximate): correct them at the next visit"
	keyNotesWords      = "the notes seem to hold health, religion or immigration details ({{.Words}}): the law forbids keeping them; remove them from the file before importing"
	keyAlreadyImported = "already imported (card {{.Card}}): left out"
	keyRegistered      = "{{.Name}} looks already registered (card {{.Card}}): left out; register them by hand if it is another person"
	keyMaybeRegistered = "{{.Name}} may be {{.Registered}} (card {{.Card}}), registered: imported; check with them at their next visit"
	keyCountsToAsk     = "{{.Count}} persons were created from the counts of adults and children, without names: their first names are asked at the next visit"
)

// ProblemKeys lists every problem's key (all are in translations/fr.json and en.json).
func ProblemKeys() []string {
	return []string{keyRowColumn, keyRow, keyNoSuchDay, keyNotADate, keyInFuture, keyBefore1900, keyNotASex,
		keyNotACount, keyNoLastName, keyNoFirstName, keyNoApplicant, keySamePerson, keyNoHeader, keyNoNameColumn,
		keyNoRows, keyHeaderAgain, keyTotalRow, keyNotImported, keyAgeToYear, keyNotesWords, keyAlreadyImported,
		keyRegistered, keyMaybeRegistered, keyCountsToAsk, keyFileEmpty, keyNotSheet, keyPassword, keyOldExcel, keyTooManyRows,
		keyNoSuchSheet, keyFormula, keyUnreadableRaw, keyNoVisitHeader, keyNoNumber, keyNoDay, keyUnknownNumber,
		keyAlreadyServed}
}

// problem is a cell's problem, without its place yet.
func problem(key, value string) *Problem {
	return &Problem{Key: key, Args: map[string]any{"Value": value}}
}

// at places a problem at row r (from 0) and column c (from 0; -1 for the whole row).
func (p Problem) at(r, c int) Problem {
	p.Row = r + 1
	if c >= 0 {
		p.Column = spreadsheet.ColumnName(c)
	}
	return p
}

// The problems of a whole file.
const (
	keyFileEmpty     = "the file is empty: choose the file that holds the list"
	keyNotSheet      = "this file is not a spreadsheet Entraide reads: save it from Excel or LibreOffice as .xlsx, .ods or .csv"
	keyPassword      = "the file is protected by a password: open it in Excel or LibreOffice, remove the password, save it, then import it again"
	keyOldExcel      = "the file is in the old Excel format (.xls): open it in Excel or LibreOffice, save it as .xlsx, then import it again"
	keyTooManyRows   = "sheet {{.Sheet}} has more than {{.Max}} rows: cut it into smaller files"
	keyNoSuchSheet   = "the file has no sheet {{.Sheet}}; its sheets are: {{.Sheets}}"
	keyFormula       = "cell {{.Cell}} of sheet {{.Sheet}} holds a formula whose result is not saved in the file: open the file in Excel or LibreOffice, save it, then import it again"
	keyUnreadableRaw = "the file cannot be read: {{.Err}}"
)

// The problems of a history of visits.
const (
	keyNoVisitHeader = "Entraide finds no titles of a history (Date, N° dossier or N° carte) in the first {{.Rows}} rows: choose the row of titles"
	keyNoNumber      = "no file or card number: Entraide cannot tell whose visit it is"
	keyNoDay         = "no date"
	keyUnknownNumber = "no household has the number {{.Value}}: import the list of households first"
	keyAlreadyServed = "card {{.Card}} already has a distribution on {{.Day}}: left out"
)

// FileProblem says in plain words why a file could not be read at all.
func FileProblem(err error) Problem {
	var tooMany *spreadsheet.TooManyRowsError
	var noSheet *spreadsheet.NoSuchSheetError
	var formula *spreadsheet.FormulaError
	switch {
	case errors.Is(err, spreadsheet.ErrEmpty):
		return Problem{Key: keyFileEmpty}
	case errors.Is(err, spreadsheet.ErrPassword):
		return Problem{Key: keyPassword}
	case errors.Is(err, spreadsheet.ErrOldExcel):
		return Problem{Key: keyOldExcel}
	case errors.Is(err, spreadsheet.ErrNotSpreadsheet):
		return Problem{Key: keyNotSheet}
	case errors.As(err, &tooMany):
		return Problem{Key: keyTooManyRows, Args: map[string]any{"Sheet": tooMany.Sheet, "Max": spreadsheet.MaxRows}}
	case errors.As(err, &noSheet):
		return Problem{Key: keyNoSuchSheet, Args: map[string]any{"Sheet": noSheet.Name, "Sheets": strings.Join(noSheet.Sheets, ", ")}}
	case errors.As(err, &formula):
		return Problem{Key: keyFormula, Args: map[string]any{"Cell": formula.Cell, "Sheet": formula.Sheet}}
	}
	return Problem{Key: keyUnreadableRaw, Args: map[string]any{"Err": err.Error()}}
}

// ReadFile reads a spreadsheet file; its error is a Problem's French sentence.
func ReadFile(path string) (spreadsheet.Workbook, *Problem) {
	data, err := os.ReadFile(path)
	if err != nil {
		p := Problem{Key: keyUnreadableRaw, Args: map[string]any{"Err": err.Error()}}
		return spreadsheet.Workbook{}, &p
	}
	book, err := spreadsheet.Read(filepath.Base(path), data)
	if err != nil {
		p := FileProblem(err)
		return spreadsheet.Workbook{}, &p
	}
	return book, nil
}

// FailedSummary is the summary of a file that could not be read at all.
func FailedSummary(p Problem) Summary {
	return Summary{Errors: reports([]Problem{p}), Duplicates: []CellReport{}, Warnings: []CellReport{}, Problems: []Problem{p}}
}
