package ui

import (
	"context"
	"path/filepath"
	"testing"

	"entraide/storage"

	"fyne.io/fyne/v2/test"
)

// The manager created at setup is logged in; after Lock, a volunteer logs in with their
// PIN, records a distribution under their name, and cannot open the manager's screens.
func TestAccountsLockAndRoles(t *testing.T) {
	a, s, _ := newApp(t)
	a.Start()
	test.Type(a.setup.name, "Les Amis du Pile")
	test.Type(a.setup.site, "Local")
	test.Type(a.setup.userName, "Josiane")
	test.Type(a.setup.userPIN, "12")
	test.Tap(a.setup.startButton)
	if !contains(a.setup.message.text.Text, "au moins 4 chiffres") {
		t.Fatalf("short PIN: %q", a.setup.message.text.Text)
	}
	a.setup.userPIN.SetText("4711")
	test.Tap(a.setup.startButton)
	if u, ok := s.SessionUser(); !ok || u.Name != "Josiane" || u.Role != storage.RoleManager {
		t.Fatalf("after setup, logged in as %+v", u)
	}
	ctx := context.Background()
	if _, err := s.AddUser(ctx, "Bernard", storage.RoleVolunteer, "2468"); err != nil {
		t.Fatal(err)
	}
	h := register(t, s, person("Koné", "Awa", 1980))

	a.showLogin()
	if _, ok := s.SessionUser(); ok {
		t.Fatal("still logged in after Lock")
	}
	screen := a.login
	if a.win.Content() != screen.content || focused(t, a) != screen.names {
		t.Fatal("Lock does not show the login screen, ready for the keyboard")
	}
	screen.names.SetSelected("Bernard")
	test.Type(screen.pin, "0000")
	pressEnter(screen.pin)
	if !contains(screen.message.text.Text, "Code faux") || loggedIn(s) {
		t.Fatalf("wrong PIN: %q", screen.message.text.Text)
	}
	test.Type(screen.pin, "2468")
	pressEnter(screen.pin)
	if u, _ := s.SessionUser(); u.Name != "Bernard" {
		t.Fatal("the right PIN did not log in")
	}
	if a.tabs.Items[tabReport].Content == a.report.content || a.tabs.Items[tabSettings].Content == a.prefs.content {
		t.Fatal("a volunteer can open the manager's screens")
	}
	// Hidden screens are not the protection: the store refuses a volunteer's save even if
	// the settings screen were reached, and says why.
	prefs := newSettingsScreen(a)
	prefs.name.SetText("Association détournée")
	prefs.save()
	if !contains(prefs.message.text.Text, "Seul un responsable") {
		t.Fatalf("a volunteer saving the settings: %q", prefs.message.text.Text)
	}
	if st, err := s.Settings(ctx); err != nil || st.AssociationName != "Les Amis du Pile" {
		t.Fatalf("a volunteer renamed the association: %q", st.AssociationName)
	}
	prefs.restore(filepath.Join(t.TempDir(), "sauvegarde.db"), "")
	if !contains(prefs.message.text.Text, "Seul un responsable") {
		t.Fatalf("a volunteer restoring a backup: %q", prefs.message.text.Text)
	}
	if _, err := s.Settings(ctx); err != nil {
		t.Fatalf("a volunteer's restore closed the data: %v", err)
	}
	test.Type(a.checkIn.search, h.Card)
	pressEnter(a.checkIn.search)
	pressEnter(a.checkIn.search)
	day, err := s.Day(ctx, s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Visits) != 1 || day.Visits[0].RecordedBy != "Bernard" {
		t.Fatalf("visit recorded by %+v, want Bernard", day.Visits)
	}
}

func loggedIn(s *storage.Store) bool {
	_, ok := s.SessionUser()
	return ok
}
