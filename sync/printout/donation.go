package printout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"entraide/sync/donation"
)

// DonationPDF is a donation's sharing as a page the CCAS prints or sends: what, the
// method in words, and a line per association (need, exact share, quantity), the total.
func DonationPDF(t donation.Table, network string) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 16)
	pdf.MultiCell(0, 8, tr("Don du "+network+" — "+t.Name), "", "L", false)
	pdf.SetFont(pdfFont, "", 11)
	pdf.MultiCell(0, 6, tr(strings.TrimSpace(fmt.Sprintf("%d %s", t.Quantity, t.Unit))+nonEmpty(" — ", t.Pickup)), "", "L", false)
	pdf.Ln(2)
	pdf.SetFont(pdfFont, "", 9.5)
	pdf.MultiCell(0, 4.8, tr(t.Rule), "", "L", false)
	pdf.Ln(4)
	widths := []float64{70, 28, 34, 24, 18}
	header := []string{"Association", "Quantité", "Besoin", "Part exacte", "Mois"}
	pdf.SetFont(pdfFont, "B", 10)
	for i, h := range header {
		pdf.CellFormat(widths[i], 7, tr(h), "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont(pdfFont, "", 10)
	total := 0
	for _, l := range t.Lines {
		need := decimalFrench(l.Basis)
		if l.Estimated > 0 {
			need = "≈ " + need + " *"
		}
		if l.Excluded {
			need = "laissée de côté"
		}
		cells := []string{l.Name, strconv.Itoa(l.Quantity), need, decimalFrench(l.Share), fmt.Sprintf("%d / %d", l.Months, t.Months)}
		for i, c := range cells {
			pdf.CellFormat(widths[i], 6.5, tr(c), "", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
		total += l.Quantity
	}
	pdf.SetFont(pdfFont, "B", 10)
	pdf.CellFormat(widths[0], 7, tr("Total"), "T", 0, "L", false, 0, "")
	pdf.CellFormat(widths[1], 7, strconv.Itoa(total), "T", 0, "L", false, 0, "")
	pdf.CellFormat(widths[2]+widths[3]+widths[4], 7, "", "T", 1, "L", false, 0, "")
	pdf.SetFont(pdfFont, "", 9)
	for _, l := range t.Lines {
		if l.Excluded {
			pdf.MultiCell(0, 5, tr(l.Name+" : laissée de côté ("+l.Reason+")."), "", "L", false)
		}
	}
	if t.Left > 0 {
		pdf.MultiCell(0, 5, tr(fmt.Sprintf("Reste %d : toutes les associations ont atteint le plafond.", t.Left)), "", "L", false)
	}
	if t.Basis == donation.BasisInfants {
		pdf.MultiCell(0, 5, tr("* Une partie du besoin vient de cases cachées des rapports (« moins de 5 »), comptées comme dit plus haut."), "", "L", false)
	}
	return pdfBytes(pdf)
}

func nonEmpty(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}

// decimalFrench writes 100.789 as "100,79" and 12 as "12".
func decimalFrench(x float64) string {
	text := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	return strings.Replace(text, ".", ",", 1)
}
