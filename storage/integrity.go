package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/gorm"
)

// DamagedMarker is left in the data folder when the background check finds damage: the
// next start then checks before anything else, refuses the file and offers a backup.
const DamagedMarker = "entraide.damaged"

// integrityCheck is SQLite's quick check of the whole file, run in the background from
// the moment the database is opened. Reads go on meanwhile; the first write waits for the
// verdict and is refused with ErrDamaged if the file is damaged.
type integrityCheck struct {
	done   chan struct{}
	err    error // set before done is closed
	cancel context.CancelFunc
}

// passedCheck is the verdict of a database that needs no check (just created, or already
// checked before an upgrade).
func passedCheck() *integrityCheck {
	c := &integrityCheck{done: make(chan struct{}), cancel: func() {}}
	close(c.done)
	return c
}

// refusedCheck refuses every write with err (a store opened only to read).
func refusedCheck(err error) *integrityCheck {
	c := passedCheck()
	c.err = err
	return c
}

// startIntegrityCheck checks path on a connection of its own, so that searches and the
// first screen never wait behind it.
func startIntegrityCheck(path string, now func() time.Time) (*integrityCheck, error) {
	db, err := openGorm(path, true, now)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &integrityCheck{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(c.done)
		err := quickCheck(ctx, db, path)
		if errors.Is(err, context.Canceled) {
			err = nil // closed before the end: nothing was written meanwhile either
		}
		c.err = err
		if errors.Is(err, ErrDamaged) {
			// The next start checks before showing anything, and so offers a backup.
			if f, e := os.Create(filepath.Join(filepath.Dir(path), DamagedMarker)); e == nil {
				f.Close()
			}
		}
		if sqlDB, e := db.DB(); e == nil {
			sqlDB.Close()
		}
	}()
	return c, nil
}

// wait returns the verdict, or ctx's error if ctx ends first.
func (c *integrityCheck) wait(ctx context.Context) error {
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends a check still running (the store is being closed). SQLite checks for the
// interruption only between pages of some tables, so it waits a little and then leaves
// the check to end on its own: its connection only reads.
func (c *integrityCheck) stop() {
	c.cancel()
	select {
	case <-c.done:
	case <-time.After(100 * time.Millisecond):
	}
}

// IntegrityVerdict waits for the integrity check begun at opening: nil when the database
// passed, an error wrapping ErrDamaged when it did not.
func (s *Store) IntegrityVerdict(ctx context.Context) error { return s.integrity.wait(ctx) }

// write is the connection every change goes through. It first waits for the integrity
// check; on a damaged database it hands back a connection that refuses everything, so
// no write, transaction or migration can reach the file.
func (s *Store) write(ctx context.Context) *gorm.DB {
	db := s.writer.WithContext(ctx)
	if err := s.integrity.wait(ctx); err != nil {
		db.Statement.ConnPool = refusedPool{err: err}
	}
	return db
}

// refusedPool answers every statement with the integrity check's verdict. The store never
// uses Row() on the write path (a refused QueryRowContext has no *sql.Row to give).
type refusedPool struct{ err error }

func (p refusedPool) PrepareContext(context.Context, string) (*sql.Stmt, error) { return nil, p.err }
func (p refusedPool) ExecContext(context.Context, string, ...any) (sql.Result, error) {
	return nil, p.err
}
func (p refusedPool) QueryContext(context.Context, string, ...any) (*sql.Rows, error) {
	return nil, p.err
}
func (p refusedPool) QueryRowContext(context.Context, string, ...any) *sql.Row { return nil }
func (p refusedPool) BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error) {
	return nil, p.err
}

// migrationsPending tells whether opening will upgrade the schema (and so write).
func (s *Store) migrationsPending(ctx context.Context, opts OpenOptions) (bool, error) {
	if opts.noMigrate {
		return false, nil
	}
	var tables int
	if err := s.writer.WithContext(ctx).Raw(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'`).Scan(&tables).Error; err != nil {
		return false, fmt.Errorf("reading schema of %s: %w", s.path, Classify(err))
	}
	if tables == 0 {
		return true, nil
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return false, Classify(err)
	}
	all, err := migrations()
	if err != nil {
		return false, err
	}
	target := all[len(all)-1].version
	if opts.migrateTo > 0 {
		target = opts.migrateTo
	}
	return current < target, nil
}
