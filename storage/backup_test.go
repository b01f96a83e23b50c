package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"filippo.io/age"
)

func backupNames(t *testing.T, s *Store) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(filepath.Dir(s.Path()), BackupFolder))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A backup a day, the first call of the day; 7 daily, 4 weekly and 12 monthly kept.
func TestAutoBackupRotation(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	register(t, s, member("Petit", "Luc", "1950"))
	start := clock.t
	for day := 0; day < 400; day++ {
		clock.t = start.AddDate(0, 0, day)
		if _, err := s.AutoBackup(ctx); err != nil {
			t.Fatal(err)
		}
		if day%3 == 0 { // a second call the same day makes nothing more
			s.AutoBackup(ctx)
		}
	}
	names := backupNames(t, s)
	if len(names) < 12 || len(names) > 7+4+12 {
		t.Fatalf("%d backups kept: %v", len(names), names)
	}
	newest := "entraide-" + DateOf(clock.t).String() + ".db"
	if !slices.Contains(names, newest) {
		t.Fatalf("today's backup %s missing from %v", newest, names)
	}
	for i := 0; i < 7; i++ {
		if name := "entraide-" + DateOf(clock.t).AddDays(-i).String() + ".db"; !slices.Contains(names, name) {
			t.Errorf("daily backup %s missing", name)
		}
	}
}

func TestEncryptedBackupAndRestore(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Vandenbussche", "Ginette", "1948"))
	var encrypted bytes.Buffer
	if err := s.EncryptedBackup(ctx, &encrypted, "clé usb du local", "test"); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(encrypted.Bytes(), []byte("Vandenbussche")) || bytes.Contains(encrypted.Bytes(), []byte("SQLite format")) {
		t.Fatal("the encrypted backup shows its content")
	}
	usb := filepath.Join(t.TempDir(), "sauvegarde.age")
	os.WriteFile(usb, encrypted.Bytes(), 0o600)
	if _, err := InspectBackup(ctx, usb, "mauvaise phrase"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	info, err := InspectBackup(ctx, usb, "clé usb du local")
	if err != nil || info.Households != 1 || info.Association != "Les Restos du Pile" || info.MadeOn != DateOf(time.Now()).String() {
		t.Fatalf("inspect: %+v, %v", info, err)
	}

	// Restore into the folder of a laptop that lost everything but Entraide's folder.
	dataDir := filepath.Dir(s.Path())
	register(t, s, member("Apres", "Sauvegarde", "1990"))
	s.Close()
	info, aside, err := Restore(ctx, dataDir, usb, "clé usb du local", "Josiane")
	if err != nil || aside == "" {
		t.Fatalf("restore: %+v %q %v", info, aside, err)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Fatalf("the database before the restore was not kept aside: %v", err)
	}
	restored, err := Open(ctx, dataDir, OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if got := searchCards(t, restored, "vandenbussche"); !slices.Equal(got, []string{h.Card}) {
		t.Fatalf("restored households: %v", got)
	}
	if got := searchCards(t, restored, "apres"); len(got) != 0 {
		t.Fatal("the restore kept a household registered after the backup")
	}
	if trail, err := restored.AuditTrail(ctx, time.Time{}, AuditRestore); err != nil || len(trail) != 1 || trail[0].Actor != "Josiane" {
		t.Fatalf("the restore is not in the restored database's audit trail: %+v", trail)
	}
}

func TestRestoreRefusesBadFilesAndChangesNothing(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	register(t, s, member("Petit", "Luc", "1950"))
	dataDir := filepath.Dir(s.Path())
	s.Close()
	before, err := os.ReadFile(filepath.Join(dataDir, DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	os.WriteFile(garbage, []byte("pas une sauvegarde"), 0o600)
	truncated := filepath.Join(dir, "coupee.db")
	os.WriteFile(truncated, before[:len(before)/3], 0o600)
	for _, path := range []string{garbage, truncated, filepath.Join(dir, "absent.db")} {
		if _, _, err := Restore(ctx, dataDir, path, "", "Josiane"); err == nil {
			t.Errorf("restoring %s was accepted", filepath.Base(path))
		}
	}
	if after, err := os.ReadFile(filepath.Join(dataDir, DatabaseFile)); err != nil || !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the database")
	}
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".db" && e.Name() != DatabaseFile {
			t.Fatalf("a refused restore left %s", e.Name())
		}
	}
}

// FuzzInspectBackup reads arbitrary files as backups, plain or encrypted: never a crash,
// and every refusal is one the restore screen can explain.
func FuzzInspectBackup(f *testing.F) {
	s, _ := openTestStore(f)
	ctx := context.Background()
	register(f, s, member("Petit", "Luc", "1950"))
	plain := filepath.Join(f.TempDir(), "plain.db")
	if err := s.BackupTo(ctx, plain); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(plain)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:4096])
	recipient, err := age.NewScryptRecipient("clé usb du local")
	if err != nil {
		f.Fatal(err)
	}
	recipient.SetWorkFactor(10) // the seeds decrypt quickly; mutated headers may ask more
	var encrypted bytes.Buffer
	w, err := age.Encrypt(&encrypted, recipient)
	if err != nil {
		f.Fatal(err)
	}
	w.Write(raw)
	w.Close()
	f.Add(encrypted.Bytes())
	f.Add([]byte("age-encryption.org/v1\n-> scrypt AAAA 10\n"))
	f.Add([]byte("SQLite format 3\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "backup")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := InspectBackup(ctx, path, "clé usb du local")
		if err == nil {
			return
		}
		for _, known := range []error{ErrWrongPassphrase, ErrDamaged, ErrNotDatabase, ErrNewerDatabase} {
			if errors.Is(err, known) {
				return
			}
		}
		t.Fatalf("a refusal the user cannot be told about: %v", err)
	})
}
