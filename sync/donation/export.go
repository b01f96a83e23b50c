package donation

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the table for a spreadsheet: the donation, the method in words, a line per
// association and the total.
func XLSX(t Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Partage"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("writing the table: %w", err)
	}
	rows := [][]any{
		{t.Name},
		{fmt.Sprintf("%d %s", t.Quantity, t.Unit), t.Pickup},
		{t.Rule},
		{},
		{"Association", "Besoin : " + BasisFrench(t.Basis), "Mois reçus", "Part exacte", "Quantité", "Part estimée (cases cachées)", "Laissée de côté"},
	}
	total := 0
	for _, l := range t.Lines {
		total += l.Quantity
		rows = append(rows, []any{l.Name, l.Basis, fmt.Sprintf("%d / %d", l.Months, t.Months), l.Share, l.Quantity, l.Estimated, l.Reason})
	}
	rows = append(rows, []any{"Total", nil, nil, nil, total})
	if t.Left > 0 {
		rows = append(rows, []any{"Reste (toutes au plafond)", nil, nil, nil, t.Left})
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err == nil {
			err = f.SetSheetRow(sheet, cell, &row)
		}
		if err != nil {
			return nil, fmt.Errorf("writing the table: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("writing the table: %w", err)
	}
	return buf.Bytes(), nil
}
