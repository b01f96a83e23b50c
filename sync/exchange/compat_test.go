package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/report"
)

// testdata/past/schema-N holds what the last version of each past schema made with its
// own entraidectl (see testdata/README.md): an association's and a CCAS's data folders and
// the exchange files they wrote. testdata/golden holds the files this version writes, one
// per format and minor version. Every later version must keep reading all of them.

var updateGolden = flag.Bool("update-golden", false, "write this version's golden files that are missing")

// pastNow is when the past files are exchanged again: after they were made (a report made
// later replaces the one made before), with October 2026 over.
var pastNow = time.Date(2026, 12, 15, 10, 0, 0, 0, storage.Paris)

const pastMonth = "2026-10"

// openPast opens a copy of a past data folder with this version (migrating it).
func openPast(t *testing.T, schema int, who string) *storage.Store {
	t.Helper()
	return openPastAt(t, schema, who, pastNow)
}

// openPastAt opens a copy of a past database with the clock at now.
func openPastAt(t *testing.T, schema int, who string, now time.Time) *storage.Store {
	t.Helper()
	src := filepath.Join("testdata", "past", fmt.Sprintf("schema-%d", schema), who, storage.DatabaseFile)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, storage.DatabaseFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("opening the schema %d %s database: %v", schema, who, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func pastFile(t *testing.T, schema int, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "past", fmt.Sprintf("schema-%d", schema), "files", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func importOK(t *testing.T, s *storage.Store, file []byte, what string) exchange.Verdict {
	t.Helper()
	v, err := exchange.ImportFile(context.Background(), s, file)
	if err != nil || !v.Accepted {
		t.Fatalf("%s refused: %+v, %v", what, v, err)
	}
	return v
}

// Every past database opens, migrated, with its households; every past file is read; and
// this version exchanges files with the migrated installations both ways.
func TestPastDatabasesAndFiles(t *testing.T) {
	ctx := context.Background()
	latest, err := storage.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	for schema := 2; schema <= 7; schema++ {
		t.Run(fmt.Sprintf("schema %d", schema), func(t *testing.T) {
			assoc := openPast(t, schema, "association")
			if v, err := assoc.SchemaVersion(ctx); err != nil || v != latest {
				t.Fatalf("schema %d migrated to %d (%v), want %d", schema, v, err, latest)
			}
			stats, err := assoc.Stats(ctx)
			if err != nil || stats.Households != 25 {
				t.Fatalf("the migrated association holds %+v (%v), want its 25 households", stats, err)
			}
			found, err := assoc.Search(ctx, "martin", 5)
			if err != nil {
				t.Fatalf("searching the migrated database: %v", err)
			}
			_ = found // any result is fine: the name index answered
			if schema < 3 {
				return // no network before schema 3
			}
			ccas := openPast(t, schema, "ccas")

			// The figures the CCAS gave for the reports it had received stay the same.
			var before struct {
				Unique    int `json:"unique_persons_estimate"`
				NoBirth   int `json:"persons_without_birth_date"`
				Registers int `json:"registrations"`
			}
			if err := json.Unmarshal(pastFile(t, schema, "network-2026-10.json"), &before); err != nil {
				t.Fatal(err)
			}
			f, err := report.Figures(ctx, ccas, pastMonth, pastMonth)
			if err != nil {
				t.Fatal(err)
			}
			d := f.DistinctPersons
			if d.Method != report.ByBirthDate || d.Sketched != before.Unique || d.NotSketched != before.NoBirth || d.OldReports != 1 ||
				f.Registrations != before.Registers {
				t.Fatalf("figures of the reports already received changed: now %+v (registrations %d), then %+v", d, f.Registrations, before)
			}

			// The past files are read by this version.
			network, err := ccas.Network(ctx)
			if err != nil {
				t.Fatal(err)
			}
			r, err := report.ReadReport(pastFile(t, schema, "monthly-report.json"), network.NetworkID, storage.DateOf(pastNow))
			if err != nil || r.Month != pastMonth || r.PersonsServed == 0 || r.Unique == nil || r.UniqueByYear != nil {
				t.Fatalf("the past report reads as %+v, %v", r, err)
			}
			if _, _, err := exchange.ReadInvitation(pastFile(t, schema, "invitation.json")); err != nil {
				t.Fatalf("the past invitation: %v", err)
			}
			if schema >= 4 {
				importOK(t, ccas, pastFile(t, schema, "listing.json"), "the past listing")
				samePayloadBytes[directory.ListingFile](t, pastFile(t, schema, "listing.json"))
				samePayloadBytes[directory.DirectoryFile](t, pastFile(t, schema, "directory.json"))
				if v, err := exchange.ImportFile(ctx, assoc, pastFile(t, schema, "directory.json")); envelope.ReasonOf(err) != envelope.ReasonOldDirectory {
					t.Fatalf("the directory it already holds: %+v, %v", v, err)
				}
			}
			samePayloadBytes[exchange.Invitation](t, pastFile(t, schema, "invitation.json"))

			// This version's files go to the migrated installations and back.
			file, _, err := report.MonthlyReport(ctx, assoc, pastMonth)
			if err != nil {
				t.Fatal(err)
			}
			importOK(t, ccas, file, "this version's report")
			f, err = report.Figures(ctx, ccas, pastMonth, pastMonth)
			if err != nil {
				t.Fatal(err)
			}
			if d := f.DistinctPersons; d.Method != report.ByBirthYear || d.OldReports != 0 || d.Low > r.PersonsServed || d.High < r.PersonsServed {
				t.Fatalf("figures once the report is sent again: %+v for %d persons served", d, r.PersonsServed)
			}
			if schema >= 4 {
				listing, err := directory.SignedListing(ctx, assoc)
				if err != nil {
					t.Fatal(err)
				}
				importOK(t, ccas, listing, "this version's listing")
				published, _, err := directory.Publish(ctx, ccas)
				if err != nil {
					t.Fatal(err)
				}
				importOK(t, assoc, published, "this version's directory")
				held, err := directory.Held(ctx, assoc)
				if err != nil || held.Version != 2 || len(held.Entries) == 0 {
					t.Fatalf("the directory held after the update: %+v, %v", held, err)
				}
			}
		})
	}
}

// samePayloadBytes decodes a file's payload into its exchange type and writes it again:
// the bytes must be those signed, so no field was renamed, dropped or reordered.
func samePayloadBytes[T any](t *testing.T, file []byte) {
	t.Helper()
	env, _, err := envelope.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	var payload T
	if err := envelope.Decode(env, &payload); err != nil {
		t.Fatal(err)
	}
	again, err := envelope.EncodePayload(payload)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, env.Payload) {
		t.Fatalf("%s %T written again differs from the file:\n%s\nfile:\n%s", env.Format, payload, again, env.Payload)
	}
}

// This version's files, made from the schema 7 installations with a fixed clock, are
// byte for byte the golden files of their minor version; and every golden file is read.
func TestGoldenFiles(t *testing.T) {
	ctx := context.Background()
	assoc, ccas := openPast(t, 7, "association"), openPast(t, 7, "ccas")
	monthly, _, err := report.MonthlyReport(ctx, assoc, pastMonth)
	if err != nil {
		t.Fatal(err)
	}
	// Listing minor 2: the association lends a room for the network's meetings. It says so
	// an hour later (a copy of its data with a later clock), so that its new listing
	// replaces the one the CCAS holds.
	later := openPastAt(t, 7, "association", pastNow.Add(time.Hour))
	held, err := later.Listing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	held.MeetingRoom = &storage.MeetingRoom{Capacity: 25, Accessible: true}
	if _, err := later.SaveListing(ctx, held); err != nil {
		t.Fatal(err)
	}
	listing, err := directory.SignedListing(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	importOK(t, ccas, monthly, "the report")
	importOK(t, ccas, listing, "the listing")
	// Directory minor 3: the bulletin, with fixed identifiers (a sealed line is random).
	published, _, err := directory.PublishWith(ctx, ccas, goldenBulletin())
	if err != nil {
		t.Fatal(err)
	}
	invitation, _, err := exchange.Invite(ctx, ccas, "Les Amis du Pile", "2026-08") // last: a new invitation expects a new key
	if err != nil {
		t.Fatal(err)
	}
	for format, file := range map[string][]byte{envelope.FormatInvitation: invitation, envelope.FormatMonthlyReport: monthly,
		envelope.FormatListing: listing, envelope.FormatDirectory: published} {
		name := fmt.Sprintf("%s-v%d.%d.json", filepath.Base(format), envelope.Version, envelope.Minors[format])
		path := filepath.Join("testdata", "golden", name)
		golden, err := os.ReadFile(path)
		if os.IsNotExist(err) && *updateGolden {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, file, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v (this format's minor version has no golden file: run go test -update-golden once)", name, err)
		}
		if !bytes.Equal(golden, file) {
			t.Errorf("%s: this version writes other bytes than the golden file for the same inputs:\n%s", name, file)
		}
	}
	// Every golden file of every minor version is still read.
	goldens, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil || len(goldens) < 4 {
		t.Fatalf("golden files %v, %v", goldens, err)
	}
	network, err := ccas.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range goldens {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		env, _, err := envelope.Open(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch env.Format {
		case envelope.FormatMonthlyReport:
			if r, err := report.ReadReport(data, network.NetworkID, storage.DateOf(pastNow)); err != nil || r.PersonsServed == 0 {
				t.Errorf("%s: %+v, %v", path, r, err)
			}
			samePayloadBytes[report.Report](t, data)
		case envelope.FormatInvitation:
			if _, _, err := exchange.ReadInvitation(data); err != nil {
				t.Errorf("%s: %v", path, err)
			}
			samePayloadBytes[exchange.Invitation](t, data)
		case envelope.FormatListing:
			samePayloadBytes[directory.ListingFile](t, data)
		case envelope.FormatDirectory:
			samePayloadBytes[directory.DirectoryFile](t, data)
		default:
			t.Errorf("%s: unknown format %s", path, env.Format)
		}
	}
}

// A file of a later major version is refused in words that say what to do; a later minor
// version of a format is read, its new fields ignored.
func TestVersionRule(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "golden", fmt.Sprintf("invitation-v1.%d.json", envelope.Minors[envelope.FormatInvitation])))
	if err != nil {
		t.Fatal(err)
	}
	major := bytes.Replace(golden, []byte(`"version": 1,`), []byte(`"version": 2,`), 1)
	if _, _, err := envelope.Open(major); envelope.ReasonOf(err) != envelope.ReasonNewerVersion {
		t.Fatalf("a major version 2 file: %v", err)
	}
	minor := bytes.Replace(golden, []byte(`"version": 1,`), []byte(`"version": 1,
  "minor": 9,`), 1)
	if _, _, err := exchange.ReadInvitation(minor); err != nil {
		t.Fatalf("a later minor version is refused: %v", err)
	}
}

// goldenBulletin is a bulletin with every field: a past meeting with its minutes and
// decisions, a coming one with its agenda and follow-up, a cancelled one, a donation
// shown to all and one sealed.
func goldenBulletin() *directory.FileBulletin {
	day := func(y int, m time.Month, d int) storage.Date { return storage.Date{Year: y, Month: m, Day: d} }
	return &directory.FileBulletin{
		Meetings: []directory.FileMeeting{
			{ID: "m1", Date: day(2026, 7, 14), Start: "14:00", LengthMinutes: 120, Host: "Les Amis du Pile", Place: "5 rue Pierre de Roubaix",
				Status: storage.MeetingHeld, Sequence: 2, Agenda: []directory.FileAgendaItem{{Title: "Bilan de l'été", BroughtBy: "CCAS", DurationMinutes: 20}},
				Minutes: "Tour de table.\nDécision : acheter un congélateur", Decisions: []directory.FileDecision{{Text: "acheter un congélateur", MeetingDate: day(2026, 7, 14)}}},
			{ID: "m2", Date: day(2026, 9, 8), Start: "14:00", LengthMinutes: 120, Host: "Resto de l'Alma", Status: storage.MeetingPlanned,
				Agenda:   []directory.FileAgendaItem{{Title: "Collecte d'automne"}},
				FollowUp: []directory.FileDecision{{Text: "acheter un congélateur", MeetingDate: day(2026, 7, 14)}}},
			{ID: "m3", Date: day(2026, 11, 10), Start: "18:30", LengthMinutes: 90, Host: "Les Amis du Pile", Status: storage.MeetingCancelled,
				Sequence: 1, Agenda: []directory.FileAgendaItem{}},
		},
		Donations: []directory.FileDonation{
			{ID: "d1", Name: "Couches taille 3", Unit: "paquets", Quantity: 400, Pickup: "à retirer le 14 décembre au CCAS", Rule: "plus forts restes",
				SharedOn: day(2026, 8, 20), Lines: []directory.FileDonationLine{{AssociationID: "a1", Association: "Les Amis du Pile", Quantity: 400}}},
			{ID: "d2", Name: "Lait infantile", Unit: "boîtes", Quantity: 60, Rule: "plus forts restes", SharedOn: day(2026, 8, 21),
				Sealed: []directory.FileSealedLine{{AssociationID: "a1", Sealed: "YWdlLWVuY3J5cHRpb24ub3JnL3Yx"}}},
		},
	}
}
