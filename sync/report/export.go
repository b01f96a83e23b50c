package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"entraide/storage"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Consolidated figures for a spreadsheet: one row per association, then the network's
// totals, with French headers. CSV is for a French spreadsheet: ';' and UTF-8 with BOM.

var exportHeader = []string{"Association", "Statut", "Rapports reçus", "Mois manquants", "Foyers servis",
	"Personnes servies", "Passages", "Nouveaux foyers", "Poids (kg)", "Personnes distinctes", "Clé réseau différente"}

func exportRows(f NetworkFigures) [][]string {
	rows := [][]string{exportHeader}
	yesNo := func(b bool) string {
		if b {
			return "oui"
		}
		return "non"
	}
	for _, a := range f.Associations {
		rows = append(rows, []string{a.Name, statusFrench(a.Status), strconv.Itoa(a.Reports), strings.Join(a.MissingMonths, " "),
			strconv.Itoa(a.HouseholdsServed), strconv.Itoa(a.PersonsServed), strconv.Itoa(a.Visits),
			strconv.Itoa(a.NewHouseholds), frenchNumber(a.WeightKg), strconv.Itoa(a.DistinctPersons), yesNo(a.KeyFingerprintMismatch)})
	}
	rows = append(rows, []string{"Réseau (total)", "", strconv.Itoa(f.Reports), strconv.Itoa(f.Missing),
		strconv.Itoa(f.HouseholdsServed), strconv.Itoa(f.PersonsServed), strconv.Itoa(f.Visits), "",
		frenchNumber(f.WeightKg), strconv.Itoa(f.Registrations), ""})
	rows = append(rows, []string{"Personnes distinctes dans tout le réseau (estimation)", "", "", "", "", "", "", "", "",
		fmt.Sprintf("%d (entre %d et %d)", f.DistinctPersons.Estimate, f.DistinctPersons.Low, f.DistinctPersons.High), ""})
	meaning := make([]string, len(exportHeader)) // every row as wide as the header, as spreadsheets expect
	meaning[0] = f.DistinctPersons.Meaning
	rows = append(rows, meaning)
	return rows
}

func statusFrench(status string) string {
	if status == "active" {
		return "active"
	}
	return "invitée"
}

func frenchNumber(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// ExportCSV writes the figures as CSV for a French spreadsheet.
func ExportCSV(f NetworkFigures) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.WriteAll(exportRows(f)); err != nil {
		return nil, fmt.Errorf("writing CSV: %w", err)
	}
	return b.Bytes(), nil
}

// ExportXLSX writes the figures as an Excel workbook, numbers as numbers.
func ExportXLSX(f NetworkFigures) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "Réseau " + f.From
	if f.To != f.From {
		sheet += " à " + f.To
	}
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("writing XLSX: %w", err)
	}
	for r, row := range exportRows(f) {
		for c, value := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var v any = value
			if n, err := strconv.ParseFloat(strings.Replace(value, ",", ".", 1), 64); err == nil && r > 0 && c > 1 {
				v = n
			}
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				return nil, fmt.Errorf("writing XLSX: %w", err)
			}
		}
	}
	x.SetColWidth(sheet, "A", "A", 40)
	x.SetColWidth(sheet, "B", "K", 16)
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		return nil, fmt.Errorf("writing XLSX: %w", err)
	}
	return b.Bytes(), nil
}

// ExportFigures writes the network figures as a spreadsheet ("csv" or "xlsx") and notes
// in the audit trail that actor exported them.
func ExportFigures(ctx context.Context, s *storage.Store, f NetworkFigures, format, actor string) ([]byte, error) {
	var data []byte
	var err error
	switch format {
	case "csv":
		data, err = ExportCSV(f)
	case "xlsx":
		data, err = ExportXLSX(f)
	default:
		return nil, fmt.Errorf("figures as %q: csv or xlsx", format)
	}
	if err != nil {
		return nil, err
	}
	return data, s.Audit(ctx, actor, storage.AuditExport, fmt.Sprintf("network figures %s to %s, %s", f.From, f.To, format))
}
