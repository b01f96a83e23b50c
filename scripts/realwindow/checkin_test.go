package realwindow

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

// households is the size of the demo data the check-in scenarios run on: a large
// association, as in the measurements.
const households = 20000

// scan types cards back to back as a scanner does: each card at 5 ms a key and Enter,
// the volunteer's Enter at once (even scans) or 150 ms later (odd ones), the next card
// 0.3 s after.
func scan(w *Window, typed []string) {
	for i, card := range typed {
		keys := append([]string{"key", "--delay", "5"}, Keysyms(card)...)
		keys = append(keys, "Return")
		if i%2 == 0 {
			w.Run(append(keys, "Return")...)
		} else {
			w.Run(keys...)
			time.Sleep(150 * time.Millisecond)
			w.Key("Return")
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// checkServedOnce checks that the database holds exactly one check-in today for each
// card, and nothing else.
func checkServedOnce(t *testing.T, dir string, cards []string) {
	t.Helper()
	s := OpenStore(t, dir)
	served, cancelled := VisitsToday(t, s)
	if len(cancelled) > 0 {
		t.Errorf("cancelled check-ins: %v", cancelled)
	}
	count := map[string]int{}
	for _, c := range served {
		count[c]++
	}
	var missing, twice, extra []string
	for _, c := range cards {
		switch count[c] {
		case 0:
			missing = append(missing, c)
		case 1:
		default:
			twice = append(twice, c)
		}
		delete(count, c)
	}
	for c := range count {
		extra = append(extra, c)
	}
	if len(missing)+len(twice)+len(extra) > 0 {
		t.Errorf("%d cards scanned, %d check-ins recorded: missing %v, recorded twice %v, not scanned %v",
			len(cards), len(served), missing, twice, extra)
	}
}

// azerty is what a scanner set to a US layout types on a French AZERTY laptop.
var azerty = strings.NewReplacer("1", "&", "2", "é", "3", `"`, "4", "'", "5", "(", "6", "-", "7", "è", "8", "_", "9", "ç", "0", "à")

func TestScansBackToBack(t *testing.T) {
	for _, layout := range []struct {
		name   string
		layout string
		typed  func(string) string
	}{
		{"digits", "us", func(c string) string { return c }},
		// A US-layout scanner on an AZERTY laptop: the same keys give &é"'(-è_çà.
		{"AZERTY-shifted", "fr", azerty.Replace},
	} {
		t.Run(layout.name, func(t *testing.T) {
			p := Build(t)
			dir := DemoFolder(t, households)
			cards := Servable(t, dir, 50)
			w := Start(t, p, Options{Data: dir, Layout: layout.layout})
			w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
			typed := make([]string, len(cards))
			for i, c := range cards {
				typed[i] = layout.typed(c)
			}
			scan(w, typed)
			w.WaitFor("50 check-ins", len(cards), 60*time.Second, Named("recorded"))
			time.Sleep(500 * time.Millisecond) // anything recorded twice would show by now
			w.Screenshot("after-scans")
			reportLatency(t, w.Events())
			w.Close()
			checkServedOnce(t, dir, cards)
		})
	}
}

// A name typed at 20 ms a key, Down, Enter, Enter: the household marked by the arrow is
// the one recorded.
func TestNameDownEnterEnter(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	query, want := twoServableResults(t, dir)
	w := Start(t, p, Options{Data: dir})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Type(query, 20*time.Millisecond)
	w.Key("Down", "Return", "Return")
	w.WaitFor("the check-in", 1, 20*time.Second, Named("recorded"))
	w.Close()
	s := OpenStore(t, dir)
	served, _ := VisitsToday(t, s)
	if !slices.Equal(served, []string{want}) {
		t.Fatalf("typed %q, Down, Enter, Enter: recorded %v, want the second result %s", query, served, want)
	}
}

// twoServableResults finds a name whose first two results can both be served today, and
// gives the card of the second (the one Down marks).
func twoServableResults(t *testing.T, dir string) (query, second string) {
	t.Helper()
	s := OpenStore(t, dir)
	ctx := context.Background()
	list, err := s.HouseholdSummaries(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range list {
		name := strings.Fields(h.Applicant)
		if len(name) == 0 {
			continue
		}
		q := storage.NormalizeName(name[len(name)-1]) // a name as typed quickly, without accents
		found, err := s.Search(ctx, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) < 3 {
			continue
		}
		ok := true
		for _, r := range found[:2] {
			if good, err := servable(ctx, s, r.HouseholdID); err != nil {
				t.Fatal(err)
			} else if !good || r.Archived {
				ok = false
			}
		}
		if ok {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return q, found[1].Card
		}
	}
	t.Fatal("no name with two servable households in the demo data")
	return "", ""
}

// Ctrl+Z with the focus in the field cancels the last check-in.
func TestCtrlZInTheField(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	cards := Servable(t, dir, 2)
	w := Start(t, p, Options{Data: dir})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	scan(w, cards)
	w.WaitFor("two check-ins", 2, 20*time.Second, Named("recorded"))
	w.Key("ctrl+z")
	w.WaitFor("the undo", 1, 10*time.Second, Named("undone"))
	w.Close()
	s := OpenStore(t, dir)
	served, cancelled := VisitsToday(t, s)
	if !slices.Equal(served, []string{cards[0]}) || !slices.Equal(cancelled, []string{cards[1]}) {
		t.Fatalf("after Ctrl+Z: served %v, cancelled %v; want %s served and %s cancelled", served, cancelled, cards[0], cards[1])
	}
}

// A mistyped card (two digits swapped) records nothing and says so.
func TestMistypedCard(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	card := Servable(t, dir, 1)[0]
	typo := []byte(card)
	for i := 0; i+1 < len(typo); i++ {
		if typo[i] != typo[i+1] {
			typo[i], typo[i+1] = typo[i+1], typo[i]
			break
		}
	}
	w := Start(t, p, Options{Data: dir})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Type(string(typo), 5*time.Millisecond)
	w.Key("Return", "Return")
	said := w.WaitFor("the message", 1, 10*time.Second, func(e Event) bool { return e.Name == "message" })
	if !strings.Contains(said[0].Detail, "error") || !strings.Contains(said[0].Detail, "Numéro de carte invalide") {
		t.Errorf("a mistyped card says %q", said[0].Detail)
	}
	time.Sleep(300 * time.Millisecond)
	w.Screenshot("mistyped")
	w.Close()
	s := OpenStore(t, dir)
	if served, _ := VisitsToday(t, s); len(served) != 0 {
		t.Fatalf("a mistyped card recorded %v", served)
	}
}

// The first start, done with Tab and Enter alone on a 1024×600 screen.
func TestFirstStartWithKeyboardAt1024x600(t *testing.T) {
	p := Build(t)
	dir := t.TempDir()
	w := Start(t, p, Options{Data: dir, Screen: "1024x600"})
	w.WaitFor("the first-start screen", 1, 20*time.Second, Named("screen", "setup"))
	checkFits(t, w)
	w.Type("Les Amis du Pile", 20*time.Millisecond)
	w.Key("Tab")
	w.Type("Local de l'Alma", 20*time.Millisecond)
	w.Key("Return") // on to the rules, kept as proposed
	w.Key("Tab", "Return", "Return")
	w.Type("Josiane", 20*time.Millisecond)
	w.Key("Return")
	w.Type("4711", 20*time.Millisecond)
	w.Screenshot("first-start-filled")
	w.Key("Return")
	w.WaitFor("the setup to be saved", 1, 10*time.Second, Named("setup", "done"))
	w.WaitFor("the check-in screen", 1, 10*time.Second, Named("screen", "checkin"))
	checkFits(t, w)
	w.Close()
	s := OpenStore(t, dir)
	settings, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	users, err := s.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if settings.AssociationName != "Les Amis du Pile" || len(users) != 1 || users[0].Name != "Josiane" {
		t.Fatalf("after the first start: association %q, accounts %+v", settings.AssociationName, users)
	}
}

// checkFits fails when the window reaches beyond the screen.
func checkFits(t *testing.T, w *Window) {
	t.Helper()
	x, y, width, height := w.Geometry()
	if x < 0 || y < 0 || x+width > w.Screen[0] || y+height > w.Screen[1] {
		w.Screenshot("too-large")
		t.Errorf("the window (%d×%d at %d,%d) does not fit the %d×%d screen", width, height, x, y, w.Screen[0], w.Screen[1])
	}
}

// reportLatency logs, from the trace, how long a volunteer waits: Enter to the household
// shown, and Enter to the field empty for the next card and to the check-in written.
func reportLatency(t *testing.T, events []Event) {
	t.Helper()
	var open, ready, written []time.Duration
	var enters []time.Time // Enter keys not yet answered
	var recordEnter time.Time
	for _, e := range events {
		switch e.Name {
		case "key":
			enters = append(enters, e.At)
		case "shown":
			if len(enters) > 0 {
				open = append(open, e.At.Sub(enters[0]))
				enters = enters[1:]
			}
		case "recording":
			if len(enters) > 0 {
				recordEnter = enters[0]
				enters = enters[1:]
				ready = append(ready, e.At.Sub(recordEnter))
			}
		case "recorded":
			if !recordEnter.IsZero() {
				written = append(written, e.At.Sub(recordEnter))
			}
		}
	}
	t.Logf("Enter → household shown: %s", percentiles(open))
	t.Logf("Enter → field ready for the next card: %s", percentiles(ready))
	t.Logf("Enter → check-in written (durable): %s", percentiles(written))
}

func percentiles(d []time.Duration) string {
	if len(d) == 0 {
		return "no sample"
	}
	sorted := slices.Clone(d)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	at := func(p float64) time.Duration { return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))] }
	return fmt.Sprintf("n=%d median %s p95 %s max %s", len(d), at(0.5).Round(100*time.Microsecond),
		at(0.95).Round(100*time.Microsecond), sorted[len(sorted)-1].Round(100*time.Microsecond))
}

// The window is usable at once: the time from launch to the check-in field ready, and
// from the first Enter to the first household shown, are logged for the notes.
// ENTRAIDE_REALWINDOW_HOUSEHOLDS=100000 measures a larger association.
func TestOpensAtOnce(t *testing.T) {
	n := households
	if v, err := strconv.Atoi(os.Getenv("ENTRAIDE_REALWINDOW_HOUSEHOLDS")); err == nil && v > 0 {
		n = v
	}
	p := Build(t)
	dir := DemoFolder(t, n)
	card := Servable(t, dir, 1)[0]
	w := Start(t, p, Options{Data: dir})
	ready := w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))[0]
	start := w.Events()[0]
	t.Logf("%d households: check-in field ready %d ms after launch (%d ms after the program began)",
		n, ready.At.Sub(w.Started()).Milliseconds(), ready.At.Sub(start.At).Milliseconds())
	w.Run(append(append([]string{"key", "--delay", "5"}, Keysyms(card)...), "Return")...)
	shown := w.WaitFor("the first household", 1, 10*time.Second, Named("shown", card))[0]
	var enter Event
	for _, e := range w.Events() {
		if e.Name == "key" {
			enter = e
		}
	}
	t.Logf("%d households: first household after start shown %.1f ms after Enter", n, float64(shown.At.Sub(enter.At).Microseconds())/1000)
	checkFits(t, w)
}

// A lost card, replaced at the office: scanned at the desk it records nothing and names
// the new card; the new card, scanned next, records the distribution.
func TestReplacedCardScanned(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	lost := Servable(t, dir, 1)[0]
	s := OpenStore(t, dir)
	ctx := context.Background()
	id, err := s.HouseholdIDByCard(ctx, lost)
	if err != nil {
		t.Fatal(err)
	}
	_, replacement, err := s.ReplaceCard(ctx, id, "test")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	w := Start(t, p, Options{Data: dir})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Type(lost, 5*time.Millisecond)
	w.Key("Return", "Return")
	said := w.WaitFor("the message", 1, 10*time.Second, func(e Event) bool { return e.Name == "message" })
	if !strings.Contains(said[0].Detail, "a été remplacée") || !strings.Contains(said[0].Detail, replacement) {
		t.Errorf("a replaced card says %q", said[0].Detail)
	}
	w.Type(replacement, 5*time.Millisecond) // the refused number is selected: the scan replaces it
	w.Key("Return", "Return")
	w.WaitFor("the distribution", 1, 10*time.Second, Named("recorded"))
	w.Screenshot("replaced-card")
	w.Close()
	s = OpenStore(t, dir)
	served, _ := VisitsToday(t, s)
	if len(served) != 1 || served[0] != replacement {
		t.Fatalf("recorded %v, want the new card %s once", served, replacement)
	}
}
