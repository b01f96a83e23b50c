package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// separators are the ones French spreadsheets write: Excel in French uses ';'.
var separators = []rune{';', ',', '\t', '|'}

// readCSV reads text in UTF-8 (with or without BOM) or Windows-1252, told apart by UTF-8
// validity, with the separator its first lines use most consistently.
func readCSV(data []byte) (Workbook, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return Workbook{}, fmt.Errorf("reading the text as Windows-1252: %w", err)
		}
		data = decoded
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = detectSeparator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var rows [][]string
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Workbook{}, fmt.Errorf("line %d: %w", pe.Line, ErrNotSpreadsheet)
			}
			return Workbook{}, fmt.Errorf("reading the text: %w", err)
		}
		rows = append(rows, trimRow(record))
		if len(rows) > MaxRows {
			return Workbook{}, &TooManyRowsError{Sheet: "CSV"}
		}
	}
	rows = trimSheet(rows)
	if len(rows) == 0 {
		return Workbook{}, ErrEmpty
	}
	return Workbook{Format: "csv", Sheets: []Sheet{{Name: "CSV", Rows: rows}}}, nil
}

// detectSeparator counts each candidate on the first lines, outside quotes: the one
// found on most lines with the same count wins; ';' when none is seen (one column).
func detectSeparator(data []byte) rune {
	lines := firstLines(data, 20)
	best, bestScore := ';', 0
	for _, sep := range separators {
		counts := map[int]int{}
		for _, line := range lines {
			if n := countOutsideQuotes(line, sep); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for n, lines := range counts {
			// Lines agreeing on a count, weighted a little by the count (more columns).
			score = max(score, lines*100+n)
		}
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// firstLines splits the start of data into records, keeping quoted line breaks inside.
func firstLines(data []byte, n int) []string {
	var lines []string
	var current []rune
	quoted := false
	for _, r := range string(data[:min(len(data), 64*1024)]) {
		switch {
		case r == '"':
			quoted = !quoted
		case (r == '\n' || r == '\r') && !quoted:
			if len(current) > 0 {
				lines = append(lines, string(current))
				current = current[:0]
				if len(lines) == n {
					return lines
				}
			}
			continue
		}
		current = append(current, r)
	}
	if len(current) > 0 {
		lines = append(lines, string(current))
	}
	return lines
}

func countOutsideQuotes(line string, sep rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			n++
		}
	}
	return n
}
