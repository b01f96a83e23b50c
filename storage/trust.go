package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Audit actions.
const (
	AuditReportSaved  = "report_saved"
	AuditExport       = "export"
	AuditImport       = "import"
	AuditPurge        = "purge"
	AuditErase        = "erase"
	AuditAccessExport = "access_export"
	AuditSettings     = "settings"
	AuditBackup       = "backup"
	AuditLoginFailure = "login_failure"
	AuditUsers        = "users"
	AuditRestore      = "restore"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail"`
}

func (AuditEntry) TableName() string { return "audit_log" }

// Audit appends to the trail. The detail must hold no personal data (counts, card
// numbers of purged households are not kept either).
func (s *Store) Audit(ctx context.Context, actor, action, detail string) error {
	return audit(s.write(ctx), s.now(), actor, action, detail)
}

func audit(tx *gorm.DB, at time.Time, actor, action, detail string) error {
	if err := tx.Create(&AuditEntry{At: at, Actor: actor, Action: action, Detail: detail}).Error; err != nil {
		return fmt.Errorf("writing the audit trail: %w", err)
	}
	return nil
}

// AuditTrail lists the trail from since (zero: all), newest first.
func (s *Store) AuditTrail(ctx context.Context, since time.Time, action string) ([]AuditEntry, error) {
	q := s.reader.WithContext(ctx).Order("id DESC")
	if !since.IsZero() {
		q = q.Where("at >= ?", since.UTC())
	}
	if action != "" {
		q = q.Where("action = ?", action)
	}
	var list []AuditEntry
	if err := q.Find(&list).Error; err != nil {
		return nil, fmt.Errorf("reading the audit trail: %w", err)
	}
	return list, nil
}

// DefaultRetentionMonths: the CNIL's rule for social support files, two years after the last contact.
const DefaultRetentionMonths = 24

// InactiveHousehold is a household whose data is due for deletion.
type InactiveHousehold struct {
	ID           string
	Card         string
	LastContact  Date // last visit, or registration when never served
	RegisteredOn Date
}

// InactiveHouseholds lists households without contact for months: no visit (and no
// registration) since then.
func (s *Store) InactiveHouseholds(ctx context.Context, months int) ([]InactiveHousehold, error) {
	limit := s.Today().AddMonths(-months)
	var rows []struct {
		ID           string
		Card         string
		RegisteredOn Date
		LastDay      string
	}
	err := s.reader.WithContext(ctx).Raw(`SELECT h.id, h.card, h.registered_on,
	        COALESCE((SELECT MAX(day) FROM visits v WHERE v.household_id = h.id AND v.cancelled_at IS NULL), '') AS last_day
	    FROM households h WHERE h.purged_at IS NULL`).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("looking for inactive households: %w", err)
	}
	var list []InactiveHousehold
	for _, r := range rows {
		last := r.RegisteredOn
		if d, err := ParseDate(r.LastDay); err == nil && !d.IsZero() && last.Before(d) {
			last = d
		}
		if last.Before(limit) {
			list = append(list, InactiveHousehold{ID: r.ID, Card: r.Card, LastContact: last, RegisteredOn: r.RegisteredOn})
		}
	}
	return list, nil
}

// PurgeHouseholds deletes the identity of households, in one transaction: names, birth
// dates (the year stays), card, address, phone and notes go; the visits, quartier,
// referral and dates the monthly counts need stay, and contributions (what the households
// brought to each month's counts that needed their birth dates and names, computed by
// sync.PurgeHouseholds) are added to the month's erased counts, so that past reports
// regenerated later are identical. reason is "purge" (retention) or "erase" (the person
// asked).
func (s *Store) PurgeHouseholds(ctx context.Context, ids []string, actor, reason string, contributions []ErasedMonth) (int, error) {
	if err := s.RequireManager("erasing households"); err != nil {
		return 0, err
	}
	purged := 0
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.now()
		for _, c := range contributions {
			if err := keepErasedMonth(tx, c); err != nil {
				return err
			}
		}
		for _, id := range ids {
			var h Household
			if err := tx.Select("id", "card_seq", "purged_at").Take(&h, "id = ?", id).Error; err != nil {
				return fmt.Errorf("purging: %w", notFound(err))
			}
			res := tx.Exec(`UPDATE households SET card = ?, address = '', phone = '', notes = '', duplicate_override = '',
			        purged_at = ?, archived_at = COALESCE(archived_at, ?) WHERE id = ? AND purged_at IS NULL`,
				fmt.Sprintf("effacé-%d", h.CardSeq), now, now, id)
			if res.Error != nil {
				return fmt.Errorf("purging a household: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				continue // already purged
			}
			if err := tx.Exec(`UPDATE persons SET last_name = '-', first_name = '-', norm_last = '', norm_first = '',
			        birth_year = COALESCE(birth_year, CAST(substr(birth_date, 1, 4) AS INTEGER)), birth_date = NULL
			    WHERE household_id = ?`, id).Error; err != nil {
				return fmt.Errorf("purging members: %w", err)
			}
			if err := tx.Exec(`UPDATE visits SET recorded_by = '', override_reason = '', cancel_reason = ''
			    WHERE household_id = ?`, id).Error; err != nil {
				return fmt.Errorf("purging visits: %w", err)
			}
			purged++
		}
		action := AuditPurge
		if reason == AuditErase {
			action = AuditErase
		}
		return audit(tx, now, actor, action, fmt.Sprintf("%d household(s)", purged))
	})
	return purged, err
}

// HouseholdRecord is everything held on one household, for the right of access.
type HouseholdRecord struct {
	Household Household     `json:"household"`
	Members   []Person      `json:"members"`
	Visits    []RecordVisit `json:"visits"`
}

// RecordVisit is a visit as the person may read it.
type RecordVisit struct {
	At             time.Time `json:"at"`
	Site           string    `json:"site"`
	Kind           VisitKind `json:"kind"`
	PersonsServed  int       `json:"persons_served"`
	WeightKg       *float64  `json:"weight_kg,omitempty"`
	RecordedBy     string    `json:"recorded_by,omitempty"`
	OverrideReason string    `json:"override_reason,omitempty"`
	Cancelled      bool      `json:"cancelled"`
}

// Record gathers everything held on a household, former members included.
func (s *Store) Record(ctx context.Context, id string) (HouseholdRecord, error) {
	if err := s.RequireManager("exporting a household's record"); err != nil {
		return HouseholdRecord{}, err
	}
	var r HouseholdRecord
	db := s.reader.WithContext(ctx)
	if err := db.Omit("Members").Take(&r.Household, "id = ?", id).Error; err != nil {
		return r, fmt.Errorf("reading the household: %w", notFound(err))
	}
	if err := db.Where("household_id = ?", id).Order("position").Find(&r.Members).Error; err != nil {
		return r, fmt.Errorf("reading members: %w", err)
	}
	rows, err := db.Raw(`SELECT v.at, s.name, v.kind, v.persons_served, v.weight_kg, v.recorded_by, v.override_reason,
	        v.cancelled_at IS NOT NULL FROM visits v JOIN sites s ON s.id = v.site_id WHERE v.household_id = ? ORDER BY v.at`, id).Rows()
	if err != nil {
		return r, fmt.Errorf("reading visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v RecordVisit
		var at any
		if err := rows.Scan(&at, &v.Site, &v.Kind, &v.PersonsServed, &v.WeightKg, &v.RecordedBy, &v.OverrideReason, &v.Cancelled); err != nil {
			return r, fmt.Errorf("reading visits: %w", err)
		}
		v.At = scanTime(at)
		r.Visits = append(r.Visits, v)
	}
	return r, rows.Err()
}

// ForbiddenNoteWords flags notes that look like health, religion or immigration details,
// which a food-aid file must not hold.
func ForbiddenNoteWords(note string) []string {
	words := map[string]bool{}
	for _, w := range NormalizedWords(note) {
		words[w] = true
	}
	var found []string
	for _, w := range []string{"malade", "maladie", "cancer", "diabete", "diabetique", "sida", "vih", "hiv", "enceinte",
		"handicap", "psychiatrique", "depression", "religion", "musulman", "musulmane", "juif", "juive", "chretien",
		"chretienne", "sanspapiers", "clandestin", "clandestine", "titre", "oqtf", "prefecture", "regularisation"} {
		if words[w] {
			found = append(found, w)
		}
	}
	return found
}
