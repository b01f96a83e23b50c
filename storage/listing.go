package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Listing is the association's public description: what it does, where, when and for whom.
type Listing struct {
	Name          string        `json:"name"`
	Description   string        `json:"description"`
	Sites         []ListingSite `json:"sites"`
	Referents     []Referent    `json:"referents"`
	Activities    []Activity    `json:"activities"`
	Access        []AccessKind  `json:"access"`
	AccessDetails string        `json:"access_details,omitempty"` // fee amount, how to get an appointment
	Documents     string        `json:"documents,omitempty"`      // documents asked
	Publics       []Public      `json:"publics"`
	Languages     []string      `json:"languages"`
	Accessibility string        `json:"accessibility,omitempty"`
	CheckedOn     Date          `json:"checked_on"`
	// MeetingRoom is the room the association lends for the network's meetings (nil: none).
	MeetingRoom *MeetingRoom `json:"meeting_room,omitempty"`
}

// MeetingRoom is a room an association lends for the network's meetings.
type MeetingRoom struct {
	Capacity   int  `json:"capacity"`   // persons seated
	Accessible bool `json:"accessible"` // for a wheelchair
}

// ListingSite is a place where the association receives people.
type ListingSite struct {
	SiteID    string   `json:"site_id,omitempty"`
	Name      string   `json:"name"`
	Address   string   `json:"address"`
	Quartier  string   `json:"quartier,omitempty"`
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
	Schedule  Schedule `json:"schedule"`
}

// Referent is a contact person.
type Referent struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// ListingCheckMonths: the manager is reminded when the listing was not checked for that long.
const ListingCheckMonths = 5

// Listing reads the association's listing; before the first one is saved, it starts from
// the association's name and sites.
func (s *Store) Listing(ctx context.Context) (Listing, error) {
	var row struct {
		Document  string
		CheckedOn Date
	}
	err := s.reader.WithContext(ctx).Raw(`SELECT document, checked_on FROM listing`).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.draftListing(ctx)
	}
	if err != nil {
		return Listing{}, fmt.Errorf("reading the listing: %w", err)
	}
	var l Listing
	if err := json.Unmarshal([]byte(row.Document), &l); err != nil {
		return l, fmt.Errorf("reading the listing: %w", err)
	}
	return l, nil
}

func (s *Store) draftListing(ctx context.Context) (Listing, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return Listing{}, err
	}
	sites, err := s.Sites(ctx, false)
	if err != nil {
		return Listing{}, err
	}
	l := Listing{Name: settings.AssociationName, Languages: []string{"fr"}}
	for _, site := range sites {
		l.Sites = append(l.Sites, ListingSite{SiteID: site.ID, Name: site.Name, Address: site.Address})
	}
	return l, nil
}

// SaveListing keeps the listing, checked today.
func (s *Store) SaveListing(ctx context.Context, l Listing) (Listing, error) {
	if err := s.RequireManager("saving the listing"); err != nil {
		return Listing{}, err
	}
	l.Name = strings.TrimSpace(l.Name)
	if l.Name == "" {
		return l, &ValidationError{Problem: ProblemEmptyAssocName, Field: "name"}
	}
	for i, site := range l.Sites {
		if strings.TrimSpace(site.Name) == "" {
			return l, &ValidationError{Problem: ProblemEmptySiteName, Field: "site", Member: i + 1}
		}
		for _, r := range site.Schedule.Rules {
			if err := r.Validate(); err != nil {
				return l, &ValidationError{Problem: ProblemBadHours, Field: "hours", Member: i + 1, Value: err.Error()}
			}
		}
		for _, c := range site.Schedule.Closures {
			if c.From.IsZero() || c.To.IsZero() || c.To.Before(c.From) {
				return l, &ValidationError{Problem: ProblemBadClosure, Field: "closure", Member: i + 1}
			}
		}
	}
	l.CheckedOn = s.Today()
	doc, err := json.Marshal(l)
	if err != nil {
		return l, fmt.Errorf("writing the listing: %w", err)
	}
	err = s.write(ctx).Exec(`INSERT INTO listing(id, document, checked_on, updated_at) VALUES (1, ?, ?, ?)
	    ON CONFLICT(id) DO UPDATE SET document = excluded.document, checked_on = excluded.checked_on, updated_at = excluded.updated_at`,
		string(doc), l.CheckedOn, s.now()).Error
	if err != nil {
		return l, fmt.Errorf("saving the listing: %w", err)
	}
	return l, nil
}

// ListingDue tells whether the listing was never saved or not checked for five months.
func (s *Store) ListingDue(ctx context.Context) (bool, error) {
	var checked []string
	if err := s.reader.WithContext(ctx).Raw(`SELECT checked_on FROM listing`).Scan(&checked).Error; err != nil {
		return false, fmt.Errorf("reading the listing: %w", err)
	}
	if len(checked) == 0 {
		// Never saved: counted from the installation's first day, so that a new
		// installation is not greeted by a reminder.
		settings, err := s.Settings(ctx)
		if err != nil {
			return false, err
		}
		return DateOf(settings.CreatedAt).AddMonths(ListingCheckMonths).Before(s.Today().AddDays(1)), nil
	}
	d, err := ParseDate(checked[0])
	if err != nil {
		return true, nil
	}
	return d.AddMonths(ListingCheckMonths).Before(s.Today().AddDays(1)), nil
}

// ReceivedListing is a listing the CCAS holds.
type ReceivedListing struct {
	ID            string `gorm:"primaryKey"`
	AssociationID string
	GeneratedAt   time.Time
	ReceivedAt    time.Time
	PayloadSHA256 string `gorm:"column:payload_sha256"`
	Document      string
	Current       bool
}

func (ReceivedListing) TableName() string { return "received_listings" }

// AcceptListing keeps a verified listing file, with the same checks as a report's: known
// association, pinned key. A newer one becomes current; the same file twice changes nothing.
func (s *Store) AcceptListing(ctx context.Context, associationID string, generatedAt time.Time, sha, document string, key []byte, fingerprint string) (ReportOutcome, error) {
	var outcome ReportOutcome
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := pinnedAssociation(tx, associationID, key, fingerprint)
		if err != nil {
			return err
		}
		outcome, err = s.acceptListingTx(tx, m.ID, generatedAt, sha, document)
		return err
	})
	return outcome, err
}

// acceptListingTx keeps a listing of a verified association inside the caller's transaction.
func (s *Store) acceptListingTx(tx *gorm.DB, associationID string, generatedAt time.Time, sha, document string) (ReportOutcome, error) {
	var dup int64
	if err := tx.Model(&ReceivedListing{}).Where("payload_sha256 = ?", sha).Count(&dup).Error; err != nil {
		return "", err
	}
	if dup > 0 {
		return OutcomeDuplicate, nil
	}
	var current []ReceivedListing
	if err := tx.Where("association_id = ? AND current = 1", associationID).Find(&current).Error; err != nil {
		return "", err
	}
	l := ReceivedListing{ID: newID(), AssociationID: associationID, GeneratedAt: generatedAt.UTC(), ReceivedAt: s.now(),
		PayloadSHA256: sha, Document: document, Current: true}
	outcome := OutcomeNew
	switch {
	case len(current) == 0:
	case generatedAt.After(current[0].GeneratedAt):
		outcome = OutcomeReplaced
		if err := tx.Model(&ReceivedListing{}).Where("id = ?", current[0].ID).Update("current", false).Error; err != nil {
			return "", err
		}
	default:
		outcome, l.Current = OutcomeHistory, false
	}
	return outcome, tx.Create(&l).Error
}

// CurrentListings are the listings in force, by association id.
func (s *Store) CurrentListings(ctx context.Context) (map[string]ReceivedListing, error) {
	var list []ReceivedListing
	if err := s.reader.WithContext(ctx).Where("current = 1").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("reading listings: %w", err)
	}
	out := make(map[string]ReceivedListing, len(list))
	for _, l := range list {
		out[l.AssociationID] = l
	}
	return out, nil
}
