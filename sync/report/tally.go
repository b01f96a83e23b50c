package report

import (
	"slices"
	"sort"

	"entraide/storage"
)

// tally counts a month's households before small cells are hidden. What needs names and
// birth dates (ages, household types, the distinct-person sketch) is counted apart from
// what an erased household still holds (quartier, referral, sex, membership dates), so
// that what erased households brought to a month can be kept without their identity.
type tally struct {
	days      map[string][]storage.Date // visit days of each household served, in order
	members   map[string][]storage.MonthPerson
	quartiers []string // the network's quartiers
	key       []byte   // network key; nil: no sketch
	hasher    *identityHasher

	households map[string]storage.MonthHousehold

	ages, sexes, types, quartierCounts, referrals map[string]int
	personsServed, withoutBirthDate               int
	withoutBirthYear                              int
	// sketch holds persons with a full date (by name and date), yearSketch everyone with
	// at least a birth year (by name and year).
	sketch, yearSketch                 *Sketch
	personsHashed, personsHashedByYear int
}

func newTally(data storage.MonthData, networkQuartiers []string, key []byte) *tally {
	t := &tally{days: map[string][]storage.Date{}, members: map[string][]storage.MonthPerson{},
		quartiers: networkQuartiers, key: key, households: data.Households,
		ages: map[string]int{}, sexes: map[string]int{}, types: map[string]int{}, quartierCounts: map[string]int{},
		referrals: map[string]int{}}
	for _, v := range data.Visits {
		t.days[v.HouseholdID] = append(t.days[v.HouseholdID], v.Day)
	}
	for id := range t.days {
		slices.SortFunc(t.days[id], compareDates)
	}
	for _, p := range data.Persons {
		t.members[p.HouseholdID] = append(t.members[p.HouseholdID], p)
	}
	if key != nil {
		t.sketch, t.yearSketch = NewSketch(SketchPrecision), NewSketch(SketchPrecision)
		t.hasher = newIdentityHasher(key)
	}
	return t
}

// householdIDs lists the households served, in a fixed order.
func (t *tally) householdIDs() []string {
	ids := make([]string, 0, len(t.days))
	for id := range t.days {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// firstServed is the first visit day of the month on which p belonged to the household.
func (t *tally) firstServed(p storage.MonthPerson) (storage.Date, bool) {
	for _, d := range t.days[p.HouseholdID] {
		if p.MemberOn(d) {
			return d, true
		}
	}
	return storage.Date{}, false
}

// addKept counts what a household holds even once erased.
func (t *tally) addKept(id string) {
	h := t.households[id]
	switch {
	case h.Quartier == "":
		t.quartierCounts["unknown"]++
	case slices.Contains(t.quartiers, h.Quartier):
		t.quartierCounts[h.Quartier]++
	default:
		t.quartierCounts["other"]++
	}
	if h.Referral == "" {
		t.referrals["unknown"]++
	} else {
		t.referrals[string(h.Referral)]++
	}
	for _, p := range t.members[id] {
		if _, served := t.firstServed(p); !served {
			continue
		}
		t.personsServed++
		sex := string(p.Sex)
		if sex == "" {
			sex = "unknown"
		}
		t.sexes[sex]++
	}
}

// addBirthFacts counts what needs the members' names and birth dates.
func (t *tally) addBirthFacts(id string) {
	firstVisit := t.days[id][0]
	var present []storage.MonthPerson
	for _, p := range t.members[id] {
		if p.MemberOn(firstVisit) {
			present = append(present, p)
		}
	}
	t.types[householdType(present, firstVisit)]++
	for _, p := range t.members[id] {
		first, served := t.firstServed(p)
		if !served {
			continue
		}
		t.ages[AgeBand(p.AgeOn(first))]++
		year, known := storage.BirthYear(p.BirthDate, p.BirthYear)
		if !known {
			t.withoutBirthYear++
		}
		if p.BirthDate.IsZero() {
			t.withoutBirthDate++
		}
		if t.sketch == nil || !known {
			continue
		}
		last, firstName := storage.NormalizeName(p.LastName), storage.NormalizeName(p.FirstName)
		t.yearSketch.Insert(t.hasher.byYear(last, firstName, year))
		t.personsHashedByYear++
		if !p.BirthDate.IsZero() {
			t.sketch.Insert(t.hasher.byDate(last, firstName, p.BirthDate))
			t.personsHashed++
		}
	}
}

// Margins of the erased counts that are not report margins.
const (
	erasedWithoutBirthDate = "persons_without_birth_date"
	erasedWithoutBirthYear = "persons_without_birth_year"
)

// erased is what addBirthFacts counted, to be kept when the households are erased.
func (t *tally) erased(month string) storage.ErasedMonth {
	e := storage.ErasedMonth{Month: month, Counts: map[string]map[string]int{
		MarginAge: t.ages, MarginHouseholdType: t.types, erasedWithoutBirthDate: {"": t.withoutBirthDate},
		erasedWithoutBirthYear: {"": t.withoutBirthYear}}}
	if t.sketch != nil {
		fingerprint := KeyFingerprint(t.key)
		e.Sketches = []storage.ErasedSketch{
			{Kind: storage.SketchByBirthDate, KeyFingerprint: fingerprint, Precision: t.sketch.Precision,
				Registers: t.sketch.Registers, Persons: t.personsHashed},
			{Kind: storage.SketchByBirthYear, KeyFingerprint: fingerprint, Precision: t.yearSketch.Precision,
				Registers: t.yearSketch.Registers, Persons: t.personsHashedByYear}}
	}
	return e
}

// addErased adds what erased households brought to the month before their erasure. Their
// sketch cells count only under the network key of the time.
func (t *tally) addErased(e storage.ErasedMonth) {
	for category, n := range e.Counts[MarginAge] {
		t.ages[category] += n
	}
	for category, n := range e.Counts[MarginHouseholdType] {
		t.types[category] += n
	}
	t.withoutBirthDate += e.Counts[erasedWithoutBirthDate][""]
	t.withoutBirthYear += e.Counts[erasedWithoutBirthYear][""]
	if t.sketch == nil {
		return
	}
	fingerprint := KeyFingerprint(t.key)
	for _, sk := range e.Sketches {
		if sk.KeyFingerprint != fingerprint {
			continue
		}
		into, persons := t.sketch, &t.personsHashed
		if sk.Kind == storage.SketchByBirthYear {
			into, persons = t.yearSketch, &t.personsHashedByYear
		}
		if err := into.Merge(&Sketch{Precision: sk.Precision, Registers: sk.Registers}); err == nil {
			*persons += sk.Persons
		}
	}
}
