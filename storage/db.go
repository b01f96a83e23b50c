// Package storage keeps an association's data in a local SQLite database: households,
// their members, distribution sites, visits and the rules that govern check-ins.
// It never imports Fyne; the GUI and entraidectl both build on it.
package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	gosqlite "github.com/glebarez/go-sqlite"
	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DatabaseFile is the name of the database inside a data folder.
const DatabaseFile = "entraide.db"

var (
	// ErrNotDatabase: the file at the database path is not an SQLite database.
	ErrNotDatabase = errors.New("the file is not an Entraide database")
	// ErrNewerDatabase: the database was written by a newer Entraide.
	ErrNewerDatabase = errors.New("the database was made by a newer version of Entraide")
	// ErrNoDatabase: the data folder holds no database yet.
	ErrNoDatabase = errors.New("no Entraide database in this folder")
	// ErrFolderNotWritable: the data folder cannot be created or written.
	ErrFolderNotWritable = errors.New("the data folder cannot be created or written")
	// ErrInUse: another Entraide (or entraidectl) already has this data folder open.
	ErrInUse = errors.New("the data folder is already open in another Entraide")
	// ErrDamaged: the database fails SQLite's integrity check.
	ErrDamaged = errors.New("the database is damaged")
	// ErrDiskFull: the disk (or USB key) holding the data is full.
	ErrDiskFull = errors.New("the disk holding the data is full")
	// ErrCannotWrite: the data can no longer be written while the program runs (USB key
	// removed, file system switched to read-only after a fault).
	ErrCannotWrite = errors.New("the data folder can no longer be written")
)

// SQLite's primary result codes that say something to the user.
const (
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

// Classify names, in an error coming from SQLite, what the user can act on: a full disk,
// a folder that can no longer be written (USB key pulled out, disk gone read-only), a
// damaged or foreign file. Other errors are returned unchanged; Classify can be applied
// twice.
func Classify(err error) error {
	if err == nil {
		return nil
	}
	for _, known := range []error{ErrDiskFull, ErrCannotWrite, ErrDamaged, ErrNotDatabase, ErrFolderNotWritable} {
		if errors.Is(err, known) {
			return err
		}
	}
	code := -1
	var sqliteErr *gosqlite.Error
	if errors.As(err, &sqliteErr) {
		code = sqliteErr.Code() & 0xff // extended codes keep the primary one in the low byte
	}
	// Errors that lost SQLite's type on the way are recognised by SQLite's own texts, and
	// the operating system's by their error numbers.
	msg := err.Error()
	switch {
	case code == sqliteFull || errors.Is(err, syscall.ENOSPC) || strings.Contains(msg, "database or disk is full"):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case code == sqliteReadOnly || code == sqliteIOErr || code == sqliteCantOpen || errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w: %w", ErrCannotWrite, err)
	case code == sqliteCorrupt || strings.Contains(msg, "database disk image is malformed"):
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	case code == sqliteNotADB || strings.Contains(msg, "file is not a database"):
		return fmt.Errorf("%w: %w", ErrNotDatabase, err)
	}
	return err
}

// LockFile is the file another instance holds while it has the data folder open.
const LockFile = "entraide.lock"

// Store is an open association database. One connection writes, a small pool reads,
// so that searches never wait behind a check-in and check-ins are never interleaved.
type Store struct {
	path   string
	lock   *os.File
	writer *gorm.DB
	reader *gorm.DB
	now    func() time.Time
	// session is who is logged in; see RequireManager.
	session session
	// integrity is the verdict of the integrity check started at opening; every write
	// waits for it, so a damaged database is never written.
	integrity *integrityCheck
}

// OpenOptions changes how a database is opened; the zero value is what the programs use.
type OpenOptions struct {
	// MustExist refuses to create a new database.
	MustExist bool
	// Now replaces the clock (tests, demo data).
	Now func() time.Time
	// migrateTo stops migrations at this version (tests of upgrades); 0 means all.
	migrateTo int
	// noMigrate opens a database as it is (a backup being inspected).
	noMigrate bool
	// ReadOnly is for commands that only read (entraidectl search, stats…): no integrity
	// check is started, and any write is refused with ErrReadOnlyOpen.
	ReadOnly bool
}

// ErrReadOnlyOpen: a write through a store opened only to read.
var ErrReadOnlyOpen = errors.New("the data were opened only to read")

// Open opens (creating it when needed) the database in the data folder dir.
func Open(ctx context.Context, dir string, opts OpenOptions) (*Store, error) {
	path := filepath.Join(dir, DatabaseFile)
	exists, err := checkDatabaseFile(path)
	if err != nil {
		return nil, err
	}
	if !exists {
		if opts.MustExist {
			return nil, fmt.Errorf("opening %s: %w", dir, ErrNoDatabase)
		}
		if err := ensureWritableFolder(dir); err != nil {
			return nil, err
		}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Store{path: path, now: func() time.Time { return now().UTC().Truncate(time.Second) }}
	if s.lock, err = lockFolder(dir); err != nil {
		return nil, err
	}
	if s.writer, err = openGorm(path, false, s.now); err != nil {
		s.Close()
		return nil, err
	}
	s.integrity = passedCheck()
	if exists {
		// The check reads the whole file (seconds on an old laptop with years of data):
		// it runs beside the first screen unless an upgrade is about to write.
		pending, err := s.migrationsPending(ctx, opts)
		if err != nil {
			s.Close()
			return nil, err
		}
		_, markErr := os.Stat(filepath.Join(dir, DamagedMarker))
		if opts.ReadOnly && !pending {
			s.integrity = refusedCheck(fmt.Errorf("%s: %w", s.path, ErrReadOnlyOpen))
		} else if pending || markErr == nil {
			if err := quickCheck(ctx, s.writer, path); err != nil {
				s.Close()
				return nil, err
			}
			os.Remove(filepath.Join(dir, DamagedMarker))
		} else if s.integrity, err = startIntegrityCheck(path, s.now); err != nil {
			s.Close()
			return nil, err
		}
	}
	if !opts.noMigrate {
		if err := s.migrate(ctx, opts.migrateTo); err != nil {
			s.Close()
			return nil, err
		}
	}
	if s.reader, err = openGorm(path, true, s.now); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error {
	var errs []error
	if s.integrity != nil {
		s.integrity.stop()
	}
	for _, db := range []*gorm.DB{s.reader, s.writer} {
		if db == nil {
			continue
		}
		if sqlDB, err := db.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Close()) // closing frees the lock
	}
	return errors.Join(errs...)
}

// lockFolder makes sure this is the only program with the folder open.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("locking data folder %s: %w (%v)", dir, ErrFolderNotWritable, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", dir, ErrInUse)
	}
	return f, nil
}

// quickCheck runs SQLite's quick integrity check: a damaged database is never written to.
func quickCheck(ctx context.Context, db *gorm.DB, path string) error {
	var results []string
	if err := db.WithContext(ctx).Raw(`PRAGMA quick_check`).Scan(&results).Error; err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("checking %s: %w (%v)", path, ErrDamaged, Classify(err))
	}
	if len(results) != 1 || results[0] != "ok" {
		return fmt.Errorf("checking %s: %w (%s)", path, ErrDamaged, strings.Join(results, "; "))
	}
	return nil
}

// IntegrityCheck runs SQLite's full integrity check (entraidectl check).
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var results []string
	if err := s.reader.WithContext(ctx).Raw(`PRAGMA integrity_check`).Scan(&results).Error; err != nil {
		return fmt.Errorf("checking %s: %w (%v)", s.path, ErrDamaged, err)
	}
	if len(results) != 1 || results[0] != "ok" {
		return fmt.Errorf("checking %s: %w (%s)", s.path, ErrDamaged, strings.Join(results, "; "))
	}
	return nil
}

var sqliteHeader = []byte("SQLite format 3\x00")

// checkDatabaseFile tells whether path holds a database, refusing anything else
// before SQLite gets a chance to touch it.
func checkDatabaseFile(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w (%v)", path, ErrFolderNotWritable, err)
	}
	defer f.Close()
	header := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF) {
		return false, fmt.Errorf("%s is empty: %w", path, ErrNotDatabase)
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, fmt.Errorf("reading %s: %w", path, err)
	}
	if !bytes.Equal(header[:n], sqliteHeader) || n < len(sqliteHeader) {
		return false, fmt.Errorf("%s: %w", path, ErrNotDatabase)
	}
	return true, nil
}

func ensureWritableFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating data folder %s: %w (%v)", dir, ErrFolderNotWritable, err)
	}
	probe, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("writing in data folder %s: %w (%v)", dir, ErrFolderNotWritable, err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

func openGorm(path string, readOnly bool, now func() time.Time) (*gorm.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	// FULL: an acknowledged check-in survives a power cut.
	q.Add("_pragma", "synchronous(FULL)")
	// 8 MB of page cache per connection: lists of 20,000 households read without going to disk.
	q.Add("_pragma", "cache_size(-8000)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	}
	dsn := "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		NowFunc:                now,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, fmt.Errorf("opening database %s: %w", path, Classify(err))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("opening database %s: %w", path, err)
	}
	if readOnly {
		sqlDB.SetMaxOpenConns(4)
	} else {
		sqlDB.SetMaxOpenConns(1)
	}
	sqlDB.SetConnMaxIdleTime(0)
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("opening database %s: %w", path, Classify(err))
	}
	return db, nil
}

// BackupTo writes a consistent copy of the database to path (which must not exist),
// while the program keeps running.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backing up to %s: the file already exists", path)
	}
	if err := s.write(ctx).Exec(`VACUUM INTO ?`, path).Error; err != nil {
		return fmt.Errorf("backing up to %s: %w", path, err)
	}
	return nil
}
