package exchange_test

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
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/internal/synctest"
	"entraide/sync/report"
)

func importVerdict(t testing.TB, s *storage.Store, data []byte) (exchange.Verdict, error) {
	t.Helper()
	return exchange.ImportFile(context.Background(), s, data)
}

func TestImportAcceptsPinsAndIsIdempotent(t *testing.T) {
	n := synctest.NewNetwork(t)
	synctest.Serve(t, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	file := synctest.SignedReport(n, t)
	v, err := importVerdict(t, n.CCAS, file)
	if err != nil || !v.Accepted || v.Outcome != storage.OutcomeNew {
		t.Fatalf("first import: %+v, %v", v, err)
	}
	members, err := n.CCAS.MemberAssociations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if members[0].Status != storage.StatusActive || members[0].KeyFingerprint == "" {
		t.Fatalf("the association's key is not pinned: %+v", members[0])
	}
	before := synctest.DatabaseContent(t, n.CCAS)
	v, err = importVerdict(t, n.CCAS, file)
	if err != nil || v.Outcome != storage.OutcomeDuplicate || synctest.DatabaseContent(t, n.CCAS) != before {
		t.Fatalf("second import of the same file: %+v, %v; or the database changed", v, err)
	}
	// A newer report for the same month replaces it; the older stays in history.
	n.Clock.T = n.Clock.T.Add(time.Hour)
	synctest.Serve(t, n.Assoc, n.Clock, 20, synctest.Person("Roux", "Marc", "01/01/1956"))
	newer := synctest.SignedReport(n, t)
	v, err = importVerdict(t, n.CCAS, newer)
	if err != nil || v.Outcome != storage.OutcomeReplaced {
		t.Fatalf("newer report: %+v, %v", v, err)
	}
	if v, err := importVerdict(t, n.CCAS, file); err != nil || v.Outcome != storage.OutcomeDuplicate {
		t.Fatalf("the older file again: %+v", v)
	}
	reports, err := n.CCAS.CurrentReports(context.Background(), synctest.TestMonth, synctest.TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	count, err := n.CCAS.ReportCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
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
	out, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportRefusesAndChangesNothing(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	synctest.Serve(t, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	good := synctest.SignedReport(n, t)

	// Another network, another association, a future month, a newer version...
	other := synctest.NewNetwork(t)
	synctest.Serve(t, other.Assoc, other.Clock, 6, synctest.Person("Koné", "Awa", "1980"))
	otherNetwork := synctest.SignedReport(other, t)

	stranger := synctest.OpenStore(t, n.Clock)
	stranger.Setup(ctx, storage.DefaultSetup("Inconnue", "Local"))
	forged := forgeMembership(n, t, stranger)

	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var payload map[string]any
	env, _, err := envelope.Open(good)
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(env.Payload, &payload)
	resignedWithOtherKey, err := envelope.Seal(envelope.FormatMonthlyReport, env.SignerID, priv, payload)
	if err != nil {
		t.Fatal(err)
	}
	ownKey, err := n.Assoc.InstallationKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	payload["month"] = "2026-11"
	futureMonth, err := envelope.Seal(envelope.FormatMonthlyReport, env.SignerID, ownKey, payload)
	if err != nil {
		t.Fatal(err)
	}
	payload["month"] = "2025-01"
	beforeJoined, err := envelope.Seal(envelope.FormatMonthlyReport, env.SignerID, ownKey, payload)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		data   []byte
		reason envelope.Reason
	}{
		{"one byte of the payload changed", []byte(strings.Replace(string(good), `"visits": 1`, `"visits": 2`, 1)), envelope.ReasonBadSignature},
		{"the signature changed", tamper(t, good, func(e map[string]any) {
			sig, err := base64.StdEncoding.DecodeString(e["signature"].(string))
			if err != nil {
				t.Fatal(err)
			}
			sig[0] ^= 1
			e["signature"] = base64.StdEncoding.EncodeToString(sig)
		}), envelope.ReasonBadSignature},
		{"the key changed", tamper(t, good, func(e map[string]any) {
			pub, err := base64.StdEncoding.DecodeString(e["public_key"].(string))
			if err != nil {
				t.Fatal(err)
			}
			pub[0] ^= 1
			e["public_key"] = base64.StdEncoding.EncodeToString(pub)
		}), envelope.ReasonBadSignature},
		{"signed by another key than the pinned one", resignedWithOtherKey, envelope.ReasonKeyMismatch},
		{"a newer major version", tamper(t, good, func(e map[string]any) { e["version"] = 2 }), envelope.ReasonNewerVersion},
		{"a version that never existed", tamper(t, good, func(e map[string]any) { e["version"] = 0 }), envelope.ReasonMalformed},
		{"the same report again (replay)", good, ""},
		{"another network", otherNetwork, envelope.ReasonOtherNetwork},
		{"an association never invited", forged, envelope.ReasonUnknownAssociation},
		{"a month not over", futureMonth, envelope.ReasonFutureMonth},
		{"a month before joining", beforeJoined, envelope.ReasonBeforeJoined},
		{"truncated", good[:len(good)/2], envelope.ReasonMalformed},
		{"not JSON", []byte("Nom;Prénom\nDupont;Marie\n"), envelope.ReasonNotEntraide},
		{"JSON but not ours", []byte(`{"name": "x"}`), envelope.ReasonNotEntraide},
		{"empty", nil, envelope.ReasonNotEntraide},
		{"an invitation instead of a report", invitation(n, t), envelope.ReasonWrongFormat},
	}
	// The association's key is pinned by its first accepted report.
	if _, err := importVerdict(t, n.CCAS, good); err != nil {
		t.Fatal(err)
	}
	before := synctest.DatabaseContent(t, n.CCAS)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := importVerdict(t, n.CCAS, tt.data)
			if tt.reason == "" && (err != nil || v.Outcome != storage.OutcomeDuplicate) {
				t.Fatalf("replayed report: %+v, %v; want a duplicate that changes nothing", v, err)
			}
			if got := envelope.ReasonOf(err); got != tt.reason {
				t.Fatalf("refused for %q (%v), want %q", got, err, tt.reason)
			}
			if synctest.DatabaseContent(t, n.CCAS) != before {
				t.Fatal("a refused file changed the database")
			}
		})
	}
}

// forgeMembership makes a stranger installation claim a membership it was never given.
func forgeMembership(n *synctest.Network, t testing.TB, stranger *storage.Store) []byte {
	t.Helper()
	ctx := context.Background()
	m, err := n.Assoc.Membership(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m.AssociationID = "00000000-0000-4000-8000-000000000000"
	if err := stranger.Join(ctx, m); err != nil {
		t.Fatal(err)
	}
	file, _, err := report.MonthlyReport(ctx, stranger, synctest.TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func invitation(n *synctest.Network, t testing.TB) []byte {
	t.Helper()
	inv, _, err := exchange.Invite(context.Background(), n.CCAS, "Autre association", "")
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestJoinRefusesBadInvitations(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	other := synctest.NewNetwork(t)
	inv, _, err := exchange.Invite(ctx, other.CCAS, "Les Amis du Pile", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Join(ctx, n.Assoc, inv); envelope.ReasonOf(err) != envelope.ReasonOtherNetwork {
		t.Fatalf("an invitation from another network: %v", err)
	}
	good, _, err := exchange.Invite(ctx, n.CCAS, "Les Amis du Pile", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Join(ctx, n.Assoc, []byte(strings.Replace(string(good), "Amis", "Amies", 1))); envelope.ReasonOf(err) != envelope.ReasonBadSignature {
		t.Fatalf("a changed invitation: %v", err)
	}
	if _, err := exchange.Join(ctx, n.CCAS, good); envelope.ReasonOf(err) != envelope.ReasonWrongInstallation {
		t.Fatalf("an invitation imported by the CCAS: %v", err)
	}
	if _, err := exchange.Join(ctx, n.Assoc, good); err != nil {
		t.Fatalf("invited again by the same CCAS: %v", err)
	}
	if m, err := n.Assoc.Membership(ctx); err != nil || m.UniqueKey == nil {
		t.Fatal("joining again lost the passphrase key")
	}
}

// Inviting again (a lost laptop) forgets the pinned key: the new laptop's reports are accepted.
func TestInviteAgainResetsTheKey(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	synctest.Serve(t, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	if _, err := importVerdict(t, n.CCAS, synctest.SignedReport(n, t)); err != nil {
		t.Fatal(err)
	}
	n.Clock.T = n.Clock.T.Add(time.Minute)
	oldLaptopReport := synctest.SignedReport(n, t) // made before the new invitation, imported after it
	laptop := synctest.OpenStore(t, n.Clock)
	laptop.Setup(ctx, storage.DefaultSetup("Les Amis du Pile", "Local"))
	inv, _, err := exchange.Invite(ctx, n.CCAS, "Les Amis du Pile", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Join(ctx, laptop, inv); err != nil {
		t.Fatal(err)
	}
	if _, err := importVerdict(t, n.CCAS, oldLaptopReport); envelope.ReasonOf(err) != envelope.ReasonKeyMismatch {
		t.Fatalf("a report of the lost laptop after the new invitation: %v", err)
	}
	synctest.Serve(t, laptop, n.Clock, 7, synctest.Person("Roux", "Marc", "1956"))
	file, _, err := report.MonthlyReport(ctx, laptop, synctest.TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := importVerdict(t, n.CCAS, file); err != nil || !v.Accepted {
		t.Fatalf("the new laptop's report: %+v, %v", v, err)
	}
}

func FuzzOpenEnvelope(f *testing.F) {
	n := synctest.NewNetwork(f)
	synctest.Serve(f, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	f.Add(synctest.SignedReport(n, f))
	f.Add(invitation(n, f))
	f.Add([]byte(`{"format":"entraide/x","version":1}`))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, _, err := envelope.Open(data)
		if err != nil {
			if envelope.ReasonOf(err) == "" {
				t.Fatalf("an error without a reason: %v", err)
			}
			return
		}
		var r report.Report
		_ = envelope.Decode(env, &r)
		_ = r.Check()
		_, _, _ = exchange.ReadInvitation(data)
	})
}

func TestListingFileTravels(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	l, err := n.Assoc.Listing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l.Description = "Colis alimentaires le samedi matin"
	l.Sites[0].Schedule.Rules = []storage.OpeningRule{{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"}}
	if _, err := n.Assoc.SaveListing(ctx, l); err != nil {
		t.Fatal(err)
	}
	file, err := directory.SignedListing(ctx, n.Assoc)
	if err != nil {
		t.Fatal(err)
	}
	v, err := importVerdict(t, n.CCAS, file)
	if err != nil || !v.Accepted || v.Outcome != storage.OutcomeNew {
		t.Fatalf("listing import: %+v, %v", v, err)
	}
	if v, err := importVerdict(t, n.CCAS, file); err != nil || v.Outcome != storage.OutcomeDuplicate {
		t.Fatalf("same listing again: %+v", v)
	}
	if _, err := importVerdict(t, n.CCAS, []byte(strings.Replace(string(file), "samedi", "dimanche", 1))); envelope.ReasonOf(err) != envelope.ReasonBadSignature {
		t.Fatalf("a changed listing: %v", err)
	}
	got, err := n.CCAS.CurrentListings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("listings held: %d", len(got))
	}
	for _, held := range got {
		if !strings.Contains(held.Document, "samedi matin") {
			t.Fatalf("listing held: %s", held.Document)
		}
	}
}
