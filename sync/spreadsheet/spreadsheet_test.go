package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func TestCSVAsAssociationsWriteThem(t *testing.T) {
	latin1, err := charmap.Windows1252.NewEncoder().String("NOM;Prénom\nDUPRÉ;Hélène\n")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"NOM", "Prénom"}, {"DUPRÉ", "Hélène"}}
	cases := []struct {
		name, text string
		want       [][]string
	}{
		{"Excel in French: semicolons", "NOM;Prénom\nDUPRÉ;Hélène\n", want},
		{"with a BOM and CRLF", "\uFEFFNOM;Prénom\r\nDUPRÉ;Hélène\r\n", want},
		{"Windows-1252", latin1, want},
		{"commas", "NOM,Prénom\nDUPRÉ,Hélène\n", want},
		{"tabs", "NOM\tPrénom\nDUPRÉ\tHélène\n", want},
		{"pipes", "NOM|Prénom\nDUPRÉ|Hélène\n", want},
		{"commas inside quotes do not decide", "NOM;Prénom;Adresse\nDUPRÉ;Hélène;\"3, rue A, Roubaix\"\nMARTIN;Léa;\"1, rue B\"\n",
			[][]string{{"NOM", "Prénom", "Adresse"}, {"DUPRÉ", "Hélène", "3, rue A, Roubaix"}, {"MARTIN", "Léa", "1, rue B"}}},
		{"a line break inside quotes", "NOM;Observations\nDUPRÉ;\"voir\nle CCAS\"\n",
			[][]string{{"NOM", "Observations"}, {"DUPRÉ", "voir\nle CCAS"}}},
		{"trailing empty cells and rows", "NOM;Prénom;;\nDUPRÉ;Hélène;;\n;;;\n\n", want},
		{"one column", "NOM\nDUPRÉ\n", [][]string{{"NOM"}, {"DUPRÉ"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book, err := Read("liste.csv", []byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(book.Sheets) != 1 || !reflect.DeepEqual(book.Sheets[0].Rows, c.want) {
				t.Fatalf("read %q, want %q", book.Sheets, c.want)
			}
		})
	}
}

func TestXLSXAsStoredWithMergedCells(t *testing.T) {
	f := excelize.NewFile()
	mustDo(t, f.SetSheetName("Sheet1", "Titre"))
	mustDo(t, f.SetCellValue("Titre", "A1", "Rien ici"))
	if _, err := f.NewSheet("Bénéficiaires 2024"); err != nil {
		t.Fatal(err)
	}
	sheet := "Bénéficiaires 2024"
	rows := [][]any{
		{"Liste des bénéficiaires"},
		{"NOM", "Prénom", "Né(e) le", "Adresse", "Tél"},
		{"DUPRÉ", "Hélène", 31048, "3 rue A", 612345678},
		{"DUPRÉ", "Louis", 40000, nil, nil},
	}
	for i, row := range rows {
		mustDo(t, f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &row))
	}
	mustDo(t, f.MergeCell(sheet, "D3", "D4")) // one address for the household's two rows
	var buf bytes.Buffer
	mustDo(t, f.Write(&buf))

	book, err := Read("liste.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := book.SheetNames(); !reflect.DeepEqual(got, []string{"Titre", sheet}) {
		t.Fatalf("sheets %q", got)
	}
	s, err := book.Sheet("bénéficiaires 2024 ")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Liste des bénéficiaires"},
		{"NOM", "Prénom", "Né(e) le", "Adresse", "Tél"},
		{"DUPRÉ", "Hélène", "31048", "3 rue A", "612345678"},
		{"DUPRÉ", "Louis", "40000", "3 rue A"},
	}
	if !reflect.DeepEqual(s.Rows, want) {
		t.Fatalf("read %q\nwant %q", s.Rows, want)
	}
	var missing *NoSuchSheetError
	if _, err := book.Sheet("Feuil9"); !errors.As(err, &missing) || len(missing.Sheets) != 2 {
		t.Fatalf("an unknown sheet gives %v", err)
	}
}

func TestXLSXFormulasWithoutValuesAreRefused(t *testing.T) {
	f := excelize.NewFile()
	mustDo(t, f.SetSheetRow("Sheet1", "A1", &[]any{"NOM", "Nb adultes", "Nb enfants", "Total"}))
	mustDo(t, f.SetSheetRow("Sheet1", "A2", &[]any{"DUPRÉ", 2, 1}))
	mustDo(t, f.SetCellFormula("Sheet1", "D2", "B2+C2"))
	var buf bytes.Buffer
	mustDo(t, f.Write(&buf))
	_, err := Read("liste.xlsx", buf.Bytes())
	var fe *FormulaError
	if !errors.As(err, &fe) || fe.Cell != "D2" {
		t.Fatalf("a formula never computed gives %v", err)
	}
}

func TestODSAsLibreOfficeWritesIt(t *testing.T) {
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet>
<table:table table:name="Feuille1">
<table:table-column table:number-columns-repeated="4"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Association du quartier</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>NOM</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Prénom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>DDN</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Adresse</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>DE  LA<text:s text:c="2"/>CROIX</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Anne</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="1985-03-12"><text:p>12/03/85</text:p></table:table-cell><table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>3 rue A</text:p><text:p>Roubaix</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>DE LA CROIX</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Marc</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="2010"><text:p>2010</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="Feuille2"><table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`
	book, err := Read("liste.ods", odsFile(t, content, ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := book.SheetNames(); !reflect.DeepEqual(got, []string{"Feuille1", "Feuille2"}) {
		t.Fatalf("sheets %q", got)
	}
	want := [][]string{
		{"Association du quartier"}, nil, nil,
		{"NOM", "Prénom", "DDN", "Adresse"},
		{"DE  LA  CROIX", "Anne", "1985-03-12", "3 rue A\nRoubaix"},
		{"DE LA CROIX", "Marc", "2010", "3 rue A\nRoubaix"},
	}
	if !reflect.DeepEqual(book.Sheets[0].Rows, want) {
		t.Fatalf("read %q\nwant %q", book.Sheets[0].Rows, want)
	}
	if first, err := book.Sheet(""); err != nil || first.Name != "Feuille1" {
		t.Fatalf("the first sheet with cells is %q (%v)", first.Name, err)
	}
}

func TestFilesThatCannotBeRead(t *testing.T) {
	// A workbook saved with a password, as Excel does it (excelize writes the same
	// ECMA-376 encryption).
	protected := excelize.NewFile()
	mustDo(t, protected.SetCellValue("Sheet1", "A1", "NOM"))
	var encryptedFile bytes.Buffer
	mustDo(t, protected.Write(&encryptedFile, excelize.Options{Password: "secret"}))
	encrypted := encryptedFile.Bytes()
	oldXLS := append(append([]byte{}, oleMagic...), []byte("....W\x00o\x00r\x00k\x00b\x00o\x00o\x00k")...)
	var notXLSX bytes.Buffer
	z := zip.NewWriter(&notXLSX)
	w, err := z.Create("hello.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("bonjour")); err != nil {
		t.Fatal(err)
	}
	mustDo(t, z.Close())
	tooMany := strings.Repeat("NOM;Prénom\n", MaxRows+1)
	cases := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"empty", "liste.csv", nil, ErrEmpty},
		{"blank", "liste.csv", []byte(" \n\n  "), ErrEmpty},
		{"a BOM alone", "liste.csv", utf8BOM, ErrEmpty},
		{"password-protected xlsx", "liste.xlsx", encrypted, ErrPassword},
		{"Excel 97-2003", "liste.xls", oldXLS, ErrOldExcel},
		{"a picture named .xlsx", "liste.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotSpreadsheet},
		{"a zip that is no workbook", "liste.xlsx", notXLSX.Bytes(), ErrNotSpreadsheet},
		{"a PDF", "liste.pdf", []byte("%PDF-1.4\n\x00\x01\x02\x03 binary"), ErrNotSpreadsheet},
		{"password-protected ods", "liste.ods", odsFile(t, "<x/>", `<manifest:encryption-data/>`), ErrPassword},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Read(c.file, c.data); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
	var tm *TooManyRowsError
	if _, err := Read("liste.csv", []byte(tooMany)); !errors.As(err, &tm) {
		t.Fatalf("%d rows give %v", MaxRows+1, err)
	}
}

func TestColumnNames(t *testing.T) {
	for col, want := range map[int]string{0: "A", 2: "C", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("column %d is %q, want %q", col, got, want)
		}
	}
	if got := CellName(13, 2); got != "C14" {
		t.Errorf("CellName(13, 2) = %q", got)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{"NOM;Prénom\nDUPRÉ;Hélène\n", "a,\"b\nc\",d\n", "\uFEFF|x|\n", "\"", "\xe9t\xe9;1\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		book, err := Read("fuzz.csv", data)
		if err == nil && (len(book.Sheets) != 1 || len(book.Sheets[0].Rows) == 0) {
			t.Fatalf("read without error but %d sheets", len(book.Sheets))
		}
	})
}

func FuzzReadODS(f *testing.F) {
	f.Add([]byte(`<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" table:name="A"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="9"/></table:table-row></table:table>`))
	f.Add([]byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><table:table table:name="F"><table:table-row><table:table-cell office:value-type="date" office:date-value="2024-01-01T10:00:00"><text:p>x<text:s text:c="999999"/></text:p></table:table-cell></table:table-row></table:table></office:document-content>`))
	f.Fuzz(func(t *testing.T, content []byte) {
		book, err := parseODSContent(bytes.NewReader(content))
		if err != nil {
			return
		}
		for _, s := range book.Sheets {
			if len(s.Rows) > MaxRows {
				t.Fatalf("%d rows read past the limit", len(s.Rows))
			}
		}
	})
}

// odsFile packs content.xml (and a manifest line) the way LibreOffice does.
func odsFile(t *testing.T, content, manifest string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` + manifest + `</manifest:manifest>`},
		{"content.xml", content},
	} {
		w, err := z.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	mustDo(t, z.Close())
	return buf.Bytes()
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
