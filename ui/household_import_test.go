package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entraide/storage"
	"entraide/sync/householdfile"

	"fyne.io/fyne/v2/test"
)

const formerList = "Épicerie solidaire;;;;\n" +
	"N° dossier;NOM;Prénom;Né(e) le;Nationalité\n" +
	"A1;MARTIN;Sophie;12/03/1985;française\n" +
	"A1;MARTIN;Lucas;04/05/2012;française\n" +
	"A2;DIALLO;Aminata;31/02/1990;\n"

func writeList(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "liste.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The wizard with a former list: what it understood, the bad cell named in French,
// nothing written; once the column of dates is left out the check passes and Import
// writes the households, which the check-in then finds by their old number.
func TestImportWizard(t *testing.T) {
	a, s, _ := startApp(t)
	a.showTab(tabSettings)
	a.importHouseholdFile(a.prefs.message, writeList(t, formerList))
	w := a.importer
	if w == nil || !w.modal.popUp.Visible() {
		t.Fatalf("no wizard; message %q", a.prefs.message.text.Text)
	}
	if w.headerRow.Text != "2" || w.read.Columns[1].Field != householdfile.FieldLastName || w.read.Columns[4].Field != householdfile.FieldNone {
		t.Fatalf("understood titles on row %q, columns %+v", w.headerRow.Text, w.read.Columns)
	}
	if got := w.previewCell(0, 3); got != "D · Naissance (date, année ou âge)" {
		t.Fatalf("preview header %q", got)
	}
	if got := w.previewCell(1, 2); got != "Sophie" {
		t.Fatalf("preview %q", got)
	}
	test.Tap(w.check)
	waitFor(t, "the check", func() bool { return w.checked != nil })
	if !w.importNow.Disabled() || !strings.Contains(strings.Join(w.lines, "\n"), "ligne 5, colonne D : 31/02/1990 n'existe pas") {
		t.Fatalf("the check says %q / %q", w.report.Text, w.lines)
	}
	if !strings.Contains(strings.Join(w.lines, "\n"), "la colonne E (Nationalité) n'est pas importée") {
		t.Fatalf("the column left out is not said: %q", w.lines)
	}
	// The births are left out: the check passes.
	w.picks[3].SetSelected(fieldChoice().label(householdfile.FieldNone))
	if !w.importNow.Disabled() {
		t.Fatal("Import is offered before a new check")
	}
	test.Tap(w.check)
	waitFor(t, "the check", func() bool { return w.checked != nil && len(w.checked.Errors) == 0 })
	if w.importNow.Disabled() || !contains(w.report.Text, "2 foyers (3 personnes) seront inscrits") {
		t.Fatalf("the check says %q / %q", w.report.Text, w.lines)
	}
	if n := householdCount(t, s); n != 0 {
		t.Fatalf("the check wrote %d households", n)
	}
	test.Tap(w.importNow)
	waitFor(t, "the import", func() bool { return !w.modal.popUp.Visible() })
	if n := householdCount(t, s); n != 2 || !contains(a.prefs.message.text.Text, "2 foyers (3 personnes) importés") {
		t.Fatalf("%d households; message %q", n, a.prefs.message.text.Text)
	}
	a.showTab(tabCheckIn)
	field := a.checkIn.search
	test.Type(field, "A2")
	waitFor(t, "the search", func() bool { return len(a.checkIn.found) > 0 })
	pressEnter(field)
	waitFor(t, "the household", func() bool { return a.checkIn.household != nil })
	if a.checkIn.household.Members[0].LastName != "DIALLO" {
		t.Fatalf("old number A2 opens %+v", a.checkIn.household.Members)
	}
}

// A file that is not a list is refused in plain French, and no wizard opens.
func TestImportOfAFileThatIsNoList(t *testing.T) {
	a, s, _ := startApp(t)
	a.showTab(tabSettings)
	a.importHouseholdFile(a.prefs.message, writeList(t, ""))
	if a.importer != nil || !contains(a.prefs.message.text.Text, "le fichier est vide") {
		t.Fatalf("message %q", a.prefs.message.text.Text)
	}
	if n := householdCount(t, s); n != 0 {
		t.Fatalf("%d households", n)
	}
}

// Volunteers cannot export the households: the store refuses, the screen says why.
func TestExportNeedsAManager(t *testing.T) {
	_, s, _ := startApp(t)
	if _, _, err := householdfile.Export(context.Background(), s, "csv", ""); err != nil {
		t.Fatalf("without accounts the export is refused: %v", err)
	}
	paul, err := s.AddUser(context.Background(), "Paul", storage.RoleVolunteer, "4321")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(context.Background(), paul.ID, "4321"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := householdfile.Export(context.Background(), s, "csv", "Paul"); err == nil || !contains(describeError(err), "Seul un responsable") {
		t.Fatalf("a volunteer's export: %v", err)
	}
}

func householdCount(t *testing.T, s *storage.Store) int {
	t.Helper()
	list, err := s.HouseholdSummaries(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// A history after the list: the check says what it would record, Import records it.
func TestPastVisitsImport(t *testing.T) {
	a, s, _ := startApp(t)
	a.showTab(tabSettings)
	a.importHouseholdFile(a.prefs.message, writeList(t, strings.Replace(formerList, "31/02/1990", "1990", 1)))
	test.Tap(a.importer.check)
	waitFor(t, "the check", func() bool { return a.importer.checked != nil && !a.importer.importNow.Disabled() })
	test.Tap(a.importer.importNow)
	waitFor(t, "the import", func() bool { return householdCount(t, s) == 2 })
	a.importPastVisitsFile(a.prefs.message, writeList(t, "Date;N° dossier\n02/11/2026;A1\n09/11/2026;A2\n"))
	focusedButton, ok := a.win.Canvas().Focused().(*button)
	if !ok || focusedButton.Text != "Importer" {
		t.Fatalf("the keyboard is on %T, not Import", a.win.Canvas().Focused())
	}
	test.Tap(focusedButton)
	waitFor(t, "the visits", func() bool { return contains(a.prefs.message.text.Text, "2 passages anciens enregistrés") })
	id, err := s.HouseholdIDByOldNumber(context.Background(), "A2")
	if err != nil {
		t.Fatal(err)
	}
	last, err := s.LastVisit(context.Background(), id)
	if err != nil || last == nil || last.Day.String() != "2026-11-09" {
		t.Fatalf("the last visit of A2: %+v (%v)", last, err)
	}
}
