package householdfile

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"

	"entraide/storage"

	"github.com/xuri/excelize/v2"
)

// exportHeaders are the export's French column titles; Understand maps each back, so
// that an export imports into another Entraide (the card becomes the old number).
var exportHeaders = []string{"N° carte", "Ancien numéro", "NOM", "Prénom", "Date de naissance", "Sexe", "Lien",
	"Adresse", "Quartier", "Tél", "Date d'inscription", "Fin de droits", "Orienté par", "Observations"}

// Export writes every active household, one row per person, as an Excel workbook
// ("xlsx") or a CSV that Excel and LibreOffice open in French ("csv": ';', BOM, dates
// DD/MM/YYYY). Managers only; audited without personal data. It returns the persons written.
func Export(ctx context.Context, store *storage.Store, format, actor string) ([]byte, int, error) {
	if err := store.RequireManager("exporting households"); err != nil {
		return nil, 0, err
	}
	if format != "xlsx" && format != "csv" {
		return nil, 0, fmt.Errorf("exporting households: unknown format %q (xlsx or csv)", format)
	}
	households, err := store.AllHouseholds(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	rows := [][]string{exportHeaders}
	for _, h := range households {
		for _, m := range h.Members {
			first := m.FirstName
			if m.ToComplete {
				first = ""
			}
			birth := m.BirthDate.French()
			if birth == "" && m.BirthYear != nil {
				birth = strconv.Itoa(*m.BirthYear)
			}
			rows = append(rows, []string{h.Card, h.OldNumber, m.LastName, first, birth, frenchSex[m.Sex],
				frenchRelation[m.Relation], h.Address, h.Quartier, h.Phone, h.RegisteredOn.French(),
				h.EligibleUntil.French(), frenchReferral[h.Referral], h.Notes})
		}
	}
	var content []byte
	if format == "csv" {
		content, err = exportCSV(rows)
	} else {
		content, err = exportXLSX(rows)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("exporting households: %w", err)
	}
	persons := len(rows) - 1
	if err := store.Audit(ctx, actor, storage.AuditExport, fmt.Sprintf("households: %d persons, %s", persons, format)); err != nil {
		return nil, 0, err
	}
	return content, persons, nil
}

// The words the export writes, which the import reads back.
var (
	frenchSex      = map[storage.Sex]string{storage.SexFemale: "F", storage.SexMale: "M", storage.SexOther: "X"}
	frenchRelation = map[storage.Relation]string{storage.RelationApplicant: "Demandeur", storage.RelationPartner: "Conjoint",
		storage.RelationChild: "Enfant", storage.RelationParent: "Parent", storage.RelationOther: "Autre"}
	frenchReferral = map[storage.Referral]string{storage.ReferralCCAS: "CCAS", storage.ReferralSocialWorker: "Assistante sociale",
		storage.ReferralAssociation: "Association", storage.ReferralSelf: "Lui-même", storage.ReferralOther: "Autre"}
)

func exportCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // Excel reads UTF-8 only with it
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func exportXLSX(rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Foyers"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	w, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v // text: a card, a phone or a date keeps its form
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return nil, err
		}
		if err := w.SetRow(cell, cells); err != nil {
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
