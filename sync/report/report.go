// Package report counts an association's month (anonymised margins, small cells hidden,
// the distinct-person sketches) and, on the CCAS, adds the months of the network up into
// the figures the CCAS quotes. It also keeps what erased households brought to past months.
package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
)

// Categories of each margin, in the order reports and screens show them.
var (
	AgeBands       = []string{"0-2", "3-15", "16-17", "18-24", "25-59", "60-64", "65+", "unknown"}
	SexCategories  = []string{"F", "M", "X", "unknown"}
	HouseholdTypes = []string{"single_person", "single_parent", "couple_without_children", "couple_with_children", "other"}
)

// Margin names.
const (
	MarginAge           = "age_band"
	MarginSex           = "sex"
	MarginHouseholdType = "household_type"
	MarginQuartier      = "quartier"
	MarginReferral      = "referral"
	MarginVisitKind     = "visit_kind"
)

// Report is the payload of a monthly report: anonymised counts only. It holds no name,
// birth date, address, phone, card number or note, not even hashed one by one.
type Report struct {
	NetworkID               string    `json:"network_id"`
	AssociationID           string    `json:"association_id"`
	AssociationName         string    `json:"association_name"`
	Month                   string    `json:"month"`
	GeneratedAt             time.Time `json:"generated_at"`
	SmallCellK              int       `json:"small_cell_k"`
	HouseholdsServed        int       `json:"households_served"`
	PersonsServed           int       `json:"persons_served"`
	Visits                  int       `json:"visits"`
	NewHouseholds           int       `json:"new_households"`
	ActiveHouseholds        int       `json:"active_households"`
	WeightKg                float64   `json:"weight_kg"`
	PersonsWithoutBirthDate int       `json:"persons_without_birth_date"`
	// PersonsWithoutBirthYear (minor version 2) are the persons served with no birth
	// information at all: they are in no sketch.
	PersonsWithoutBirthYear int               `json:"persons_without_birth_year"`
	Margins                 map[string]Margin `json:"margins"`
	// Unique is the sketch of the persons with a full birth date, by name and date; kept
	// for a CCAS that has not updated since minor version 1.
	Unique *UniquePart `json:"unique,omitempty"`
	// UniqueByYear (minor version 2) is the sketch of every person with at least a birth
	// year, by name and year: the network's distinct-person figure comes from it.
	UniqueByYear *UniquePart `json:"unique_by_year,omitempty"`
	// Listing is the association's public listing, sent with every report once saved.
	Listing *directory.FileListing `json:"listing,omitempty"`
}

// UniquePart is a month's sketch of the persons served.
type UniquePart struct {
	KeyFingerprint string  `json:"key_fingerprint"`
	PersonsHashed  int     `json:"persons_hashed"`
	Sketch         *Sketch `json:"sketch"`
}

// AgeBand is the report category of an age (known: false without any birth information).
func AgeBand(age int, known bool) string {
	switch {
	case !known:
		return "unknown"
	case age <= 2:
		return "0-2"
	case age <= 15:
		return "3-15"
	case age <= 17:
		return "16-17"
	case age <= 24:
		return "18-24"
	case age <= 59:
		return "25-59"
	case age <= 64:
		return "60-64"
	}
	return "65+"
}

// householdType classifies the members present on a day.
func householdType(members []storage.MonthPerson, day storage.Date) string {
	adults, children, partners := 0, 0, 0
	for _, p := range members {
		age, known := p.AgeOn(day)
		if p.Relation == storage.RelationChild || (known && age < 18) {
			children++
			continue
		}
		adults++
		if p.Relation == storage.RelationPartner {
			partners++
		}
	}
	switch {
	case adults+children == 1:
		return "single_person"
	case adults == 1 && children > 0:
		return "single_parent"
	case adults == 2 && partners == 1 && children == 0:
		return "couple_without_children"
	case adults == 2 && partners == 1:
		return "couple_with_children"
	}
	return "other"
}

// BuildReport counts a month. Ages are taken at the person's first visit of the month;
// the household type at the household's first visit. uniqueKey may be nil (no passphrase
// typed yet): then the report carries no sketch.
func BuildReport(data storage.MonthData, m storage.Membership, uniqueKey []byte, now time.Time) Report {
	r := Report{NetworkID: m.NetworkID, AssociationID: m.AssociationID, AssociationName: m.AssociationName,
		Month: storage.MonthOf(data.First).String(), GeneratedAt: now.UTC().Truncate(time.Second), SmallCellK: m.SmallCellK,
		Visits: len(data.Visits), NewHouseholds: data.NewHouseholds, ActiveHouseholds: data.ActiveHouseholds}

	kinds := map[string]int{}
	weight := 0.0
	for _, v := range data.Visits {
		kinds[string(v.Kind)]++
		if v.WeightKg != nil {
			weight += *v.WeightKg
		}
	}
	r.WeightKg = math.Round(weight*10) / 10
	t := newTally(data, m.Quartiers, uniqueKey)
	for _, id := range t.householdIDs() {
		t.addKept(id)
		if !data.Households[id].Erased {
			t.addBirthFacts(id)
		}
	}
	t.addErased(data.Erased)
	r.HouseholdsServed, r.PersonsServed = len(t.days), t.personsServed
	r.PersonsWithoutBirthDate, r.PersonsWithoutBirthYear = t.withoutBirthDate, t.withoutBirthYear
	if t.sketch != nil {
		fingerprint := KeyFingerprint(uniqueKey)
		r.Unique = &UniquePart{KeyFingerprint: fingerprint, PersonsHashed: t.personsHashed, Sketch: t.sketch}
		r.UniqueByYear = &UniquePart{KeyFingerprint: fingerprint, PersonsHashed: t.personsHashedByYear, Sketch: t.yearSketch}
	}
	k := m.SmallCellK
	kindNames := make([]string, len(storage.VisitKinds))
	for i, v := range storage.VisitKinds {
		kindNames[i] = string(v)
	}
	referralNames := []string{}
	for _, v := range storage.Referrals {
		referralNames = append(referralNames, string(v))
	}
	r.Margins = map[string]Margin{
		MarginAge:           Suppress(t.ages, AgeBands, k),
		MarginSex:           Suppress(t.sexes, SexCategories, k),
		MarginHouseholdType: Suppress(t.types, HouseholdTypes, k),
		MarginQuartier:      Suppress(t.quartierCounts, append(slices.Clone(m.Quartiers), "other", "unknown"), k),
		MarginReferral:      Suppress(t.referrals, append(referralNames, "unknown"), k),
		MarginVisitKind:     Suppress(kinds, kindNames, k),
	}
	return r
}

func compareDates(a, b storage.Date) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// ErrMonthNotOver: a report is asked for the current month or a later one.
var ErrMonthNotOver = errors.New("the month is not over yet")

// MonthlyReport computes and signs the association's report for month (YYYY-MM).
func MonthlyReport(ctx context.Context, s *storage.Store, month string) ([]byte, Report, error) {
	if err := s.RequireManager("making a monthly report"); err != nil {
		return nil, Report{}, err
	}
	first, err := storage.MonthStart(month)
	if err != nil {
		return nil, Report{}, err
	}
	if !first.Before(s.Today().FirstOfMonth()) {
		return nil, Report{}, fmt.Errorf("report for %s: %w", month, ErrMonthNotOver)
	}
	m, err := s.Membership(ctx)
	if err != nil {
		return nil, Report{}, err
	}
	if month < m.ValidFrom {
		return nil, Report{}, fmt.Errorf("report for %s, network joined in %s: %w", month, m.ValidFrom, storage.ErrBeforeJoined)
	}
	data, err := s.MonthData(ctx, first)
	if err != nil {
		return nil, Report{}, err
	}
	key, err := s.InstallationKey(ctx)
	if err != nil {
		return nil, Report{}, err
	}
	r := BuildReport(data, m, m.UniqueKey, s.Now())
	listing, err := s.Listing(ctx)
	if err != nil {
		return nil, Report{}, err
	}
	if !listing.CheckedOn.IsZero() { // a listing never saved is only a draft
		file := directory.ListingOf(listing)
		r.Listing = &file
	}
	file, err := envelope.Seal(envelope.FormatMonthlyReport, m.AssociationID, key, r)
	if err != nil {
		return nil, r, err
	}
	return file, r, nil
}

// FileName is the default name of a report file: rapport-<association>-<YYYY-MM>.json,
// the association's name in plain lower-case words joined by hyphens.
func FileName(associationName, month string) string {
	return "rapport-" + envelope.FileSlug(associationName) + "-" + month + ".json"
}
