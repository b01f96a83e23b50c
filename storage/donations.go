package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Donation is a gift of the CCAS shared among the associations; Allocations is the
// table as computed (JSON written by sync/donation), kept as it was.
type Donation struct {
	ID          string `gorm:"primaryKey"`
	Name        string
	Unit        string
	Quantity    int
	Basis       string
	Months      int
	LastMonth   string
	Method      string
	Floor       int
	Cap         int
	Pickup      string
	Allocations string
	// ShownToAll: every association sees the whole table in the directory file, not
	// only its own line.
	ShownToAll bool
	CreatedBy  string
	CreatedAt  time.Time
}

func (Donation) TableName() string { return "donations" }

// SaveDonation keeps a shared donation (CCAS only), audited without the table.
func (s *Store) SaveDonation(ctx context.Context, d Donation) (Donation, error) {
	if err := s.RequireManager("sharing a donation"); err != nil {
		return Donation{}, err
	}
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		return Donation{}, &ValidationError{Problem: ProblemEmptyName, Field: "name"}
	}
	d.ID, d.CreatedAt = newID(), s.now()
	err := s.write(ctx).Create(&d).Error
	if err == nil {
		err = s.Audit(ctx, d.CreatedBy, AuditSettings, fmt.Sprintf("donation shared: %d %s by %s", d.Quantity, d.Unit, d.Basis))
	}
	if err != nil {
		return Donation{}, Classify(fmt.Errorf("saving the donation: %w", err))
	}
	return d, nil
}

// Donations lists the donations shared, newest first.
func (s *Store) Donations(ctx context.Context) ([]Donation, error) {
	var list []Donation
	if err := s.reader.WithContext(ctx).Order("created_at DESC, id").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("reading donations: %w", err)
	}
	return list, nil
}
