package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// SetupInput is what the first-start screen asks.
type SetupInput struct {
	AssociationName      string
	SiteName             string
	MinDaysBetweenVisits int
	MaxVisitsPerMonth    int
	EligibilityMonths    int
	// SiteID fixes the first site's ID (reproducible demo data); empty: a new one.
	SiteID string
}

// DefaultSetup holds the usual rule: one distribution a week, registration for a year.
func DefaultSetup(name, site string) SetupInput {
	return SetupInput{AssociationName: name, SiteName: site, MinDaysBetweenVisits: 7, EligibilityMonths: 12}
}

func newID() string { return uuid.NewString() }

func validateRules(min, max, months int) error {
	switch {
	case min < 0 || min > 365:
		return &ValidationError{Problem: ProblemBadRule, Field: "min_days_between_visits"}
	case max < 0 || max > 31:
		return &ValidationError{Problem: ProblemBadRule, Field: "max_visits_per_month"}
	case months < 1 || months > 120:
		return &ValidationError{Problem: ProblemBadRule, Field: "eligibility_months"}
	}
	return nil
}

// Setup records the association and its first distribution site.
func (s *Store) Setup(ctx context.Context, in SetupInput) error {
	in.AssociationName = strings.TrimSpace(in.AssociationName)
	in.SiteName = strings.TrimSpace(in.SiteName)
	if in.AssociationName == "" {
		return &ValidationError{Problem: ProblemEmptyAssocName, Field: "association_name"}
	}
	if in.SiteName == "" {
		return &ValidationError{Problem: ProblemEmptySiteName, Field: "site_name"}
	}
	if err := validateRules(in.MinDaysBetweenVisits, in.MaxVisitsPerMonth, in.EligibilityMonths); err != nil {
		return err
	}
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := beginSetup(tx, s.now()); err != nil {
			return err
		}
		settings := Settings{ID: newID(), Mode: ModeAssociation, AssociationName: in.AssociationName, CardName: CardNameFirstInitial,
			MinDaysBetweenVisits: in.MinDaysBetweenVisits, MaxVisitsPerMonth: in.MaxVisitsPerMonth,
			EligibilityMonths: in.EligibilityMonths}
		if err := tx.Create(&settings).Error; err != nil {
			return fmt.Errorf("saving association: %w", err)
		}
		if in.SiteID == "" {
			in.SiteID = newID()
		}
		if err := tx.Create(&Site{ID: in.SiteID, Name: in.SiteName}).Error; err != nil {
			return fmt.Errorf("saving first site: %w", err)
		}
		return nil
	})
}

// beginSetup refuses a second setup and makes the installation's key.
func beginSetup(tx *gorm.DB, now time.Time) error {
	var n int64
	if err := tx.Model(&Settings{}).Count(&n).Error; err != nil {
		return fmt.Errorf("checking setup: %w", err)
	}
	if n > 0 {
		return ErrAlreadySetUp
	}
	return ensureInstallationKey(tx, now)
}

// IsSetUp tells whether the first-start setup was done.
func (s *Store) IsSetUp(ctx context.Context) (bool, error) {
	_, err := s.Settings(ctx)
	if errors.Is(err, ErrNotSetUp) {
		return false, nil
	}
	return err == nil, err
}

// Settings reads the association's settings.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	return readSettings(s.reader.WithContext(ctx))
}

func readSettings(db *gorm.DB) (Settings, error) {
	var st Settings
	err := db.Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return st, ErrNotSetUp
	}
	if err != nil {
		return st, fmt.Errorf("reading settings: %w", err)
	}
	return st, nil
}

// SaveSettings changes the association name and rules.
func (s *Store) SaveSettings(ctx context.Context, st Settings) error {
	if err := s.RequireManager("saving the settings"); err != nil {
		return err
	}
	st.AssociationName = strings.TrimSpace(st.AssociationName)
	if st.AssociationName == "" {
		return &ValidationError{Problem: ProblemEmptyAssocName, Field: "association_name"}
	}
	if err := validateRules(st.MinDaysBetweenVisits, st.MaxVisitsPerMonth, st.EligibilityMonths); err != nil {
		return err
	}
	if st.CardName == "" {
		st.CardName = CardNameFirstInitial
	}
	if !slices.Contains(CardNames, st.CardName) {
		return &ValidationError{Problem: ProblemUnknownValue, Field: "card_name", Value: string(st.CardName)}
	}
	res := s.write(ctx).Model(&Settings{}).Where("id = ?", st.ID).Updates(map[string]any{
		"association_name":        st.AssociationName,
		"min_days_between_visits": st.MinDaysBetweenVisits,
		"max_visits_per_month":    st.MaxVisitsPerMonth,
		"eligibility_months":      st.EligibilityMonths,
		"card_name":               st.CardName,
	})
	if res.Error != nil {
		return fmt.Errorf("saving settings: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotSetUp
	}
	return s.Audit(ctx, "", AuditSettings, fmt.Sprintf("rules: %d days, %d a month, %d months",
		st.MinDaysBetweenVisits, st.MaxVisitsPerMonth, st.EligibilityMonths))
}

// Sites lists distribution sites by name; archived ones only when asked.
func (s *Store) Sites(ctx context.Context, includeArchived bool) ([]Site, error) {
	var sites []Site
	q := s.reader.WithContext(ctx).Order("name COLLATE NOCASE")
	if !includeArchived {
		q = q.Where("archived_at IS NULL")
	}
	if err := q.Find(&sites).Error; err != nil {
		return nil, fmt.Errorf("listing sites: %w", err)
	}
	return sites, nil
}

// AddSite creates a distribution site.
func (s *Store) AddSite(ctx context.Context, name, address string) (Site, error) {
	if err := s.RequireManager("adding a site"); err != nil {
		return Site{}, err
	}
	site := Site{ID: newID(), Name: strings.TrimSpace(name), Address: strings.TrimSpace(address)}
	if site.Name == "" {
		return site, &ValidationError{Problem: ProblemEmptySiteName, Field: "site_name"}
	}
	if err := s.write(ctx).Create(&site).Error; err != nil {
		return site, fmt.Errorf("adding site %q: %w", site.Name, err)
	}
	return site, nil
}

// UpdateSite renames a site or changes its address.
func (s *Store) UpdateSite(ctx context.Context, id, name, address string) error {
	if err := s.RequireManager("changing a site"); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return &ValidationError{Problem: ProblemEmptySiteName, Field: "site_name"}
	}
	res := s.write(ctx).Model(&Site{}).Where("id = ?", id).
		Updates(map[string]any{"name": name, "address": strings.TrimSpace(address)})
	return rowsOrNotFound(res, "updating site")
}

// SetSiteArchived hides a site from check-in (its past visits stay) or brings it back.
func (s *Store) SetSiteArchived(ctx context.Context, id string, archived bool) error {
	if err := s.RequireManager("archiving a site"); err != nil {
		return err
	}
	var at any
	if archived {
		at = s.now()
	}
	res := s.write(ctx).Model(&Site{}).Where("id = ?", id).Update("archived_at", at)
	return rowsOrNotFound(res, "archiving site")
}

func rowsOrNotFound(res *gorm.DB, doing string) error {
	if res.Error != nil {
		return fmt.Errorf("%s: %w", doing, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w", doing, ErrNotFound)
	}
	return nil
}
