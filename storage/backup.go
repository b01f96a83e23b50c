package storage

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"
)

// BackupFolder holds the automatic backups, inside the data folder.
const BackupFolder = "sauvegardes"

// ErrWrongPassphrase: an encrypted backup does not open with the passphrase given.
var ErrWrongPassphrase = errors.New("the passphrase does not open this backup")

const autoBackupPrefix = "entraide-"

// AutoBackup copies the database into the backup folder once a day (the first call of the
// day makes it), then keeps 7 daily, 4 weekly and 12 monthly copies.
func (s *Store) AutoBackup(ctx context.Context) (string, error) {
	dir := filepath.Join(filepath.Dir(s.path), BackupFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("making the backup folder: %w", err)
	}
	path := filepath.Join(dir, autoBackupPrefix+s.Today().String()+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".tmp"
	os.Remove(tmp)
	if err := s.BackupTo(ctx, tmp); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("finishing the backup: %w", err)
	}
	return path, rotateBackups(dir)
}

// rotateBackups keeps the newest 7 days, the newest copy of each of the last 4 weeks and of
// each of the last 12 months.
func rotateBackups(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading the backup folder: %w", err)
	}
	var days []Date
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, autoBackupPrefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		if d, err := ParseDate(strings.TrimSuffix(strings.TrimPrefix(name, autoBackupPrefix), ".db")); err == nil {
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[j].Before(days[i]) }) // newest first
	keep := map[Date]bool{}
	weeks, months := map[string]bool{}, map[string]bool{}
	for i, d := range days {
		year, week := d.Time().ISOWeek()
		weekKey, monthKey := fmt.Sprintf("%d-%d", year, week), MonthOf(d).String()
		switch {
		case i < 7:
			keep[d] = true
		case !weeks[weekKey] && len(weeks) < 4:
			keep[d] = true
		case !months[monthKey] && len(months) < 12:
			keep[d] = true
		}
		weeks[weekKey], months[monthKey] = true, true
	}
	for _, d := range days {
		if !keep[d] {
			if err := os.Remove(filepath.Join(dir, autoBackupPrefix+d.String()+".db")); err != nil {
				return fmt.Errorf("removing an old backup: %w", err)
			}
		}
	}
	return nil
}

// backupWorkFactor is the scrypt cost of encrypted backups: about a second on an old laptop.
const backupWorkFactor = 18

// EncryptedBackup writes a consistent copy of the database, encrypted with the passphrase
// (age, scrypt), for a USB key, and notes in the audit trail that actor made it.
func (s *Store) EncryptedBackup(ctx context.Context, w io.Writer, passphrase, actor string) error {
	if err := s.encryptedBackup(ctx, w, passphrase); err != nil {
		return err
	}
	return s.Audit(ctx, actor, AuditBackup, "encrypted")
}

// Backup writes a plain copy of the database to path (a manager's copy, not the automatic
// backups), and notes in the audit trail that actor made it.
func (s *Store) Backup(ctx context.Context, path, actor string) error {
	if err := s.RequireManager("copying the database"); err != nil {
		return err
	}
	if err := s.BackupTo(ctx, path); err != nil {
		return err
	}
	return s.Audit(ctx, actor, AuditBackup, "plain copy")
}

// RestoreBackup replaces this store's database by a checked backup (see Restore), once a
// manager asked for it; the store is closed first and cannot be used after.
func (s *Store) RestoreBackup(ctx context.Context, path, passphrase, actor string) (BackupInfo, string, error) {
	if err := s.RequireManager("restoring a backup"); err != nil {
		return BackupInfo{}, "", err
	}
	dir := filepath.Dir(s.Path())
	s.Close() // the restore needs the folder to itself
	return Restore(ctx, dir, path, passphrase, actor)
}

func (s *Store) encryptedBackup(ctx context.Context, w io.Writer, passphrase string) error {
	if err := s.RequireManager("making an encrypted backup"); err != nil {
		return err
	}
	if len([]rune(strings.TrimSpace(passphrase))) < 8 {
		return fmt.Errorf("the backup passphrase must have at least 8 characters")
	}
	tmpDir, err := os.MkdirTemp("", "entraide-backup-")
	if err != nil {
		return fmt.Errorf("preparing the backup: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	copyPath := filepath.Join(tmpDir, DatabaseFile)
	if err := s.BackupTo(ctx, copyPath); err != nil {
		return err
	}
	recipient, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("encrypting the backup: %w", err)
	}
	recipient.SetWorkFactor(backupWorkFactor)
	enc, err := age.Encrypt(w, recipient)
	if err != nil {
		return fmt.Errorf("encrypting the backup: %w", err)
	}
	f, err := os.Open(copyPath)
	if err != nil {
		return fmt.Errorf("reading the copy: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(enc, f); err != nil {
		return fmt.Errorf("encrypting the backup: %w", err)
	}
	return enc.Close()
}

// BackupInfo is what a backup holds, shown before restoring it.
type BackupInfo struct {
	// MadeOn is the day (YYYY-MM-DD) the backup file was written: its modification date.
	MadeOn        string `json:"made_on"`
	Association   string `json:"association"`
	SchemaVersion int    `json:"schema_version"`
	Households    int    `json:"households"`
	Persons       int    `json:"persons"`
	Visits        int    `json:"visits"`
	LastVisitDay  string `json:"last_visit_day"`
}

// openBackup decrypts the backup if needed into a private folder and checks it: an
// SQLite database that passes the integrity check, with a schema this program knows.
func openBackup(ctx context.Context, path, passphrase string) (string, BackupInfo, error) {
	tmpDir, err := os.MkdirTemp("", "entraide-restore-")
	if err != nil {
		return "", BackupInfo{}, fmt.Errorf("preparing the restore: %w", err)
	}
	fail := func(err error) (string, BackupInfo, error) {
		os.RemoveAll(tmpDir)
		return "", BackupInfo{}, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fail(fmt.Errorf("reading %s: %w", path, err))
	}
	plain := raw
	if bytes.HasPrefix(raw, []byte("age-encryption.org/")) {
		identity, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return fail(ErrWrongPassphrase)
		}
		// Our backups use age's default cost (2^18); a file asking more could take
		// gigabytes of memory before failing.
		identity.SetMaxWorkFactor(backupWorkFactor)
		r, err := age.Decrypt(bufio.NewReader(bytes.NewReader(raw)), identity)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", path, ErrWrongPassphrase))
		}
		if plain, err = io.ReadAll(r); err != nil {
			return fail(fmt.Errorf("%s: the backup is damaged: %w", path, ErrDamaged))
		}
	}
	if err := os.WriteFile(filepath.Join(tmpDir, DatabaseFile), plain, 0o600); err != nil {
		return fail(fmt.Errorf("preparing the restore: %w", err))
	}
	b, err := Open(ctx, tmpDir, OpenOptions{MustExist: true, noMigrate: true})
	if err != nil {
		return fail(err)
	}
	defer b.Close()
	if err := b.IntegrityCheck(ctx); err != nil {
		return fail(err)
	}
	var info BackupInfo
	if info.SchemaVersion, err = b.SchemaVersion(ctx); err != nil {
		return fail(fmt.Errorf("%s: %w", path, ErrNotDatabase))
	}
	all, err := migrations()
	if err != nil {
		return fail(err)
	}
	if info.SchemaVersion > all[len(all)-1].version {
		return fail(fmt.Errorf("%s: %w", path, ErrNewerDatabase))
	}
	if st, err := b.Stats(ctx); err == nil {
		info = BackupInfo{Association: st.Association, SchemaVersion: info.SchemaVersion, Households: st.Households,
			Persons: st.Persons, Visits: st.Visits, LastVisitDay: st.LastVisitDay}
	}
	if fi, err := os.Stat(path); err == nil {
		info.MadeOn = DateOf(fi.ModTime()).String()
	}
	return tmpDir, info, nil
}

// InspectBackup checks a backup and says what it holds, changing nothing.
func InspectBackup(ctx context.Context, path, passphrase string) (BackupInfo, error) {
	dir, info, err := openBackup(ctx, path, passphrase)
	if err == nil {
		os.RemoveAll(dir)
	}
	return info, err
}

// Restore replaces the data folder's database by a checked backup. The current database
// is kept aside, renamed with the date. The folder must not be open elsewhere. actor is
// who restored, for the restored database's audit trail.
func Restore(ctx context.Context, dataDir, path, passphrase, actor string) (BackupInfo, string, error) {
	lock, err := lockFolder(dataDir)
	if err != nil {
		return BackupInfo{}, "", err
	}
	defer lock.Close()
	tmpDir, info, err := openBackup(ctx, path, passphrase)
	if err != nil {
		return info, "", err
	}
	defer os.RemoveAll(tmpDir)
	current := filepath.Join(dataDir, DatabaseFile)
	// The copy is made beside the database and renamed into place: a power cut during the
	// copy leaves the current database untouched.
	incoming := current + ".restauration"
	os.Remove(incoming)
	if err := copyFile(filepath.Join(tmpDir, DatabaseFile), incoming); err != nil {
		os.Remove(incoming)
		return info, "", fmt.Errorf("copying the backup into the data folder: %w", Classify(err))
	}
	aside := ""
	if _, err := os.Stat(current); err == nil {
		aside = filepath.Join(dataDir, "entraide-avant-restauration-"+time.Now().Format("2006-01-02-150405")+".db")
		if err := os.Rename(current, aside); err != nil {
			return info, "", fmt.Errorf("keeping the current database aside: %w", err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(current + suffix); err == nil {
				os.Rename(current+suffix, aside+suffix)
			}
		}
	}
	if err := os.Rename(incoming, current); err != nil {
		os.Remove(incoming)
		if aside != "" {
			os.Rename(aside, current)
		}
		return info, "", fmt.Errorf("putting the backup in place: %w", err)
	}
	// The restored file passed its checks: the damage found in the old one no longer applies.
	os.Remove(filepath.Join(dataDir, DamagedMarker))
	syncFolder(dataDir)
	auditRestore(ctx, current, actor, info)
	return info, aside, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// NewestGoodBackup finds the most recent automatic backup that passes the checks.
func NewestGoodBackup(ctx context.Context, dataDir string) (string, BackupInfo, bool) {
	dir := filepath.Join(dataDir, BackupFolder)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", BackupInfo{}, false
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), autoBackupPrefix) && strings.HasSuffix(e.Name(), ".db") {
			names = append(names, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names))) // ISO dates: newest first
	for _, name := range names {
		path := filepath.Join(dir, name)
		if info, err := InspectBackup(ctx, path, ""); err == nil {
			return path, info, true
		}
	}
	return "", BackupInfo{}, false
}

// syncFolder makes a rename durable (a power cut right after would otherwise undo it on
// some file systems). Not possible, nor needed, on Windows.
func syncFolder(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// auditRestore notes the restore in the restored database's own audit trail (a backup
// older than the audit trail gets it when it is next opened and upgraded: not this line).
func auditRestore(ctx context.Context, path, actor string, info BackupInfo) {
	db, err := openGorm(path, false, time.Now)
	if err != nil {
		return
	}
	defer func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	}()
	if !db.WithContext(ctx).Migrator().HasTable("audit_log") {
		return
	}
	audit(db.WithContext(ctx), time.Now(), actor, AuditRestore,
		fmt.Sprintf("backup with %d households, last visit %s", info.Households, info.LastVisitDay))
}
