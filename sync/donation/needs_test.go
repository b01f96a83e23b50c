package donation

import (
	"context"
	"testing"

	"entraide/storage"
	"entraide/sync/exchange"
	"entraide/sync/internal/synctest"
)

// The needs read from the reports equal what the association served (known here), and a
// hidden cell of infants is counted within what the report allows, and said.
func TestNeedsFromReportsAgainstTheTruth(t *testing.T) {
	ctx := context.Background()
	n := synctest.NewNetwork(t)
	// Seven infants in seven households, and their parents: the 0-2 cell is shown.
	for i := range 7 {
		synctest.Serve(t, n.Assoc, n.Clock, 3+i,
			synctest.Person("Martin", "Claire", "1990"),
			synctest.Person("Martin", string(rune('A'+i))+"lice", "01/06/2025"))
	}
	if _, err := exchange.ImportFile(ctx, n.CCAS, synctest.SignedReport(n, t)); err != nil {
		t.Fatal(err)
	}
	month := storage.Month(synctest.TestMonth)
	want := map[Basis]float64{BasisInfants: 7, BasisPersons: 14, BasisHouseholds: 7, BasisVisits: 7}
	for basis, exact := range want {
		needs, err := Needs(ctx, n.CCAS, basis, 1, month)
		if err != nil {
			t.Fatal(err)
		}
		if len(needs) != 1 || needs[0].Value != exact || needs[0].Months != 1 || needs[0].Estimated != 0 {
			t.Fatalf("%s: %+v, want %v", basis, needs, exact)
		}
	}
	// Over three months, the two months without a report add nothing and are said.
	needs, err := Needs(ctx, n.CCAS, BasisInfants, 3, month.Add(2))
	if err != nil || needs[0].Months != 1 || needs[0].Value != 7 {
		t.Fatalf("over three months: %+v (%v)", needs, err)
	}
}

func TestHiddenInfantsCountWithinTheirRange(t *testing.T) {
	ctx := context.Background()
	n := synctest.NewNetwork(t)
	// Two infants: their cell is sent as "fewer than 5".
	for i := range 2 {
		synctest.Serve(t, n.Assoc, n.Clock, 3+i,
			synctest.Person("Martin", "Claire", "1990"), synctest.Person("Martin", "Bébé"+string(rune('A'+i)), "01/06/2025"))
	}
	for i := range 10 {
		synctest.Serve(t, n.Assoc, n.Clock, 10+i%10, synctest.Person("Durand", string(rune('A'+i))+"ndré", "1970"))
	}
	if _, err := exchange.ImportFile(ctx, n.CCAS, synctest.SignedReport(n, t)); err != nil {
		t.Fatal(err)
	}
	needs, err := Needs(ctx, n.CCAS, BasisInfants, 1, storage.Month(synctest.TestMonth))
	if err != nil {
		t.Fatal(err)
	}
	got := needs[0]
	if got.Estimated == 0 || got.Value < 1 || got.Value > 4 || got.Value != got.Estimated {
		t.Fatalf("two hidden infants counted as %+v (the report allows 1 to 4)", got)
	}
}
