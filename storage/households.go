package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// MemberInput is one member row of the household form.
type MemberInput struct {
	ID        string // empty for a new member
	LastName  string
	FirstName string
	BirthDate Date // zero when unknown
	BirthYear int  // 0 when unknown; taken from BirthDate when that is given
	Sex       Sex
	Relation  Relation
	// ToComplete: a member known only by a count (an imported list); the first name may
	// stay empty until someone asks it. Giving one completes the member.
	ToComplete bool
}

// HouseholdInput is the household form. An empty ID registers a new household.
type HouseholdInput struct {
	ID            string
	Quartier      string
	Address       string
	Phone         string
	Referral      Referral
	RegisteredOn  Date // default: today
	EligibleUntil Date // default: registration + the association's eligibility length
	ConsentOn     Date
	Notes         string
	Members       []MemberInput
	// DuplicateOverride is the reason given to register despite possible duplicates.
	DuplicateOverride string
	// By is the user saving the form.
	By string
}

// DuplicateError: saving was refused because members look already registered elsewhere.
type DuplicateError struct{ Matches []DuplicateMatch }

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%d probable duplicate(s): give a reason to register anyway", len(e.Matches))
}

// Now is the store's clock (UTC, to the second): tests and demo data set it.
func (s *Store) Now() time.Time { return s.now() }

// Today is the current day in Paris, by the store's clock.
func (s *Store) Today() Date { return DateOf(s.now()) }

// withoutControls turns tabs (and line breaks unless kept) into spaces and drops other
// invisible control characters, which a paste or an imported spreadsheet can bring.
func withoutControls(s string, keepNewlines bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepNewlines:
			return r
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// validate trims the form and checks it, before anything is written.
func (in *HouseholdInput) validate(today Date) error {
	in.Quartier = strings.TrimSpace(withoutControls(in.Quartier, false))
	in.Address = strings.TrimSpace(withoutControls(in.Address, false))
	in.Phone = strings.TrimSpace(withoutControls(in.Phone, false))
	in.Notes = strings.TrimSpace(withoutControls(in.Notes, true))
	in.DuplicateOverride = strings.TrimSpace(in.DuplicateOverride)
	if in.Referral != "" && !slices.Contains(Referrals, in.Referral) {
		return &ValidationError{Problem: ProblemUnknownValue, Field: "referral", Value: string(in.Referral)}
	}
	if len(in.Members) == 0 {
		return &ValidationError{Problem: ProblemNoMembers, Field: "members"}
	}
	for i := range in.Members {
		if err := in.Members[i].validate(i+1, today); err != nil {
			return err
		}
	}
	if !in.EligibleUntil.IsZero() && !in.RegisteredOn.IsZero() && in.EligibleUntil.Before(in.RegisteredOn) {
		return &ValidationError{Problem: ProblemEligibility, Field: "eligible_until"}
	}
	return nil
}

func (m *MemberInput) validate(row int, today Date) error {
	m.LastName = strings.Join(strings.Fields(withoutControls(m.LastName, false)), " ")
	m.FirstName = strings.Join(strings.Fields(withoutControls(m.FirstName, false)), " ")
	if NormalizeName(m.LastName) == "" {
		return &ValidationError{Problem: ProblemEmptyName, Field: "last_name", Member: row}
	}
	if strings.TrimSpace(m.FirstName) == FirstNameToAsk {
		m.FirstName = ""
	}
	m.ToComplete = m.ToComplete && NormalizeName(m.FirstName) == ""
	if NormalizeName(m.FirstName) == "" && !m.ToComplete {
		return &ValidationError{Problem: ProblemEmptyName, Field: "first_name", Member: row}
	}
	if !m.BirthDate.IsZero() {
		if m.BirthYear != 0 && m.BirthYear != m.BirthDate.Year {
			return &ValidationError{Problem: ProblemBirthMismatch, Field: "birth", Member: row}
		}
		m.BirthYear = m.BirthDate.Year
		if today.Before(m.BirthDate) {
			return &ValidationError{Problem: ProblemBirthInFuture, Field: "birth", Member: row, Value: m.BirthDate.French()}
		}
	}
	if m.BirthYear != 0 {
		if m.BirthYear < 1900 {
			return &ValidationError{Problem: ProblemBirthBefore1900, Field: "birth", Member: row, Value: fmt.Sprint(m.BirthYear)}
		}
		if m.BirthYear > today.Year {
			return &ValidationError{Problem: ProblemBirthInFuture, Field: "birth", Member: row, Value: fmt.Sprint(m.BirthYear)}
		}
	}
	if m.Sex != "" && !slices.Contains(Sexes, m.Sex) {
		return &ValidationError{Problem: ProblemUnknownValue, Field: "sex", Member: row, Value: string(m.Sex)}
	}
	if m.Relation != "" && !slices.Contains(Relations, m.Relation) {
		return &ValidationError{Problem: ProblemUnknownValue, Field: "relation", Member: row, Value: string(m.Relation)}
	}
	return nil
}

func (m MemberInput) person(householdID string, position int) Person {
	p := Person{ID: m.ID, HouseholdID: householdID, LastName: m.LastName, FirstName: m.FirstName,
		NormLast: NormalizeName(m.LastName), NormFirst: NormalizeName(m.FirstName),
		BirthDate: m.BirthDate, Sex: m.Sex, Relation: m.Relation, Position: position, ToComplete: m.ToComplete}
	if m.BirthYear != 0 {
		y := m.BirthYear
		p.BirthYear = &y
	}
	if p.ToComplete {
		p.FirstName, p.NormFirst = FirstNameToAsk, ""
	}
	return p
}

// FirstNameToAsk stands for the first name of a member known only by a count, until
// someone asks it (the form shows an empty field instead).
const FirstNameToAsk = "?"

// SaveHousehold registers a new household or updates one, members included, in one
// transaction. Members left out of the form stop being members (kept for past counts).
// A new member who looks already registered makes it fail with *DuplicateError unless
// in.DuplicateOverride gives a reason.
func (s *Store) SaveHousehold(ctx context.Context, in HouseholdInput) (Household, error) {
	today := s.Today()
	if err := in.validate(today); err != nil {
		return Household{}, err
	}
	var saved Household
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		settings, err := readSettings(tx)
		if err != nil {
			return err
		}
		var h Household
		if in.ID == "" {
			h = Household{ID: newID(), RegisteredOn: today}
			seq, err := nextCardSeq(tx)
			if err != nil {
				return err
			}
			h.CardSeq, h.Card = seq, CardForSeq(seq)
		} else if err := tx.Take(&h, "id = ?", in.ID).Error; err != nil {
			return fmt.Errorf("loading household: %w", notFound(err))
		}
		if !in.RegisteredOn.IsZero() {
			h.RegisteredOn = in.RegisteredOn
		}
		h.EligibleUntil = in.EligibleUntil
		if h.EligibleUntil.IsZero() {
			h.EligibleUntil = h.RegisteredOn.AddMonths(settings.EligibilityMonths)
		}
		h.Quartier, h.Address, h.Phone, h.Referral = in.Quartier, in.Address, in.Phone, in.Referral
		h.ConsentOn, h.Notes, h.UpdatedBy = in.ConsentOn, in.Notes, strings.TrimSpace(in.By)

		var newMembers []MemberInput
		for _, m := range in.Members {
			if m.ID == "" {
				newMembers = append(newMembers, m)
			}
		}
		if len(newMembers) > 0 {
			pool, err := loadCandidates(tx, newMembers, h.ID)
			if err != nil {
				return err
			}
			// Only probable duplicates need a reason; the form has shown the possible ones.
			all, err := pool.match(DuplicateCheck{Members: newMembers, ExcludeHouseholdID: h.ID, Address: in.Address, Phone: in.Phone}, newHouseholds(tx))
			if err != nil {
				return err
			}
			matches := Probable(all)
			if len(matches) > 0 {
				if in.DuplicateOverride == "" {
					return &DuplicateError{Matches: matches}
				}
				h.DuplicateOverride = strings.TrimSpace(h.DuplicateOverride + "\n" + today.French() + " : " + in.DuplicateOverride)
			}
		}
		if err := tx.Omit("Members").Save(&h).Error; err != nil {
			return fmt.Errorf("saving household: %w", err)
		}
		if err := saveMembers(tx, h.ID, in.Members, today); err != nil {
			return err
		}
		saved = h
		return nil
	})
	if err != nil {
		return Household{}, Classify(err)
	}
	return s.Household(ctx, saved.ID)
}

func saveMembers(tx *gorm.DB, householdID string, members []MemberInput, today Date) error {
	var current []Person
	if err := tx.Where("household_id = ? AND left_on IS NULL", householdID).Find(&current).Error; err != nil {
		return fmt.Errorf("loading members: %w", err)
	}
	kept := map[string]bool{}
	for i, m := range members {
		p := m.person(householdID, i)
		if p.ID == "" {
			p.ID = newID()
			if err := tx.Create(&p).Error; err != nil {
				return fmt.Errorf("adding member %d: %w", i+1, err)
			}
			continue
		}
		kept[p.ID] = true
		res := tx.Model(&Person{}).Where("id = ? AND household_id = ?", p.ID, householdID).Updates(map[string]any{
			"last_name": p.LastName, "first_name": p.FirstName, "norm_last": p.NormLast, "norm_first": p.NormFirst,
			"birth_date": p.BirthDate, "birth_year": p.BirthYear, "sex": p.Sex, "relation": p.Relation,
			"position": p.Position, "left_on": nil, "to_complete": p.ToComplete,
		})
		if err := rowsOrNotFound(res, fmt.Sprintf("updating member %d", i+1)); err != nil {
			return err
		}
	}
	for _, p := range current {
		if !kept[p.ID] {
			if err := tx.Model(&Person{}).Where("id = ?", p.ID).Update("left_on", today).Error; err != nil {
				return fmt.Errorf("removing member: %w", err)
			}
		}
	}
	return nil
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// Household loads a household with its current members, applicant first.
func (s *Store) Household(ctx context.Context, id string) (Household, error) {
	var h Household
	err := s.reader.WithContext(ctx).
		Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Where("left_on IS NULL").Order("position") }).
		Take(&h, "id = ?", id).Error
	if err != nil {
		return h, fmt.Errorf("loading household: %w", notFound(err))
	}
	return h, nil
}

// HouseholdIDByCard finds the household holding a typed card number.
// It gives ErrInvalidCard for a mistyped number, a *CardReplacedError for a lost card that
// was replaced, and ErrCardNotFound for a valid unknown one.
// A number that is no card of Entraide's may be the old number of an imported household.
func (s *Store) HouseholdIDByCard(ctx context.Context, typed string) (string, error) {
	id, err := s.householdIDByCard(ctx, typed)
	if errors.Is(err, ErrInvalidCard) || errors.Is(err, ErrCardNotFound) {
		if old, oldErr := s.HouseholdIDByOldNumber(ctx, ScannedDigits(typed)); oldErr == nil {
			return old, nil
		} else if !errors.Is(oldErr, ErrNotFound) {
			return "", oldErr
		}
	}
	return id, err
}

func (s *Store) householdIDByCard(ctx context.Context, typed string) (string, error) {
	card, err := NormalizeCard(typed)
	if err != nil {
		return "", err
	}
	var ids []string
	if err := s.reader.WithContext(ctx).Model(&Household{}).Where("card = ?", card).Limit(1).Pluck("id", &ids).Error; err != nil {
		return "", fmt.Errorf("looking up card %s: %w", card, err)
	}
	if len(ids) == 0 {
		if err := replacedCard(s.reader.WithContext(ctx), card); err != nil {
			return "", err
		}
		return "", fmt.Errorf("card %s: %w", card, ErrCardNotFound)
	}
	return ids[0], nil
}

// RenewEligibility extends a household's eligibility by the association's length,
// counted from today or from the current end if that is later.
func (s *Store) RenewEligibility(ctx context.Context, id string) (Date, error) {
	var until Date
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		settings, err := readSettings(tx)
		if err != nil {
			return err
		}
		var h Household
		if err := tx.Select("id", "eligible_until").Take(&h, "id = ?", id).Error; err != nil {
			return fmt.Errorf("loading household: %w", notFound(err))
		}
		from := s.Today()
		if from.Before(h.EligibleUntil) {
			from = h.EligibleUntil
		}
		until = from.AddMonths(settings.EligibilityMonths)
		return tx.Model(&Household{}).Where("id = ?", id).Update("eligible_until", until).Error
	})
	if err != nil {
		return Date{}, fmt.Errorf("renewing eligibility: %w", err)
	}
	return until, nil
}

// SetHouseholdArchived archives a household (it stays searchable, check-in warns) or restores it.
func (s *Store) SetHouseholdArchived(ctx context.Context, id string, archived bool) error {
	var at *time.Time
	if archived {
		now := s.now()
		at = &now
	}
	res := s.write(ctx).Model(&Household{}).Where("id = ?", id).Update("archived_at", at)
	return rowsOrNotFound(res, "archiving household")
}

// HouseholdSummary is one row of the households list.
type HouseholdSummary struct {
	ID            string
	Card          string
	Applicant     string // "LASTNAME First" of the first member
	Members       int
	Quartier      string
	EligibleUntil Date
	Archived      bool
}

// HouseholdSummaries lists households by applicant name for the households screen.
func (s *Store) HouseholdSummaries(ctx context.Context, includeArchived bool) ([]HouseholdSummary, error) {
	q := `SELECT h.id, h.card, h.quartier, h.eligible_until, h.archived_at IS NOT NULL AS archived,
	        COALESCE((SELECT p.last_name || char(31) || p.first_name FROM persons p
	                  WHERE p.household_id = h.id AND p.left_on IS NULL ORDER BY p.position LIMIT 1), '') AS applicant,
	        (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.left_on IS NULL) AS members
	      FROM households h`
	q += ` WHERE h.purged_at IS NULL`
	if !includeArchived {
		q += ` AND h.archived_at IS NULL`
	}
	rows, err := s.reader.WithContext(ctx).Raw(q).Rows()
	if err != nil {
		return nil, fmt.Errorf("listing households: %w", err)
	}
	defer rows.Close()
	var list []HouseholdSummary
	for rows.Next() {
		var r HouseholdSummary
		if err := rows.Scan(&r.ID, &r.Card, &r.Quartier, &r.EligibleUntil, &r.Archived, &r.Applicant, &r.Members); err != nil {
			return nil, fmt.Errorf("reading households: %w", err)
		}
		last, first, _ := strings.Cut(r.Applicant, "\x1f")
		r.Applicant = ListName(first, last)
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading households: %w", err)
	}
	keys := make(map[string]string, len(list))
	for _, r := range list {
		keys[r.ID] = NormalizeName(r.Applicant)
	}
	slices.SortFunc(list, func(a, b HouseholdSummary) int {
		if c := strings.Compare(keys[a.ID], keys[b.ID]); c != 0 {
			return c
		}
		return strings.Compare(a.Card, b.Card)
	})
	return list, nil
}
