package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
)

// managerActions are the store's actions reserved to managers, each with what it would
// change, to check that a refusal changed nothing.
func managerActions(s *Store, household Household, volunteerID string) map[string]func(context.Context) error {
	return map[string]func(context.Context) error{
		"settings": func(ctx context.Context) error {
			st, err := s.Settings(ctx)
			if err != nil {
				return err
			}
			st.MinDaysBetweenVisits = 1
			return s.SaveSettings(ctx, st)
		},
		"add site": func(ctx context.Context) error { _, err := s.AddSite(ctx, "Église", ""); return err },
		"add account": func(ctx context.Context) error {
			_, err := s.AddUser(ctx, "Intrus", RoleManager, "9999")
			return err
		},
		"disable account": func(ctx context.Context) error { return s.DisableUser(ctx, volunteerID) },
		"purge": func(ctx context.Context) error {
			_, err := s.PurgeHouseholds(ctx, []string{household.ID}, "x", AuditErase, nil)
			return err
		},
		"access export": func(ctx context.Context) error { _, err := s.Record(ctx, household.ID); return err },
		"encrypted backup": func(ctx context.Context) error {
			return s.EncryptedBackup(ctx, &bytes.Buffer{}, "une phrase assez longue", "test")
		},
		"listing": func(ctx context.Context) error {
			l, err := s.Listing(ctx)
			if err != nil {
				return err
			}
			l.Description = "changée"
			_, err = s.SaveListing(ctx, l)
			return err
		},
		"report saved": func(ctx context.Context) error { return s.RecordSentReport(ctx, "2026-10", "rapport.json") },
	}
}

// Permissions are enforced by the store, whatever screen asks: a volunteer's session, or a
// locked window, cannot change settings, accounts, erase, export or back up; a manager can,
// and so can entraidectl (no session: whoever runs it administers the computer).
func TestVolunteerSessionCannotDoManagersActions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	household := register(t, s, member("Petit", "Luc", "1950"))
	manager, err := s.AddUser(ctx, "Josiane", RoleManager, "1234")
	if err != nil {
		t.Fatalf("no session (set-up, entraidectl): %v", err)
	}
	volunteer, err := s.AddUser(ctx, "Bernard", RoleVolunteer, "2468")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, volunteer.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	before := fmt.Sprint(s.Stats(ctx))
	users, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, action := range managerActions(s, household, volunteer.ID) {
		t.Run("volunteer "+name, func(t *testing.T) {
			if err := action(ctx); !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("a volunteer's %s: %v, want ErrNotAllowed", name, err)
			}
		})
	}
	if after, nowUsers := fmt.Sprint(s.Stats(ctx)), must(s.Users(ctx)); after != before || len(nowUsers) != len(users) {
		t.Fatalf("refused actions changed the data: %s → %s", before, after)
	}
	if st, err := s.Settings(ctx); err != nil || st.MinDaysBetweenVisits == 1 {
		t.Fatal("a volunteer changed the settings")
	}
	// What volunteers do is still allowed.
	if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: household.ID}); err != nil {
		t.Fatalf("a volunteer's check-in: %v", err)
	}

	s.EndSession() // the window locks
	if err := s.RequireManager("anything"); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("while locked: %v", err)
	}
	if _, err := s.Authenticate(ctx, manager.ID, "1234"); err != nil {
		t.Fatal(err)
	}
	for name, action := range managerActions(s, household, volunteer.ID) {
		t.Run("manager "+name, func(t *testing.T) {
			if err := action(ctx); err != nil {
				t.Fatalf("a manager's %s: %v", name, err)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
