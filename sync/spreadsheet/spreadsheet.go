// Package spreadsheet reads the files associations keep their lists in (Excel .xlsx,
// LibreOffice .ods, .csv/.txt from either) into sheets of text cells, as the user sees
// them: merged cells repeated over their area, dates of .ods as ISO days, numbers of
// .xlsx as stored (a date is then an Excel serial number; the importer reads both).
package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Sheet is one sheet of a workbook: rows of cells, trailing empty cells trimmed.
type Sheet struct {
	Name string
	Rows [][]string
}

// Cell is the text at row r, column c (both from 0); "" outside the sheet.
func (s Sheet) Cell(r, c int) string {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return ""
	}
	return s.Rows[r][c]
}

// Columns is the number of columns of the widest row.
func (s Sheet) Columns() int {
	n := 0
	for _, row := range s.Rows {
		n = max(n, len(row))
	}
	return n
}

// Workbook is what a file holds: one sheet for a CSV, one or more otherwise.
type Workbook struct {
	Format string // "xlsx", "ods" or "csv"
	Sheets []Sheet
}

// Sheet finds a sheet by name (case and surrounding spaces ignored); "" gives the first
// sheet that has cells.
func (w Workbook) Sheet(name string) (Sheet, error) {
	if strings.TrimSpace(name) == "" {
		for _, s := range w.Sheets {
			if len(s.Rows) > 0 {
				return s, nil
			}
		}
		return Sheet{}, ErrEmpty
	}
	for _, s := range w.Sheets {
		if strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(name)) {
			return s, nil
		}
	}
	return Sheet{}, &NoSuchSheetError{Name: name, Sheets: w.SheetNames()}
}

// SheetNames lists the sheets in the file's order.
func (w Workbook) SheetNames() []string {
	names := make([]string, len(w.Sheets))
	for i, s := range w.Sheets {
		names[i] = s.Name
	}
	return names
}

// MaxRows is the most rows read from one sheet: an association's list has a few thousand;
// more is another kind of file, or one to cut in parts.
const MaxRows = 50_000

var (
	// ErrEmpty: the file (or the sheet) has no cells at all.
	ErrEmpty = errors.New("the file is empty")
	// ErrNotSpreadsheet: the file is none of the formats read.
	ErrNotSpreadsheet = errors.New("the file is not a spreadsheet")
	// ErrPassword: the file is protected by a password.
	ErrPassword = errors.New("the file is protected by a password")
	// ErrOldExcel: an Excel 97-2003 .xls file, which must be saved again as .xlsx.
	ErrOldExcel = errors.New("the file is in the old Excel format (.xls)")
)

// TooManyRowsError: a sheet holds more than MaxRows rows.
type TooManyRowsError struct{ Sheet string }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("sheet %q has more than %d rows", e.Sheet, MaxRows)
}

// NoSuchSheetError: the sheet asked for is not in the file.
type NoSuchSheetError struct {
	Name   string
	Sheets []string
}

func (e *NoSuchSheetError) Error() string {
	return fmt.Sprintf("no sheet %q (the file has %s)", e.Name, strings.Join(e.Sheets, ", "))
}

// FormulaError: cells hold formulas whose results were never computed (a file written
// by a program, not saved by Excel or LibreOffice): their values are unknown.
type FormulaError struct {
	Sheet string
	Cell  string // e.g. "C4"
}

func (e *FormulaError) Error() string {
	return fmt.Sprintf("sheet %q, cell %s: a formula without a computed value", e.Sheet, e.Cell)
}

// Read reads a file's bytes; name's extension is a hint, the content decides.
func Read(name string, data []byte) (Workbook, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return Workbook{}, ErrEmpty
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, oleMagic):
		// Both an encrypted .xlsx and an old .xls are OLE compound files.
		if bytes.Contains(data, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o")) {
			return Workbook{}, ErrPassword
		}
		return Workbook{}, ErrOldExcel
	case bytes.HasPrefix(data, zipMagic):
		if isODS(data) {
			return readODS(data)
		}
		return readXLSX(data)
	case ext == ".xlsx" || ext == ".ods" || ext == ".xls" || looksBinary(data):
		return Workbook{}, ErrNotSpreadsheet
	}
	return readCSV(data)
}

// CellName is the spreadsheet's name of a cell: column letters then row number (from 1).
func CellName(row, col int) string { return ColumnName(col) + fmt.Sprint(row+1) }

// ColumnName is the letters of column col (from 0): A … Z, AA …
func ColumnName(col int) string {
	name := ""
	for col >= 0 {
		name = string(rune('A'+col%26)) + name
		col = col/26 - 1
	}
	return name
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK\x03\x04")
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

// looksBinary: NUL bytes or many control characters in the first KiB are no text file.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 1024)]
	controls := 0
	for _, b := range head {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f':
			controls++
		}
	}
	return controls*10 > len(head)
}

// trimRow drops a row's empty cells at its end; keep is the row's cells.
func trimRow(keep []string) []string {
	n := len(keep)
	for n > 0 && strings.TrimSpace(keep[n-1]) == "" {
		n--
	}
	return keep[:n]
}

// trimSheet drops the empty rows at the end of a sheet.
func trimSheet(rows [][]string) [][]string {
	n := len(rows)
	for n > 0 && len(rows[n-1]) == 0 {
		n--
	}
	return rows[:n]
}
