// Package synctest sets up, for the exchange layer's tests, a CCAS and an association that
// joined it, with a settable clock and sample directories.
package synctest

import (
	"context"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/exchange"
	"entraide/sync/report"
)

// TestNow is in November 2026; reports are for October.
var TestNow = time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris)

const TestMonth = "2026-10"

// Clock is a settable clock for the stores.
type Clock struct{ T time.Time }

// Now is the clock's time.
func (c *Clock) Now() time.Time { return c.T }

func OpenStore(t testing.TB, c *Clock) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// network is a CCAS and one association that joined it, with the passphrase set.
type Network struct {
	Clock       *Clock
	CCAS, Assoc *storage.Store
}

func NewNetwork(t testing.TB) *Network {
	t.Helper()
	ctx := context.Background()
	c := &Clock{T: TestNow}
	n := &Network{Clock: c, CCAS: OpenStore(t, c), Assoc: OpenStore(t, c)}
	if err := n.CCAS.SetupCCAS(ctx, storage.CCASSetupInput{Name: "CCAS de Roubaix"}); err != nil {
		t.Fatal(err)
	}
	if err := n.Assoc.Setup(ctx, storage.DefaultSetup("Les Amis du Pile", "Local de l'Alma")); err != nil {
		t.Fatal(err)
	}
	inv, _, err := exchange.Invite(ctx, n.CCAS, "Les Amis du Pile", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Join(ctx, n.Assoc, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.SetPassphrase(ctx, n.Assoc, "abricot balcon cerise dauphin"); err != nil {
		t.Fatal(err)
	}
	return n
}

// serve registers a household and records a visit on day (in testMonth unless given).
func Serve(t testing.TB, s *storage.Store, c *Clock, day int, members ...storage.MemberInput) storage.Household {
	t.Helper()
	ctx := context.Background()
	saved := c.T
	c.T = time.Date(2026, 10, 1, 9, 0, 0, 0, storage.Paris)
	h, err := s.SaveHousehold(ctx, storage.HouseholdInput{Quartier: "Pile", Referral: storage.ReferralCCAS,
		Members: members, DuplicateOverride: "test"})
	c.T = saved
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 10, day, 10, 0, 0, 0, storage.Paris)
	if _, err := s.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: at, OverrideReason: "test"}); err != nil {
		t.Fatal(err)
	}
	return h
}

func Person(last, first, birth string) storage.MemberInput {
	m := storage.MemberInput{LastName: last, FirstName: first, Sex: storage.SexFemale}
	if len(birth) == 4 {
		for _, r := range birth {
			m.BirthYear = m.BirthYear*10 + int(r-'0')
		}
		return m
	}
	d, err := storage.ParseDate(birth)
	if err != nil {
		panic(err)
	}
	m.BirthDate = d
	return m
}

// databaseContent is everything the CCAS keeps about reports and associations, to check
// that a refused file changed nothing.
func DatabaseContent(t testing.TB, s *storage.Store) string {
	t.Helper()
	ctx := context.Background()
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports, err := s.CurrentReports(ctx, "0000-01", "9999-12")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.ReportCount(ctx)
	out := ""
	for _, m := range members {
		out += m.ID + m.Status + m.KeyFingerprint + string(m.PublicKey) + "\n"
	}
	for _, r := range reports {
		out += r.ID + r.Month + r.PayloadSHA256 + "\n"
	}
	return out + string(rune('0'+n))
}

// KnownDirectory is a directory of three associations with irregular hours.
func KnownDirectory() directory.Directory {
	august := storage.Closure{From: storage.Date{Year: 2026, Month: 8, Day: 1}, To: storage.Date{Year: 2026, Month: 8, Day: 31}, Message: "fermé en août"}
	return directory.Directory{NetworkID: "n", NetworkName: "Réseau", Version: 1, Entries: []directory.Entry{
		{ID: "a", Listing: storage.Listing{Name: "Resto du Pile", Activities: []storage.Activity{"food_parcel"}, Access: []storage.AccessKind{"registration"},
			Publics: []storage.Public{"everyone"}, Languages: []string{"fr", "ar"},
			Sites: []storage.ListingSite{{Name: "Pile", Quartier: "Pile", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"}}, Closures: []storage.Closure{august}}}}}},
		{ID: "b", Listing: storage.Listing{Name: "Épicerie de l'Alma", Activities: []storage.Activity{"social_grocery", "baby_products"},
			Access: []storage.AccessKind{"social_worker_referral", "fee"}, Publics: []storage.Public{"families"}, Languages: []string{"fr"},
			Sites: []storage.ListingSite{{Name: "Alma", Quartier: "Alma", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Tuesday, Opens: "14:00", Closes: "17:00"}, {Weekday: time.Saturday, Opens: "14:00", Closes: "16:00"}}}}}}},
		{ID: "c", Listing: storage.Listing{Name: "Vestiaire Saint-Jean", Activities: []storage.Activity{"clothes"}, Publics: []storage.Public{"undocumented"},
			Languages: []string{"fr"}, Sites: []storage.ListingSite{{Name: "Église", Quartier: "Épeule", Schedule: storage.Schedule{
				Rules: []storage.OpeningRule{{Weekday: time.Monday, Opens: "10:00", Closes: "12:00"}}, OpenOnHolidays: true}}}}},
	}}
}

// ExportDirectory is KnownDirectory with what the standard exports carry: referents, addresses, places.
func ExportDirectory() directory.Directory {
	d := KnownDirectory()
	lat, lon := 50.69, 3.17
	d.Entries[0].Listing.Description = "Colis alimentaires le samedi matin pour les habitants du Pile."
	d.Entries[0].Listing.Referents = []storage.Referent{{Name: "Josiane", Role: "présidente", Phone: "03 20 00 00 01", Email: "contact@example.org"}}
	d.Entries[0].Listing.Sites[0].Address = "5 rue Pierre de Roubaix, 59100 Roubaix"
	d.Entries[0].Listing.Sites[0].Latitude, d.Entries[0].Listing.Sites[0].Longitude = &lat, &lon
	d.Entries[1].Listing.Sites[0].Schedule.Rules = append(d.Entries[1].Listing.Sites[0].Schedule.Rules,
		storage.OpeningRule{Weekday: time.Friday, Positions: []int{-1}, Opens: "10:00", Closes: "12:00"})
	return d
}

// SignedReport is the association's signed report of TestMonth.
func SignedReport(n *Network, t testing.TB) []byte {
	t.Helper()
	file, _, err := report.MonthlyReport(context.Background(), n.Assoc, TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	return file
}
