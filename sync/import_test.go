package sync

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

func (n *network) report(t testing.TB) []byte {
	t.Helper()
	file, _, err := MonthlyReport(context.Background(), n.assoc, testMonth)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func importVerdict(t testing.TB, s *storage.Store, data []byte) (Verdict, error) {
	t.Helper()
	return ImportFile(context.Background(), s, data)
}

func TestImportAcceptsPinsAndIsIdempotent(t *testing.T) {
	n := newNetwork(t)
	serve(t, n.assoc, n.clock, 6, person("Benali", "Nadia", "12/03/1990"))
	file := n.report(t)
	v, err := importVerdict(t, n.ccas, file)
	if err != nil || !v.Accepted || v.Outcome != storage.OutcomeNew {
		t.Fatalf("first import: %+v, %v", v, err)
	}
	members, _ := n.ccas.MemberAssociations(context.Background())
	if members[0].Status != storage.StatusActive || members[0].KeyFingerprint == "" {
		t.Fatalf("the association's key is not pinned: %+v", members[0])
	}
	before := databaseContent(t, n.ccas)
	v, err = importVerdict(t, n.ccas, file)
	if err != nil || v.Outcome != storage.OutcomeDuplicate || databaseContent(t, n.ccas) != before {
		t.Fatalf("second import of the same file: %+v, %v; or the database changed", v, err)
	}
	// A newer report for the same month replaces it; the older stays in history.
	n.clock.t = n.clock.t.Add(time.Hour)
	serve(t, n.assoc, n.clock, 20, person("Roux", "Marc", "01/01/1956"))
	newer := n.report(t)
	v, err = importVerdict(t, n.ccas, newer)
	if err != nil || v.Outcome != storage.OutcomeReplaced {
		t.Fatalf("newer report: %+v, %v", v, err)
	}
	if v, _ := importVerdict(t, n.ccas, file); v.Outcome != storage.OutcomeDuplicate {
		t.Fatalf("the older file again: %+v", v)
	}
	reports, _ := n.ccas.CurrentReports(context.Background(), testMonth, testMonth)
	count, _ := n.ccas.ReportCount(context.Background())
	if len(reports) != 1 || count != 2 || !strings.Contains(reports[0].Payload, `"households_served": 2`) {
		t.Fatalf("%d current, %d kept: want the newer current and both kept", len(reports), count)
	}
}

// tamper changes one thing in a valid file.
func tamper(t testing.TB, file []byte, change func(env map[string]any)) []byte {
	t.Helper()
	var env map[string]any
	dec := json.NewDecoder(strings.NewReader(string(file)))
	dec.UseNumber()
	if err := dec.Decode(&env); err != nil {
		t.Fatal(err)
	}
	change(env)
	out, _ := json.Marshal(env)
	return out
}

func TestImportRefusesAndChangesNothing(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	serve(t, n.assoc, n.clock, 6, person("Benali", "Nadia", "12/03/1990"))
	good := n.report(t)

	// Another network, another association, a future month, a newer version...
	other := newNetwork(t)
	serve(t, other.assoc, other.clock, 6, person("Koné", "Awa", "1980"))
	otherNetwork := other.report(t)

	stranger := openStore(t, n.clock)
	stranger.Setup(ctx, storage.DefaultSetup("Inconnue", "Local"))
	forged := n.forgeMembership(t, stranger)

	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	var payload map[string]any
	env, _, _ := OpenEnvelope(good)
	json.Unmarshal(env.Payload, &payload)
	resignedWithOtherKey, _ := Seal(FormatMonthlyReport, env.SignerID, priv, payload)
	ownKey, _ := n.assoc.InstallationKey(ctx)
	payload["month"] = "2026-11"
	futureMonth, _ := Seal(FormatMonthlyReport, env.SignerID, ownKey, payload)
	payload["month"] = "2025-01"
	beforeJoined, _ := Seal(FormatMonthlyReport, env.SignerID, ownKey, payload)

	tests := []struct {
		name   string
		data   []byte
		reason Reason
	}{
		{"one byte of the payload changed", []byte(strings.Replace(string(good), `"visits": 1`, `"visits": 2`, 1)), ReasonBadSignature},
		{"the signature changed", tamper(t, good, func(e map[string]any) {
			sig, _ := base64.StdEncoding.DecodeString(e["signature"].(string))
			sig[0] ^= 1
			e["signature"] = base64.StdEncoding.EncodeToString(sig)
		}), ReasonBadSignature},
		{"the key changed", tamper(t, good, func(e map[string]any) {
			pub, _ := base64.StdEncoding.DecodeString(e["public_key"].(string))
			pub[0] ^= 1
			e["public_key"] = base64.StdEncoding.EncodeToString(pub)
		}), ReasonBadSignature},
		{"signed by another key than the pinned one", resignedWithOtherKey, ReasonKeyMismatch},
		{"a newer major version", tamper(t, good, func(e map[string]any) { e["version"] = 2 }), ReasonNewerVersion},
		{"a version that never existed", tamper(t, good, func(e map[string]any) { e["version"] = 0 }), ReasonMalformed},
		{"the same report again (replay)", good, ""},
		{"another network", otherNetwork, ReasonOtherNetwork},
		{"an association never invited", forged, ReasonUnknownAssociation},
		{"a month not over", futureMonth, ReasonFutureMonth},
		{"a month before joining", beforeJoined, ReasonBeforeJoined},
		{"truncated", good[:len(good)/2], ReasonMalformed},
		{"not JSON", []byte("Nom;Prénom\nDupont;Marie\n"), ReasonNotEntraide},
		{"JSON but not ours", []byte(`{"name": "x"}`), ReasonNotEntraide},
		{"empty", nil, ReasonNotEntraide},
		{"an invitation instead of a report", n.invitation(t), ReasonWrongFormat},
	}
	// The association's key is pinned by its first accepted report.
	if _, err := importVerdict(t, n.ccas, good); err != nil {
		t.Fatal(err)
	}
	before := databaseContent(t, n.ccas)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := importVerdict(t, n.ccas, tt.data)
			if tt.reason == "" && (err != nil || v.Outcome != storage.OutcomeDuplicate) {
				t.Fatalf("replayed report: %+v, %v; want a duplicate that changes nothing", v, err)
			}
			if got := ReasonOf(err); got != tt.reason {
				t.Fatalf("refused for %q (%v), want %q", got, err, tt.reason)
			}
			if databaseContent(t, n.ccas) != before {
				t.Fatal("a refused file changed the database")
			}
		})
	}
}

// forgeMembership makes a stranger installation claim a membership it was never given.
func (n *network) forgeMembership(t testing.TB, stranger *storage.Store) []byte {
	t.Helper()
	ctx := context.Background()
	m, _ := n.assoc.Membership(ctx)
	m.AssociationID = "00000000-0000-4000-8000-000000000000"
	if err := stranger.Join(ctx, m); err != nil {
		t.Fatal(err)
	}
	file, _, err := MonthlyReport(ctx, stranger, testMonth)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func (n *network) invitation(t testing.TB) []byte {
	t.Helper()
	inv, _, err := Invite(context.Background(), n.ccas, "Autre association", "")
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestJoinRefusesBadInvitations(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	other := newNetwork(t)
	inv, _, _ := Invite(ctx, other.ccas, "Les Amis du Pile", "")
	if _, err := Join(ctx, n.assoc, inv); ReasonOf(err) != ReasonOtherNetwork {
		t.Fatalf("an invitation from another network: %v", err)
	}
	good, _, _ := Invite(ctx, n.ccas, "Les Amis du Pile", "")
	if _, err := Join(ctx, n.assoc, []byte(strings.Replace(string(good), "Amis", "Amies", 1))); ReasonOf(err) != ReasonBadSignature {
		t.Fatalf("a changed invitation: %v", err)
	}
	if _, err := Join(ctx, n.ccas, good); ReasonOf(err) != ReasonWrongInstallation {
		t.Fatalf("an invitation imported by the CCAS: %v", err)
	}
	if _, err := Join(ctx, n.assoc, good); err != nil {
		t.Fatalf("invited again by the same CCAS: %v", err)
	}
	if m, _ := n.assoc.Membership(ctx); m.UniqueKey == nil {
		t.Fatal("joining again lost the passphrase key")
	}
}

// Inviting again (a lost laptop) forgets the pinned key: the new laptop's reports are accepted.
func TestInviteAgainResetsTheKey(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	serve(t, n.assoc, n.clock, 6, person("Benali", "Nadia", "12/03/1990"))
	if _, err := importVerdict(t, n.ccas, n.report(t)); err != nil {
		t.Fatal(err)
	}
	n.clock.t = n.clock.t.Add(time.Minute)
	oldLaptopReport := n.report(t) // made before the new invitation, imported after it
	laptop := openStore(t, n.clock)
	laptop.Setup(ctx, storage.DefaultSetup("Les Amis du Pile", "Local"))
	inv, _, _ := Invite(ctx, n.ccas, "Les Amis du Pile", "")
	if _, err := Join(ctx, laptop, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := importVerdict(t, n.ccas, oldLaptopReport); ReasonOf(err) != ReasonKeyMismatch {
		t.Fatalf("a report of the lost laptop after the new invitation: %v", err)
	}
	serve(t, laptop, n.clock, 7, person("Roux", "Marc", "1956"))
	file, _, err := MonthlyReport(ctx, laptop, testMonth)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := importVerdict(t, n.ccas, file); err != nil || !v.Accepted {
		t.Fatalf("the new laptop's report: %+v, %v", v, err)
	}
}

func FuzzOpenEnvelope(f *testing.F) {
	n := newNetwork(f)
	serve(f, n.assoc, n.clock, 6, person("Benali", "Nadia", "12/03/1990"))
	f.Add(n.report(f))
	f.Add(n.invitation(f))
	f.Add([]byte(`{"format":"entraide/x","version":1}`))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, _, err := OpenEnvelope(data)
		if err != nil {
			if ReasonOf(err) == "" {
				t.Fatalf("an error without a reason: %v", err)
			}
			return
		}
		var r Report
		_ = decodePayload(env, &r)
		_ = r.check()
		_, _, _ = ReadInvitation(data)
	})
}

func TestListingFileTravels(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	l, _ := n.assoc.Listing(ctx)
	l.Description = "Colis alimentaires le samedi matin"
	l.Sites[0].Schedule.Rules = []storage.OpeningRule{{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"}}
	if _, err := n.assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	file, err := SignedListing(ctx, n.assoc)
	if err != nil {
		t.Fatal(err)
	}
	v, err := importVerdict(t, n.ccas, file)
	if err != nil || !v.Accepted || v.Outcome != storage.OutcomeNew {
		t.Fatalf("listing import: %+v, %v", v, err)
	}
	if v, _ := importVerdict(t, n.ccas, file); v.Outcome != storage.OutcomeDuplicate {
		t.Fatalf("same listing again: %+v", v)
	}
	if _, err := importVerdict(t, n.ccas, []byte(strings.Replace(string(file), "samedi", "dimanche", 1))); ReasonOf(err) != ReasonBadSignature {
		t.Fatalf("a changed listing: %v", err)
	}
	got, _ := n.ccas.CurrentListings(ctx)
	if len(got) != 1 {
		t.Fatalf("listings held: %d", len(got))
	}
	for _, held := range got {
		if !strings.Contains(held.Document, "samedi matin") {
			t.Fatalf("listing held: %s", held.Document)
		}
	}
}
