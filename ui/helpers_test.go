package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// testNow is a Monday morning in Paris.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// startApp opens a fresh, set-up association and shows its main window, in French.
func startApp(t *testing.T) (*App, *storage.Store, *clock) {
	t.Helper()
	a, s, c := newApp(t)
	if err := s.Setup(context.Background(), storage.DefaultSetup("Les Amis du Pile", "Local de l'Alma")); err != nil {
		t.Fatal(err)
	}
	a.Start()
	return a, s, c
}

func newApp(t *testing.T) (*App, *storage.Store, *clock) {
	t.Helper()
	fa := test.NewTempApp(t)
	if err := UseLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: testNow}
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := New(fa, s)
	a.worker = inlineWorker()
	a.win.Resize(fyne.NewSize(1100, 720))
	return a, s, c
}

func register(t *testing.T, s *storage.Store, members ...storage.MemberInput) storage.Household {
	t.Helper()
	h, err := s.SaveHousehold(context.Background(), storage.HouseholdInput{Members: members})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func person(last, first string, year int) storage.MemberInput {
	return storage.MemberInput{LastName: last, FirstName: first, BirthYear: year}
}

// waitFor polls until cond holds: screens query the database in the background.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func pressEnter(o fyne.Focusable) { o.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// focused is what has the keyboard, as a volunteer would type into it.
func focused(t *testing.T, a *App) fyne.Focusable {
	t.Helper()
	f := a.win.Canvas().Focused()
	if f == nil {
		t.Fatal("nothing has the keyboard focus")
	}
	return f
}

func visitsToday(t *testing.T, s *storage.Store) int {
	t.Helper()
	c, err := s.CountDay(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	return c.Visits
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

var fyneKeyDown = fyne.KeyEvent{Name: fyne.KeyDown}

// inlineWorker runs background work at once on the test goroutine: Fyne's test driver
// does not serialise fyne.Do, so real goroutines would race on the widgets.
func inlineWorker() worker {
	return worker{
		spawn: func(task func() func()) { task()() },
		after: func(_ time.Duration, fn func()) { fn() },
		ui:    func(fn func()) { fn() },
	}
}

// heldWorker keeps tasks until the test finishes them, in any order.
type heldWorker struct{ tasks []func() func() }

func (h *heldWorker) worker() worker {
	return worker{
		spawn: func(task func() func()) { h.tasks = append(h.tasks, task) },
		after: func(_ time.Duration, fn func()) { fn() },
		ui:    func(fn func()) { fn() },
	}
}

// finish runs held task i (work then UI update).
func (h *heldWorker) finish(i int) { h.tasks[i]()() }

// finishAll runs every held task in the order it was started, new ones included.
func (h *heldWorker) finishAll() {
	for len(h.tasks) > 0 {
		task := h.tasks[0]
		h.tasks = h.tasks[1:]
		task()()
	}
}
