package demo

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"entraide/storage"
)

var until = storage.Date{Year: 2026, Month: 11, Day: 21}

func generate(t *testing.T, seed uint64) (*storage.Store, Result) {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	res, err := Generate(context.Background(), s, Options{Households: 200, Months: 6, Seed: seed, Until: until})
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

func households(t *testing.T, s *storage.Store) []storage.HouseholdSummary {
	list, err := s.HouseholdSummaries(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestSameSeedSameData(t *testing.T) {
	a, resA := generate(t, 42)
	b, resB := generate(t, 42)
	if resA != resB {
		t.Fatalf("same seed, different counts: %+v vs %+v", resA, resB)
	}
	if !reflect.DeepEqual(households(t, a), households(t, b)) {
		t.Fatal("same seed, different households")
	}
	dayA, err := a.Day(context.Background(), storage.Date{Year: 2026, Month: 11, Day: 17})
	if err != nil {
		t.Fatal(err)
	}
	dayB, err := b.Day(context.Background(), storage.Date{Year: 2026, Month: 11, Day: 17})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dayA, dayB) {
		t.Fatal("same seed, different visits")
	}
	c, _ := generate(t, 7)
	if reflect.DeepEqual(households(t, a), households(t, c)) {
		t.Fatal("another seed gave the same households")
	}
}

func TestDemoLooksLikeFoodAid(t *testing.T) {
	s, res := generate(t, 1)
	if res.Households != 200 || res.Visits < 200*4 {
		t.Fatalf("counts %+v: want 200 households with weekly visits", res)
	}
	sizes := map[int]int{}
	accents, compound := 0, 0
	for _, h := range households(t, s) {
		sizes[h.Members]++
		if strings.ContainsAny(h.Applicant, "éèêëàâäïîôöüùçÉÈ") {
			accents++
		}
		if strings.ContainsAny(h.Applicant, "- '") && strings.Count(h.Applicant, " ") >= 2 || strings.Contains(h.Applicant, "-") {
			compound++
		}
	}
	if sizes[1] < 40 || sizes[1] > 100 {
		t.Errorf("isolated persons: %d of 200, want about a third", sizes[1])
	}
	if sizes[3]+sizes[4]+sizes[5]+sizes[6] < 60 {
		t.Errorf("families of three or more: %d of 200, want many", sizes[3]+sizes[4]+sizes[5]+sizes[6])
	}
	if accents < 20 || compound < 10 {
		t.Errorf("names with accents %d, compound %d: want plenty of both", accents, compound)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.LastVisitDay > until.String() || st.Sites != 3 {
		t.Errorf("stats %+v: want visits up to %s on 3 sites", st, until)
	}
}

func TestDemoRefusesAFilledDatabase(t *testing.T) {
	s, _ := generate(t, 1)
	if _, err := Generate(context.Background(), s, Options{Households: 5, Until: until}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second demo = %v, want ErrNotEmpty", err)
	}
}
