package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/donation"
	"entraide/sync/exchange"
	"entraide/sync/report"

	"fyne.io/fyne/v2/test"
)

// startCCAS opens a CCAS installation set up through the first-start screen.
func startCCAS(t *testing.T) (*App, *storage.Store) {
	t.Helper()
	a, s, _ := newApp(t)
	a.Start()
	a.setup.mode.SetSelected(a.setup.modes[1])
	if a.setup.association.Visible() || !a.setup.ccas.Visible() {
		t.Fatal("the CCAS setup still asks for a distribution site")
	}
	test.Type(a.setup.name, "CCAS de Roubaix")
	test.Type(a.setup.network, "Réseau d'aide alimentaire")
	pressEnter(a.setup.network) // on to the account questions
	pressEnter(a.setup.userName)
	pressEnter(a.setup.userPIN) // no account: Enter starts
	if a.dashboard == nil || a.tabs.Items[0].Text != "Tableau de bord" || a.tabs.Items[len(a.tabs.Items)-1].Text != "Réglages" {
		t.Fatal("after the CCAS setup, the CCAS screens are not shown")
	}
	return a, s
}

// The association joins with the CCAS's invitation, types the passphrase, reads its
// report and saves it; the CCAS imports it and sees its figures.
func TestNetworkThroughTheScreens(t *testing.T) {
	ccas, _ := startCCAS(t)
	dir := t.TempDir()
	var invitation []byte
	ccas.members.invite("Les Amis du Pile", func(file []byte, _ storage.MemberAssociation) { invitation = file })
	if len(ccas.members.rows) != 1 || !contains(ccas.members.rows[0].Status, "invited") {
		t.Fatalf("members %+v", ccas.members.rows)
	}

	assoc, s, c := startApp(t)
	h := register(t, s, storage.MemberInput{LastName: "Benali", FirstName: "Nadia", BirthDate: storage.Date{Year: 1990, Month: 3, Day: 12}},
		person("Benali", "Inès", 2019))
	c.t = time.Date(2026, 10, 13, 10, 0, 0, 0, storage.Paris)
	if _, err := s.CheckIn(context.Background(), storage.CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatal(err)
	}
	c.t = testNow
	assoc.showTab(tabSettings)
	if !contains(assoc.prefs.network.Text, "Pas encore dans un réseau") {
		t.Fatalf("network status %q", assoc.prefs.network.Text)
	}
	assoc.prefs.join(invitation)
	if !contains(assoc.prefs.network.Text, "Les Amis du Pile") || focused(t, assoc) != assoc.prefs.passphrase {
		t.Fatalf("after joining: %q", assoc.prefs.network.Text)
	}
	test.Type(assoc.prefs.passphrase, "trop court")
	pressEnter(assoc.prefs.passphrase)
	if !contains(assoc.prefs.message.text.Text, "trop courte") {
		t.Fatalf("short phrase: %q", assoc.prefs.message.text.Text)
	}
	assoc.prefs.passphrase.SetText("abricot balcon cerise dauphin")
	pressEnter(assoc.prefs.passphrase)
	if !contains(assoc.prefs.keyStatus.Text, "Phrase réseau saisie") {
		t.Fatalf("key status %q", assoc.prefs.keyStatus.Text)
	}

	assoc.showTab(tabCheckIn)
	if !assoc.checkIn.reminder.Visible() || !contains(assoc.checkIn.reminder.Text, "octobre 2026") {
		t.Fatalf("no reminder for October's report: %q", assoc.checkIn.reminder.Text)
	}
	assoc.showTab(tabReport)
	r := assoc.report
	if r.selectedMonth() != "2026-10" || len(r.lines) == 0 || !contains(r.lines[0], "Foyers servis : 1") {
		t.Fatalf("report preview of %s: %q", r.selectedMonth(), r.lines)
	}
	all := ""
	for _, l := range r.lines {
		all += l + "\n"
	}
	if !contains(all, "moins de 5") || contains(all, "Benali") || contains(all, "Nadia") {
		t.Fatalf("preview:\n%s", all)
	}
	path := filepath.Join(dir, report.FileName("Les Amis du Pile", "2026-10"))
	if err := os.WriteFile(path, r.file, 0o600); err != nil {
		t.Fatal(err)
	}
	r.saved(path, nil)
	if !contains(r.message.text.Text, "Rapport enregistré") || contains(assoc.checkIn.reminder.Text, "rapport") {
		t.Fatalf("after saving: %q, reminder visible %v", r.message.text.Text, assoc.checkIn.reminder.Visible())
	}

	os.WriteFile(filepath.Join(dir, "notes.json"), []byte("pas un rapport"), 0o600)
	ccas.showTab(1)
	ccas.imports.importPaths([]string{dir})
	if len(ccas.imports.verdicts) != 2 || !contains(ccas.imports.summary.Text, "1 fichier(s) accepté(s), 1 refusé(s)") {
		t.Fatalf("import: %q %+v", ccas.imports.summary.Text, ccas.imports.verdicts)
	}
	titles := ""
	for _, v := range ccas.imports.verdicts {
		title, detail := verdictText(v)
		titles += title + " " + detail + "\n"
	}
	if !contains(titles, "Ce n'est pas un fichier Entraide") || !contains(titles, "Les Amis du Pile, octobre 2026") {
		t.Fatalf("verdicts:\n%s", titles)
	}
	ccas.showTab(0)
	d := ccas.dashboard
	if d.period.Selected != "octobre 2026" || !contains(d.unique.Text, "Environ 2 personnes différentes aidées") ||
		!contains(d.uniqueMeaning.Text, "comptée une fois, même si elle va dans plusieurs associations") || !contains(d.totals.Text, "Inscriptions : 2") {
		t.Fatalf("dashboard %q: %q", d.period.Selected, d.unique.Text)
	}
	if len(d.figures.Associations) != 1 || len(d.rows.Objects) != 1 || !contains(associationLine(d.figures.Associations[0]), "1 foyers, 2 personnes") {
		t.Fatalf("associations %+v", d.figures.Associations)
	}
	d.export(true) // the spreadsheet of the figures, written in the audit trail by its owner
	trail, err := ccas.store.AuditTrail(context.Background(), time.Time{}, storage.AuditExport)
	if err != nil || len(trail) != 1 || !contains(trail[0].Detail, "xlsx") {
		t.Fatalf("the figures' export in the audit trail: %+v, %v", trail, err)
	}

	// A donation shared by persons served over October: the one association gets it all,
	// then is left out with a reason, and nobody has a need any more.
	ccas.showTab(4)
	dons := ccas.donations
	test.Type(dons.name, "Couches taille 3")
	test.Type(dons.quantity, "10")
	dons.months.SetSelected("1")
	pressEnter(dons.quantity)
	waitFor(t, "the table", func() bool { return dons.table != nil })
	if dons.cell(0, 0) != "Les Amis du Pile" || dons.cell(0, 1) != "10" || dons.cell(0, 2) != "2" || dons.cell(0, 4) != "1 / 1" ||
		dons.cell(1, 1) != "10" || !contains(dons.rule.Text, "plus forts restes") {
		t.Fatalf("table %q %q %q %q; rule %q", dons.cell(0, 0), dons.cell(0, 1), dons.cell(0, 2), dons.cell(0, 4), dons.rule.Text)
	}
	test.Tap(dons.save)
	kept, err := ccas.store.Donations(context.Background())
	if err != nil || len(kept) != 1 || kept[0].Name != "Couches taille 3" || !contains(dons.message.text.Text, "gardé") {
		t.Fatalf("kept %+v (%v); message %q", kept, err, dons.message.text.Text)
	}
	if len(dons.keptList.Options) != 1 || !contains(dons.keptList.Options[0], "Couches taille 3 · 10") {
		t.Fatalf("kept sharings %q", dons.keptList.Options)
	}
	dons.excludeWho.SetSelected("Les Amis du Pile")
	test.Type(dons.excludeWhy, "a reçu un don direct")
	pressEnter(dons.excludeWhy)
	if !contains(dons.message.text.Text, "Aucune association n'a ce besoin") {
		t.Fatalf("everybody left out: %q", dons.message.text.Text)
	}
}

// The association keeps its listing, the CCAS publishes the directory, a volunteer finds who
// is open on a Saturday morning and opens the referral slip.
func TestListingDirectoryAndSlip(t *testing.T) {
	ccas, _ := startCCAS(t)
	var invitation []byte
	ccas.members.invite("Les Amis du Pile", func(file []byte, _ storage.MemberAssociation) { invitation = file })
	assoc, s, _ := startApp(t)
	assoc.showTab(tabSettings)
	assoc.prefs.join(invitation)

	assoc.showTab(tabListing)
	f := assoc.listing.form
	if f.name.Text != "Les Amis du Pile" || len(f.sites) != 1 {
		t.Fatalf("listing starts from the association: %q, %d places", f.name.Text, len(f.sites))
	}
	f.activities.set([]storage.Activity{storage.ActivityFoodParcel})
	f.sites[0].address.SetText("5 rue Pierre de Roubaix, 59100 Roubaix")
	f.sites[0].quartier.SetText("Pile")
	f.sites[0].addRule(storage.OpeningRule{Weekday: time.Saturday, Opens: "09:00", Closes: "25:00"})
	assoc.listing.save()
	if !contains(assoc.listing.message.text.Text, "n'est pas lisible") {
		t.Fatalf("bad hours: %q", assoc.listing.message.text.Text)
	}
	f.sites[0].rules[0].closes.SetText("12:00")
	f.roomSeats.SetText("trente")
	assoc.listing.save()
	if !contains(assoc.listing.message.text.Text, "nombre de places assises") {
		t.Fatalf("a room of 'trente' seats: %q", assoc.listing.message.text.Text)
	}
	f.roomSeats.SetText("30")
	f.roomAccessible.SetChecked(true)
	assoc.listing.save()
	if held, err := s.Listing(context.Background()); err != nil || held.MeetingRoom == nil || held.MeetingRoom.Capacity != 30 || !held.MeetingRoom.Accessible {
		t.Fatalf("the meeting room kept: %+v (%v)", held.MeetingRoom, err)
	}
	if !contains(assoc.listing.message.text.Text, "Fiche enregistrée") || !contains(assoc.listing.preview.Text, "samedi 9 h 00 – 12 h 00") {
		t.Fatalf("saved: %q / %q", assoc.listing.message.text.Text, assoc.listing.preview.Text)
	}
	listingFile, err := directory.SignedListing(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportFile(context.Background(), ccas.store, listingFile); err != nil {
		t.Fatal(err)
	}
	ccas.showTab(3)
	if len(ccas.ccasDir.directory.Entries) != 1 || !contains(entryDetail(ccas.ccasDir.directory.Entries[0], ccas.ccasDir.changes[ccas.ccasDir.directory.Entries[0].ID]), "NOUVEAU") {
		t.Fatalf("CCAS directory: %+v", ccas.ccasDir.directory.Entries)
	}
	meetingsThroughTheScreen(t, ccas)
	// A donation the network shows whole to every association.
	members, err := ccas.store.MemberAssociations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	gift := donation.Table{Request: donation.Request{Name: "Lait infantile", Unit: "boîtes", Quantity: 60, Basis: donation.BasisInfants,
		Months: 3, ShownToAll: true, Pickup: "à retirer le 14 décembre au CCAS"}, Rule: "plus forts restes"}
	gift.Lines = []donation.Line{{Allocation: donation.Allocation{Name: members[0].Name, Quantity: 60}, AssociationID: members[0].ID}}
	if _, err := donation.Save(context.Background(), ccas.store, gift, "test"); err != nil {
		t.Fatal(err)
	}
	directory, _, err := bulletin.Publish(context.Background(), ccas.store)
	if err != nil {
		t.Fatal(err)
	}

	assoc.showTab(tabDirectory)
	d := assoc.directory
	d.importData(directory)
	if !contains(d.status.Text, "version 1") {
		t.Fatalf("directory status %q", d.status.Text)
	}
	assoc.showTab(tabNetwork)
	waitFor(t, "the network's news", func() bool { return len(assoc.network.news.Meetings) == 7 })
	if !contains(assoc.network.next.Text, "Jeudi 26 novembre 2026, 14:00 — chez Les Amis du Pile") ||
		!contains(assoc.network.gifts.Text, "Don du CCAS : 60 boîtes — Lait infantile, à retirer le 14 décembre au CCAS.") ||
		!contains(assoc.network.gifts.Text, "Tableau complet : Les Amis du Pile 60") || assoc.network.calendar.Disabled() {
		t.Fatalf("network tab: %q / %q", assoc.network.next.Text, assoc.network.gifts.Text)
	}
	assoc.showTab(tabCheckIn)
	waitFor(t, "the reminder", func() bool {
		return contains(assoc.checkIn.reminder.Text, "Réunion du réseau le jeudi 26 novembre 2026 à 14 h 00")
	})
	assoc.showTab(tabDirectory)
	// Monday 23 November: the volunteer asks who is open this Saturday, in the morning then the afternoon.
	d.when.SetSelected("ouvert Samedi 28/11, matin")
	if len(d.hits) != 1 || !d.hits[0].OpenNow {
		t.Fatalf("open on Saturday morning (%q): %+v", d.when.Options, d.hits)
	}
	d.when.SetSelected("ouvert Samedi 28/11, après-midi")
	if len(d.hits) != 0 {
		t.Fatalf("open on Saturday afternoon: %+v", d.hits)
	}
	d.when.SetSelected("ouvert maintenant")
	if len(d.hits) != 0 {
		t.Fatalf("open now, on a Monday morning: %+v", d.hits)
	}
	d.language.SetSelected("arabe")
	if len(d.hits) != 0 {
		t.Fatal("the language filter lets through an association that does not speak it")
	}
	d.language.SetSelectedIndex(0)
	d.when.SetSelectedIndex(0)
	// Words typed, Enter: the keyboard goes to the results, the first one chosen.
	test.Type(d.text, "amis")
	pressEnter(d.text)
	if d.selected != 0 || focused(t, assoc) != d.list || d.printButton.Disabled() {
		t.Fatalf("Enter in the words: result %d chosen, focus on %T", d.selected, focused(t, assoc))
	}
	test.Type(d.firstName, "Nadia")
	if !contains(d.slipLines.Text, "Pour : Nadia") || !contains(d.slipLines.Text, "samedi 28/11/2026 de 9 h 00") || d.printButton.Disabled() {
		t.Fatalf("slip:\n%s", d.slipLines.Text)
	}
}

func TestCCASAccounts(t *testing.T) {
	ccas, s := startCCAS(t)
	ccas.showTab(6)
	acc := ccas.screens[6].(*ccasSettingsScreen).accounts
	if acc.role.Selected != "Coordinateur" {
		t.Fatalf("a CCAS account's role: %q", acc.role.Selected)
	}
	test.Type(acc.name, "Karima")
	test.Type(acc.pin, "13579")
	pressEnter(acc.pin)
	users, err := s.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 || users[0].Role != storage.RoleCoordinator || len(acc.box.Objects) != 1 {
		t.Fatalf("accounts %+v", users)
	}
}

// meetingsThroughTheScreen plans the year at the one association that lends a room, keeps
// it, and fills the first meeting: a point, attendance, minutes with a decision; another
// host is refused without a reason; a meeting this week is added for the reminder.
func meetingsThroughTheScreen(t *testing.T, ccas *App) {
	t.Helper()
	if _, err := ccas.store.InviteAssociation(context.Background(), "Resto de l'Alma", ""); err != nil {
		t.Fatal(err)
	}
	ccas.showTab(5)
	m := ccas.meetings
	if ccas.win.Canvas().Focused() != m.year {
		t.Fatal("the meetings screen does not start on the year")
	}
	m.year.SetText("2027")
	pressEnter(m.year)
	waitFor(t, "the proposal", func() bool { return len(m.plan) == 6 })
	if !contains(m.planText.Text, "Mardi 12/01/2027 · 14:00 · Les Amis du Pile") || !contains(m.planText.Text, "n'a encore jamais accueilli") ||
		ccas.win.Canvas().Focused() != m.keepPlan {
		t.Fatalf("proposal %q", m.planText.Text)
	}
	test.Tap(m.keepPlan)
	waitFor(t, "the meetings kept", func() bool { return len(m.meetings) == 6 })
	if !contains(m.message.text.Text, "6 réunions gardées") {
		t.Fatalf("message %q", m.message.text.Text)
	}
	m.list.Select(0)
	waitFor(t, "the first meeting", func() bool { return m.current != nil })
	if !contains(m.title.Text, "Mardi 12 janvier 2027 · 14:00 · chez Les Amis du Pile") || len(m.rows) != 2 {
		t.Fatalf("title %q, rows %d", m.title.Text, len(m.rows))
	}
	test.Type(m.itemTitle, "Collecte de printemps")
	test.Type(m.itemMins, "20")
	pressEnter(m.itemMins)
	waitFor(t, "the point", func() bool { return m.current != nil && len(m.current.Items) == 1 })
	if !contains(m.agendaTxt.Text, "1. Collecte de printemps (20 min)") {
		t.Fatalf("agenda %q", m.agendaTxt.Text)
	}
	m.rows[0].status.SetSelected("Présente") // the rows go by name: Les Amis du Pile, then Resto de l'Alma
	test.Type(m.rows[0].persons, "Mme Leroy")
	pressEnter(m.rows[0].persons)
	waitFor(t, "the attendance", func() bool { return m.current != nil && len(m.current.Attendance) == 1 })
	m.minutes.SetText("Tour de table.\nDécision : acheter un congélateur")
	m.saveMinutes()
	waitFor(t, "the minutes", func() bool { return m.current != nil && len(m.current.Decisions) == 1 })
	if m.current.Status != storage.MeetingHeld || len(m.decisions.Objects) != 2 {
		t.Fatalf("held meeting %+v", m.current)
	}
	if len(m.rows) != 2 || len(m.host.Options) != 2 {
		t.Fatalf("attendance rows %d, hosts %q", len(m.rows), m.host.Options)
	}
	m.host.SetSelected("Resto de l'Alma")
	m.saveChange()
	waitFor(t, "the refusal", func() bool { return contains(m.message.text.Text, "dites pourquoi dans « Raison »") })
	test.Type(m.reason, "salle des Amis en travaux")
	pressEnter(m.reason)
	waitFor(t, "the new host", func() bool { return m.current != nil && m.current.Host == "Resto de l'Alma" })
	if m.current.OverrideReason != "salle des Amis en travaux" || !contains(m.why.Text, "Accueil choisi par la coordination : salle des Amis en travaux") {
		t.Fatalf("override %+v, why %q", m.current, m.why.Text)
	}
	// The second meeting follows the decision up.
	m.list.Select(1)
	waitFor(t, "the second meeting", func() bool { return m.current != nil && m.current.Day.Month == time.March })
	if !contains(m.agendaTxt.Text, "Suivi des décisions") || !contains(m.agendaTxt.Text, "acheter un congélateur") {
		t.Fatalf("second agenda %q", m.agendaTxt.Text)
	}
	// A meeting on Thursday of this week, for the associations' reminder.
	members, err := ccas.store.MemberAssociations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ccas.store.PlanMeetings(context.Background(), []storage.Meeting{{Day: storage.Date{Year: 2026, Month: 11, Day: 26},
		Start: "14:00", HostID: members[0].ID, Host: "Les Amis du Pile", Place: "5 rue Pierre de Roubaix"}}, "test"); err != nil {
		t.Fatal(err)
	}
}

// The CCAS's header names the network on the right, but not a second time when the
// network bears the CCAS's own name.
func TestCCASHeaderNamesTheNetworkOnce(t *testing.T) {
	ccas, _ := startCCAS(t)
	if ccas.counter.Text != "Réseau d'aide alimentaire" {
		t.Fatalf("the header shows %q on the right, want the network's name", ccas.counter.Text)
	}
	a, _, _ := newApp(t)
	a.Start()
	a.setup.mode.SetSelected(a.setup.modes[1])
	test.Type(a.setup.name, "CCAS de Roubaix")
	a.setup.network.SetText("CCAS de Roubaix")
	pressEnter(a.setup.network)
	pressEnter(a.setup.userName)
	pressEnter(a.setup.userPIN)
	if a.dashboard == nil {
		t.Fatal("the CCAS screens are not shown")
	}
	if a.counter.Text != "" {
		t.Fatalf("the header repeats %q on the right", a.counter.Text)
	}
}

// Coming back to the meetings, the coordinator lands on the next one to come (not a past
// one, not a cancelled one) and the list has the keyboard.
func TestMeetingsOpenOnTheNextOne(t *testing.T) {
	ccas, s := startCCAS(t)
	ctx := context.Background()
	day := func(y int, m time.Month, d int) storage.Date { return storage.Date{Year: y, Month: m, Day: d} }
	planned := []storage.Meeting{
		{Day: day(2026, 9, 8), Start: "14:00", Host: "Les Amis du Pile"},
		{Day: day(2026, 11, 24), Start: "14:00", Host: "Resto de l'Alma"},
		{Day: day(2027, 1, 12), Start: "14:00", Host: "Les Amis du Pile"},
	}
	added, _, err := s.PlanMeetings(ctx, planned, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelMeeting(ctx, added[1].ID, "test"); err != nil {
		t.Fatal(err)
	}
	ccas.showTab(5)
	m := ccas.meetings
	waitFor(t, "a meeting opened", func() bool { return m.current != nil })
	if m.current.ID != added[2].ID || ccas.win.Canvas().Focused() != m.list {
		t.Fatalf("opened the meeting of %s (focus on %T), want the one of 12/01/2027 with the list focused", m.current.Day, ccas.win.Canvas().Focused())
	}
}
