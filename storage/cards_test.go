package storage

import (
	"context"
	"errors"
	"testing"
)

// A lost card is replaced: the new number opens the household, the old one says by which
// card it was replaced, even after a second replacement.
func TestReplaceCard(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Lefèvre", "Marie", "1980-03-12"))
	old, first, err := s.ReplaceCard(ctx, h.ID, "Josiane")
	if err != nil || old != h.Card || first == h.Card {
		t.Fatalf("replace: %q → %q, %v", old, first, err)
	}
	if id, err := s.HouseholdIDByCard(ctx, first); err != nil || id != h.ID {
		t.Fatalf("the new card opens %q, %v", id, err)
	}
	_, second, err := s.ReplaceCard(ctx, h.ID, "Josiane")
	if err != nil {
		t.Fatal(err)
	}
	for _, lost := range []string{h.Card, first} {
		_, err := s.HouseholdIDByCard(ctx, lost)
		var replaced *CardReplacedError
		if !errors.As(err, &replaced) || !errors.Is(err, ErrCardReplaced) || replaced.NewCard != second || replaced.On != s.Today() {
			t.Fatalf("lost card %s: %v", lost, err)
		}
	}
	if _, _, err := s.ReplaceCard(ctx, "no-such-household", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("replacing the card of no household: %v", err)
	}
	other := register(t, s, member("Diallo", "Moussa", "1990"))
	if other.Card == second || other.Card == first {
		t.Fatalf("a new household got a card already given: %s", other.Card)
	}
}

// The cards to print: every active household, the ones registered since a day, or the
// given cards; an unknown or replaced card is refused with the reason.
func TestCardHolders(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	first := register(t, s, member("Lefèvre", "Marie", "1980-03-12"), member("Lefèvre", "Léo", "2015"))
	clock.t = clock.t.AddDate(0, 0, 10)
	second := register(t, s, member("Diallo", "Moussa", "1990"))
	all, err := s.CardHolders(ctx, CardFilter{})
	if err != nil || len(all) != 2 || all[0].Card != first.Card || all[0].FirstName != "Marie" || all[1].LastName != "Diallo" {
		t.Fatalf("all cards %+v, %v", all, err)
	}
	since, err := s.CardHolders(ctx, CardFilter{RegisteredSince: second.RegisteredOn})
	if err != nil || len(since) != 1 || since[0].Card != second.Card {
		t.Fatalf("cards since %s: %+v, %v", second.RegisteredOn, since, err)
	}
	one, err := s.CardHolders(ctx, CardFilter{Cards: []string{first.Card}})
	if err != nil || len(one) != 1 || one[0].HouseholdID != first.ID || one[0].EligibleUntil != first.EligibleUntil {
		t.Fatalf("one card %+v, %v", one, err)
	}
	if _, _, err := s.ReplaceCard(ctx, first.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CardHolders(ctx, CardFilter{Cards: []string{first.Card}}); !errors.Is(err, ErrCardReplaced) {
		t.Fatalf("printing a replaced card: %v", err)
	}
	if _, err := s.CardHolders(ctx, CardFilter{Cards: []string{"12"}}); !errors.Is(err, ErrInvalidCard) {
		t.Fatalf("printing a mistyped card: %v", err)
	}
}
