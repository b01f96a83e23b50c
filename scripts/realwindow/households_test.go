package realwindow

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// A volunteer registers a household with the keyboard alone at a fast typist's speed,
// on a small screen over 20,000 households: Ctrl+N, name, Tab, first name, Tab, birth
// date, Ctrl+S. The same person typed again with the day and month swapped is flagged
// while typing; Ctrl+S asks why; Escape registers nothing; a reason typed and Enter
// registers the second household with its reason kept.
func TestRegistrationWithKeyboard(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	w := Start(t, p, Options{Data: dir, Screen: "1024x600"})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))

	w.Key("ctrl+n")
	w.WaitFor("the registration form", 1, 10*time.Second, Named("screen", "household-form"))
	w.Type("Quemener\tGwenaelle\t12/03/1984", 20*time.Millisecond)
	w.Key("ctrl+s")
	first := w.WaitFor("the household registered", 1, 10*time.Second, Named("household-saved"))[0].Detail
	w.Screenshot("registered")
	checkFits(t, w)

	w.Key("ctrl+n")
	w.WaitFor("a new registration form", 2, 10*time.Second, Named("screen", "household-form"))
	w.Type("Quemener\tGwenaelle\t03/12/1984", 20*time.Millisecond)
	w.WaitFor("the warning while typing", 1, 10*time.Second, Named("duplicates", "probable "+first))
	time.Sleep(300 * time.Millisecond) // the next frames: the warning scrolled into view
	w.Screenshot("duplicate-warning")
	w.Key("ctrl+s")
	w.WaitFor("the reason asked", 1, 10*time.Second, Named("duplicate-reason", "asked"))
	time.Sleep(300 * time.Millisecond)
	w.Screenshot("reason-asked")
	w.Key("Escape")
	time.Sleep(300 * time.Millisecond)
	for _, e := range w.Events() {
		if e.Name == "household-saved" && e.Detail != first {
			t.Fatalf("Escape on the reason registered a household: %v", e)
		}
	}
	w.Key("ctrl+s")
	w.WaitFor("the reason asked again", 2, 10*time.Second, Named("duplicate-reason", "asked"))
	w.Type("Homonyme : autre date de naissance sur la piece d'identite", 20*time.Millisecond)
	w.Key("Return")
	second := w.WaitFor("the second household registered", 2, 10*time.Second, Named("household-saved"))[1].Detail
	w.Close()

	s := OpenStore(t, dir)
	defer s.Close()
	ctx := context.Background()
	found, err := s.Search(ctx, "quemener gwenaelle", 10)
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for _, r := range found {
		cards = append(cards, r.Card)
	}
	slices.Sort(cards)
	want := []string{first, second}
	slices.Sort(want)
	if !slices.Equal(cards, want) {
		t.Fatalf("households of Gwenaelle QUEMENER: %v, want the two registered (%v)", cards, want)
	}
	for _, r := range found {
		h, err := s.Household(ctx, r.HouseholdID)
		if err != nil {
			t.Fatal(err)
		}
		born := h.Members[0].BirthDate.French()
		switch r.Card {
		case first:
			if born != "12/03/1984" || h.DuplicateOverride != "" {
				t.Fatalf("first household: born %s, reason %q", born, h.DuplicateOverride)
			}
		case second:
			if born != "03/12/1984" || !strings.Contains(h.DuplicateOverride, "Homonyme : autre date de naissance") {
				t.Fatalf("second household: born %s, reason %q", born, h.DuplicateOverride)
			}
		}
	}
}
