package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ErrOldDirectory: a directory file is not newer than the one held.
var ErrOldDirectory = errors.New("not newer than the directory held")

// DirectoryEntryRow is an entry the CCAS typed itself (a listing document).
type DirectoryEntryRow struct {
	ID        string `gorm:"primaryKey"`
	Document  string
	UpdatedAt time.Time
}

func (DirectoryEntryRow) TableName() string { return "directory_entries" }

// SaveDirectoryEntry adds or changes an entry the CCAS types itself; an empty id adds one.
func (s *Store) SaveDirectoryEntry(ctx context.Context, id, document string) (string, error) {
	if id == "" {
		id = newID()
	}
	row := DirectoryEntryRow{ID: id, Document: document, UpdatedAt: s.now()}
	if err := s.write(ctx).Save(&row).Error; err != nil {
		return "", fmt.Errorf("saving directory entry: %w", err)
	}
	return id, nil
}

// DeleteDirectoryEntry removes an entry the CCAS typed.
func (s *Store) DeleteDirectoryEntry(ctx context.Context, id string) error {
	res := s.write(ctx).Delete(&DirectoryEntryRow{}, "id = ?", id)
	return rowsOrNotFound(res, "deleting directory entry")
}

// DirectoryEntries lists the entries the CCAS typed.
func (s *Store) DirectoryEntries(ctx context.Context) ([]DirectoryEntryRow, error) {
	var rows []DirectoryEntryRow
	if err := s.reader.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("reading directory entries: %w", err)
	}
	return rows, nil
}

// PublishedDirectory is a directory as the CCAS published it, or as an association holds it.
type PublishedDirectory struct {
	Version     int
	PublishedAt time.Time
	Payload     string
}

// LastPublishedDirectory is the CCAS's latest directory (version 0 when none yet).
func (s *Store) LastPublishedDirectory(ctx context.Context) (PublishedDirectory, error) {
	var d PublishedDirectory
	err := s.reader.WithContext(ctx).Raw(`SELECT version, published_at, payload FROM published_directories
	    ORDER BY version DESC LIMIT 1`).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return PublishedDirectory{}, nil
	}
	if err != nil {
		return d, fmt.Errorf("reading published directories: %w", err)
	}
	return d, nil
}

// RecordPublishedDirectory keeps a published directory; its version must follow the last one.
func (s *Store) RecordPublishedDirectory(ctx context.Context, d PublishedDirectory) error {
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var last int
		if err := tx.Raw(`SELECT COALESCE(MAX(version), 0) FROM published_directories`).Scan(&last).Error; err != nil {
			return err
		}
		if d.Version != last+1 {
			return fmt.Errorf("directory version %d after %d: %w", d.Version, last, ErrOldDirectory)
		}
		return tx.Exec(`INSERT INTO published_directories(version, published_at, payload) VALUES (?, ?, ?)`,
			d.Version, d.PublishedAt.UTC(), d.Payload).Error
	})
}

// HeldDirectory is the directory an association received (version 0 when none yet).
func (s *Store) HeldDirectory(ctx context.Context) (PublishedDirectory, error) {
	var d PublishedDirectory
	err := s.reader.WithContext(ctx).Raw(`SELECT version, published_at, payload FROM directory`).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return PublishedDirectory{}, nil
	}
	if err != nil {
		return d, fmt.Errorf("reading the directory: %w", err)
	}
	return d, nil
}

// ReplaceDirectory keeps a newer directory in place of the one held, in one transaction.
func (s *Store) ReplaceDirectory(ctx context.Context, d PublishedDirectory) error {
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var held []int
		if err := tx.Raw(`SELECT version FROM directory`).Scan(&held).Error; err != nil {
			return err
		}
		if len(held) > 0 && d.Version <= held[0] {
			return fmt.Errorf("version %d, held %d: %w", d.Version, held[0], ErrOldDirectory)
		}
		return tx.Exec(`INSERT INTO directory(id, version, published_at, payload) VALUES (1, ?, ?, ?)
		    ON CONFLICT(id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, payload = excluded.payload`,
			d.Version, d.PublishedAt.UTC(), d.Payload).Error
	})
}

// NormalizedWords lowers and strips accents for directory text search.
func NormalizedWords(text string) []string {
	var words []string
	for _, w := range strings.Fields(text) {
		if n := NormalizeName(w); n != "" {
			words = append(words, n)
		}
	}
	return words
}
