package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A database made by migration 1 (before name search existed) upgrades, and the households
// it already held become searchable.
func TestUpgradeFromMigration1(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	old, err := Open(ctx, dir, OpenOptions{migrateTo: 1})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := old.SchemaVersion(ctx); err != nil || v != 1 {
		t.Fatalf("schema version %d, want 1", v)
	}
	// What the first version wrote, in its own schema.
	for _, q := range []string{
		`INSERT INTO settings VALUES ('s1', 'Asso', 7, 0, 12, '2025-01-01 10:00:00+00:00', '2025-01-01 10:00:00+00:00')`,
		`INSERT INTO sites(id, name, created_at, updated_at) VALUES ('site1', 'Local', '2025-01-01 10:00:00+00:00', '2025-01-01 10:00:00+00:00')`,
		`INSERT INTO households(id, card_seq, card, registered_on, eligible_until, created_at, updated_at)
		 VALUES ('h1', 10001, '` + CardForSeq(10001) + `', '2025-01-02', '2026-01-02', '2025-01-02 10:00:00+00:00', '2025-01-02 10:00:00+00:00')`,
		`INSERT INTO persons(id, household_id, last_name, first_name, norm_last, norm_first, birth_year, created_at, updated_at)
		 VALUES ('p1', 'h1', 'Vandenbussche', 'Ginette', 'vandenbussche', 'ginette', 1948, '2025-01-02 10:00:00+00:00', '2025-01-02 10:00:00+00:00')`,
	} {
		if err := old.writer.Exec(q).Error; err != nil {
			t.Fatalf("writing version-1 data: %v", err)
		}
	}
	old.Close()
	h := Household{Card: CardForSeq(10001)}

	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatalf("upgrading: %v", err)
	}
	defer s.Close()
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != all[len(all)-1].version || v < 2 {
		t.Fatalf("schema version after upgrade %d, want %d", v, all[len(all)-1].version)
	}
	if got := searchCards(t, s, "vandenbus"); !slices.Equal(got, []string{h.Card}) {
		t.Fatalf("household registered before the upgrade not found: %v", got)
	}
	if st, err := s.Settings(ctx); err != nil || st.Mode != ModeAssociation || st.AssociationName != "Asso" {
		t.Fatalf("settings after upgrade: %+v, %v", st, err)
	}
	if key, err := s.InstallationKey(ctx); err != nil || len(key) == 0 {
		t.Fatalf("an upgraded installation gets its key: %v", err)
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.writer.Exec(`INSERT INTO schema_version(version, name, applied_at) VALUES (99, 'future', '2030-01-01')`)
	s.Close()
	if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrNewerDatabase) {
		t.Fatalf("Open = %v, want ErrNewerDatabase", err)
	}
}

func TestOpenBadPlaces(t *testing.T) {
	ctx := context.Background()
	t.Run("a file that is not a database is refused and left as it was", func(t *testing.T) {
		dir := t.TempDir()
		content := []byte("Nom;Prénom\nDupont;Marie\n")
		path := filepath.Join(dir, DatabaseFile)
		os.WriteFile(path, content, 0o600)
		if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("Open = %v, want ErrNotDatabase", err)
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, content) {
			t.Fatal("the file was changed")
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("files were added next to it: %v", entries)
		}
	})
	t.Run("an empty file is refused", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, DatabaseFile), nil, 0o600)
		if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("Open = %v, want ErrNotDatabase", err)
		}
	})
	t.Run("a folder that cannot be created", func(t *testing.T) {
		parent := t.TempDir()
		blocker := filepath.Join(parent, "not-a-folder")
		os.WriteFile(blocker, []byte("x"), 0o600)
		if _, err := Open(ctx, filepath.Join(blocker, "data"), OpenOptions{}); !errors.Is(err, ErrFolderNotWritable) {
			t.Fatalf("Open = %v, want ErrFolderNotWritable", err)
		}
	})
	t.Run("a read-only folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into read-only folders")
		}
		dir := t.TempDir()
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
		if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrFolderNotWritable) {
			t.Fatalf("Open = %v, want ErrFolderNotWritable", err)
		}
	})
	t.Run("MustExist does not create", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nothing")
		if _, err := Open(ctx, dir, OpenOptions{MustExist: true}); !errors.Is(err, ErrNoDatabase) {
			t.Fatalf("Open = %v, want ErrNoDatabase", err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatal("the folder was created")
		}
	})
}

func TestPragmas(t *testing.T) {
	s, _ := openTestStore(t)
	tests := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "busy_timeout": "5000"}
	for pragma, want := range tests {
		var got string
		s.writer.Raw("PRAGMA " + pragma).Scan(&got)
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestInvalidHouseholdsWriteNothing(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	future := DateOf(testNow).AddDays(1)
	tests := []struct {
		name    string
		in      HouseholdInput
		problem string
	}{
		{"no member", HouseholdInput{}, ProblemNoMembers},
		{"empty last name", HouseholdInput{Members: []MemberInput{{LastName: "  ", FirstName: "Jean"}}}, ProblemEmptyName},
		{"punctuation only", HouseholdInput{Members: []MemberInput{{LastName: "Dupont", FirstName: "--"}}}, ProblemEmptyName},
		{"born tomorrow", HouseholdInput{Members: []MemberInput{{LastName: "Dupont", FirstName: "Jean", BirthDate: future}}}, ProblemBirthInFuture},
		{"born next year", HouseholdInput{Members: []MemberInput{{LastName: "Dupont", FirstName: "Jean", BirthYear: 2027}}}, ProblemBirthInFuture},
		{"born before 1900", HouseholdInput{Members: []MemberInput{{LastName: "Dupont", FirstName: "Jean", BirthYear: 1899}}}, ProblemBirthBefore1900},
		{"second member wrong", HouseholdInput{Members: []MemberInput{member("Dupont", "Jean", "1970"), {LastName: "Dupont"}}}, ProblemEmptyName},
		{"unknown referral", HouseholdInput{Referral: "police", Members: []MemberInput{member("Dupont", "Jean", "1970")}}, ProblemUnknownValue},
	}
	for _, tt := range tests {
		_, err := s.SaveHousehold(ctx, tt.in)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Problem != tt.problem {
			t.Errorf("%s: SaveHousehold = %v, want problem %s", tt.name, err, tt.problem)
		}
	}
	if st, err := s.Stats(ctx); err != nil || st.Households != 0 || st.Persons != 0 {
		t.Fatalf("invalid forms wrote data: %+v", st)
	}
}

func TestMembersAddedAndRemoved(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Moreau", "Julie", "1985"), member("Moreau", "Paul", "1983"))
	in := HouseholdInput{ID: h.ID, Members: []MemberInput{
		{ID: h.Members[0].ID, LastName: "Moreau", FirstName: "Julie", BirthYear: 1985},
		member("Moreau", "Inès", "01/09/2025"),
	}}
	got, err := s.SaveHousehold(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Members) != 2 || got.Members[1].FirstName != "Inès" || got.Card != h.Card {
		t.Fatalf("members after edit: %+v", got.Members)
	}
	v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	if err != nil || v.PersonsServed != 2 {
		t.Fatalf("persons served %d, %v; want 2", v.PersonsServed, err)
	}
	var all int64
	s.reader.Model(&Person{}).Where("household_id = ?", h.ID).Count(&all)
	if all != 3 {
		t.Fatalf("a removed member is kept for past counts: %d rows, want 3", all)
	}
}

func TestResolveDataDir(t *testing.T) {
	exeDir := t.TempDir()
	exe := filepath.Join(exeDir, "entraide")
	executable := func() (string, error) { return exe, nil }
	config := func() (string, error) { return "/home/benevole/.config", nil }
	if got, err := resolveDataDir("/flag", "/env", executable, config); err != nil || got != "/flag" {
		t.Errorf("flag first: got %s", got)
	}
	if got, err := resolveDataDir("", "/env", executable, config); err != nil || got != "/env" {
		t.Errorf("env second: got %s", got)
	}
	if got, err := resolveDataDir("", "", executable, config); err != nil || got != filepath.Join("/home/benevole/.config", "Entraide") {
		t.Errorf("config folder last: got %s", got)
	}
	os.Mkdir(filepath.Join(exeDir, PortableFolder), 0o700)
	if got, err := resolveDataDir("", "", executable, config); err != nil || got != filepath.Join(exeDir, PortableFolder) {
		t.Errorf("portable folder third: got %s", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"23/11/2026", "2026-11-23", true}, {"2026-11-23", "2026-11-23", true}, {"1/2/1980", "1980-02-01", true},
		{"01.02.1980", "1980-02-01", true}, {"", "", true}, {"31/02/1980", "", false}, {"32/01/1980", "", false},
		{"12/1980", "", false}, {"abc", "", false}, {"01/13/1980", "", false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s ok=%v", tt.in, d, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"23/11/2026", "2026-11-23", "", "1/1/1", "99/99/9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseDate(in)
		if err != nil || d.IsZero() {
			return
		}
		again, err := ParseDate(d.French())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %v, but its French form %q reads back as %v, %v", in, d, d.French(), again, err)
		}
	})
}

func TestBackupTo(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Petit", "Luc", "1950"))
	path := filepath.Join(t.TempDir(), "copie", DatabaseFile)
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := s.BackupTo(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupTo(ctx, path); err == nil {
		t.Fatal("a backup overwrote an existing file")
	}
	copied, err := Open(ctx, filepath.Dir(path), OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if got := searchCards(t, copied, "petit"); !slices.Equal(got, []string{h.Card}) {
		t.Fatalf("the copy does not hold the household: %v", got)
	}
}

func TestSecondInstanceIsRefused(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open = %v, want ErrInUse", err)
	}
	first.Close()
	again, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatalf("Open after the first closed: %v", err)
	}
	again.Close()
}

// A damaged database is refused at opening, and not written to.
func TestDamagedDatabaseIsRefused(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Setup(ctx, DefaultSetup("Asso", "Local")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		register(t, s, member("Nom", fmt.Sprintf("Prénom%d", i), fmt.Sprint(1930+i)))
	}
	if err := s.writer.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, DatabaseFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 2; i < 4096*3 && i < len(data); i++ {
		data[i] = 0x5a // a page of persons overwritten, as by a failing disk
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	// The window opens at once: the check runs beside it, and the first write waits for
	// its verdict and is refused.
	s, err = Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatalf("opening a damaged database refused before any write: %v", err)
	}
	_, err = s.SaveHousehold(ctx, HouseholdInput{Quartier: "Pile", Members: []MemberInput{member("Neuf", "Nina", "1990")}})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("first write on a damaged database = %v, want ErrDamaged", err)
	}
	if err := s.IntegrityVerdict(ctx); !errors.Is(err, ErrDamaged) {
		t.Fatalf("integrity verdict = %v, want ErrDamaged", err)
	}
	if err := s.SetHouseholdArchived(ctx, "x", true); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a second write = %v, want ErrDamaged", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, data) {
		t.Fatal("the damaged database was written to")
	}
	// The next start checks first and refuses the file, so the start window offers a backup.
	if _, err := Open(ctx, dir, OpenOptions{}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("reopening a database found damaged = %v, want ErrDamaged", err)
	}
}

// A sound database opens without waiting for the check, and writes once it has passed.
func TestIntegrityCheckRunsBesideTheWindow(t *testing.T) {
	dir := setUpFolder(t)
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	register(t, s, member("Petit", "Luc", "1950"))
	if err := s.IntegrityVerdict(ctx); err != nil {
		t.Fatalf("verdict on a sound database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, DamagedMarker)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a sound database left the damage marker: %v", err)
	}
}

// A store opened only to read starts no check and refuses to write, saying why.
func TestReadOnlyOpenRefusesWrites(t *testing.T) {
	dir := setUpFolder(t)
	ctx := context.Background()
	r, err := Open(ctx, dir, OpenOptions{MustExist: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Stats(ctx); err != nil {
		t.Fatalf("reading through a read-only store: %v", err)
	}
	_, err = r.SaveHousehold(ctx, HouseholdInput{Quartier: "Pile", Members: []MemberInput{member("Neuf", "Nina", "1990")}})
	if !errors.Is(err, ErrReadOnlyOpen) {
		t.Fatalf("write through a read-only store = %v, want ErrReadOnlyOpen", err)
	}
}

// setUpFolder is a data folder holding a set-up association, closed again.
func setUpFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(context.Background(), dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Setup(context.Background(), DefaultSetup("Asso", "Local")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Invisible control characters (a paste, an imported spreadsheet) never reach the
// database: the monthly report packs its rows with one of them.
func TestControlCharactersAreDropped(t *testing.T) {
	s, _ := openTestStore(t)
	h, err := s.SaveHousehold(context.Background(), HouseholdInput{Quartier: "Pile\x1f", Notes: "ligne 1\nligne\x002",
		Members: []MemberInput{{LastName: "Le\x1fGoff", FirstName: "Anne\tMarie"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Household(context.Background(), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Quartier != "Pile" || got.Notes != "ligne 1\nligne2" || got.Members[0].LastName != "LeGoff" || got.Members[0].FirstName != "Anne Marie" {
		t.Fatalf("saved %q %q %q %q", got.Quartier, got.Notes, got.Members[0].LastName, got.Members[0].FirstName)
	}
}
