package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// MatchGrade says how sure a duplicate is.
type MatchGrade int

const (
	// MatchPossible is shown to the volunteer, who registers without giving a reason.
	MatchPossible MatchGrade = 1
	// MatchProbable asks for a reason to register anyway.
	MatchProbable MatchGrade = 2
)

func (g MatchGrade) String() string {
	if g == MatchProbable {
		return "probable"
	}
	return "possible"
}

// NameLikeness says how the names resemble each other.
type NameLikeness string

// Name likenesses, from the closest.
const (
	// NameSame: the same names, accents, case, spaces, hyphens, apostrophes and the order
	// of first and last names aside.
	NameSame NameLikeness = "same"
	// NameOneLetter: one letter missing, added, changed or two swapped in one of the names.
	NameOneLetter NameLikeness = "one_letter"
	// NameCompoundPart: one part of a compound name for the whole (Marie for Marie-Claire,
	// Martin for Martin-Dubois).
	NameCompoundPart NameLikeness = "compound_part"
	// NameSoundsAlike: written differently, said the same (Lefèvre, Lefebvre).
	NameSoundsAlike NameLikeness = "sounds_alike"
	// NameOtherLastName: the same first name and birth date, another last name (a maiden
	// or married name), at the same address or phone.
	NameOtherLastName NameLikeness = "other_last_name"
)

// BirthLikeness says how the birth dates resemble each other.
type BirthLikeness string

// Birth likenesses.
const (
	BirthSame           BirthLikeness = "same"
	BirthYearOnly       BirthLikeness = "year_only"         // the same year, the full date on one side only
	BirthDayMonthSwaped BirthLikeness = "day_month_swapped" // 12/03/1975 typed 03/12/1975
	BirthOneDigit       BirthLikeness = "one_digit"         // one digit of the date differs
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
	Grade  MatchGrade
	Name   NameLikeness
	Birth  BirthLikeness
	// firstSame: the first names are the same (what tells a sibling from a typing slip).
	firstSame bool
}

// DuplicateCheck is what is compared with the registered persons: the members typed, the
// household they belong to (its own members are left out), and its address and phone,
// which tell a maiden or married name.
type DuplicateCheck struct {
	Members            []MemberInput
	ExcludeHouseholdID string
	Address, Phone     string
}

// FindDuplicates lists the registered persons who look like the members typed, graded:
// probable (the same person typed a little differently) or possible (close enough to
// show). See gradeMatch for the rules; siblings and twins are left out (siblingFilter).
func (s *Store) FindDuplicates(ctx context.Context, c DuplicateCheck) ([]DuplicateMatch, error) {
	db := s.reader.WithContext(ctx)
	pool, err := loadCandidates(db, c.Members, c.ExcludeHouseholdID)
	if err != nil {
		return nil, err
	}
	return pool.match(c, newHouseholds(db))
}

// Probable keeps the probable matches: those that need a reason.
func Probable(matches []DuplicateMatch) []DuplicateMatch {
	var out []DuplicateMatch
	for _, m := range matches {
		if m.Grade == MatchProbable {
			out = append(out, m)
		}
	}
	return out
}

type duplicateCandidate struct {
	HouseholdID string
	PersonID    string
	LastName    string
	FirstName   string
	NormLast    string
	NormFirst   string
	BirthDate   Date
	BirthYear   *int
	Sex         Sex
}

// candidatePool holds the registered persons a check compares with, by birth year.
type candidatePool map[int][]duplicateCandidate

// candidateColumns are read from persons alone: the household's card and contact are
// read afterwards for the few persons that match (a join would read a household for
// every person born on a close date).
const candidateColumns = `p.household_id, p.id AS person_id, p.last_name, p.first_name, p.norm_last, p.norm_first,
    p.birth_date, p.birth_year, p.sex FROM persons p`

// households reads what matches show of their households (card, archived), and the
// address and phone the maiden-name rule compares, each household once.
type households struct {
	db   *gorm.DB
	read map[string]householdFacts
	err  error
}

type householdFacts struct {
	ID, Card, Address, Phone string
	Archived                 bool
}

func newHouseholds(db *gorm.DB) *households {
	return &households{db: db, read: map[string]householdFacts{}}
}

func (hs *households) get(ids ...string) map[string]householdFacts {
	var missing []string
	for _, id := range ids {
		if _, ok := hs.read[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 && hs.err == nil {
		var rows []householdFacts
		hs.err = hs.db.Raw(`SELECT id, card, address, phone, archived_at IS NOT NULL AS archived FROM households WHERE id IN ?`, missing).Scan(&rows).Error
		for _, r := range rows {
			hs.read[r.ID] = r
		}
	}
	return hs.read
}

// loadCandidates reads, in two queries whatever the number of members, the registered
// persons a member may duplicate: born the same year on a date a typing slip away (or
// with the year only, on either side), and born a year one digit away under exactly the
// same names (a year mistyped is caught only with the same names).
func loadCandidates(db *gorm.DB, members []MemberInput, excludeHouseholdID string) (candidatePool, error) {
	yearOnly, fullYears, dates := map[int]bool{}, map[int]bool{}, map[string]bool{}
	nearYears, lasts, firsts, initials := map[int]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, m := range members {
		year := birthYearOf(m)
		if year == 0 {
			continue
		}
		// The initials of every part of both names, in either field (names swapped).
		for _, name := range []string{m.LastName, m.FirstName} {
			for _, part := range append([]string{NormalizeName(name)}, nameParts(name)...) {
				if part != "" {
					initials[part[:1]] = true
				}
			}
		}
		if m.BirthDate.IsZero() {
			yearOnly[year] = true
		} else {
			fullYears[year] = true
			for _, d := range closeDates(m.BirthDate) {
				dates[d.String()] = true
			}
		}
		for _, y := range oneDigitYears(year) {
			nearYears[y] = true
		}
		lasts[NormalizeName(m.LastName)] = true
		firsts[NormalizeName(m.FirstName)] = true
	}
	pool := candidatePool{}
	if len(yearOnly)+len(fullYears) == 0 {
		return pool, nil
	}
	var rows []duplicateCandidate
	var err error
	if len(dates) > maxDatesInQuery { // a whole file: every person born those years, once
		for y := range fullYears {
			yearOnly[y] = true
		}
		fullYears, dates = map[int]bool{}, map[string]bool{}
	}
	// Three seeks of the (birth_year, birth_date) index: the years of members typed with a
	// year only; the close dates of the others; the persons registered with a year only.
	// A birth year alone makes a match possible at best: those are read only when their
	// last or first name begins with the letter of a part of a name typed (either field:
	// a slip on one name's first letter, the other half of a compound name, names
	// swapped), which spares reading a whole year of persons; the index holds the names.
	err = db.Raw(`SELECT `+candidateColumns+` WHERE p.left_on IS NULL AND p.household_id <> ? AND p.birth_year IN ?
	        AND (substr(p.norm_last, 1, 1) IN ? OR substr(p.norm_first, 1, 1) IN ?)
	    UNION ALL SELECT `+candidateColumns+` WHERE p.left_on IS NULL AND p.household_id <> ? AND p.birth_year IN ? AND p.birth_date IN ?
	    UNION ALL SELECT `+candidateColumns+` WHERE p.left_on IS NULL AND p.household_id <> ? AND p.birth_year IN ? AND p.birth_date IS NULL
	        AND (substr(p.norm_last, 1, 1) IN ? OR substr(p.norm_first, 1, 1) IN ?)`,
		excludeHouseholdID, append(keys(yearOnly), -1), append(keys(initials), ""), append(keys(initials), ""),
		excludeHouseholdID, append(keys(fullYears), -1), append(keys(dates), ""),
		excludeHouseholdID, append(keys(fullYears), -1), append(keys(initials), ""), append(keys(initials), "")).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("looking for duplicates: %w", err)
	}
	// Sought by the last name's index (the year, with +, only filters): the names typed
	// as they are, or in each other's field.
	var near []duplicateCandidate
	err = db.Raw(`SELECT `+candidateColumns+` WHERE p.left_on IS NULL AND p.household_id <> ?
	    AND p.norm_last IN ? AND p.norm_first IN ? AND +p.birth_year IN ?
	    UNION ALL SELECT `+candidateColumns+` WHERE p.left_on IS NULL AND p.household_id <> ?
	    AND p.norm_last IN ? AND p.norm_first IN ? AND +p.birth_year IN ?`,
		excludeHouseholdID, keys(lasts), keys(firsts), keys(nearYears),
		excludeHouseholdID, keys(firsts), keys(lasts), keys(nearYears)).Scan(&near).Error
	if err != nil {
		return nil, fmt.Errorf("looking for duplicates: %w", err)
	}
	seen := map[string]bool{}
	for _, c := range append(rows, near...) {
		if c.BirthYear != nil && !seen[c.PersonID] {
			seen[c.PersonID] = true
			pool[*c.BirthYear] = append(pool[*c.BirthYear], c)
		}
	}
	return pool, nil
}

// closeDates are the dates a typing slip away from d in the same year: d itself, day and
// month swapped, and one digit of the day or month changed.
func closeDates(d Date) []Date {
	out := []Date{d}
	if d.Day <= 12 {
		out = append(out, Date{Year: d.Year, Month: time.Month(d.Day), Day: int(d.Month)})
	}
	digits := []byte(fmt.Sprintf("%02d%02d", int(d.Month), d.Day))
	for i := range digits {
		for c := byte('0'); c <= '9'; c++ {
			if c == digits[i] {
				continue
			}
			changed := append([]byte(nil), digits...)
			changed[i] = c
			var month, day int
			fmt.Sscanf(string(changed), "%02d%02d", &month, &day)
			if month < 1 || month > 12 || day < 1 || day > 31 {
				continue
			}
			if t := time.Date(d.Year, time.Month(month), day, 12, 0, 0, 0, time.UTC); t.Day() == day {
				out = append(out, Date{Year: d.Year, Month: time.Month(month), Day: day})
			}
		}
	}
	return out
}

// maxDatesInQuery keeps a query's parameters well under SQLite's limit (32,766).
const maxDatesInQuery = 2000

func keys[K comparable](m map[K]bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// oneDigitYears are the plausible years (1900 to 2099) one digit away from year.
func oneDigitYears(year int) []int {
	var out []int
	digits := fmt.Sprintf("%04d", year)
	for i := 0; i < 4; i++ {
		for d := '0'; d <= '9'; d++ {
			if rune(digits[i]) == d {
				continue
			}
			changed := []byte(digits)
			changed[i] = byte(d)
			var y int
			fmt.Sscanf(string(changed), "%d", &y)
			if y >= 1900 && y <= 2099 {
				out = append(out, y)
			}
		}
	}
	return out
}

// birthYearOf is the member's birth year, from the full date when given; 0 when unknown.
func birthYearOf(m MemberInput) int {
	if !m.BirthDate.IsZero() {
		return m.BirthDate.Year
	}
	return m.BirthYear
}

// match grades every candidate against every member of the check, then leaves out
// siblings and twins.
func (pool candidatePool) match(c DuplicateCheck, hs *households) ([]DuplicateMatch, error) {
	var all []DuplicateMatch
	for i, m := range c.Members {
		year := birthYearOf(m)
		if year == 0 || NormalizeName(m.LastName) == "" || NormalizeName(m.FirstName) == "" {
			continue // without a birth year, homonyms are too common to warn about
		}
		typed := typedPerson(m)
		seen := map[string]bool{}
		for _, y := range append([]int{year}, oneDigitYears(year)...) {
			for _, cand := range pool[y] {
				if seen[cand.PersonID] {
					continue
				}
				seen[cand.PersonID] = true
				if dm, ok := gradeMatch(typed, cand, c.Address, c.Phone, hs); ok {
					dm.Member = i + 1
					all = append(all, dm)
				}
			}
		}
	}
	out := siblingFilter(all)
	ids := make([]string, len(out))
	for i, m := range out {
		ids[i] = m.HouseholdID
	}
	facts := hs.get(ids...)
	for i := range out {
		f := facts[out[i].HouseholdID]
		out[i].Card, out[i].Archived = f.Card, f.Archived
	}
	if hs.err != nil {
		return nil, fmt.Errorf("looking for duplicates: %w", hs.err)
	}
	return out, nil
}

// typed is a member as compared.
type typed struct {
	MemberInput
	last, first           string // normalised
	lastParts, firstParts []string
	lastSound, firstSound string
}

func typedPerson(m MemberInput) typed {
	return typed{MemberInput: m, last: NormalizeName(m.LastName), first: NormalizeName(m.FirstName),
		lastParts: nameParts(m.LastName), firstParts: nameParts(m.FirstName),
		lastSound: PhoneticKey(m.LastName), firstSound: PhoneticKey(m.FirstName)}
}

// particles are the small words of compound names that are no name by themselves.
var particles = map[string]bool{"de": true, "da": true, "do": true, "dos": true, "das": true, "du": true, "des": true,
	"le": true, "la": true, "les": true, "van": true, "von": true, "der": true, "den": true, "ben": true, "bin": true,
	"el": true, "al": true, "ait": true, "saint": true, "sainte": true, "st": true, "ste": true, "mac": true, "mc": true}

// nameParts are the words of a compound name ("Martin-Dubois": martin, dubois), without
// particles and single letters (D'Hondt: hondt).
func nameParts(name string) []string {
	var parts []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if n := NormalizeName(w); len(n) > 1 && !particles[n] {
			parts = append(parts, n)
		}
	}
	return parts
}

// gradeMatch says whether a candidate looks like the member typed, how, and how sure.
//
// Probable (a reason is asked):
//   - the same names, or one letter apart, born the same day;
//   - the same names, born on dates a typing slip apart (day and month swapped, one digit
//     of the day or month);
//   - one part of a compound name, or names that sound the same, born the same day;
//   - the same first name and birth date under another last name, at the same address or
//     phone (a maiden or married name).
//
// Possible (shown, no reason asked): the other combinations of close names (one letter,
// compound part, sounds alike) and close births (day and month swapped, one digit), and a
// birth year alone: on 20,000 households with French name frequencies, the same names and
// year flagged one ordinary registration in 35 as probable (two Marie Martin born in 1980
// are common), which is what the measure in storage/demo keeps under one in 200. A person
// of the other sex is never probable.
func gradeMatch(m typed, c duplicateCandidate, address, phone string, hs *households) (DuplicateMatch, bool) {
	birth, ok := birthLikeness(m.MemberInput, c)
	if !ok {
		return DuplicateMatch{}, false
	}
	// A birth year alone is a weak sign: names that only sound alike are not shown with it
	// (which also spares the phonetic keys of a whole year of persons).
	name, ok := nameLikeness(m, c, birth != BirthYearOnly)
	if !ok {
		if birth == BirthSame && m.first == c.NormFirst && (address != "" || phone != "") &&
			sameContact(address, phone, hs.get(c.HouseholdID)[c.HouseholdID]) {
			name, ok = NameOtherLastName, true
		}
	}
	if !ok {
		return DuplicateMatch{}, false
	}
	grade := MatchPossible
	switch {
	case (name == NameSame || name == NameOneLetter) && birth == BirthSame:
		grade = MatchProbable
	case name == NameSame && (birth == BirthDayMonthSwaped || birth == BirthOneDigit && sameYear(m.MemberInput, c)):
		// A year one digit away stays possible: Marie Dupont born 1950 and 1980 are
		// often a mother and her daughter.
		grade = MatchProbable
	case (name == NameCompoundPart || name == NameSoundsAlike || name == NameOtherLastName) && birth == BirthSame:
		grade = MatchProbable
	}
	if m.Sex != "" && c.Sex != "" && m.Sex != c.Sex {
		if name != NameSame {
			return DuplicateMatch{}, false // Léa and Léo born the same day are twins
		}
		grade = MatchPossible
	}
	dm := DuplicateMatch{HouseholdID: c.HouseholdID, PersonID: c.PersonID, LastName: c.LastName,
		FirstName: c.FirstName, BirthDate: c.BirthDate, Grade: grade, Name: name, Birth: birth,
		firstSame: m.first == c.NormFirst || m.last == c.NormFirst}
	if c.BirthYear != nil {
		dm.BirthYear = *c.BirthYear
	}
	return dm, true
}

func sameYear(m MemberInput, c duplicateCandidate) bool {
	return c.BirthYear != nil && *c.BirthYear == birthYearOf(m)
}

// birthLikeness compares the member's birth with the candidate's.
func birthLikeness(m MemberInput, c duplicateCandidate) (BirthLikeness, bool) {
	year := birthYearOf(m)
	cyear := 0
	if c.BirthYear != nil {
		cyear = *c.BirthYear
	}
	switch {
	case m.BirthDate.IsZero() || c.BirthDate.IsZero():
		// A year one digit away with no day and month to back it is no sign at all: Marie
		// Martin born 1950 and 1980 are two persons (it flagged one registration in six).
		return BirthYearOnly, year == cyear
	case m.BirthDate == c.BirthDate:
		return BirthSame, true
	case m.BirthDate.Year == c.BirthDate.Year && int(m.BirthDate.Month) == c.BirthDate.Day && m.BirthDate.Day == int(c.BirthDate.Month):
		return BirthDayMonthSwaped, true
	case oneDigitApart(dateDigits(m.BirthDate), dateDigits(c.BirthDate)):
		return BirthOneDigit, true
	}
	return "", false
}

func dateDigits(d Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

func oneDigitApart(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

// nameLikeness compares the names both ways (first and last names swapped), and the
// names run together (a compound name split elsewhere between the fields).
func nameLikeness(m typed, c duplicateCandidate, sounds bool) (NameLikeness, bool) {
	if m.last+m.first == c.NormLast+c.NormFirst || m.last+m.first == c.NormFirst+c.NormLast {
		return NameSame, true
	}
	// Only the candidates born on a close date get here: their keys are made now.
	cLastParts, cFirstParts := nameParts(c.LastName), nameParts(c.FirstName)
	cLastSound, cFirstSound := "", ""
	if sounds {
		cLastSound, cFirstSound = PhoneticKey(c.LastName), PhoneticKey(c.FirstName)
	}
	best, found := NameLikeness(""), false
	try := func(last, first string, lastParts, firstParts []string, lastSound, firstSound string) {
		l := partLikeness(last, c.NormLast, lastParts, cLastParts, lastSound, cLastSound)
		f := partLikeness(first, c.NormFirst, firstParts, cFirstParts, firstSound, cFirstSound)
		var got NameLikeness
		switch {
		case l == NameSame && f == NameSame:
			got = NameSame
		case l == NameSame && f != "":
			got = f
		case f == NameSame && l != "":
			got = l
		case l != "" && l != NameOneLetter && f != "" && f != NameOneLetter:
			got = weaker(l, f) // both compound or sounding alike: Marie Martin for Marie-Claire Martin-Dubois
		default:
			return
		}
		if !found || rank(got) < rank(best) {
			best, found = got, true
		}
	}
	try(m.last, m.first, m.lastParts, m.firstParts, m.lastSound, m.firstSound)
	try(m.first, m.last, m.firstParts, m.lastParts, m.firstSound, m.lastSound)
	return best, found
}

var likenessRank = map[NameLikeness]int{NameSame: 0, NameOneLetter: 1, NameCompoundPart: 2, NameSoundsAlike: 3, NameOtherLastName: 4}

func rank(l NameLikeness) int { return likenessRank[l] }

func weaker(a, b NameLikeness) NameLikeness {
	if rank(a) > rank(b) {
		return a
	}
	return b
}

// partLikeness compares one name (the last, or the first) with the registered one.
func partLikeness(a, b string, aParts, bParts []string, aSound, bSound string) NameLikeness {
	switch {
	case a == b:
		return NameSame
	case editDistanceAtMost1(a, b):
		return NameOneLetter
	case compoundPart(aParts, bParts):
		return NameCompoundPart
	case len(aSound) > 1 && aSound == bSound:
		return NameSoundsAlike
	}
	return ""
}

// compoundPart: one side is a single name that is one part of the other's compound name.
func compoundPart(a, b []string) bool {
	if len(a) == len(b) || (len(a) != 1 && len(b) != 1) {
		return false
	}
	single, compound := a, b
	if len(b) == 1 {
		single, compound = b, a
	}
	for _, p := range compound {
		if p == single[0] && len(p) >= 3 {
			return true
		}
	}
	return false
}

// sameContact: the household typed has the candidate's address or phone.
func sameContact(address, phone string, c householdFacts) bool {
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	if p := digits(phone); len(p) >= 9 && strings.HasSuffix(digits(c.Phone), p[len(p)-9:]) {
		return true
	}
	a := NormalizeName(address)
	return len(a) >= 8 && a == NormalizeName(c.Address)
}

// siblingFilter leaves out the matches that are a sibling of the person typed, not that
// person: a registered person the same as another member typed (the family is already
// registered: Léa matches Léa, so is not also Léo's duplicate); in a registered household,
// any other person than the closest match of a member (Léo and Léa, twins, registered
// together); and a child of the same parents (a member of the candidate's household is
// the same as another member typed) whose first name is not the same.
func siblingFilter(all []DuplicateMatch) []DuplicateMatch {
	sameAs := map[string]int{}     // person → the member with the same names
	familyOf := map[string][]int{} // household → the members with the same names in it
	for _, m := range all {
		if m.Name == NameSame {
			sameAs[m.PersonID] = m.Member
			familyOf[m.HouseholdID] = append(familyOf[m.HouseholdID], m.Member)
		}
	}
	best := map[[2]string]DuplicateMatch{} // (member, household) → its closest match
	key := func(m DuplicateMatch) [2]string { return [2]string{fmt.Sprint(m.Member), m.HouseholdID} }
	for _, m := range all {
		if k := key(m); closer(m, best[k]) {
			best[k] = m
		}
	}
	var out []DuplicateMatch
	for _, m := range all {
		if other, ok := sameAs[m.PersonID]; ok && other != m.Member {
			continue
		}
		if b := best[key(m)]; b.PersonID != m.PersonID {
			continue
		}
		if m.Name != NameSame && !m.firstSame {
			sibling := false
			for _, member := range familyOf[m.HouseholdID] {
				sibling = sibling || member != m.Member
			}
			if sibling {
				continue
			}
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Grade > out[j].Grade })
	return out
}

func closer(m, than DuplicateMatch) bool {
	if than.PersonID == "" {
		return true
	}
	if m.Grade != than.Grade {
		return m.Grade > than.Grade
	}
	return rank(m.Name) < rank(than.Name)
}
