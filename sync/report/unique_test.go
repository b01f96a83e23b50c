package report_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/storage/demo"
	"entraide/sync/exchange"
	"entraide/sync/report"
)

// uniqueNetwork is a CCAS and its associations, each with the same passphrase.
type uniqueNetwork struct {
	now  time.Time
	ccas *storage.Store
}

var uniqueNow = time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris)

const uniqueMonth = "2026-10"

func newUniqueNetwork(t testing.TB) *uniqueNetwork {
	t.Helper()
	n := &uniqueNetwork{now: uniqueNow}
	n.ccas = n.open(t)
	if err := n.ccas.SetupCCAS(context.Background(), storage.CCASSetupInput{Name: "CCAS de Roubaix"}); err != nil {
		t.Fatal(err)
	}
	return n
}

func (n *uniqueNetwork) open(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{Now: func() time.Time { return n.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// join invites an association set up in s, joins it with the network's passphrase.
func (n *uniqueNetwork) join(t testing.TB, s *storage.Store, name string) {
	t.Helper()
	ctx := context.Background()
	inv, _, err := exchange.Invite(ctx, n.ccas, name, "2026-01")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Join(ctx, s, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.SetPassphrase(ctx, s, "abricot balcon cerise dauphin"); err != nil {
		t.Fatal(err)
	}
}

// demoAssociation is an association holding demo households, joined to the network.
func (n *uniqueNetwork) demoAssociation(t testing.TB, name string, households int, seed uint64) *storage.Store {
	t.Helper()
	s := n.open(t)
	if _, err := demo.Generate(context.Background(), s, demo.Options{Households: households, Months: 3, Seed: seed,
		Until: storage.Date{Year: 2026, Month: 10, Day: 31}}); err != nil {
		t.Fatal(err)
	}
	n.join(t, s, name)
	return s
}

// send makes the association's report of month and imports it at the CCAS.
func (n *uniqueNetwork) send(t testing.TB, s *storage.Store, month string) report.Report {
	t.Helper()
	ctx := context.Background()
	file, r, err := report.MonthlyReport(ctx, s, month)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := exchange.ImportFile(ctx, n.ccas, file); err != nil || !v.Accepted {
		t.Fatalf("report of %s refused: %+v, %v", r.AssociationName, v, err)
	}
	return r
}

func (n *uniqueNetwork) figures(t testing.TB, from, to string) report.NetworkFigures {
	t.Helper()
	f, err := report.Figures(context.Background(), n.ccas, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// servedPersons are the ids of the persons an association served in month: the truth.
func servedPersons(t testing.TB, s *storage.Store, month string) map[string]storage.MonthPerson {
	t.Helper()
	first, err := storage.ParseDate(month + "-01")
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.MonthData(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, v := range data.Visits {
		served[v.HouseholdID] = true
	}
	persons := map[string]storage.MonthPerson{}
	for _, p := range data.Persons {
		if served[p.HouseholdID] && p.LeftOn.IsZero() {
			persons[p.ID] = p
		}
	}
	return persons
}

func within(t *testing.T, what string, got report.DistinctPersons, exact int, tolerance float64) {
	t.Helper()
	off := math.Abs(float64(got.Estimate-exact)) / float64(exact)
	t.Logf("%s: estimate %d (between %d and %d), exact %d: %.2f %% off", what, got.Estimate, got.Low, got.High, exact, 100*off)
	if off > tolerance {
		t.Errorf("%s: estimate %d for %d distinct persons: %.1f %% off", what, got.Estimate, exact, 100*off)
	}
	if got.Low > exact || got.High < exact {
		t.Errorf("%s: the range %d–%d leaves out the exact %d", what, got.Low, got.High, exact)
	}
	if got.Method != report.ByBirthYear || !strings.Contains(got.Meaning, fmt.Sprint(got.Estimate)) {
		t.Errorf("%s: method %q, meaning %q", what, got.Method, got.Meaning)
	}
}

// The same population registered in two associations (15 % of it with a birth year
// alone) is counted once; two different populations add up.
func TestDistinctPersonsAgainstTheExactCount(t *testing.T) {
	if testing.Short() {
		t.Skip("makes four demo associations")
	}
	t.Run("same population", func(t *testing.T) {
		n := newUniqueNetwork(t)
		a := n.demoAssociation(t, "Les Amis du Pile", 1000, 5)
		b := n.demoAssociation(t, "Resto de l'Alma", 1000, 5)
		n.send(t, a, uniqueMonth)
		n.send(t, b, uniqueMonth)
		within(t, "same population", n.figures(t, uniqueMonth, uniqueMonth).DistinctPersons, len(servedPersons(t, a, uniqueMonth)), 0.03)
	})
	t.Run("different populations", func(t *testing.T) {
		n := newUniqueNetwork(t)
		a := n.demoAssociation(t, "Les Amis du Pile", 1000, 5)
		b := n.demoAssociation(t, "Resto de l'Alma", 1000, 6)
		n.send(t, a, uniqueMonth)
		n.send(t, b, uniqueMonth)
		exact := len(servedPersons(t, a, uniqueMonth)) + len(servedPersons(t, b, uniqueMonth))
		within(t, "different populations", n.figures(t, uniqueMonth, uniqueMonth).DistinctPersons, exact, 0.03)
	})
}

// A person registered with a full birth date here and the year alone there is one person;
// a person with no birth information at all is counted by each association that serves her.
func TestFullDateAndYearAloneCountOnce(t *testing.T) {
	n := newUniqueNetwork(t)
	ctx := context.Background()
	register := func(name string, members ...storage.MemberInput) {
		s := n.open(t)
		if err := s.Setup(ctx, storage.DefaultSetup(name, "Local")); err != nil {
			t.Fatal(err)
		}
		n.join(t, s, name)
		for _, m := range members {
			n.now = time.Date(2026, 10, 1, 9, 0, 0, 0, storage.Paris)
			h, err := s.SaveHousehold(ctx, storage.HouseholdInput{Quartier: "Pile", Members: []storage.MemberInput{m}, DuplicateOverride: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: time.Date(2026, 10, 6, 10, 0, 0, 0, storage.Paris)}); err != nil {
				t.Fatal(err)
			}
		}
		n.now = uniqueNow
		r := n.send(t, s, uniqueMonth)
		if r.UniqueByYear == nil || r.UniqueByYear.PersonsHashed != len(members)-1 || r.PersonsWithoutBirthYear != 1 {
			t.Fatalf("%s's report: %+v", name, r)
		}
	}
	register("Les Amis du Pile",
		storage.MemberInput{LastName: "Lefèvre", FirstName: "Marie-Thérèse", BirthDate: storage.Date{Year: 1958, Month: 3, Day: 12}},
		storage.MemberInput{LastName: "Diallo", FirstName: "Moussa", BirthYear: 1990},
		storage.MemberInput{LastName: "Inconnu", FirstName: "Paul"})
	register("Resto de l'Alma",
		storage.MemberInput{LastName: "LEFEVRE", FirstName: "marie therese", BirthYear: 1958},
		storage.MemberInput{LastName: "Diallo", FirstName: "Moussa", BirthDate: storage.Date{Year: 1990, Month: 7, Day: 1}},
		storage.MemberInput{LastName: "Inconnu", FirstName: "Paul"})
	d := n.figures(t, uniqueMonth, uniqueMonth).DistinctPersons
	// Lefèvre and Diallo once each; Paul, without any date, once per association.
	if d.Sketched != 2 || d.NotSketched != 2 || d.Estimate != 4 || d.Method != report.ByBirthYear {
		t.Fatalf("distinct persons %+v, want 2 matched + 2 unmatched", d)
	}
	if !strings.Contains(d.Meaning, "sans année de naissance") {
		t.Fatalf("the meaning does not say why some persons are apart: %q", d.Meaning)
	}
}

// Name and birth year merge homonyms born the same year: on demo data, whose names are
// far more concentrated than a real town's (110 last names), the rate stays under 1 %.
func TestNameAndYearFalseMerges(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a demo association")
	}
	n := newUniqueNetwork(t)
	s := n.demoAssociation(t, "Les Amis du Pile", 3000, 11)
	persons := servedPersons(t, s, uniqueMonth)
	rate := falseMergeRate(persons)
	t.Logf("%d persons, false merges %.3f %%", len(persons), 100*rate)
	if rate > 0.01 {
		t.Fatalf("name and birth year merge %.2f %% of different persons", 100*rate)
	}
}

// falseMergeRate is the share of persons who hash like another person by name and year.
func falseMergeRate(persons map[string]storage.MonthPerson) float64 {
	keys := map[string]bool{}
	for _, p := range persons {
		year, _ := storage.BirthYear(p.BirthDate, p.BirthYear)
		keys[storage.NormalizeName(p.LastName)+"|"+storage.NormalizeName(p.FirstName)+"|"+fmt.Sprint(year)] = true
	}
	return float64(len(persons)-len(keys)) / float64(len(persons))
}

// BenchmarkFalseMerges reports the false-merge rate on the 20,000-household demo data,
// over every person served in a year.
func BenchmarkFalseMerges(b *testing.B) {
	assoc, _ := joinedBench(b)
	persons := map[string]storage.MonthPerson{}
	end := assoc.Today().FirstOfMonth()
	for i := 1; i <= 12; i++ {
		for id, p := range servedPersons(b, assoc, storage.MonthOf(end.AddMonths(-i)).String()) {
			persons[id] = p
		}
	}
	var rate float64
	for b.Loop() {
		rate = falseMergeRate(persons)
	}
	b.ReportMetric(100*rate, "%merged")
	b.ReportMetric(float64(len(persons)), "persons")
}
