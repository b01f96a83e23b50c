package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order; file names start with the version.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("listing migrations: %w", err)
	}
	var list []migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(prefix)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("reading migration %s: %w", e.Name(), err)
		}
		list = append(list, migration{version: version, name: e.Name(), sql: string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	return list, nil
}

// SchemaVersion is the highest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.writer.WithContext(ctx).Raw(`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v).Error
	if err != nil {
		return 0, fmt.Errorf("reading schema version: %w", err)
	}
	return v, nil
}

// migrate applies pending migrations, each in its own transaction, up to target (0: all).
func (s *Store) migrate(ctx context.Context, target int) error {
	db := s.writer.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at DATETIME NOT NULL)`).Error; err != nil {
		return fmt.Errorf("preparing schema version table: %w", Classify(err))
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	all, err := migrations()
	if err != nil {
		return err
	}
	if latest := all[len(all)-1].version; current > latest {
		return fmt.Errorf("database schema %d, this program knows %d: %w", current, latest, ErrNewerDatabase)
	}
	for _, m := range all {
		if m.version <= current || (target > 0 && m.version > target) {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec(m.sql).Error; err != nil {
				return err
			}
			return tx.Exec(`INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, s.now()).Error
		})
		if err != nil {
			return fmt.Errorf("applying migration %s: %w", m.name, err)
		}
	}
	return nil
}

// LatestSchemaVersion is the version a database has once this program opened it.
func LatestSchemaVersion() (int, error) {
	list, err := migrations()
	if err != nil || len(list) == 0 {
		return 0, err
	}
	return list[len(list)-1].version, nil
}
