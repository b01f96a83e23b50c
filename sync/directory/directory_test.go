package directory_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/internal/synctest"
)

func names(hits []directory.DirectoryHit) string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.Listing.Name)
	}
	return strings.Join(out, ", ")
}

func TestSearchDirectory(t *testing.T) {
	d := synctest.KnownDirectory()
	saturdayMorning := time.Date(2026, 11, 21, 10, 0, 0, 0, storage.Paris)
	tests := []struct {
		name string
		q    directory.DirectoryQuery
		now  time.Time
		want string
	}{
		{"open on a Saturday morning", directory.DirectoryQuery{OpenAt: saturdayMorning}, saturdayMorning, "Resto du Pile"},
		{"open on a Saturday afternoon", directory.DirectoryQuery{OpenAt: saturdayMorning.Add(5 * time.Hour)}, saturdayMorning, "Épicerie de l'Alma"},
		{"no referral needed", directory.DirectoryQuery{NoReferral: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"free", directory.DirectoryQuery{Free: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"welcomes undocumented people", directory.DirectoryQuery{Undocumented: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"baby products", directory.DirectoryQuery{Activity: "baby_products"}, saturdayMorning, "Épicerie de l'Alma"},
		{"quartier", directory.DirectoryQuery{Quartier: "Épeule"}, saturdayMorning, "Vestiaire Saint-Jean"},
		{"language", directory.DirectoryQuery{Language: "ar"}, saturdayMorning, "Resto du Pile"},
		{"words without accents", directory.DirectoryQuery{Text: "epicerie"}, saturdayMorning, "Épicerie de l'Alma"},
		// Sorted: open now first, then by next opening (Alma this afternoon, the vestiaire Monday).
		{"everything", directory.DirectoryQuery{}, saturdayMorning, "Resto du Pile, Épicerie de l'Alma, Vestiaire Saint-Jean"},
	}
	for _, tt := range tests {
		if got := names(directory.Search(d, tt.q, tt.now)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// A public holiday (Easter Monday): the vestiaire opens on holidays, others say why they are closed.
	easterMonday := time.Date(2026, 4, 6, 11, 0, 0, 0, storage.Paris)
	if got := names(directory.Search(d, directory.DirectoryQuery{OpenAt: easterMonday}, easterMonday)); got != "Vestiaire Saint-Jean" {
		t.Errorf("open on Easter Monday: %q", got)
	}
	// In August the Resto is closed and says when it reopens: the first Saturday of September.
	august := time.Date(2026, 8, 15, 10, 0, 0, 0, storage.Paris)
	for _, h := range directory.Search(d, directory.DirectoryQuery{Activity: "food_parcel"}, august) {
		if h.OpenNow || h.ClosedReason != "fermé en août" || h.NextOpening.Format("2006-01-02 15:04") != "2026-09-05 09:00" {
			t.Errorf("in August: %+v", h)
		}
	}
	// The last day of the closure it is still closed; the first Saturday after, open again.
	lastDay := time.Date(2026, 8, 29, 10, 0, 0, 0, storage.Paris)
	if got := names(directory.Search(d, directory.DirectoryQuery{OpenAt: lastDay}, lastDay)); got != "" {
		t.Errorf("open on the last Saturday of August: %q", got)
	}
	reopened := time.Date(2026, 9, 5, 10, 0, 0, 0, storage.Paris)
	if got := names(directory.Search(d, directory.DirectoryQuery{OpenAt: reopened}, reopened)); got != "Resto du Pile" {
		t.Errorf("open on the first Saturday of September: %q", got)
	}
}

func TestDirectoryPublishAndImport(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	l, err := n.Assoc.Listing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l.Activities = []storage.Activity{storage.ActivityFoodParcel}
	if _, err := n.Assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	listing, err := directory.SignedListing(ctx, n.Assoc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportFile(ctx, n.CCAS, listing); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.SaveEntry(ctx, n.CCAS, "", storage.Listing{Name: "Secours du Nord", Activities: []storage.Activity{storage.ActivityClothes}}); err != nil {
		t.Fatal(err)
	}
	current, err := directory.Current(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := directory.EntryChanges(ctx, n.CCAS, current)
	if err != nil {
		t.Fatal(err)
	}
	if len(current.Entries) != 2 || len(changes) != 2 {
		t.Fatalf("directory %+v changes %v", current.Entries, changes)
	}
	v1, d1, err := directory.Publish(ctx, n.CCAS)
	if err != nil || d1.Version != 1 {
		t.Fatalf("publish: %v %+v", err, d1)
	}
	if changes, err := directory.EntryChanges(ctx, n.CCAS, current); err != nil || len(changes) != 0 {
		t.Fatalf("changes after publishing: %v", changes)
	}
	l.Description = "Nouveaux horaires"
	if _, err := n.Assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	n.Clock.T = n.Clock.T.Add(time.Minute)
	if listing, err = directory.SignedListing(ctx, n.Assoc); err != nil {
		t.Fatal(err)
	}
	if v, err := exchange.ImportFile(ctx, n.CCAS, listing); err != nil || !v.Accepted {
		t.Fatalf("the changed listing: %+v, %v", v, err)
	}
	if current, err = directory.Current(ctx, n.CCAS); err != nil {
		t.Fatal(err)
	}
	changes, err = directory.EntryChanges(ctx, n.CCAS, current)
	if err != nil {
		t.Fatal(err)
	}
	for _, fields := range changes {
		if strings.Join(fields, ",") != "description" {
			t.Fatalf("changes %v, want the description only", changes)
		}
	}
	v2, _, err := directory.Publish(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}

	// The association takes v2, then refuses v1 (older) and v2 again (equal), changing nothing.
	if v, err := exchange.ImportFile(ctx, n.Assoc, v2); err != nil || !v.Accepted {
		t.Fatalf("import v2: %+v %v", v, err)
	}
	for _, old := range [][]byte{v1, v2} {
		if _, err := exchange.ImportFile(ctx, n.Assoc, old); envelope.ReasonOf(err) != envelope.ReasonOldDirectory {
			t.Fatalf("an old directory: %v", err)
		}
	}
	held, err := directory.Held(ctx, n.Assoc)
	if err != nil {
		t.Fatal(err)
	}
	if held.Version != 2 || len(held.Entries) != 2 {
		t.Fatalf("held %+v", held)
	}
	// Tampered, or signed by another CCAS: refused, nothing changed.
	if _, err := exchange.ImportFile(ctx, n.Assoc, []byte(strings.Replace(string(v2), "Secours", "Secour", 1))); envelope.ReasonOf(err) != envelope.ReasonBadSignature {
		t.Fatalf("tampered directory: %v", err)
	}
	other := synctest.NewNetwork(t)
	otherDir, _, err := directory.Publish(ctx, other.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportFile(ctx, n.Assoc, otherDir); envelope.ReasonOf(err) != envelope.ReasonOtherNetwork {
		t.Fatalf("another network's directory: %v", err)
	}
	if again, err := directory.Held(ctx, n.Assoc); err != nil || again.Version != 2 {
		t.Fatal("a refused directory changed the one held")
	}
}

// The listing travels with each monthly report, kept with it in one transaction.
func TestListingTravelsWithTheReport(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	synctest.Serve(t, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	l, err := n.Assoc.Listing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l.Description = "Le samedi matin"
	if _, err := n.Assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportFile(ctx, n.CCAS, synctest.SignedReport(n, t)); err != nil {
		t.Fatal(err)
	}
	d, err := directory.Current(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries) != 1 || d.Entries[0].Listing.Description != "Le samedi matin" {
		t.Fatalf("directory after a report: %+v", d.Entries)
	}
}
