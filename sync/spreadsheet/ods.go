package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxODSContent bounds the unpacked content.xml (a zip bomb is no spreadsheet).
const maxODSContent = 256 << 20

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

func isODS(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range z.File {
		if f.Name == "mimetype" {
			rc, err := f.Open()
			if err != nil {
				return false
			}
			defer rc.Close()
			kind, err := io.ReadAll(io.LimitReader(rc, 200))
			return err == nil && strings.HasPrefix(string(kind), "application/vnd.oasis.opendocument.spreadsheet")
		}
	}
	return false
}

// readODS reads LibreOffice's own format from its content.xml with the standard library:
// dates as ISO days, numbers as stored, text with its line breaks.
func readODS(data []byte) (Workbook, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Workbook{}, fmt.Errorf("opening the LibreOffice file: %v: %w", err, ErrNotSpreadsheet)
	}
	var content *zip.File
	for _, f := range z.File {
		switch f.Name {
		case "content.xml":
			content = f
		case "META-INF/manifest.xml":
			if encrypted, err := odsEncrypted(f); err != nil {
				return Workbook{}, err
			} else if encrypted {
				return Workbook{}, ErrPassword
			}
		}
	}
	if content == nil {
		return Workbook{}, fmt.Errorf("no content.xml: %w", ErrNotSpreadsheet)
	}
	rc, err := content.Open()
	if err != nil {
		return Workbook{}, fmt.Errorf("opening content.xml: %v: %w", err, ErrNotSpreadsheet)
	}
	defer rc.Close()
	book, err := parseODSContent(io.LimitReader(rc, maxODSContent))
	if err != nil {
		return Workbook{}, err
	}
	if len(book.Sheets) == 0 {
		return Workbook{}, ErrEmpty
	}
	return book, nil
}

// odsEncrypted: a password-protected ODS lists encryption data in its manifest.
func odsEncrypted(f *zip.File) (bool, error) {
	rc, err := f.Open()
	if err != nil {
		return false, fmt.Errorf("opening the manifest: %v: %w", err, ErrNotSpreadsheet)
	}
	defer rc.Close()
	manifest, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return false, fmt.Errorf("reading the manifest: %v: %w", err, ErrNotSpreadsheet)
	}
	return bytes.Contains(manifest, []byte("encryption-data")), nil
}

type odsArea struct{ row, col, rows, cols int }

// odsSheet builds one table: repeated empty rows and cells are only counted, so that a
// sheet "repeated" to a million rows costs nothing.
type odsSheet struct {
	name        string
	rows        [][]string
	pendingRows int // empty rows seen since the last row with a value
	merged      []odsArea
}

type odsCell struct {
	text      strings.Builder
	value     string
	repeat    int
	spanRows  int
	spanCols  int
	paragraph int
}

func parseODSContent(r io.Reader) (Workbook, error) {
	dec := xml.NewDecoder(r)
	book := Workbook{Format: "ods"}
	var sheet *odsSheet
	var row []string
	var rowRepeat, col int
	var cell *odsCell
	var rowMerges []odsArea
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Workbook{}, fmt.Errorf("reading content.xml: %v: %w", err, ErrNotSpreadsheet)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsTable && t.Name.Local == "table":
				sheet = &odsSheet{name: attr(t, nsTable, "name")}
			case sheet != nil && t.Name.Space == nsTable && t.Name.Local == "table-row":
				row, col, rowMerges = nil, 0, nil
				rowRepeat = max(1, atoi(attr(t, nsTable, "number-rows-repeated")))
			case sheet != nil && t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				cell = &odsCell{repeat: max(1, atoi(attr(t, nsTable, "number-columns-repeated"))),
					spanRows: atoi(attr(t, nsTable, "number-rows-spanned")),
					spanCols: atoi(attr(t, nsTable, "number-columns-spanned"))}
				switch attr(t, nsOffice, "value-type") {
				case "date":
					cell.value = attr(t, nsOffice, "date-value")
					if len(cell.value) > 10 && cell.value[10] == 'T' {
						cell.value = cell.value[:10]
					}
				case "float", "percentage", "currency":
					cell.value = attr(t, nsOffice, "value")
				case "boolean":
					cell.value = attr(t, nsOffice, "boolean-value")
				}
			case cell != nil && t.Name.Space == nsText && t.Name.Local == "p":
				if cell.paragraph > 0 {
					cell.text.WriteByte('\n')
				}
				cell.paragraph++
			case cell != nil && t.Name.Space == nsText && t.Name.Local == "s":
				cell.text.WriteString(strings.Repeat(" ", min(max(1, atoi(attr(t, nsText, "c"))), 100)))
			case cell != nil && t.Name.Space == nsText && t.Name.Local == "tab":
				cell.text.WriteByte('\t')
			case cell != nil && t.Name.Space == nsText && t.Name.Local == "line-break":
				cell.text.WriteByte('\n')
			}
		case xml.CharData:
			if cell != nil && cell.paragraph > 0 {
				cell.text.Write(t)
			}
		case xml.EndElement:
			switch {
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell") && cell != nil:
				value := cell.value
				if value == "" {
					value = cell.text.String()
				}
				if cell.spanRows > 1 || cell.spanCols > 1 {
					rowMerges = append(rowMerges, odsArea{col: col, rows: max(1, cell.spanRows), cols: max(1, cell.spanCols)})
				}
				if value != "" {
					for len(row) < col {
						row = append(row, "")
					}
					for range min(cell.repeat, 1024) {
						row = append(row, value)
					}
				}
				col += cell.repeat
				cell = nil
			case t.Name.Space == nsTable && t.Name.Local == "table-row" && sheet != nil:
				if len(row) == 0 && len(rowMerges) == 0 {
					sheet.pendingRows += rowRepeat
					continue
				}
				if sheet.pendingRows > 0 {
					if len(sheet.rows)+sheet.pendingRows > MaxRows {
						return Workbook{}, &TooManyRowsError{Sheet: sheet.name}
					}
					for range sheet.pendingRows {
						sheet.rows = append(sheet.rows, nil)
					}
					sheet.pendingRows = 0
				}
				for _, m := range rowMerges {
					m.row = len(sheet.rows)
					sheet.merged = append(sheet.merged, m)
				}
				for range rowRepeat {
					sheet.rows = append(sheet.rows, row)
					if len(sheet.rows) > MaxRows {
						return Workbook{}, &TooManyRowsError{Sheet: sheet.name}
					}
				}
			case t.Name.Space == nsTable && t.Name.Local == "table" && sheet != nil:
				book.Sheets = append(book.Sheets, Sheet{Name: sheet.name, Rows: trimSheet(sheet.fillMerged())})
				sheet = nil
			}
		}
	}
	return book, nil
}

// fillMerged repeats each merged area's first cell over the area.
func (s *odsSheet) fillMerged() [][]string {
	for _, m := range s.merged {
		value := ""
		if m.col < len(s.rows[m.row]) {
			value = s.rows[m.row][m.col]
		}
		for r := m.row; r < min(m.row+m.rows, len(s.rows)); r++ {
			row := append([]string(nil), s.rows[r]...) // rows repeated share storage
			for c := m.col; c < m.col+min(m.cols, 1024); c++ {
				for len(row) <= c {
					row = append(row, "")
				}
				row[c] = value
			}
			s.rows[r] = row
		}
	}
	return s.rows
}

func attr(e xml.StartElement, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return min(n, 1<<20)
}
