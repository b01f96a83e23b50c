package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// ImportInput is one household read from an association's former list.
type ImportInput struct {
	Household HouseholdInput
	// OldNumber is its file or card number in that list ("ancien numéro"), if it had one.
	OldNumber string
}

// ImportOutcome is what importing does with one household.
type ImportOutcome struct {
	// AlreadyImported is the card of the household imported before with the same old
	// number: importing the same file twice creates nothing the second time.
	AlreadyImported string
	// Duplicates are registered persons its members are probably (the form's rules): the
	// household is left out. Possible are those it may be: imported, and said.
	Duplicates []DuplicateMatch
	Possible   []DuplicateMatch
	// Invalid is why it cannot be registered (a *ValidationError).
	Invalid error
	// Card is the new card number given (or to be given, in a dry run).
	Card string
}

// Created tells whether the household is (or would be) registered.
func (o ImportOutcome) Created() bool {
	return o.AlreadyImported == "" && len(o.Duplicates) == 0 && o.Invalid == nil
}

// ImportPlan is the outcome of each household, in the order given, and the totals.
type ImportPlan struct {
	Outcomes   []ImportOutcome
	Households int // registered (or to be)
	Persons    int
}

var errDryRun = errors.New("dry run")

// ImportHouseholds registers, in one transaction, the households that are neither
// already imported (same old number) nor possible duplicates of registered persons; the
// others are left out and said so. dryRun computes the same plan and writes nothing.
// A household without an end of registration is eligible for the association's length
// from today: it is on the list the association uses now. Managers only; audited.
func (s *Store) ImportHouseholds(ctx context.Context, in []ImportInput, by string, dryRun bool) (ImportPlan, error) {
	if err := s.RequireManager("importing households"); err != nil {
		return ImportPlan{}, err
	}
	today := s.Today()
	plan := ImportPlan{Outcomes: make([]ImportOutcome, len(in))}
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		settings, err := readSettings(tx)
		if err != nil {
			return err
		}
		imported, err := importedNumbers(tx)
		if err != nil {
			return err
		}
		candidates, err := duplicateCandidates(tx, in)
		if err != nil {
			return err
		}
		facts := newHouseholds(tx)
		seq, err := nextCardSeq(tx)
		if err != nil {
			return err
		}
		w := &BulkWriter{tx: tx}
		for i := range in {
			outcome := &plan.Outcomes[i]
			h := in[i].Household
			key := OldNumberKey(in[i].OldNumber)
			if err := h.validate(today); err != nil {
				outcome.Invalid = err
				continue
			}
			if card, ok := imported[key]; ok && key != "" {
				outcome.AlreadyImported = card
				continue
			}
			matches, err := candidates.match(DuplicateCheck{Members: h.Members, Address: h.Address, Phone: h.Phone}, facts)
			if err != nil {
				return err
			}
			for _, m := range matches {
				if m.Grade == MatchProbable {
					outcome.Duplicates = append(outcome.Duplicates, m)
				} else {
					outcome.Possible = append(outcome.Possible, m)
				}
			}
			if !outcome.Created() {
				continue
			}
			household := Household{ID: newID(), CardSeq: seq, Card: CardForSeq(seq), RegisteredOn: h.RegisteredOn,
				EligibleUntil: h.EligibleUntil, Quartier: h.Quartier, Address: h.Address, Phone: h.Phone,
				Referral: h.Referral, ConsentOn: h.ConsentOn, Notes: h.Notes, UpdatedBy: strings.TrimSpace(by),
				OldNumber: strings.TrimSpace(in[i].OldNumber), OldNumberKey: key}
			if household.RegisteredOn.IsZero() {
				household.RegisteredOn = today
			}
			if household.EligibleUntil.IsZero() {
				household.EligibleUntil = today.AddMonths(settings.EligibilityMonths)
			}
			for j, m := range h.Members {
				household.Members = append(household.Members, m.person(household.ID, j))
				household.Members[j].ID = newID()
			}
			outcome.Card = household.Card
			if key != "" {
				imported[key] = household.Card // the same number twice in one file: once
			}
			plan.Households++
			plan.Persons += len(h.Members)
			seq++
			if err := w.AddHousehold(household); err != nil {
				return err
			}
		}
		if dryRun {
			return errDryRun
		}
		if err := w.flush(); err != nil {
			return err
		}
		return audit(tx, s.now(), by, AuditImport, fmt.Sprintf("households from a spreadsheet: %d households, %d persons", plan.Households, plan.Persons))
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return ImportPlan{}, Classify(fmt.Errorf("importing households: %w", err))
	}
	return plan, nil
}

// OldNumberKey is an old file or card number as compared: capitals, letters and digits
// only, so that "d-045", "D 045" and "D045" are one number.
func OldNumberKey(number string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToUpper(r)
		}
		return -1
	}, number)
}

// importedNumbers maps the old numbers already registered to their households' cards.
func importedNumbers(tx *gorm.DB) (map[string]string, error) {
	var rows []struct{ OldNumberKey, Card string }
	if err := tx.Model(&Household{}).Where("old_number_key <> ''").Select("old_number_key, card").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("reading old numbers: %w", err)
	}
	numbers := make(map[string]string, len(rows))
	for _, r := range rows {
		numbers[r.OldNumberKey] = r.Card
	}
	return numbers, nil
}

// duplicateCandidates loads at once the registered persons the households to import may
// duplicate: two queries for a whole file instead of one per person.
func duplicateCandidates(tx *gorm.DB, in []ImportInput) (candidatePool, error) {
	var members []MemberInput
	for _, h := range in {
		members = append(members, h.Household.Members...)
	}
	return loadCandidates(tx, members, "")
}

// HouseholdIDByOldNumber finds the household imported with a former list's number;
// ErrNotFound when none was. A household still active comes before an archived one.
func (s *Store) HouseholdIDByOldNumber(ctx context.Context, number string) (string, error) {
	key := OldNumberKey(number)
	if key == "" {
		return "", ErrNotFound
	}
	var ids []string
	// "<> ''" repeats the partial index's condition, which SQLite needs to use the index
	// (it cannot tell that a bound key is never empty): without it, every search scans
	// all the households.
	err := s.reader.WithContext(ctx).Raw(`SELECT id FROM households WHERE old_number_key = ? AND old_number_key <> ''
	    ORDER BY archived_at IS NOT NULL LIMIT 1`, key).Scan(&ids).Error
	if err != nil {
		return "", fmt.Errorf("looking up old number %s: %w", number, err)
	}
	if len(ids) == 0 {
		return "", ErrNotFound
	}
	return ids[0], nil
}

// AllHouseholds lists the households with their current members, by card (the
// spreadsheet export); archived ones too when includeArchived.
func (s *Store) AllHouseholds(ctx context.Context, includeArchived bool) ([]Household, error) {
	db := s.reader.WithContext(ctx).
		Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Where("left_on IS NULL").Order("position") })
	if !includeArchived {
		db = db.Where("archived_at IS NULL")
	}
	var list []Household
	if err := db.Order("card").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("loading households: %w", err)
	}
	return list, nil
}

// PastVisit is a distribution of a former list's history.
type PastVisit struct {
	Number  string // the household's old number, or its card
	Day     Date
	Persons int // 0: the household's current members
}

// PastVisitOutcome is what importing does with one past visit.
type PastVisitOutcome struct {
	Unknown bool   // no household has this number
	Already bool   // the household has a distribution that day already
	Card    string // the household's card
}

// ImportPastVisits records, in one transaction, the distributions of a former list's
// history, each on its household's old number (or card) and day, at the association's
// first site, so that visit rules and reports work from the first day. A visit the
// household already has that day is left out: importing twice records nothing more.
// dryRun writes nothing. Managers only; audited.
func (s *Store) ImportPastVisits(ctx context.Context, in []PastVisit, by string, dryRun bool) ([]PastVisitOutcome, int, error) {
	if err := s.RequireManager("importing past visits"); err != nil {
		return nil, 0, err
	}
	outcomes := make([]PastVisitOutcome, len(in))
	recorded := 0
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var sites []Site
		if err := tx.Where("archived_at IS NULL").Order("created_at").Limit(1).Find(&sites).Error; err != nil {
			return fmt.Errorf("choosing the site: %w", err)
		}
		if len(sites) == 0 {
			return ErrNotSetUp
		}
		type household struct {
			ID, Card string
			Members  int
		}
		var households []household
		if err := tx.Raw(`SELECT h.id, h.card,
		        (SELECT COUNT(*) FROM persons p WHERE p.household_id = h.id AND p.left_on IS NULL) AS members
		    FROM households h`).Scan(&households).Error; err != nil {
			return fmt.Errorf("reading households: %w", err)
		}
		var keys []struct{ ID, OldNumberKey string }
		if err := tx.Model(&Household{}).Select("id, old_number_key").Where("old_number_key <> ''").Scan(&keys).Error; err != nil {
			return fmt.Errorf("reading old numbers: %w", err)
		}
		byNumber := map[string]household{}
		byID := map[string]household{}
		for _, h := range households {
			byNumber["card:"+h.Card] = h
			byID[h.ID] = h
		}
		for _, k := range keys {
			byNumber["old:"+k.OldNumberKey] = byID[k.ID]
		}
		// Only the days the file names: the whole history may be hundreds of thousands.
		fileDays := map[string]bool{}
		for _, v := range in {
			fileDays[v.Day.String()] = true
		}
		dayList := make([]string, 0, len(fileDays))
		for d := range fileDays {
			dayList = append(dayList, d)
		}
		var days []struct{ HouseholdID, Day string }
		if len(dayList) > 0 {
			if err := tx.Model(&Visit{}).Select("household_id, day").Where("cancelled_at IS NULL AND day IN ?", dayList).
				Scan(&days).Error; err != nil {
				return fmt.Errorf("reading visits: %w", err)
			}
		}
		served := make(map[string]bool, len(days))
		for _, d := range days {
			served[d.HouseholdID+d.Day] = true
		}
		w := &BulkWriter{tx: tx}
		for i, v := range in {
			h, ok := byNumber["old:"+OldNumberKey(v.Number)]
			if !ok {
				if card, err := NormalizeCard(v.Number); err == nil {
					h, ok = byNumber["card:"+card]
				}
			}
			if !ok {
				outcomes[i].Unknown = true
				continue
			}
			outcomes[i].Card = h.Card
			if served[h.ID+v.Day.String()] {
				outcomes[i].Already = true
				continue
			}
			served[h.ID+v.Day.String()] = true
			persons := v.Persons
			if persons <= 0 {
				persons = h.Members
			}
			at := time.Date(v.Day.Year, v.Day.Month, v.Day.Day, 12, 0, 0, 0, Paris).UTC()
			if err := w.AddVisit(Visit{ID: newID(), HouseholdID: h.ID, SiteID: sites[0].ID, At: at, Day: v.Day,
				Kind: KindFoodParcel, PersonsServed: persons, RecordedBy: strings.TrimSpace(by), OverrideReason: "imported"}); err != nil {
				return err
			}
			recorded++
		}
		if dryRun {
			return errDryRun
		}
		if err := w.flush(); err != nil {
			return err
		}
		return audit(tx, s.now(), by, AuditImport, fmt.Sprintf("past visits from a spreadsheet: %d", recorded))
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, 0, Classify(fmt.Errorf("importing past visits: %w", err))
	}
	return outcomes, recorded, nil
}
