package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// DuplicateMatch is a registered person who may be the one being typed.
type DuplicateMatch struct {
	HouseholdID string
	Card        string
	PersonID    string
	LastName    string
	FirstName   string
	BirthDate   Date
	BirthYear   int
	Archived    bool
	// Member is the 1-based row of the form that matched.
	Member int
}

// FindDuplicates lists registered persons who look like the members typed: same name
// despite accents, case, hyphens, spaces, swapped first and last names or one wrong
// letter, and the same birth date (or year when only the year is known). Members of the
// household excludeHouseholdID (the one being edited) are left out.
func (s *Store) FindDuplicates(ctx context.Context, members []MemberInput, excludeHouseholdID string) ([]DuplicateMatch, error) {
	return findDuplicates(s.reader.WithContext(ctx), members, excludeHouseholdID)
}

type duplicateCandidate struct {
	HouseholdID string
	Card        string
	PersonID    string
	LastName    string
	FirstName   string
	NormLast    string
	NormFirst   string
	BirthDate   Date
	BirthYear   *int
	Archived    bool
}

func findDuplicates(db *gorm.DB, members []MemberInput, excludeHouseholdID string) ([]DuplicateMatch, error) {
	var matches []DuplicateMatch
	seen := map[string]bool{}
	for i, m := range members {
		year := birthYearOf(m)
		if year == 0 || NormalizeName(m.LastName) == "" || NormalizeName(m.FirstName) == "" {
			continue // without a birth year, homonyms are too common to warn about
		}
		var candidates []duplicateCandidate
		err := db.Raw(`SELECT p.household_id, h.card, p.id AS person_id, p.last_name, p.first_name,
		        p.norm_last, p.norm_first, p.birth_date, p.birth_year, h.archived_at IS NOT NULL AS archived
		    FROM persons p JOIN households h ON h.id = p.household_id
		    WHERE p.birth_year = ? AND p.left_on IS NULL AND p.household_id <> ?`, year, excludeHouseholdID).
			Scan(&candidates).Error
		if err != nil {
			return nil, fmt.Errorf("looking for duplicates: %w", err)
		}
		matches = append(matches, matchCandidates(i, m, candidates, seen)...)
	}
	return matches, nil
}

// birthYearOf is the member's birth year, from the full date when given; 0 when unknown.
func birthYearOf(m MemberInput) int {
	if !m.BirthDate.IsZero() {
		return m.BirthDate.Year
	}
	return m.BirthYear
}

// matchCandidates lists the candidates (born the member's year) who look like member i;
// seen keeps one person from matching twice.
func matchCandidates(i int, m MemberInput, candidates []duplicateCandidate, seen map[string]bool) []DuplicateMatch {
	last, first := NormalizeName(m.LastName), NormalizeName(m.FirstName)
	if last == "" || first == "" || birthYearOf(m) == 0 {
		return nil
	}
	var matches []DuplicateMatch
	for _, c := range candidates {
		if seen[c.PersonID] || !sameBirth(m.BirthDate, c.BirthDate) || !namesMatch(last, first, c.NormLast, c.NormFirst) {
			continue
		}
		seen[c.PersonID] = true
		dm := DuplicateMatch{HouseholdID: c.HouseholdID, Card: c.Card, PersonID: c.PersonID,
			LastName: c.LastName, FirstName: c.FirstName, BirthDate: c.BirthDate, Archived: c.Archived, Member: i + 1}
		if c.BirthYear != nil {
			dm.BirthYear = *c.BirthYear
		}
		matches = append(matches, dm)
	}
	return matches
}

// sameBirth: birth years already match; full dates must match when both are known.
func sameBirth(a, b Date) bool { return a.IsZero() || b.IsZero() || a == b }

// namesMatch compares normalised names, allowing swapped first/last names and one wrong letter.
func namesMatch(last, first, otherLast, otherFirst string) bool {
	near := func(l, f string) bool {
		return (l == otherLast && editDistanceAtMost1(f, otherFirst)) ||
			(f == otherFirst && editDistanceAtMost1(l, otherLast))
	}
	if near(last, first) || near(first, last) {
		return true
	}
	// A compound name split differently between the fields ("Da" + "Silva Maria" for
	// "Da Silva" + "Maria") is caught by the concatenation.
	return last+first == otherLast+otherFirst || last+first == otherFirst+otherLast
}
