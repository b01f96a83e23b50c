package ui

import (
	"context"
	"testing"

	"entraide/storage"

	"fyne.io/fyne/v2/test"
)

// A lost card replaced from the household's form: the new number opens the household,
// the old one is refused at the check-in desk with the new number named, nothing recorded.
func TestReplaceALostCard(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Lefèvre", "Marie", 1980))
	a.editHousehold(h.ID)
	f := a.households.form
	if !f.cardRow.Visible() {
		t.Fatal("the card's buttons are hidden on a registered household")
	}
	test.Tap(f.replaceCardButton)
	reason := focused(t, a)
	test.Type(reason, "perdue")
	pressEnter(reason)
	waitFor(t, "the new card", func() bool { return f.household.Card != h.Card })
	if !contains(f.title.Text, f.household.Card) || !contains(f.message.text.Text, "Nouvelle carte "+f.household.Card) {
		t.Fatalf("after replacing: %q / %q", f.title.Text, f.message.text.Text)
	}
	newCard := f.household.Card
	a.showTab(tabCheckIn)
	field := a.checkIn.search
	test.Type(field, h.Card)
	pressEnter(field)
	waitFor(t, "the refusal", func() bool { return contains(a.checkIn.message.text.Text, "a été remplacée") })
	if !contains(a.checkIn.message.text.Text, newCard) || a.checkIn.household != nil || visitsToday(t, s) != 0 {
		t.Fatalf("the lost card at check-in: %q, household open %v", a.checkIn.message.text.Text, a.checkIn.household != nil)
	}
	test.Type(field, newCard) // the refused number stays selected: the next scan replaces it
	pressEnter(field)
	waitFor(t, "the household", func() bool { return a.checkIn.household != nil && a.checkIn.household.ID == h.ID })
}

// A new household has no card yet: the card's buttons wait for it to be saved.
func TestNewHouseholdHasNoCardButtons(t *testing.T) {
	a, _, _ := startApp(t)
	a.newHousehold("")
	if a.households.form.cardRow.Visible() {
		t.Fatal("card buttons on a household not saved yet")
	}
}

// The association chooses what the cards show; the choice is kept.
func TestCardNameChoice(t *testing.T) {
	a, s, _ := startApp(t)
	a.showTab(tabSettings)
	c := a.prefs.cards
	if c.nameShown.Selected != c.names.label(storage.CardNameFirstInitial) {
		t.Fatalf("default choice %q", c.nameShown.Selected)
	}
	c.nameShown.SetSelected(c.names.label(storage.CardNameFull))
	st, err := s.Settings(context.Background())
	if err != nil || st.CardName != storage.CardNameFull || !contains(a.prefs.message.text.Text, "le prénom et le nom") {
		t.Fatalf("saved %q (%v), message %q", st.CardName, err, a.prefs.message.text.Text)
	}
	c.since.SetText("31/02/2026")
	c.printSince()
	if !contains(a.prefs.message.text.Text, "JJ/MM/AAAA") {
		t.Fatalf("an impossible day: %q", a.prefs.message.text.Text)
	}
}
