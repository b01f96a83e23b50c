package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"entraide/sync/report"

	"github.com/xuri/excelize/v2"
)

func sampleFigures() report.NetworkFigures {
	return report.NetworkFigures{From: "2026-10", To: "2026-10", Reports: 2, Registrations: 849,
		DistinctPersons:  report.DistinctPersons{Estimate: 712, Low: 700, High: 724, Method: report.ByBirthYear, Meaning: "Environ 712 personnes différentes aidées en 2026-10"},
		HouseholdsServed: 335, PersonsServed: 849, Visits: 1079, WeightKg: 3712.8,
		Associations: []report.AssociationFigures{
			{Name: "Les Amis du Pile", Status: "active", Reports: 1, HouseholdsServed: 202, PersonsServed: 508, Visits: 661, WeightKg: 2305.8, DistinctPersons: 508},
			{Name: "Resto; « l'Alma »", Status: "invited", MissingMonths: []string{"2026-10"}},
		}}
}

func TestExportCSVOpensInAFrenchSpreadsheet(t *testing.T) {
	data, err := report.ExportCSV(sampleFigures())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatal("no UTF-8 byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Association" || rows[1][0] != "Les Amis du Pile" || rows[1][8] != "2305,8" || rows[2][0] != "Resto; « l'Alma »" {
		t.Fatalf("rows %q", rows[:3])
	}
	if figure := rows[len(rows)-2]; figure[9] != "712 (entre 700 et 724)" {
		t.Fatalf("distinct persons row %q", figure)
	}
	if meaning := rows[len(rows)-1]; !strings.HasPrefix(meaning[0], "Environ 712 personnes différentes") {
		t.Fatalf("the figure's meaning %q", meaning)
	}
}

func TestExportXLSX(t *testing.T) {
	data, err := report.ExportXLSX(sampleFigures())
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := x.GetSheetName(0)
	if v, err := x.GetCellValue(sheet, "F2"); err != nil || v != "508" {
		t.Fatalf("persons served cell %q", v)
	}
	if v, err := x.GetCellValue(sheet, "A3"); err != nil || v != "Resto; « l'Alma »" {
		t.Fatalf("name cell %q", v)
	}
}
