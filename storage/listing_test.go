package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestListingDraftSaveAndReminder(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	if due, err := s.ListingDue(ctx); err != nil || due {
		t.Fatalf("a new installation is reminded of its listing (%v)", err)
	}
	clock.t = clock.t.AddDate(0, 5, 0)
	if due, err := s.ListingDue(ctx); err != nil || !due {
		t.Fatalf("a listing never saved in five months is not due (%v)", err)
	}
	clock.t = testNow
	l, err := s.Listing(ctx)
	if err != nil || l.Name != "Les Restos du Pile" || len(l.Sites) != 1 || l.Sites[0].Name != "Local rue de l'Alma" {
		t.Fatalf("draft listing %+v, %v", l, err)
	}
	l.Sites[0].Schedule = testSchedule()
	l.Activities = []Activity{ActivityFoodParcel, ActivityBabyProducts}
	if _, err := s.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	got, err := s.Listing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.CheckedOn != DateOf(testNow) || len(got.Sites[0].Schedule.Rules) != 3 || got.Sites[0].Schedule.Closures[0].Message != "fermé en août" {
		t.Fatalf("saved listing %+v", got)
	}
	if due, err := s.ListingDue(ctx); err != nil || due {
		t.Fatal("a listing checked today is due")
	}
	clock.t = clock.t.AddDate(0, 5, 0)
	if due, err := s.ListingDue(ctx); err != nil || !due {
		t.Fatal("a listing not checked for five months is not due")
	}
	bad := got
	bad.Sites = append(bad.Sites, ListingSite{Name: "Épicerie", Schedule: Schedule{Rules: []OpeningRule{{Weekday: time.Monday, Opens: "14:00", Closes: "09:00"}}}})
	var ve *ValidationError
	if _, err := s.SaveListing(ctx, bad); !errors.As(err, &ve) || ve.Problem != ProblemBadHours || ve.Member != 2 {
		t.Fatalf("bad hours: %v", err)
	}
}
