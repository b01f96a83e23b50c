package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// BulkWriter adds many records at once, without rule checks, inside one transaction
// (demo data and imports). Records keep the IDs and times they come with.
type BulkWriter struct {
	tx         *gorm.DB
	households []Household
	persons    []Person
	visits     []Visit
}

const bulkBatch = 500

// Bulk runs fill in one transaction; nothing is kept if it fails.
func (s *Store) Bulk(ctx context.Context, fill func(w *BulkWriter) error) error {
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		w := &BulkWriter{tx: tx}
		if err := fill(w); err != nil {
			return err
		}
		return w.flush()
	})
}

// AddSite adds a distribution site.
func (w *BulkWriter) AddSite(site Site) error {
	if err := w.tx.Create(&site).Error; err != nil {
		return fmt.Errorf("adding site %s: %w", site.Name, err)
	}
	return nil
}

// AddHousehold queues a household and its members; the card comes from CardSeq.
func (w *BulkWriter) AddHousehold(h Household) error {
	h.Card = CardForSeq(h.CardSeq)
	for i, p := range h.Members {
		p.HouseholdID = h.ID
		p.NormLast, p.NormFirst = NormalizeName(p.LastName), NormalizeName(p.FirstName)
		p.Position = i
		if p.BirthYear == nil && !p.BirthDate.IsZero() {
			y := p.BirthDate.Year
			p.BirthYear = &y
		}
		w.persons = append(w.persons, p)
	}
	h.Members = nil
	w.households = append(w.households, h)
	if len(w.households) >= bulkBatch {
		return w.flush()
	}
	return nil
}

// AddVisit queues a visit; its households must have been added before.
func (w *BulkWriter) AddVisit(v Visit) error {
	if v.Day.IsZero() {
		v.Day = DateOf(v.At)
	}
	w.visits = append(w.visits, v)
	if len(w.visits) >= bulkBatch*4 {
		return w.flush()
	}
	return nil
}

func (w *BulkWriter) flush() error {
	if len(w.households) > 0 {
		if err := w.tx.Omit("Members").CreateInBatches(w.households, bulkBatch).Error; err != nil {
			return fmt.Errorf("adding households: %w", err)
		}
		w.households = w.households[:0]
	}
	if len(w.persons) > 0 {
		if err := w.tx.CreateInBatches(w.persons, bulkBatch).Error; err != nil {
			return fmt.Errorf("adding members: %w", err)
		}
		w.persons = w.persons[:0]
	}
	if len(w.visits) > 0 {
		if err := w.tx.CreateInBatches(w.visits, bulkBatch).Error; err != nil {
			return fmt.Errorf("adding visits: %w", err)
		}
		w.visits = w.visits[:0]
	}
	return nil
}
