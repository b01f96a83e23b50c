package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// MonthVisit is a distribution of the month, as the monthly report counts it.
type MonthVisit struct {
	HouseholdID string
	Day         Date
	Kind        VisitKind
	WeightKg    *float64
}

// MonthHousehold is a household served in the month.
type MonthHousehold struct {
	ID           string
	Quartier     string
	Referral     Referral
	RegisteredOn Date
	// Erased households have no names or birth dates any more: what needed them is in
	// MonthData.Erased.
	Erased bool
}

// MonthPerson is a member (then or now) of a household served in the month, in no
// particular order. Names and
// birth dates are here only to compute counts and the unique-persons sketch in memory.
type MonthPerson struct {
	ID          string
	HouseholdID string
	LastName    string
	FirstName   string
	BirthDate   Date
	BirthYear   *int
	Sex         Sex
	Relation    Relation
	CreatedAt   time.Time
	LeftOn      Date
	// HouseholdCreatedAt tells founding members (registered with the household) from
	// members added later.
	HouseholdCreatedAt time.Time
}

// MemberOn tells whether the person belonged to the household on day. Founding members
// count for every visit of the household (visits may be typed in after a paper
// registration); members added later count from the day they were added.
func (p MonthPerson) MemberOn(day Date) bool {
	joined := DateOf(p.CreatedAt)
	founding := joined == DateOf(p.HouseholdCreatedAt)
	return (founding || !day.Before(joined)) && (p.LeftOn.IsZero() || day.Before(p.LeftOn))
}

// MonthData is what a month's report is computed from.
type MonthData struct {
	First, Last      Date
	Visits           []MonthVisit
	Households       map[string]MonthHousehold
	Persons          []MonthPerson
	NewHouseholds    int
	ActiveHouseholds int
	// Erased is what erased households contributed to the month before their erasure.
	Erased ErasedMonth
}

// ErasedMonth is what erased households contributed to one month's report, kept when
// their identity is deleted: counts by margin and category (only those that need birth
// dates), and their cells of the distinct-person sketch, one sketch per network key.
type ErasedMonth struct {
	Month    string // YYYY-MM
	Counts   map[string]map[string]int
	Sketches []ErasedSketch
}

// SketchKind says what identifies a person in a sketch.
type SketchKind string

const (
	SketchByBirthDate SketchKind = "birth_date" // name and full birth date
	SketchByBirthYear SketchKind = "birth_year" // name and birth year
)

// ErasedSketch is a distinct-person sketch of erased persons under one network key.
type ErasedSketch struct {
	Kind           SketchKind
	KeyFingerprint string
	Precision      uint8
	Registers      []byte
	Persons        int
}

// MonthData reads the month that starts on first: its distributions that were not
// cancelled, the households served and their members. The served households are found
// once (one query reads them with their members), and rows are scanned by hand: at
// 100,000 households gorm's reflection per row was most of the report's time.
func (s *Store) MonthData(ctx context.Context, first Date) (MonthData, error) {
	first = first.FirstOfMonth()
	d := MonthData{First: first, Last: first.AddMonths(1).AddDays(-1), Households: map[string]MonthHousehold{}}
	db := s.reader.WithContext(ctx)
	args := map[string]any{"first": d.First, "last": d.Last, "end": d.Last.AddDays(1).Time().UTC()}
	// Each row comes packed in one text column: the pure-Go SQLite locks a mutex for every
	// column read, and at 100,000 households that was most of the report's time.
	if err := scanPacked(db.Raw(`SELECT `+packColumns("household_id", "day", "kind", "weight_kg")+` FROM visits
	    WHERE day BETWEEN @first AND @last AND cancelled_at IS NULL`, args), 4, func(f []string) error {
		v := MonthVisit{HouseholdID: f[0], Kind: VisitKind(f[2])}
		var err error
		if v.Day, err = ParseDate(f[1]); err != nil {
			return err
		}
		if f[3] != "" {
			w, err := strconv.ParseFloat(f[3], 64)
			if err != nil {
				return fmt.Errorf("weight %q: %w", f[3], err)
			}
			v.WeightKg = &w
		}
		d.Visits = append(d.Visits, v)
		return nil
	}); err != nil {
		return d, fmt.Errorf("reading the month's visits: %w", err)
	}
	// The served households once, with their members; erased households keep no members,
	// and the LEFT JOIN keeps them with empty ones. Times come as Unix seconds.
	if err := scanPacked(db.Raw(`SELECT `+packColumns("h.id", "h.quartier", "h.referral", "h.registered_on",
		"h.purged_at IS NOT NULL", "strftime('%s', h.created_at)", "p.id", "p.last_name",
		"p.first_name", "p.birth_date", "p.birth_year", "p.sex",
		"p.relation", "strftime('%s', p.created_at)", "p.left_on")+`
	    FROM households h LEFT JOIN persons p ON p.household_id = h.id
	    WHERE h.id IN (SELECT household_id FROM visits WHERE day BETWEEN @first AND @last AND cancelled_at IS NULL)`, args),
		15, func(f []string) error {
			h := MonthHousehold{ID: f[0], Quartier: f[1], Referral: Referral(f[2]), Erased: f[4] == "1"}
			var err error
			if h.RegisteredOn, err = ParseDate(f[3]); err != nil {
				return err
			}
			d.Households[h.ID] = h
			if f[6] == "" {
				return nil
			}
			p := MonthPerson{ID: f[6], HouseholdID: h.ID, LastName: f[7], FirstName: f[8], Sex: Sex(f[11]), Relation: Relation(f[12])}
			if p.BirthDate, err = ParseDate(f[9]); err != nil {
				return err
			}
			if p.LeftOn, err = ParseDate(f[14]); err != nil {
				return err
			}
			if f[10] != "" {
				y, err := strconv.Atoi(f[10])
				if err != nil {
					return fmt.Errorf("birth year %q: %w", f[10], err)
				}
				p.BirthYear = &y
			}
			if p.HouseholdCreatedAt, err = unixTime(f[5]); err != nil {
				return err
			}
			if p.CreatedAt, err = unixTime(f[13]); err != nil {
				return err
			}
			d.Persons = append(d.Persons, p)
			return nil
		}); err != nil {
		return d, fmt.Errorf("reading the month's households and members: %w", err)
	}
	err := db.Raw(`SELECT
	    (SELECT count(*) FROM households WHERE registered_on BETWEEN @first AND @last),
	    (SELECT count(*) FROM households WHERE registered_on <= @last AND eligible_until >= @first
	        AND (archived_at IS NULL OR archived_at >= @end))`, args).Row().Scan(&d.NewHouseholds, &d.ActiveHouseholds)
	if err != nil {
		return d, fmt.Errorf("counting the month's households: %w", err)
	}
	d.Erased, err = erasedMonth(db, MonthOf(d.First).String())
	return d, err
}

// packSeparator joins a row's columns: a control character no name or code holds.
const packSeparator = "\x1f"

// packColumns is the SQL of one text column holding the given expressions, NULL as "".
func packColumns(expressions ...string) string {
	wrapped := make([]string, len(expressions))
	for i, e := range expressions {
		wrapped[i] = "ifnull(" + e + ", '')"
	}
	return strings.Join(wrapped, " || char(31) || ")
}

// scanPacked runs a query of one packed column (packColumns of n expressions) and hands
// each row's fields to scan.
func scanPacked(query *gorm.DB, n int, scan func([]string) error) error {
	rows, err := query.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	fields := make([]string, 0, n)
	for rows.Next() {
		var packed string
		if err := rows.Scan(&packed); err != nil {
			return err
		}
		fields = fields[:0]
		for part := range strings.SplitSeq(packed, packSeparator) {
			fields = append(fields, part)
		}
		if len(fields) != n {
			return fmt.Errorf("a row holds %d fields, want %d (a value holds the separator?)", len(fields), n)
		}
		if err := scan(fields); err != nil {
			return err
		}
	}
	return rows.Err()
}

// unixTime reads Unix seconds written by SQLite's strftime('%s').
func unixTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: %w", s, err)
	}
	return time.Unix(n, 0), nil
}

// erasedMonth reads what erased households contributed to month.
func erasedMonth(db *gorm.DB, month string) (ErasedMonth, error) {
	e := ErasedMonth{Month: month, Counts: map[string]map[string]int{}}
	var counts []struct {
		Margin, Category string
		N                int
	}
	if err := db.Raw(`SELECT margin, category, n FROM erased_counts WHERE month = ?`, month).Scan(&counts).Error; err != nil {
		return e, fmt.Errorf("reading erased households' counts: %w", err)
	}
	for _, c := range counts {
		if e.Counts[c.Margin] == nil {
			e.Counts[c.Margin] = map[string]int{}
		}
		e.Counts[c.Margin][c.Category] = c.N
	}
	if err := db.Raw(`SELECT kind, key_fingerprint, precision, registers, persons FROM erased_sketches WHERE month = ?
	    ORDER BY kind, key_fingerprint`, month).Scan(&e.Sketches).Error; err != nil {
		return e, fmt.Errorf("reading erased persons' sketch: %w", err)
	}
	return e, nil
}

// keepErasedMonth adds what households about to be erased contributed to a month.
func keepErasedMonth(tx *gorm.DB, e ErasedMonth) error {
	for margin, categories := range e.Counts {
		for category, n := range categories {
			if n == 0 {
				continue
			}
			if err := tx.Exec(`INSERT INTO erased_counts(month, margin, category, n) VALUES (?, ?, ?, ?)
			    ON CONFLICT(month, margin, category) DO UPDATE SET n = n + excluded.n`, e.Month, margin, category, n).Error; err != nil {
				return fmt.Errorf("keeping erased households' counts: %w", err)
			}
		}
	}
	for _, sk := range e.Sketches {
		var held []ErasedSketch
		if err := tx.Raw(`SELECT kind, key_fingerprint, precision, registers, persons FROM erased_sketches
		    WHERE month = ? AND kind = ? AND key_fingerprint = ?`, e.Month, sk.Kind, sk.KeyFingerprint).Scan(&held).Error; err != nil {
			return fmt.Errorf("reading erased persons' sketch: %w", err)
		}
		merged := ErasedSketch{Kind: sk.Kind, KeyFingerprint: sk.KeyFingerprint, Precision: sk.Precision,
			Registers: slices.Clone(sk.Registers), Persons: sk.Persons}
		if len(held) == 1 && held[0].Precision == sk.Precision && len(held[0].Registers) == len(sk.Registers) {
			for i, r := range held[0].Registers {
				merged.Registers[i] = max(merged.Registers[i], r)
			}
			merged.Persons += held[0].Persons
		}
		if err := tx.Exec(`INSERT INTO erased_sketches(month, kind, key_fingerprint, precision, registers, persons)
		    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(month, kind, key_fingerprint) DO UPDATE SET
		    precision = excluded.precision, registers = excluded.registers, persons = excluded.persons`,
			e.Month, merged.Kind, merged.KeyFingerprint, merged.Precision, merged.Registers, merged.Persons).Error; err != nil {
			return fmt.Errorf("keeping erased persons' sketch: %w", err)
		}
	}
	return nil
}

// ServedData reads everything the counts need of some households (not erased ones): all
// their distributions that were not cancelled, and their members. Erasure computes from
// it what the households brought to each month before their identity goes.
func (s *Store) ServedData(ctx context.Context, householdIDs []string) (MonthData, error) {
	d := MonthData{Households: map[string]MonthHousehold{}}
	db := s.reader.WithContext(ctx)
	const chunk = 500 // SQLite limits bound parameters
	for start := 0; start < len(householdIDs); start += chunk {
		ids := householdIDs[start:min(start+chunk, len(householdIDs))]
		var households []MonthHousehold
		if err := db.Raw(`SELECT id, quartier, referral, registered_on FROM households
		    WHERE id IN ? AND purged_at IS NULL`, ids).Scan(&households).Error; err != nil {
			return d, fmt.Errorf("reading the households: %w", err)
		}
		kept := make([]string, 0, len(households))
		for _, h := range households {
			d.Households[h.ID] = h
			kept = append(kept, h.ID)
		}
		var visits []MonthVisit
		if err := db.Raw(`SELECT household_id, day, kind, weight_kg FROM visits
		    WHERE household_id IN ? AND cancelled_at IS NULL`, kept).Scan(&visits).Error; err != nil {
			return d, fmt.Errorf("reading the households' visits: %w", err)
		}
		d.Visits = append(d.Visits, visits...)
		var persons []MonthPerson
		if err := db.Raw(`SELECT p.id, p.household_id, p.last_name, p.first_name, p.birth_date, p.birth_year, p.sex, p.relation,
		        p.created_at, p.left_on, h.created_at AS household_created_at
		    FROM persons p JOIN households h ON h.id = p.household_id
		    WHERE p.household_id IN ? ORDER BY p.household_id, p.position`, kept).Scan(&persons).Error; err != nil {
			return d, fmt.Errorf("reading the households' members: %w", err)
		}
		d.Persons = append(d.Persons, persons...)
	}
	return d, nil
}

// IncomingReport is a verified report file, ready to be kept by the CCAS.
type IncomingReport struct {
	AssociationID  string
	Month          string // YYYY-MM
	GeneratedAt    time.Time
	PayloadSHA256  string
	Payload        string
	PublicKey      []byte
	KeyFingerprint string
	// Listing is the association's listing sent with the report (empty when none), with
	// the hash that identifies it; it is kept in the same transaction.
	Listing       string
	ListingSHA256 string
}

// ReportOutcome says what keeping a report did.
type ReportOutcome string

const (
	OutcomeNew       ReportOutcome = "new"       // the first report for that association and month
	OutcomeReplaced  ReportOutcome = "replaced"  // newer than the one held, which stays in history
	OutcomeHistory   ReportOutcome = "history"   // older than the one held: kept in history only
	OutcomeDuplicate ReportOutcome = "duplicate" // this very file was imported before: nothing changed
)

// ReceivedReport is a report the CCAS holds.
type ReceivedReport struct {
	ID            string `gorm:"primaryKey"`
	AssociationID string
	Month         string
	GeneratedAt   time.Time
	ReceivedAt    time.Time
	PayloadSHA256 string `gorm:"column:payload_sha256"`
	Payload       string
	Current       bool
}

func (ReceivedReport) TableName() string { return "received_reports" }

// AcceptReport keeps a report after the checks that need the database, all in one
// transaction: the association must be known, the key the pinned one (pinned now if
// none is), the month not before the invitation. Nothing is written when one fails.
func (s *Store) AcceptReport(ctx context.Context, in IncomingReport) (ReportOutcome, error) {
	var outcome ReportOutcome
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := pinnedAssociation(tx, in.AssociationID, in.PublicKey, in.KeyFingerprint)
		if err != nil {
			return err
		}
		if in.Month < m.ValidFrom {
			return fmt.Errorf("%s joined in %s: %w", m.Name, m.ValidFrom, ErrBeforeJoined)
		}
		var dup int64
		if err := tx.Model(&ReceivedReport{}).Where("payload_sha256 = ?", in.PayloadSHA256).Count(&dup).Error; err != nil {
			return err
		}
		if dup > 0 {
			outcome = OutcomeDuplicate
			return nil
		}
		var current []ReceivedReport
		if err := tx.Where("association_id = ? AND month = ? AND current = 1", in.AssociationID, in.Month).
			Find(&current).Error; err != nil {
			return err
		}
		r := ReceivedReport{ID: newID(), AssociationID: in.AssociationID, Month: in.Month, GeneratedAt: in.GeneratedAt.UTC(),
			ReceivedAt: s.now(), PayloadSHA256: in.PayloadSHA256, Payload: in.Payload, Current: true}
		switch {
		case len(current) == 0:
			outcome = OutcomeNew
		case in.GeneratedAt.After(current[0].GeneratedAt):
			outcome = OutcomeReplaced
			if err := tx.Model(&ReceivedReport{}).Where("id = ?", current[0].ID).Update("current", false).Error; err != nil {
				return err
			}
		default:
			outcome, r.Current = OutcomeHistory, false
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		if in.Listing != "" && outcome != OutcomeHistory {
			if _, err := s.acceptListingTx(tx, m.ID, in.GeneratedAt, in.ListingSHA256, in.Listing); err != nil {
				return fmt.Errorf("keeping the listing sent with the report: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return outcome, nil
}

// pinnedAssociation checks that a file comes from a known association with its pinned key,
// pinning the key (and activating the association) on its first accepted file.
func pinnedAssociation(tx *gorm.DB, associationID string, key []byte, fingerprint string) (MemberAssociation, error) {
	var m MemberAssociation
	err := tx.Take(&m, "id = ?", associationID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return m, ErrUnknownAssociation
	}
	if err != nil {
		return m, fmt.Errorf("reading association: %w", err)
	}
	switch {
	case m.PublicKey != nil && string(m.PublicKey) != string(key):
		return m, fmt.Errorf("%s (pinned key %s): %w", m.Name, m.KeyFingerprint, ErrKeyMismatch)
	case m.PublicKey == nil && m.RevokedKey != nil && string(m.RevokedKey) == string(key):
		return m, fmt.Errorf("%s: signed by the computer it had before it was invited again: %w", m.Name, ErrKeyMismatch)
	case m.PublicKey == nil:
		if err := tx.Model(&m).Updates(map[string]any{"public_key": key, "key_fingerprint": fingerprint,
			"status": StatusActive}).Error; err != nil {
			return m, fmt.Errorf("pinning the association's key: %w", err)
		}
	}
	return m, nil
}

// CurrentReports are the reports in force for the months from..to (YYYY-MM, inclusive).
func (s *Store) CurrentReports(ctx context.Context, from, to string) ([]ReceivedReport, error) {
	var list []ReceivedReport
	err := s.reader.WithContext(ctx).Where("current = 1 AND month BETWEEN ? AND ?", from, to).
		Order("month, association_id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("reading reports: %w", err)
	}
	return list, nil
}

// ReportCount counts every report held, history included.
func (s *Store) ReportCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.reader.WithContext(ctx).Model(&ReceivedReport{}).Count(&n).Error
	return n, err
}

// AgeOn is the person's age on day (see the package's AgeOn).
func (p MonthPerson) AgeOn(day Date) (int, bool) { return AgeOn(p.BirthDate, p.BirthYear, day) }
