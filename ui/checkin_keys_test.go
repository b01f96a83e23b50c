package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// visitedCards lists the cards of today's visits that are not cancelled, oldest first.
func visitedCards(t *testing.T, s *storage.Store) []string {
	t.Helper()
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for i := len(day.Visits) - 1; i >= 0; i-- {
		if v := day.Visits[i]; !v.Cancelled {
			cards = append(cards, v.Card)
		}
	}
	return cards
}

// A scanner types the card and Enter, the volunteer presses Enter while the household is
// still loading, and the next card comes before anything answered: the first household
// is recorded once, and the next card lands whole in the field.
func TestKeysTypedWhileLoadingAreReplayedInOrder(t *testing.T) {
	a, s, _ := startApp(t)
	first := register(t, s, person("Lefèvre", "Marie", 1980))
	second := register(t, s, person("Koné", "Moussa", 1979))
	held := &heldWorker{}
	a.worker = held.worker()
	field := a.checkIn.search
	test.Type(field, first.Card)
	pressEnter(field) // opens: held
	pressEnter(field) // belongs to the household being opened
	test.Type(field, second.Card)
	if field.Text != first.Card {
		t.Fatalf("keys typed while loading reached the field early: %q", field.Text)
	}
	held.finishAll()
	if got := visitedCards(t, s); len(got) != 1 || got[0] != first.Card {
		t.Fatalf("recorded %v, want only %s", got, first.Card)
	}
	if field.Text != second.Card {
		t.Fatalf("the next card reads %q, want %q", field.Text, second.Card)
	}
	pressEnter(field)
	held.finishAll()
	pressEnter(field)
	held.finishAll()
	if got := visitedCards(t, s); len(got) != 2 || !slices.Contains(got, second.Card) {
		t.Fatalf("recorded %v, want %s and %s", got, first.Card, second.Card)
	}
}

// After a distribution is recorded, or after Escape, the first key typed is kept.
func TestFirstKeyAfterRecordOrEscapeIsKept(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Martin", "Paul", 1960))
	field := a.checkIn.search
	test.Type(field, h.Card)
	pressEnter(field)
	pressEnter(field)
	waitFor(t, "the check-in", func() bool { return visitsToday(t, s) == 1 })
	test.Type(field, "martin")
	if field.Text != "martin" {
		t.Fatalf("after recording, typing martin gives %q", field.Text)
	}
	pressEnter(field)
	waitFor(t, "the household", func() bool { return a.checkIn.household != nil })
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	test.Type(field, h.Card)
	if field.Text != h.Card {
		t.Fatalf("after Escape, typing %s gives %q", h.Card, field.Text)
	}
}

// Enter records the household that is marked and shown: moving the mark opens it.
func TestMovingTheMarkOpensTheMarkedHousehold(t *testing.T) {
	a, s, _ := startApp(t)
	register(t, s, person("Dupont", "Anne", 1970))
	register(t, s, person("Dupont", "Bernard", 1971))
	field := a.checkIn.search
	test.Type(field, "dupont")
	pressEnter(field)
	waitFor(t, "a household", func() bool { return a.checkIn.household != nil })
	opened := a.checkIn.household.ID
	field.TypedKey(&fyneKeyDown)
	waitFor(t, "the marked household", func() bool {
		return a.checkIn.household != nil && a.checkIn.household.ID != opened
	})
	marked := a.checkIn.found[a.checkIn.selected].HouseholdID
	if a.checkIn.household.ID != marked {
		t.Fatal("the household shown is not the one marked")
	}
	pressEnter(field)
	waitFor(t, "the check-in", func() bool { return visitsToday(t, s) == 1 })
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if day.Visits[0].HouseholdID != marked {
		t.Fatal("Enter recorded another household than the marked one")
	}
}

// Ctrl+Z with the focus in the field undoes the last check-in, not the last keystroke.
func TestCtrlZInTheFieldUndoesTheCheckIn(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Koné", "Awa", 1990))
	field := a.checkIn.search
	test.Type(field, h.Card)
	pressEnter(field)
	pressEnter(field)
	waitFor(t, "the check-in", func() bool { return visitsToday(t, s) == 1 })
	field.TypedShortcut(&fyne.ShortcutUndo{})
	waitFor(t, "the undo", func() bool { return visitsToday(t, s) == 0 })
	if !contains(a.checkIn.message.text.Text, "Passage annulé") {
		t.Fatalf("message %q", a.checkIn.message.text.Text)
	}
}

// A US-layout scanner on an AZERTY laptop, and a keypad with Num Lock off, still work.
func TestCardsFromOtherKeyboards(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Petit", "Luc", 1950))
	field := a.checkIn.search
	azerty := strings.NewReplacer("1", "&", "2", "é", "3", `"`, "4", "'", "5", "(", "6", "-", "7", "è", "8", "_", "9", "ç", "0", "à").Replace(h.Card)
	test.Type(field, azerty)
	pressEnter(field)
	pressEnter(field)
	waitFor(t, "the AZERTY check-in", func() bool { return visitsToday(t, s) == 1 })

	// Timers wait until the test runs them, as 40 ms would in the window.
	var timers []func()
	a.worker.after = func(_ time.Duration, fn func()) { timers = append(timers, fn) }
	runTimers := func() {
		for _, fn := range timers {
			fn()
		}
		timers = nil
	}
	other := register(t, s, person("Grand", "Léa", 1951))
	for _, d := range other.Card {
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(string(d))}) // no character follows
	}
	runTimers()
	if field.Text != other.Card {
		t.Fatalf("keypad without Num Lock typed %q, want %q", field.Text, other.Card)
	}
	// With Num Lock (or the digit row) the key is followed by its character: typed once.
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	for _, d := range other.Card {
		field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(string(d))})
		field.TypedRune(d)
		runTimers()
	}
	if field.Text != other.Card {
		t.Fatalf("digits typed with their characters give %q, want %q", field.Text, other.Card)
	}
}

// Ctrl+N carries the name typed at check-in, and asks before throwing away a
// registration being typed; keeping it is what Enter does.
func TestNewHouseholdKeepsTyping(t *testing.T) {
	a, _, _ := startApp(t)
	test.Type(a.checkIn.search, "Benali Nadia")
	newHousehold := a.win.MainMenu().Items[1].Items[1]
	newHousehold.Action()
	form := a.households.form
	if form == nil || form.members[0].last.Text != "Benali" || form.members[0].first.Text != "Nadia" {
		t.Fatal("Ctrl+N does not carry the name typed at check-in")
	}
	test.Type(form.members[0].birth, "1984")
	newHousehold.Action()
	if a.households.form != form {
		t.Fatal("Ctrl+N threw away the typing without asking")
	}
	keep := focused(t, a)
	pressEnter(keep)
	if a.households.form != form || form.members[0].birth.Text != "1984" {
		t.Fatal("Enter on the question did not keep the typing")
	}
	newHousehold.Action()
	overlays := a.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no question asked")
	}
	a.win.Canvas().FocusNext() // to "Throw away the typing"
	pressEnter(focused(t, a))
	if a.households.form == form || a.households.form.members[0].last.Text != "" {
		t.Fatal("throwing away the typing did not start a new, empty registration")
	}
}

// A new installation is not reminded of a listing it could not have checked yet.
func TestNoReminderOnANewInstallation(t *testing.T) {
	a, _, _ := startApp(t)
	if a.checkIn.reminder.Visible() {
		t.Fatalf("a new installation shows %q", a.checkIn.reminder.Text)
	}
}

// An error in the registration goes away once the volunteer corrects the field.
func TestFormErrorGoesOnceFixed(t *testing.T) {
	a, _, _ := startApp(t)
	a.newHousehold("")
	form := a.households.form
	test.Type(form.members[0].last, "Benali")
	test.Type(form.members[0].first, "Nadia")
	test.Type(form.members[0].birth, "31/02/1984")
	form.save()
	if !form.message.content.Visible() {
		t.Fatal("an impossible birth date is not explained")
	}
	form.members[0].birth.SetText("28/02/1984")
	if form.message.content.Visible() {
		t.Fatalf("the error %q stays once the date is fixed", form.message.text.Text)
	}
}

// The window comes back at the size it was closed at, never larger than the screen.
func TestWindowKeepsItsSizeWithinTheScreen(t *testing.T) {
	a, _, _ := startApp(t)
	a.win.Resize(fyne.NewSize(900, 640))
	a.rememberSize()
	a.PlaceWindow(fyne.NewSize(1366, 768))
	if got := a.win.Canvas().Size(); got.Width != 900 || got.Height != 640 {
		t.Fatalf("reopened at %v, want 900×640", got)
	}
	a.PlaceWindow(fyne.NewSize(800, 600))
	if got := a.win.Canvas().Size(); got.Width > 800 || got.Height > 600-titleBarAllowance {
		t.Fatalf("on an 800×600 screen the window is %v", got)
	}
}

// A size kept by an earlier version, under two keys, is still the size at the next start.
func TestWindowSizeOfAnEarlierVersion(t *testing.T) {
	a, _, _ := startApp(t)
	prefs := a.fyne.Preferences()
	prefs.RemoveValue(prefWindowSize)
	prefs.SetFloat(prefWindowWidth, 1010)
	prefs.SetFloat(prefWindowHeight, 650)
	a.PlaceWindow(fyne.NewSize(1366, 768))
	if got := a.win.Canvas().Size(); got.Width != 1010 || got.Height != 650 {
		t.Fatalf("reopened at %v, want the 1010×650 kept by the earlier version", got)
	}
}

// Enter pressed while a household that breaks a rule loads: the reason is asked and
// nothing is recorded; the keys typed after it wait for the dialog to close.
func TestEnterWhileLoadingAsksTheReason(t *testing.T) {
	a, s, c := startApp(t)
	h := register(t, s, person("Diallo", "Aminata", 1988))
	next := register(t, s, person("Koné", "Awa", 1990))
	c.t = testNow.AddDate(0, 0, -2)
	if _, err := s.CheckIn(context.Background(), storage.CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatal(err)
	}
	c.t = testNow
	held := &heldWorker{}
	a.worker = held.worker()
	field := a.checkIn.search
	test.Type(field, h.Card)
	pressEnter(field)
	pressEnter(field)
	test.Type(field, next.Card)
	held.finishAll()
	if !a.checkIn.asking || visitsToday(t, s) != 0 {
		t.Fatalf("asking %v, %d check-ins today: want the reason dialog and none", a.checkIn.asking, visitsToday(t, s))
	}
	reason := focused(t, a)
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	held.finishAll()
	if field.Text != next.Card {
		t.Fatalf("after the dialog the field reads %q, want the next card %s", field.Text, next.Card)
	}
}

// Closing the window (Alt+F4, its close button) makes the day's backup before the window
// goes, and tells main, which ends the program if Fyne's shutdown ever hangs.
func TestClosingMakesTheBackupFirst(t *testing.T) {
	a, s, _ := startApp(t)
	told := false
	a.SetOnClosing(func() { told = true })
	a.closing()
	backups, err := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), storage.BackupFolder, "*.db"))
	if err != nil {
		t.Fatal(err)
	}
	if len(backups) != 1 || !told {
		t.Fatalf("backups %v, main told %v", backups, told)
	}
}
