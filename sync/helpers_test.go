package sync

import (
	"context"
	"testing"
	"time"

	"entraide/storage"
)

// testNow is in November 2026; reports are for October.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris)

const testMonth = "2026-10"

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func openStore(t testing.TB, c *clock) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// network is a CCAS and one association that joined it, with the passphrase set.
type network struct {
	clock       *clock
	ccas, assoc *storage.Store
}

func newNetwork(t testing.TB) *network {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: testNow}
	n := &network{clock: c, ccas: openStore(t, c), assoc: openStore(t, c)}
	if err := n.ccas.SetupCCAS(ctx, storage.CCASSetupInput{Name: "CCAS de Roubaix"}); err != nil {
		t.Fatal(err)
	}
	if err := n.assoc.Setup(ctx, storage.DefaultSetup("Les Amis du Pile", "Local de l'Alma")); err != nil {
		t.Fatal(err)
	}
	inv, _, err := Invite(ctx, n.ccas, "Les Amis du Pile", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Join(ctx, n.assoc, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := SetPassphrase(ctx, n.assoc, "abricot balcon cerise dauphin"); err != nil {
		t.Fatal(err)
	}
	return n
}

// serve registers a household and records a visit on day (in testMonth unless given).
func serve(t testing.TB, s *storage.Store, c *clock, day int, members ...storage.MemberInput) storage.Household {
	t.Helper()
	ctx := context.Background()
	saved := c.t
	c.t = time.Date(2026, 10, 1, 9, 0, 0, 0, storage.Paris)
	h, err := s.SaveHousehold(ctx, storage.HouseholdInput{Quartier: "Pile", Referral: storage.ReferralCCAS,
		Members: members, DuplicateOverride: "test"})
	c.t = saved
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 10, day, 10, 0, 0, 0, storage.Paris)
	if _, err := s.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: at, OverrideReason: "test"}); err != nil {
		t.Fatal(err)
	}
	return h
}

func person(last, first, birth string) storage.MemberInput {
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
func databaseContent(t testing.TB, s *storage.Store) string {
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
