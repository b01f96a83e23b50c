package ui

import (
	"context"
	"entraide/storage"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// uiThread stands for the one UI thread of the real driver: Fyne's test driver runs
// fyne.Do on the caller's goroutine, so the race detector would blame Fyne itself.
var uiThread sync.Mutex

// onUI runs fn as on the UI thread: the test types and reads there, the worker hands its
// results there, and `go test -race` sees what the program's goroutines share.
func onUI(fn func()) {
	uiThread.Lock()
	defer uiThread.Unlock()
	fn()
}

// waitOnUI polls cond on Fyne's thread.
func waitOnUI(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		onUI(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The check-in desk and the household form with the real worker (goroutines handing
// their results to the UI with fyne.Do), as the program runs: run by `make test` under
// the race detector too.
func TestCheckInWithTheRealWorker(t *testing.T) {
	a, s, _ := newApp(t)
	a.worker = goroutineWorkerOn(onUI)
	if err := s.Setup(context.Background(), storage.DefaultSetup("Les Amis du Pile", "Local de l'Alma")); err != nil {
		t.Fatal(err)
	}
	onUI(a.Start)
	first := register(t, s, person("Lefèvre", "Marie-Claire", 1980))
	second := register(t, s, person("Diallo", "Moussa", 1990))
	for i, h := range []string{first.Card, second.Card} {
		onUI(func() {
			test.Type(a.checkIn.search, h)
			pressEnter(a.checkIn.search)
		})
		waitOnUI(t, "the household to open", func() bool { return a.checkIn.household != nil && a.checkIn.household.Card == h })
		onUI(func() { pressEnter(a.checkIn.search) })
		want := i + 1
		waitOnUI(t, "the distribution", func() bool { return contains(a.counter.Text, "passages : "+string(rune('0'+want))) })
	}
	if n := visitsToday(t, s); n != 2 {
		t.Fatalf("%d visits recorded, want 2", n)
	}
	// Typing a name searches while the volunteer types; the form opens and saves in the background.
	onUI(func() { test.Type(a.checkIn.search, "diallo") })
	waitOnUI(t, "the search results", func() bool { return len(a.checkIn.found) == 1 && a.checkIn.shownGen == a.checkIn.searchGen })
	onUI(func() { a.editHousehold(second.ID) })
	waitOnUI(t, "the household form", func() bool { return a.households.form != nil && a.households.form.members[0].last.Text == "Diallo" })
}
