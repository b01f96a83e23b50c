package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Rule names a visit rule a check-in can break.
type Rule string

const (
	RuleMinInterval Rule = "min_interval" // served too recently
	RuleMonthlyMax  Rule = "monthly_max"  // maximum visits this calendar month reached
	RuleEligibility Rule = "eligibility"  // eligibility ended
	RuleArchived    Rule = "archived"     // household archived
)

// Violation is one broken rule, with what the volunteer needs to explain it.
type Violation struct {
	Rule          Rule
	LastVisit     Date // RuleMinInterval: the nearest visit
	DaysSince     int  // RuleMinInterval: days between that visit and this one
	MinDays       int  // RuleMinInterval: the association's minimum
	VisitsInMonth int  // RuleMonthlyMax
	MaxPerMonth   int  // RuleMonthlyMax
	EligibleUntil Date // RuleEligibility
}

// String says what the rule is, in English, for the command line.
func (v Violation) String() string {
	switch v.Rule {
	case RuleMinInterval:
		return fmt.Sprintf("min_interval: last visit %d day(s) ago on %s, rule is at least %d days between visits",
			v.DaysSince, v.LastVisit, v.MinDays)
	case RuleMonthlyMax:
		return fmt.Sprintf("monthly_max: already %d visit(s) this month, maximum %d", v.VisitsInMonth, v.MaxPerMonth)
	case RuleEligibility:
		return fmt.Sprintf("eligibility: ended on %s, renew it first", v.EligibleUntil)
	case RuleArchived:
		return "archived: this household is archived"
	}
	return string(v.Rule)
}

// RuleError: a check-in broke rules and no reason was given.
type RuleError struct{ Violations []Violation }

func (e *RuleError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return "refused by a rule: " + strings.Join(parts, "; ")
}

// CheckInRequest records one distribution.
type CheckInRequest struct {
	HouseholdID string
	SiteID      string    // empty: the first open site
	At          time.Time // zero: now
	Kind        VisitKind // empty: food parcel
	WeightKg    *float64
	RecordedBy  string
	// OverrideReason lets a check-in through broken rules; it is kept with the visit.
	OverrideReason string
}

// CheckRules lists the rules a check-in of the household at the given time would break.
func (s *Store) CheckRules(ctx context.Context, householdID string, at time.Time) ([]Violation, error) {
	if at.IsZero() {
		at = s.now()
	}
	db := s.reader.WithContext(ctx)
	settings, err := readSettings(db)
	if err != nil {
		return nil, err
	}
	var h Household
	if err := db.Select("id", "eligible_until", "archived_at").Take(&h, "id = ?", householdID).Error; err != nil {
		return nil, fmt.Errorf("loading household: %w", notFound(err))
	}
	return checkRules(db, settings, h, at)
}

func checkRules(db *gorm.DB, settings Settings, h Household, at time.Time) ([]Violation, error) {
	var found []Violation
	day := DateOf(at)
	if h.Archived() {
		found = append(found, Violation{Rule: RuleArchived})
	}
	if !h.EligibleUntil.IsZero() && h.EligibleUntil.Before(day) {
		found = append(found, Violation{Rule: RuleEligibility, EligibleUntil: h.EligibleUntil})
	}
	if settings.MinDaysBetweenVisits > 0 {
		// The nearest visit on either side: a visit typed in afterwards must respect the rule too.
		var near []string
		err := db.Raw(`SELECT day FROM (
		        SELECT day FROM (SELECT day FROM visits WHERE household_id = ? AND cancelled_at IS NULL AND at <= ? ORDER BY at DESC LIMIT 1)
		        UNION ALL
		        SELECT day FROM (SELECT day FROM visits WHERE household_id = ? AND cancelled_at IS NULL AND at > ? ORDER BY at LIMIT 1))`,
			h.ID, at, h.ID, at).Scan(&near).Error
		if err != nil {
			return nil, fmt.Errorf("reading last visit: %w", err)
		}
		for _, text := range near {
			d, err := ParseDate(text)
			if err != nil {
				return nil, fmt.Errorf("reading last visit: %w", err)
			}
			gap := d.DaysUntil(day)
			if gap < 0 {
				gap = -gap
			}
			if gap < settings.MinDaysBetweenVisits {
				found = append(found, Violation{Rule: RuleMinInterval, LastVisit: d, DaysSince: gap, MinDays: settings.MinDaysBetweenVisits})
				break
			}
		}
	}
	if settings.MaxVisitsPerMonth > 0 {
		first := day.FirstOfMonth()
		var n int
		err := db.Raw(`SELECT count(*) FROM visits WHERE household_id = ? AND cancelled_at IS NULL AND day >= ? AND day < ?`,
			h.ID, first, first.AddMonths(1)).Scan(&n).Error
		if err != nil {
			return nil, fmt.Errorf("counting visits this month: %w", err)
		}
		if n >= settings.MaxVisitsPerMonth {
			found = append(found, Violation{Rule: RuleMonthlyMax, VisitsInMonth: n, MaxPerMonth: settings.MaxVisitsPerMonth})
		}
	}
	return found, nil
}

// CheckIn records a distribution durably, after the rule checks, in one transaction.
// Broken rules give *RuleError unless req.OverrideReason is set.
func (s *Store) CheckIn(ctx context.Context, req CheckInRequest) (Visit, error) {
	if req.At.IsZero() {
		req.At = s.now()
	}
	req.At = req.At.UTC().Truncate(time.Second)
	if req.Kind == "" {
		req.Kind = KindFoodParcel
	}
	if !slices.Contains(VisitKinds, req.Kind) {
		return Visit{}, &ValidationError{Problem: ProblemUnknownValue, Field: "kind", Value: string(req.Kind)}
	}
	req.OverrideReason = strings.TrimSpace(req.OverrideReason)
	var visit Visit
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		settings, err := readSettings(tx)
		if err != nil {
			return err
		}
		var h Household
		if err := tx.Select("id", "eligible_until", "archived_at").Take(&h, "id = ?", req.HouseholdID).Error; err != nil {
			return fmt.Errorf("loading household: %w", notFound(err))
		}
		if req.SiteID == "" {
			var ids []string
			if err := tx.Model(&Site{}).Where("archived_at IS NULL").Order("created_at").Limit(1).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
				return fmt.Errorf("choosing a site: %w", errors.Join(err, ErrNotSetUp))
			}
			req.SiteID = ids[0]
		}
		violations, err := checkRules(tx, settings, h, req.At)
		if err != nil {
			return err
		}
		if len(violations) > 0 && req.OverrideReason == "" {
			return &RuleError{Violations: violations}
		}
		day := DateOf(req.At)
		var persons int
		if err := tx.Raw(`SELECT count(*) FROM persons WHERE household_id = ? AND (left_on IS NULL OR left_on > ?)`,
			h.ID, day).Scan(&persons).Error; err != nil {
			return fmt.Errorf("counting members: %w", err)
		}
		visit = Visit{ID: newID(), HouseholdID: h.ID, SiteID: req.SiteID, At: req.At, Day: day, Kind: req.Kind,
			PersonsServed: persons, WeightKg: req.WeightKg, RecordedBy: strings.TrimSpace(req.RecordedBy)}
		if len(violations) > 0 {
			visit.OverrideReason = req.OverrideReason
		}
		if err := tx.Create(&visit).Error; err != nil {
			return fmt.Errorf("saving visit: %w", err)
		}
		return nil
	})
	return visit, Classify(err)
}

// CancelVisit undoes a check-in. The visit stays in history, marked cancelled with the reason.
func (s *Store) CancelVisit(ctx context.Context, visitID, reason string) error {
	res := s.write(ctx).Model(&Visit{}).Where("id = ? AND cancelled_at IS NULL", visitID).
		Updates(map[string]any{"cancelled_at": s.now(), "cancel_reason": strings.TrimSpace(reason)})
	return rowsOrNotFound(res, "cancelling visit")
}

// LastVisit is the household's most recent visit that was not cancelled, if any.
func (s *Store) LastVisit(ctx context.Context, householdID string) (*Visit, error) {
	var v Visit
	err := s.reader.WithContext(ctx).Where("household_id = ? AND cancelled_at IS NULL", householdID).
		Order("at DESC").Take(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading last visit: %w", err)
	}
	return &v, nil
}
