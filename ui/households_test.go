package ui

import (
	"context"
	"testing"
	"time"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Typing a person already registered (other spelling) shows a warning at once; saving
// asks for a reason, which is kept.
func TestRegistrationWarnsOfDuplicateAndKeepsTheReason(t *testing.T) {
	a, s, _ := startApp(t)
	existing := register(t, s, storage.MemberInput{LastName: "Lefèvre", FirstName: "Marie-Claire",
		BirthDate: storage.Date{Year: 1980, Month: 3, Day: 12}})
	a.newHousehold("")
	f := a.households.form
	row := f.members[0]
	if focused(t, a) != row.last {
		t.Fatal("the new form does not start in the first last-name field")
	}
	test.Type(row.last, "LEFEVRE")
	test.Type(row.first, "marie claire")
	if f.duplicates.text.Text != "" {
		t.Fatal("warned before a birth date was typed")
	}
	test.Type(row.birth, "12/03/1980")
	if !contains(f.duplicates.text.Text, "probablement déjà inscrite") || !contains(f.duplicates.text.Text, existing.Card) ||
		!contains(f.duplicates.text.Text, "même nom, même date de naissance") {
		t.Fatalf("duplicate warning %q, want the registered card %s", f.duplicates.text.Text, existing.Card)
	}
	test.Tap(f.saveButton)
	reason := focused(t, a)
	test.Type(reason, "homonyme, vu sa pièce d'identité")
	pressEnter(reason)
	waitFor(t, "the registration", func() bool { return f.household != nil })
	if !contains(f.message.text.Text, "Foyer inscrit : numéro de carte "+f.household.Card) {
		t.Fatalf("message %q", f.message.text.Text)
	}
	h, err := s.Household(context.Background(), f.household.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(h.DuplicateOverride, "homonyme") || h.Card == existing.Card {
		t.Fatalf("saved %+v: want the reason and a new card", h)
	}
}

func TestRegistrationCancelledAtTheReasonWritesNothing(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, storage.MemberInput{LastName: "Haddad", FirstName: "Aïcha", BirthDate: storage.Date{Year: 1990, Month: 2, Day: 2}})
	a.newHousehold("Haddad Aicha")
	f := a.households.form
	test.Type(f.members[0].birth, "02/02/1990") // the same day: a probable duplicate asks why
	test.Tap(f.saveButton)
	reason := focused(t, a).(*keyEntry)
	reason.onEscape()
	if st, err := s.Stats(context.Background()); err != nil || st.Households != 1 {
		t.Fatalf("households %d, want only the first one", st.Households)
	}
}

func TestFormErrorsArePlainAndWriteNothing(t *testing.T) {
	tests := []struct {
		name, last, first, birth, says string
	}{
		{"empty name", "", "Jean", "", "Le nom de la personne 1 est vide"},
		{"born in the future", "Dupont", "Jean", "01/01/2030", "dans le futur"},
		{"born before 1900", "Dupont", "Jean", "1850", "avant 1900"},
		{"unreadable birth", "Dupont", "Jean", "31/02/1980", "n'est pas lisible"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, s, _ := startApp(t)
			a.newHousehold("")
			f := a.households.form
			test.Type(f.members[0].last, tt.last)
			test.Type(f.members[0].first, tt.first)
			test.Type(f.members[0].birth, tt.birth)
			test.Tap(f.saveButton)
			if !contains(f.message.text.Text, tt.says) {
				t.Fatalf("message %q, want it to say %q", f.message.text.Text, tt.says)
			}
			if st, err := s.Stats(context.Background()); err != nil || st.Households != 0 {
				t.Fatal("an invalid form was saved")
			}
		})
	}
}

func TestMembersAddedAndRemovedInTheForm(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Moreau", "Julie", 1985), person("Moreau", "Paul", 1983))
	a.editHousehold(h.ID)
	f := a.households.form
	if len(f.members) != 2 || f.members[1].first.Text != "Paul" {
		t.Fatal("the form does not show the two members")
	}
	f.removeMember(f.members[1])
	f.addMember(storage.Person{Relation: storage.RelationChild})
	test.Type(f.members[1].last, "Moreau")
	test.Type(f.members[1].first, "Inès")
	test.Type(f.members[1].birth, "01/09/2025")
	test.Tap(f.saveButton)
	if !contains(f.message.text.Text, "Modifications enregistrées") {
		t.Fatalf("message %q", f.message.text.Text)
	}
	got, err := s.Household(context.Background(), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Members) != 2 || got.Members[1].FirstName != "Inès" {
		t.Fatalf("members after saving: %+v", got.Members)
	}
}

func TestRenewAndArchive(t *testing.T) {
	a, s, c := startApp(t)
	h := register(t, s, person("Nowak", "Anna", 1960))
	c.t = testNow.AddDate(1, 0, 10)
	a.editHousehold(h.ID)
	f := a.households.form
	test.Tap(f.renewButton)
	want := storage.DateOf(c.t).AddMonths(12).French()
	if f.eligibleUntil.Text != want || !contains(f.message.text.Text, want) {
		t.Fatalf("renewed to %q (%q), want %s", f.eligibleUntil.Text, f.message.text.Text, want)
	}
	test.Tap(f.archiveButton)
	got, err := s.Household(context.Background(), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Archived() || f.archiveButton.Text != "Restaurer" {
		t.Fatal("archive did not archive")
	}
}

func TestHouseholdListSearches(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Benali", "Nadia", 1980))
	register(t, s, person("Da Silva", "José", 1975))
	a.showTab(tabHouseholds)
	if len(a.households.rows) != 2 || a.households.count.Text != "2 foyers" {
		t.Fatalf("list shows %d rows, %q", len(a.households.rows), a.households.count.Text)
	}
	test.Type(a.households.search, "jose")
	if len(a.households.rows) != 1 || !contains(a.households.rows[0].title, "José DA SILVA") {
		t.Fatalf("search rows %+v", a.households.rows)
	}
}

func TestNotesWarnAgainstSensitiveDetails(t *testing.T) {
	a, _, _ := startApp(t)
	a.newHousehold("")
	f := a.households.form
	test.Type(f.notes, "Maman diabétique")
	if !f.notesWarning.Visible() || !contains(f.notesWarning.Text, "diabetique") {
		t.Fatalf("no warning: %q", f.notesWarning.Text)
	}
	f.notes.SetText("Préfère le samedi")
	if f.notesWarning.Visible() {
		t.Fatal("warning on a harmless note")
	}
}

// Right to erasure from the household's form, and the retention purge from Settings.
func TestEraseAndPurgeFromTheScreens(t *testing.T) {
	a, s, c := startApp(t)
	h := register(t, s, person("Effacer", "Moi", 1970))
	old := register(t, s, person("Ancien", "Foyer", 1950))
	a.editHousehold(h.ID)
	test.Tap(a.households.form.eraseButton)
	reason := focused(t, a)
	test.Type(reason, "demande de la personne")
	pressEnter(reason)
	if a.households.form != nil {
		t.Fatal("the form stays open on an erased household")
	}
	if got, err := s.Search(context.Background(), "effacer", 20); err != nil || len(got) != 0 {
		t.Fatal("the erased household is still found")
	}
	c.t = c.t.AddDate(2, 1, 0)
	a.showTab(tabSettings)
	if !contains(a.prefs.privacy.Text, "24 mois : 1.") || a.prefs.purge.Disabled() {
		t.Fatalf("privacy: %q", a.prefs.privacy.Text)
	}
	test.Tap(a.prefs.purge)
	reason = focused(t, a)
	test.Type(reason, "règle des deux ans")
	pressEnter(reason)
	if rec, err := s.Record(context.Background(), old.ID); err != nil || rec.Members[0].LastName != "-" {
		t.Fatalf("the old household was not purged: %+v", rec.Members[0])
	}
	if !contains(a.prefs.trail.Text, "règle des deux ans") || !contains(a.prefs.trail.Text, "effacé à sa demande") || contains(a.prefs.trail.Text, "demande de la personne") {
		t.Fatalf("trail: %q", a.prefs.trail.Text)
	}
}

// What the audit trail must show is written by the action's owner, whichever screen asks.
func TestAuditedActionsFromTheScreens(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Accès", "Demande", 1970))
	a.editHousehold(h.ID)
	a.households.form.accessExport()
	a.prefs.makeEncryptedBackup("une phrase assez longue")
	trail, err := s.AuditTrail(context.Background(), time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for _, e := range trail {
		found[e.Action]++
	}
	if found[storage.AuditAccessExport] != 1 || found[storage.AuditBackup] != 1 {
		t.Fatalf("audit trail %+v", trail)
	}
}

// A birth year alone makes a duplicate possible, not probable: shown, and the household
// registers without a reason.
func TestPossibleDuplicateRegistersWithoutAReason(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Haddad", "Aïcha", 1990))
	a.newHousehold("Haddad Aicha")
	f := a.households.form
	test.Type(f.members[0].birth, "1990")
	waitFor(t, "the warning", func() bool { return contains(f.duplicates.text.Text, "peut-être déjà inscrite") })
	if !contains(f.duplicates.text.Text, "même nom, même année de naissance") {
		t.Fatalf("warning %q", f.duplicates.text.Text)
	}
	test.Tap(f.saveButton)
	waitFor(t, "the registration", func() bool { return f.household != nil })
	if st, err := s.Stats(context.Background()); err != nil || st.Households != 2 {
		t.Fatalf("households %d (%v), want two", st.Households, err)
	}
}

// On a 1024×600 netbook the duplicate warning comes into view while the first person is
// typed, and so does the field being typed.
func TestDuplicateWarningInViewOnASmallScreen(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, storage.MemberInput{LastName: "Quemener", FirstName: "Gwenaelle", BirthDate: storage.Date{Year: 1984, Month: 3, Day: 12}})
	a.win.Resize(fyne.NewSize(1024-borderAllowance, 600-titleBarAllowance))
	a.newHousehold("")
	f := a.households.form
	row := f.members[0]
	test.Type(row.last, "Quemener")
	test.Type(row.first, "Gwenaelle")
	a.win.Canvas().Focus(row.birth)
	test.Type(row.birth, "03/12/1984")
	waitFor(t, "the warning", func() bool { return contains(f.duplicates.text.Text, "probablement déjà inscrite") })
	// What the real window does on its next frames: lay the warning out, then reveal.
	a.win.Content().Refresh()
	f.duplicates.onShow(messageWarning, "")
	scroll := scrollsIn(f.content)[0]
	view := fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll)
	for name, o := range map[string]fyne.CanvasObject{"the warning": f.duplicates.content, "the birth field": row.birth} {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if o.Size().IsZero() {
			t.Fatalf("%s is not laid out", name)
		}
		if at.Y < view.Y || at.Y+o.Size().Height > view.Y+scroll.Size().Height {
			t.Errorf("%s is at %.0f–%.0f, out of the form's visible part %.0f–%.0f", name, at.Y, at.Y+o.Size().Height, view.Y, view.Y+scroll.Size().Height)
		}
	}
}
