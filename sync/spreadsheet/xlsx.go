package spreadsheet

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// formulaRowsChecked bounds the search for formulas without values: a column of them
// shows in its first rows.
const formulaRowsChecked = 200

// readXLSX reads every sheet's stored values: numbers as stored (dates as Excel serial
// numbers, since Excel's displayed form depends on the computer's settings).
func readXLSX(data []byte) (Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return Workbook{}, fmt.Errorf("opening the Excel file: %v: %w", err, ErrNotSpreadsheet)
	}
	defer f.Close()
	book := Workbook{Format: "xlsx"}
	for _, name := range f.GetSheetList() {
		sheet, err := readXLSXSheet(f, name)
		if err != nil {
			return Workbook{}, err
		}
		book.Sheets = append(book.Sheets, sheet)
	}
	if len(book.Sheets) == 0 {
		return Workbook{}, ErrEmpty
	}
	return book, nil
}

func readXLSXSheet(f *excelize.File, name string) (Sheet, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return Sheet{}, fmt.Errorf("reading sheet %q: %v: %w", name, err, ErrNotSpreadsheet)
	}
	defer rows.Close()
	var grid [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return Sheet{}, fmt.Errorf("reading sheet %q: %v: %w", name, err, ErrNotSpreadsheet)
		}
		grid = append(grid, trimRow(cells))
		if len(grid) > MaxRows {
			return Sheet{}, &TooManyRowsError{Sheet: name}
		}
	}
	if err := rows.Error(); err != nil {
		return Sheet{}, fmt.Errorf("reading sheet %q: %v: %w", name, err, ErrNotSpreadsheet)
	}
	if err := fillMerged(f, name, grid); err != nil {
		return Sheet{}, err
	}
	if err := checkFormulas(f, name, grid); err != nil {
		return Sheet{}, err
	}
	return Sheet{Name: name, Rows: trimSheet(grid)}, nil
}

// fillMerged repeats a merged area's value over the whole area, as the user sees it.
func fillMerged(f *excelize.File, name string, grid [][]string) error {
	merged, err := f.GetMergeCells(name)
	if err != nil {
		return fmt.Errorf("reading the merged cells of %q: %v: %w", name, err, ErrNotSpreadsheet)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		value := ""
		if r1-1 < len(grid) && c1-1 < len(grid[r1-1]) {
			value = grid[r1-1][c1-1]
		}
		for r := r1 - 1; r < min(r2, len(grid)); r++ {
			for c := c1 - 1; c < c2; c++ {
				for len(grid[r]) <= c {
					grid[r] = append(grid[r], "")
				}
				grid[r][c] = value
			}
		}
	}
	return nil
}

// checkFormulas refuses a sheet whose formulas have no computed value in the file.
func checkFormulas(f *excelize.File, name string, grid [][]string) error {
	width := Sheet{Rows: grid}.Columns()
	for r := 0; r < min(len(grid), formulaRowsChecked); r++ {
		for c := 0; c < width; c++ {
			if c < len(grid[r]) && grid[r][c] != "" {
				continue
			}
			cell := CellName(r, c)
			if formula, err := f.GetCellFormula(name, cell); err == nil && formula != "" {
				return &FormulaError{Sheet: name, Cell: cell}
			}
		}
	}
	return nil
}
