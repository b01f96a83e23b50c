package storage

import (
	"context"
	"testing"
	"time"
)

// testNow is a Monday afternoon in Paris; every test clock starts there.
var testNow = time.Date(2026, 11, 23, 14, 30, 0, 0, Paris)

type testClock struct{ t time.Time }

func (c *testClock) now() time.Time      { return c.t }
func (c *testClock) add(d time.Duration) { c.t = c.t.Add(d) }
func (c *testClock) addDays(n int)       { c.t = c.t.AddDate(0, 0, n) }

func openTestStore(t testing.TB) (*Store, *testClock) {
	t.Helper()
	clock := &testClock{t: testNow}
	s, err := Open(context.Background(), t.TempDir(), OpenOptions{Now: clock.now})
	if err != nil {
		t.Fatalf("opening store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Setup(context.Background(), DefaultSetup("Les Restos du Pile", "Local rue de l'Alma")); err != nil {
		t.Fatalf("setup: %v", err)
	}
	return s, clock
}

func member(last, first, birth string) MemberInput {
	m := MemberInput{LastName: last, FirstName: first}
	if len(birth) == 4 {
		for _, r := range birth {
			m.BirthYear = m.BirthYear*10 + int(r-'0')
		}
	} else if birth != "" {
		d, err := ParseDate(birth)
		if err != nil {
			panic(err)
		}
		m.BirthDate = d
	}
	return m
}

func register(t testing.TB, s *Store, members ...MemberInput) Household {
	t.Helper()
	h, err := s.SaveHousehold(context.Background(), HouseholdInput{Quartier: "Pile", Members: members})
	if err != nil {
		t.Fatalf("registering %v: %v", members, err)
	}
	return h
}

// openStreamStore sets up an association in dir whose rules let the same household check
// in again and again, for the fault tests.
func openStreamStore(t *testing.T, dir string) (*Store, Household) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	settings := DefaultSetup("Asso", "Local")
	settings.MinDaysBetweenVisits = 0
	if err := s.Setup(ctx, settings); err != nil {
		t.Fatal(err)
	}
	h, err := s.SaveHousehold(ctx, HouseholdInput{Members: []MemberInput{{LastName: "Petit", FirstName: "Luc"}}})
	if err != nil {
		t.Fatal(err)
	}
	return s, h
}

// reopenChecked opens dir again after a fault and checks the whole database.
func reopenChecked(t *testing.T, dir, after string) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{MustExist: true})
	if err != nil {
		t.Fatalf("reopening after %s: %v", after, err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after %s: %v", after, err)
	}
	return s
}

// visitCount counts the check-ins kept.
func visitCount(s *Store) int {
	var n int64
	s.reader.Model(&Visit{}).Count(&n)
	return int(n)
}
