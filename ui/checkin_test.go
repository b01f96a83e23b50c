package ui

import (
	"context"
	"testing"

	"entraide/storage"

	"fyne.io/fyne/v2/test"
)

// A returning household by card: type (or scan) the number, Enter, Enter.
func TestCheckInByCardInThreeActions(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Lefèvre", "Marie-Claire", 1980), person("Lefèvre", "Léo", 2015))
	field := focused(t, a)
	if field != a.checkIn.search {
		t.Fatal("the search field does not have the focus at start")
	}
	test.Type(field, h.Card) // 1
	pressEnter(field)        // 2
	waitFor(t, "the household to open", func() bool { return a.checkIn.household != nil })
	if !contains(a.checkIn.detailTitle.Text, h.Card) || !contains(a.checkIn.detailMembers.Text, "Marie-Claire LEFÈVRE") {
		t.Fatalf("opened household shows %q / %q", a.checkIn.detailTitle.Text, a.checkIn.detailMembers.Text)
	}
	pressEnter(focused(t, a)) // 3
	waitFor(t, "the distribution to be recorded", func() bool { return visitsToday(t, s) == 1 })
	waitFor(t, "the confirmation", func() bool { return contains(a.checkIn.message.text.Text, "Passage enregistré") })
	if !contains(a.checkIn.message.text.Text, "2 personnes") {
		t.Errorf("confirmation %q does not give the persons served", a.checkIn.message.text.Text)
	}
	waitFor(t, "the counter", func() bool { return contains(a.counter.Text, "passages : 1") })
	if a.checkIn.search.Text != "" || focused(t, a) != a.checkIn.search {
		t.Error("after recording, the field is not empty and focused for the next household")
	}
}

// A returning household by name, without accents, first name first: type, Enter, Enter.
func TestCheckInByNameInThreeActions(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Martin", "Paul", 1960))
	h := register(t, s, person("Lefèvre", "Marie-Claire", 1980))
	field := focused(t, a)
	test.Type(field, "marie lefevre")
	pressEnter(field)
	waitFor(t, "the household to open", func() bool { return a.checkIn.household != nil })
	if a.checkIn.household.ID != h.ID {
		t.Fatalf("opened %s, want card %s", a.checkIn.household.Card, h.Card)
	}
	pressEnter(focused(t, a))
	waitFor(t, "the distribution", func() bool { return visitsToday(t, s) == 1 })
}

func TestCheckInWithArrowKeys(t *testing.T) {
	a, s, _ := startApp(t)
	first := register(t, s, person("Dupont", "Anne", 1970))
	second := register(t, s, person("Dupont", "Bernard", 1971))
	field := a.checkIn.search
	test.Type(field, "dupont")
	waitFor(t, "two results", func() bool { return a.checkIn.shownGen == a.checkIn.searchGen && len(a.checkIn.found) == 2 })
	field.TypedKey(&fyneKeyDown)
	pressEnter(field)
	waitFor(t, "a household to open", func() bool { return a.checkIn.household != nil })
	want := second.ID
	if a.checkIn.found[0].HouseholdID == second.ID {
		want = first.ID
	}
	if a.checkIn.household.ID != want {
		t.Fatal("the arrow key did not choose the second result")
	}
}

func TestMistypedCardSaysSo(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Petit", "Luc", 1950))
	typo := []byte(h.Card)
	typo[1], typo[2] = typo[2], typo[1]
	if typo[1] == typo[2] {
		typo[3] = '0' + (typo[3]-'0'+1)%10
	}
	field := a.checkIn.search
	test.Type(field, string(typo))
	pressEnter(field)
	waitFor(t, "the message", func() bool { return a.checkIn.message.text.Text != "" })
	if !contains(a.checkIn.message.text.Text, "Numéro de carte invalide") {
		t.Fatalf("message %q, want it to say the card number is invalid", a.checkIn.message.text.Text)
	}
	if a.checkIn.household != nil || visitsToday(t, s) != 0 {
		t.Fatal("a mistyped card opened a household or recorded a visit")
	}
	// The wrong number is selected: typing the number again replaces it.
	test.Type(field, storage.CardForSeq(99999))
	if field.Text != storage.CardForSeq(99999) {
		t.Fatalf("field holds %q after typing again, want only the new number", field.Text)
	}
	pressEnter(field)
	waitFor(t, "the message", func() bool { return contains(a.checkIn.message.text.Text, "Aucun foyer n'a cette carte") })
}

// Served three days ago with a weekly rule: the warning is in plain French, Enter asks
// for a reason, and the reason is kept with the visit.
func TestRuleOverrideAsksForAReason(t *testing.T) {
	a, s, c := startApp(t)
	h := register(t, s, person("Diallo", "Aminata", 1988))
	c.t = testNow.AddDate(0, 0, -3)
	if _, err := s.CheckIn(context.Background(), storage.CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatal(err)
	}
	c.t = testNow
	field := a.checkIn.search
	test.Type(field, h.Card)
	pressEnter(field)
	waitFor(t, "the household to open", func() bool { return a.checkIn.household != nil })
	if w := a.checkIn.warnings.text.Text; !contains(w, "Déjà servi il y a 3 jours (20/11/2026)") || !contains(w, "tous les 7 jours") {
		t.Fatalf("warning %q, want the days since and the rule", w)
	}
	pressEnter(focused(t, a))
	reason := focused(t, a)
	if reason == field {
		t.Fatal("Enter on a broken rule recorded without asking a reason")
	}
	pressEnter(reason) // empty reason
	if visitsToday(t, s) != 0 {
		t.Fatal("recorded without a reason")
	}
	test.Type(reason, "colis oublié la semaine dernière")
	pressEnter(reason)
	waitFor(t, "the distribution", func() bool { return visitsToday(t, s) == 1 })
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if day.Visits[0].OverrideReason != "colis oublié la semaine dernière" {
		t.Fatalf("reason kept: %q", day.Visits[0].OverrideReason)
	}
}

func TestUndoLastCheckIn(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Koné", "Moussa", 1979))
	test.Type(a.checkIn.search, h.Card)
	pressEnter(a.checkIn.search)
	waitFor(t, "open", func() bool { return a.checkIn.household != nil })
	pressEnter(a.checkIn.search)
	waitFor(t, "recorded", func() bool { return visitsToday(t, s) == 1 })
	waitFor(t, "undo enabled", func() bool { return !a.checkIn.undoButton.Disabled() })
	test.Tap(a.checkIn.undoButton)
	waitFor(t, "undone", func() bool { return visitsToday(t, s) == 0 })
	waitFor(t, "message", func() bool { return contains(a.checkIn.message.text.Text, "Passage annulé") })
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Visits) != 1 || !day.Visits[0].Cancelled {
		t.Fatal("the undone visit is not kept as cancelled")
	}
}

func TestNoResultOffersRegistration(t *testing.T) {
	a, _, _ := startApp(t)
	test.Type(a.checkIn.search, "Zylberstein")
	waitFor(t, "message", func() bool { return contains(a.checkIn.message.text.Text, "Aucun foyer trouvé") })
	test.Tap(a.checkIn.newButton)
	waitFor(t, "the form", func() bool { return a.households.form != nil })
	if a.tabs.SelectedIndex() != tabHouseholds || a.households.form.members[0].last.Text != "Zylberstein" {
		t.Fatal("the new household form does not start from the typed name")
	}
}

// Results of an older keystroke that arrive after a newer one are dropped.
func TestStaleSearchResultsAreDropped(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Dupont", "Anne", 1970))
	register(t, s, person("Durand", "Paul", 1971))
	held := &heldWorker{}
	a.worker = held.worker()
	test.Type(a.checkIn.search, "du")   // tasks 0 ("d") and 1 ("du")
	test.Type(a.checkIn.search, "rand") // tasks 2..5, the last is "durand"
	last := len(held.tasks) - 1
	held.finish(last)
	if len(a.checkIn.found) != 1 || !contains(a.checkIn.found[0].Members[0], "DURAND") {
		t.Fatalf("after the newest search: %+v", a.checkIn.found)
	}
	held.finish(1) // "du": cancelled when "dur" was typed, and stale
	if len(a.checkIn.found) != 1 || a.checkIn.message.text.Text != "" {
		t.Fatalf("a stale search changed the screen: %+v, message %q", a.checkIn.found, a.checkIn.message.text.Text)
	}
}

// A scanner or a fast typist presses Enter before the search answers: the household
// opened is the one the final text finds, not an earlier keystroke's.
func TestEnterBeforeResultsOpensTheRightHousehold(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Martin", "Paul", 1960))
	h := register(t, s, person("Martinez", "Sophie", 1980))
	held := &heldWorker{}
	a.worker = held.worker()
	test.Type(a.checkIn.search, "martinez")
	held.finish(0) // "m": Martin first
	pressEnter(a.checkIn.search)
	if a.checkIn.household != nil || len(held.tasks) != 8 {
		t.Fatal("Enter opened a household from a stale search")
	}
	held.finish(7) // "martinez"
	for len(held.tasks) > 8 {
		held.finish(8)
		held.tasks = append(held.tasks[:8], held.tasks[9:]...)
	}
	if a.checkIn.household == nil || a.checkIn.household.ID != h.ID {
		t.Fatalf("opened %+v, want Martinez", a.checkIn.household)
	}
}

// A click on any result opens it, the first one included, and again after closing.
func TestClickOpensAResult(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Benali", "Nadia", 1980))
	test.Type(a.checkIn.search, "benali")
	for i := 0; i < 2; i++ {
		a.checkIn.results.Select(0)
		if a.checkIn.household == nil || a.checkIn.household.ID != h.ID {
			t.Fatalf("click %d did not open the household", i+1)
		}
		a.checkIn.closeHousehold()
	}
}
