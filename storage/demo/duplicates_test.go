package demo

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

// The duplicate rules measured on 20,000 households whose names have their French
// frequencies: how often an ordinary registration (a person not registered) is flagged,
// and how often a registered person typed again with a usual slip is caught. The data is
// seeded, so the figures are exact and the same on every machine.
func TestDuplicateRulesOnDemoData(t *testing.T) {
	if testing.Short() {
		t.Skip("a measure over 20,000 households (45 s; minutes under -race): run without -short")
	}
	households := 20000
	if os.Getenv("ENTRAIDE_DUPLICATES_SMALL") != "" {
		households = 2000 // a quicker look while changing the rules
	}
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := Generate(ctx, s, Options{Households: households, Months: 1, Seed: 11, Until: until}); err != nil {
		t.Fatal(err)
	}

	// Precision: 2,000 ordinary registrations drawn the same way, with another seed.
	const registrations = 2000
	probable, possible := 0, 0
	why, whyPossible := map[string]int{}, map[string]int{} // the rule behind each flag
	for _, in := range Registrations(12, registrations, until) {
		matches, err := s.FindDuplicates(ctx, storage.DuplicateCheck{Members: in.Members, Address: in.Address, Phone: in.Phone})
		if err != nil {
			t.Fatal(err)
		}
		if p := storage.Probable(matches); len(p) > 0 {
			probable++
			why[string(p[0].Name)+" + "+string(p[0].Birth)]++
		} else if len(matches) > 0 {
			possible++
			whyPossible[string(matches[0].Name)+" + "+string(matches[0].Birth)]++
		}
	}
	t.Logf("false probable flags by rule: %v", why)
	t.Logf("possible flags by rule: %v", whyPossible)
	t.Logf("%d households: of %d ordinary registrations, %d raise a probable flag (1 in %.0f), %d only a possible one (1 in %.0f)",
		households, registrations, probable, float64(registrations)/float64(max(probable, 1)), possible, float64(registrations)/float64(max(possible, 1)))
	if probable*200 > registrations {
		t.Errorf("%d false probable flags in %d registrations: more than 1 in 200", probable, registrations)
	}

	// Recall: registered persons typed again with one slip each.
	all, err := s.AllHouseholds(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	type slip struct {
		name  string
		apply func(storage.Person) (storage.MemberInput, bool)
	}
	base := func(p storage.Person) storage.MemberInput {
		m := storage.MemberInput{LastName: p.LastName, FirstName: p.FirstName, BirthDate: p.BirthDate, Sex: p.Sex}
		if p.BirthYear != nil {
			m.BirthYear = *p.BirthYear
		}
		return m
	}
	slips := []slip{
		{"day and month swapped", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			d := p.BirthDate
			if d.IsZero() || d.Day > 12 || d.Day == int(d.Month) {
				return m, false
			}
			m.BirthDate = storage.Date{Year: d.Year, Month: time.Month(d.Day), Day: int(d.Month)}
			return m, true
		}},
		{"compound first name shortened", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			first, _, ok := strings.Cut(p.FirstName, "-")
			m.FirstName = first
			return m, ok && len(first) >= 3
		}},
		{"one letter missing", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			r := []rune(p.LastName)
			if len(r) < 5 {
				return m, false
			}
			m.LastName = string(append(r[:2:2], r[3:]...))
			return m, true
		}},
		{"full date on one side only", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			if p.BirthDate.IsZero() {
				return m, false
			}
			m.BirthDate, m.BirthYear = storage.Date{}, p.BirthDate.Year
			return m, true
		}},
		{"year only and the last name's first letter wrong", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			if !p.BirthDate.IsZero() {
				m.BirthDate, m.BirthYear = storage.Date{}, p.BirthDate.Year
			}
			r := []rune(p.LastName)
			if len(r) < 4 {
				return m, false
			}
			r[0] = 'B'
			if strings.EqualFold(string(p.LastName[:1]), "b") {
				r[0] = 'D'
			}
			m.LastName = string(r)
			return m, true
		}},
		{"names in each other's field", func(p storage.Person) (storage.MemberInput, bool) {
			m := base(p)
			m.LastName, m.FirstName = p.FirstName, p.LastName
			return m, true
		}},
	}
	for _, sl := range slips {
		tried, caughtProbable, caught := 0, 0, 0
		for _, h := range all {
			if tried == 300 {
				break
			}
			for _, p := range h.Members {
				m, ok := sl.apply(p)
				if !ok {
					continue
				}
				tried++
				matches, err := s.FindDuplicates(ctx, storage.DuplicateCheck{Members: []storage.MemberInput{m}})
				if err != nil {
					t.Fatal(err)
				}
				for _, dm := range matches {
					if dm.PersonID == p.ID {
						caught++
						if dm.Grade == storage.MatchProbable {
							caughtProbable++
						}
					}
				}
				break
			}
		}
		t.Logf("%s: %d of %d caught (%d probable)", sl.name, caught, tried, caughtProbable)
		if tried == 0 || caught < tried*95/100 {
			t.Errorf("%s: %d of %d caught", sl.name, caught, tried)
		}
	}
}
