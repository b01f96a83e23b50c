package printout_test

import (
	"strings"
	"testing"

	"entraide/sync/donation"
	"entraide/sync/printout"
)

// The printed sharing states the method and each line, and its quantities add up.
func TestDonationPDF(t *testing.T) {
	claims := []donation.Claim{{Name: "Les Amis du Pile", Basis: 247}, {Name: "Resto de l'Alma", Basis: 444}, {Name: "Épicerie Épeule", Basis: 125, Excluded: true}}
	allocations, left, err := donation.Split(400, claims, donation.Rules{Method: donation.Hamilton})
	if err != nil {
		t.Fatal(err)
	}
	req := donation.Request{Name: "Couches taille 3", Unit: "paquets", Quantity: 400, Basis: donation.BasisInfants, Months: 3, Last: "2026-11",
		Rules: donation.Rules{Method: donation.Hamilton}, Pickup: "à retirer le 14 décembre au CCAS"}
	table := donation.Table{Request: req, Left: left, Rule: donation.RuleText(req)}
	for _, a := range allocations {
		line := donation.Line{Allocation: a, Months: 3}
		if a.Excluded {
			line.Reason = "don direct reçu"
		}
		table.Lines = append(table.Lines, line)
	}
	pdf, err := printout.DonationPDF(table, "CCAS de Roubaix")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"Don du CCAS de Roubaix — Couches taille 3", "400 paquets — à retirer le 14 décembre au CCAS",
		"plus forts restes", "Les Amis du Pile 143", "Resto de l'Alma 257", "Total 400", "Épicerie Épeule : laissée de côté (don direct reçu)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
}
