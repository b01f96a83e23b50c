package sync

import (
	"context"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

func knownDirectory() Directory {
	august := storage.Closure{From: storage.Date{Year: 2026, Month: 8, Day: 1}, To: storage.Date{Year: 2026, Month: 8, Day: 31}, Message: "fermé en août"}
	return Directory{NetworkID: "n", NetworkName: "Réseau", Version: 1, Entries: []DirectoryEntry{
		{ID: "a", Listing: storage.Listing{Name: "Resto du Pile", Activities: []string{"food_parcel"}, Access: []string{"registration"},
			Publics: []string{"everyone"}, Languages: []string{"fr", "ar"},
			Sites: []storage.ListingSite{{Name: "Pile", Quartier: "Pile", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"}}, Closures: []storage.Closure{august}}}}}},
		{ID: "b", Listing: storage.Listing{Name: "Épicerie de l'Alma", Activities: []string{"social_grocery", "baby_products"},
			Access: []string{"social_worker_referral", "fee"}, Publics: []string{"families"}, Languages: []string{"fr"},
			Sites: []storage.ListingSite{{Name: "Alma", Quartier: "Alma", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Tuesday, Opens: "14:00", Closes: "17:00"}, {Weekday: time.Saturday, Opens: "14:00", Closes: "16:00"}}}}}}},
		{ID: "c", Listing: storage.Listing{Name: "Vestiaire Saint-Jean", Activities: []string{"clothes"}, Publics: []string{"undocumented"},
			Languages: []string{"fr"}, Sites: []storage.ListingSite{{Name: "Église", Quartier: "Épeule", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Monday, Opens: "10:00", Closes: "12:00"}}, OpenOnHolidays: true}}}}},
	}}
}

func names(hits []DirectoryHit) string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.Listing.Name)
	}
	return strings.Join(out, ", ")
}

func TestSearchDirectory(t *testing.T) {
	d := knownDirectory()
	saturdayMorning := time.Date(2026, 11, 21, 10, 0, 0, 0, storage.Paris)
	tests := []struct {
		name string
		q    DirectoryQuery
		now  time.Time
		want string
	}{
		{"open on a Saturday morning", DirectoryQuery{OpenAt: saturdayMorning}, saturdayMorning, "Resto du Pile"},
		{"open on a Saturday afternoon", DirectoryQuery{OpenAt: saturdayMorning.Add(5 * time.Hour)}, saturdayMorning, "Épicerie de l'Alma"},
		{"no referral needed", DirectoryQuery{NoReferral: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"free", DirectoryQuery{Free: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"welcomes undocumented people", DirectoryQuery{Undocumented: true}, saturdayMorning, "Resto du Pile, Vestiaire Saint-Jean"},
		{"baby products", DirectoryQuery{Activity: "baby_products"}, saturdayMorning, "Épicerie de l'Alma"},
		{"quartier", DirectoryQuery{Quartier: "Épeule"}, saturdayMorning, "Vestiaire Saint-Jean"},
		{"language", DirectoryQuery{Language: "ar"}, saturdayMorning, "Resto du Pile"},
		{"words without accents", DirectoryQuery{Text: "epicerie"}, saturdayMorning, "Épicerie de l'Alma"},
		// Sorted: open now first, then by next opening (Alma this afternoon, the vestiaire Monday).
		{"everything", DirectoryQuery{}, saturdayMorning, "Resto du Pile, Épicerie de l'Alma, Vestiaire Saint-Jean"},
	}
	for _, tt := range tests {
		if got := names(SearchDirectory(d, tt.q, tt.now)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// A public holiday (Easter Monday): the vestiaire opens on holidays, others say why they are closed.
	easterMonday := time.Date(2026, 4, 6, 11, 0, 0, 0, storage.Paris)
	if got := names(SearchDirectory(d, DirectoryQuery{OpenAt: easterMonday}, easterMonday)); got != "Vestiaire Saint-Jean" {
		t.Errorf("open on Easter Monday: %q", got)
	}
	// In August the Resto is closed and says when it reopens: the first Saturday of September.
	august := time.Date(2026, 8, 15, 10, 0, 0, 0, storage.Paris)
	for _, h := range SearchDirectory(d, DirectoryQuery{Activity: "food_parcel"}, august) {
		if h.OpenNow || h.ClosedReason != "fermé en août" || h.NextOpening.Format("2006-01-02 15:04") != "2026-09-05 09:00" {
			t.Errorf("in August: %+v", h)
		}
	}
	// The last day of the closure it is still closed; the first Saturday after, open again.
	lastDay := time.Date(2026, 8, 29, 10, 0, 0, 0, storage.Paris)
	if got := names(SearchDirectory(d, DirectoryQuery{OpenAt: lastDay}, lastDay)); got != "" {
		t.Errorf("open on the last Saturday of August: %q", got)
	}
	reopened := time.Date(2026, 9, 5, 10, 0, 0, 0, storage.Paris)
	if got := names(SearchDirectory(d, DirectoryQuery{OpenAt: reopened}, reopened)); got != "Resto du Pile" {
		t.Errorf("open on the first Saturday of September: %q", got)
	}
}

func TestDirectoryPublishAndImport(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	l, _ := n.assoc.Listing(ctx)
	l.Activities = []string{"food_parcel"}
	n.assoc.SaveListing(ctx, l)
	listing, _ := SignedListing(ctx, n.assoc)
	if _, err := ImportFile(ctx, n.ccas, listing); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveDirectoryEntry(ctx, n.ccas, "", storage.Listing{Name: "Secours du Nord", Activities: []string{"clothes"}}); err != nil {
		t.Fatal(err)
	}
	current, _ := CurrentDirectory(ctx, n.ccas)
	changes, _ := EntryChanges(ctx, n.ccas, current)
	if len(current.Entries) != 2 || len(changes) != 2 {
		t.Fatalf("directory %+v changes %v", current.Entries, changes)
	}
	v1, d1, err := PublishDirectory(ctx, n.ccas)
	if err != nil || d1.Version != 1 {
		t.Fatalf("publish: %v %+v", err, d1)
	}
	if changes, _ := EntryChanges(ctx, n.ccas, current); len(changes) != 0 {
		t.Fatalf("changes after publishing: %v", changes)
	}
	l.Description = "Nouveaux horaires"
	n.assoc.SaveListing(ctx, l)
	n.clock.t = n.clock.t.Add(time.Minute)
	listing, _ = SignedListing(ctx, n.assoc)
	ImportFile(ctx, n.ccas, listing)
	current, _ = CurrentDirectory(ctx, n.ccas)
	changes, _ = EntryChanges(ctx, n.ccas, current)
	for _, fields := range changes {
		if strings.Join(fields, ",") != "description" {
			t.Fatalf("changes %v, want the description only", changes)
		}
	}
	v2, _, _ := PublishDirectory(ctx, n.ccas)

	// The association takes v2, then refuses v1 (older) and v2 again (equal), changing nothing.
	if v, err := ImportFile(ctx, n.assoc, v2); err != nil || !v.Accepted {
		t.Fatalf("import v2: %+v %v", v, err)
	}
	for _, old := range [][]byte{v1, v2} {
		if _, err := ImportFile(ctx, n.assoc, old); ReasonOf(err) != ReasonOldDirectory {
			t.Fatalf("an old directory: %v", err)
		}
	}
	held, _ := HeldDirectory(ctx, n.assoc)
	if held.Version != 2 || len(held.Entries) != 2 {
		t.Fatalf("held %+v", held)
	}
	// Tampered, or signed by another CCAS: refused, nothing changed.
	if _, err := ImportFile(ctx, n.assoc, []byte(strings.Replace(string(v2), "Secours", "Secour", 1))); ReasonOf(err) != ReasonBadSignature {
		t.Fatalf("tampered directory: %v", err)
	}
	other := newNetwork(t)
	otherDir, _, _ := PublishDirectory(ctx, other.ccas)
	if _, err := ImportFile(ctx, n.assoc, otherDir); ReasonOf(err) != ReasonOtherNetwork {
		t.Fatalf("another network's directory: %v", err)
	}
	if again, _ := HeldDirectory(ctx, n.assoc); again.Version != 2 {
		t.Fatal("a refused directory changed the one held")
	}
}

// The listing travels with each monthly report, kept with it in one transaction.
func TestListingTravelsWithTheReport(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	serve(t, n.assoc, n.clock, 6, person("Benali", "Nadia", "12/03/1990"))
	l, _ := n.assoc.Listing(ctx)
	l.Description = "Le samedi matin"
	if _, err := n.assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFile(ctx, n.ccas, n.report(t)); err != nil {
		t.Fatal(err)
	}
	d, _ := CurrentDirectory(ctx, n.ccas)
	if len(d.Entries) != 1 || d.Entries[0].Listing.Description != "Le samedi matin" {
		t.Fatalf("directory after a report: %+v", d.Entries)
	}
}
