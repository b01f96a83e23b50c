package bulletin_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/donation"
	"entraide/sync/exchange"
	"entraide/sync/internal/synctest"
)

// shareDonation keeps on the CCAS a donation with a line for the association and one
// for another, as donation.Compute would.
func shareDonation(t *testing.T, n *synctest.Network, assocID string, shownToAll bool) {
	t.Helper()
	table := donation.Table{Request: donation.Request{Name: "Couches taille 3", Unit: "paquets", Quantity: 400, Basis: donation.BasisInfants,
		Months: 3, Pickup: "à retirer le 14 décembre au CCAS"}, Rule: "plus forts restes"}
	table.Lines = []donation.Line{
		{Allocation: donation.Allocation{Name: "Les Amis du Pile", Quantity: 143}, AssociationID: assocID},
		{Allocation: donation.Allocation{Name: "Resto de l'Alma", Quantity: 257}, AssociationID: "another"},
	}
	lines, err := json.Marshal(table)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.CCAS.SaveDonation(context.Background(), storage.Donation{Name: table.Name, Unit: table.Unit, Quantity: 400,
		Basis: string(table.Basis), Months: 3, LastMonth: "2026-10", Method: "hamilton", Pickup: table.Pickup, Allocations: string(lines),
		ShownToAll: shownToAll}); err != nil {
		t.Fatal(err)
	}
}

// The directory file carries the meetings and the donations; the association reads its
// own line and no other, the meeting's agenda and the reminder the week before.
func TestBulletinReachesTheAssociation(t *testing.T) {
	ctx := context.Background()
	n := synctest.NewNetwork(t)
	if v, err := exchange.ImportFile(ctx, n.CCAS, synctest.SignedReport(n, t)); err != nil || !v.Accepted { // pins its key
		t.Fatalf("report: %+v, %v", v, err)
	}
	members, err := n.CCAS.MemberAssociations(ctx)
	if err != nil || len(members) != 1 || members[0].PublicKey == nil {
		t.Fatalf("members %+v, %v", members, err)
	}
	today := n.CCAS.Today()
	next := today.AddDays(5)
	added, _, err := n.CCAS.PlanMeetings(ctx, []storage.Meeting{
		{Day: today.AddDays(-60), Start: "14:00", HostID: members[0].ID, Host: "Les Amis du Pile"},
		{Day: next, Start: "14:00", HostID: "x", Host: "Resto de l'Alma", Place: "12 rue de l'Alma"},
	}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := n.CCAS.SaveMinutes(ctx, added[0].ID, "Tour de table.\nDécision : acheter un congélateur", []string{"acheter un congélateur"}, "test"); err != nil {
		t.Fatal(err)
	}
	if err := n.CCAS.SetAgenda(ctx, added[1].ID, []storage.MeetingItem{{Title: "Collecte de printemps"}}); err != nil {
		t.Fatal(err)
	}
	shareDonation(t, n, members[0].ID, false)

	file, d, err := bulletin.Publish(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	inClear := regexp.MustCompile(`"(quantity|association)":\s*("Les Amis du Pile"|"Resto de l'Alma"|143|257)`)
	if inClear.Match(file) {
		t.Fatalf("the directory file shows a sealed line in clear: %s", inClear.Find(file))
	}
	if d.Bulletin == nil || len(d.Bulletin.Meetings) != 2 || len(d.Bulletin.Donations) != 1 || len(d.Bulletin.Donations[0].Sealed) != 1 {
		t.Fatalf("bulletin %+v", d.Bulletin) // the other line has no key to be sealed with
	}
	if v, err := exchange.ImportFile(ctx, n.Assoc, file); err != nil || !v.Accepted {
		t.Fatalf("import: %+v, %v", v, err)
	}
	news, err := bulletin.Read(ctx, n.Assoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(news.Donations) != 1 || news.Donations[0].Mine != 143 || len(news.Donations[0].Lines) != 0 {
		t.Fatalf("donations %+v", news.Donations)
	}
	if got := news.Donations[0].Sentence(); got != "Don du CCAS : 143 paquets — Couches taille 3, à retirer le 14 décembre au CCAS." {
		t.Errorf("sentence %q", got)
	}
	m, ok := news.NextMeeting(today)
	if !ok || m.Host != "Resto de l'Alma" || len(m.Agenda) != 1 || len(m.FollowUp) != 1 || m.FollowUp[0].Text != "acheter un congélateur" {
		t.Fatalf("next meeting %+v", m)
	}
	if len(news.Meetings[0].Decisions) != 1 || news.Meetings[0].Minutes == "" {
		t.Fatalf("past meeting %+v", news.Meetings[0])
	}
	reminders := []struct {
		day  storage.Date
		want string
	}{
		{today.AddDays(-3), ""}, // eight days before: not yet
		{today, "Réunion du réseau le " + next.LongFrench() + " à 14 h 00 chez Resto de l'Alma, 12 rue de l'Alma."},
		{next.AddDays(-1), "Réunion du réseau demain à 14 h 00"},
		{next, "Réunion du réseau aujourd'hui à 14 h 00"},
		{next.AddDays(1), ""},
	}
	for _, r := range reminders {
		got := news.Reminder(r.day)
		if (r.want == "") != (got == "") || !strings.HasPrefix(got, r.want) {
			t.Errorf("reminder on %s: %q, want %q", r.day, got, r.want)
		}
	}

	// Shown to all: every line in clear, the association's own still found.
	n.Clock.T = n.Clock.T.Add(time.Hour)
	shareDonation(t, n, members[0].ID, true)
	file, _, err = bulletin.Publish(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	if !inClear.Match(file) {
		t.Fatal("a table shown to all is not in clear in the file")
	}
	if v, err := exchange.ImportFile(ctx, n.Assoc, file); err != nil || !v.Accepted {
		t.Fatalf("import: %+v, %v", v, err)
	}
	if news, err = bulletin.Read(ctx, n.Assoc); err != nil || len(news.Donations) != 2 || news.Donations[0].Mine != 143 || len(news.Donations[0].Lines) != 2 {
		t.Fatalf("donations shown to all %+v, %v", news.Donations, err)
	}
}

// A directory of minor 2 (no bulletin) is still read, with no news.
func TestDirectoryWithoutBulletin(t *testing.T) {
	ctx := context.Background()
	n := synctest.NewNetwork(t)
	file, _, err := directory.Publish(ctx, n.CCAS)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := exchange.ImportFile(ctx, n.Assoc, file); err != nil || !v.Accepted {
		t.Fatalf("import: %+v, %v", v, err)
	}
	news, err := bulletin.Read(ctx, n.Assoc)
	if err != nil || len(news.Meetings) != 0 || news.Reminder(n.Assoc.Today()) != "" {
		t.Fatalf("news %+v, %v", news, err)
	}
}
