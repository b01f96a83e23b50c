package realwindow

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

// network makes, with entraidectl, a CCAS and two associations with three months of
// demo data that sent last month's report and their listings (both lend a room); it
// returns the CCAS's folder.
func network(t *testing.T, p Programs) string {
	t.Helper()
	dir := t.TempDir()
	ccas := filepath.Join(dir, "ccas")
	ctl := func(args ...string) {
		t.Helper()
		cmd := exec.Command(p.Ctl, args...)
		if args[0] == "passphrase" {
			cmd.Stdin = strings.NewReader("abricot balcon cerise dauphin\n")
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("entraidectl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	ctl("init", "--data", ccas, "--name", "CCAS de Roubaix", "--mode", "ccas")
	month := storage.MonthOf(storage.DateOf(time.Now())).Add(-1).String()
	for i, name := range []string{"Les Amis du Pile", "Resto de l'Alma"} {
		assoc := filepath.Join(dir, "assoc"+string(rune('1'+i)))
		invitation, listing := filepath.Join(dir, "invitation"+string(rune('1'+i))+".json"), filepath.Join(dir, "fiche"+string(rune('1'+i))+".json")
		report := filepath.Join(dir, "rapport"+string(rune('1'+i))+".json")
		ctl("invite", "--data", ccas, "--association", name, "--out", invitation)
		ctl("demo", "--data", assoc, "--households", fmt.Sprint(80+40*i), "--months", "3", "--seed", fmt.Sprint(3+i))
		ctl("join", "--data", assoc, "--invitation", invitation)
		ctl("passphrase", "--data", assoc)
		room := []string{"--room", "30", "--accessible"}
		if i == 1 {
			room = []string{"--room", "20"}
		}
		// The room first: the report's own copy of the listing then says so too.
		ctl(append([]string{"listing", "--data", assoc, "--out", listing}, room...)...)
		ctl("report", "--data", assoc, "--month", month, "--out", report)
		ctl("import", "--data", ccas, report)
		ctl("import", "--data", ccas, listing)
	}
	return ccas
}

// The coordinator plans next year's meetings with the keyboard alone on a small screen:
// Ctrl+6, the year typed over the proposed one, Enter proposes, Enter keeps; then the
// first meeting is opened from the list. The database holds the six meetings, in turn.
func TestMeetingsWithKeyboard(t *testing.T) {
	p := Build(t)
	ccas := network(t, p)
	w := Start(t, p, Options{Data: ccas, Screen: "1024x600"})
	w.WaitFor("the dashboard", 1, 20*time.Second, Named("screen", "dashboard"))
	w.Key("ctrl+6")
	w.WaitFor("the meetings screen", 1, 10*time.Second, Named("screen", "meetings"))
	w.Key("ctrl+a")
	w.Type("2027", 20*time.Millisecond)
	w.Key("Return")
	w.WaitFor("the proposal", 1, 10*time.Second, Named("meetings", "proposed 6"))
	w.Screenshot("meetings-proposed")
	w.Key("Return") // "Keep these meetings" has the keyboard
	w.WaitFor("the meetings kept", 1, 10*time.Second, Named("meetings", "kept 6"))
	w.WaitFor("the first meeting, opened", 1, 10*time.Second, Named("meeting", "2027-01-12"))
	w.Key("Down", "space") // the list has the keyboard: the next meeting
	w.WaitFor("the second meeting", 1, 10*time.Second, Named("meeting", "2027-03-09"))
	w.Screenshot("meeting-opened")
	checkFits(t, w)
	w.Close()

	s := OpenStore(t, ccas)
	defer s.Close()
	meetings, err := s.Meetings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(meetings) != 6 {
		t.Fatalf("%d meetings kept, want 6", len(meetings))
	}
	for i, m := range meetings {
		if m.Day.Year != 2027 || m.Day.Time().Weekday() != time.Tuesday || m.Start != "14:00" || m.HostRule == "" {
			t.Errorf("meeting %d: %+v", i, m)
		}
		if i > 0 && m.HostID == meetings[i-1].HostID {
			t.Errorf("%s hosts twice in a row (%s, %s)", m.Host, meetings[i-1].Day, m.Day)
		}
	}
}

// A donation shared with the keyboard alone: Ctrl+5, its name, Tab, the quantity, Enter
// shares it by persons served, Enter again keeps it. The database holds the table, whose
// quantities add up to what was given.
func TestDonationWithKeyboard(t *testing.T) {
	p := Build(t)
	ccas := network(t, p)
	w := Start(t, p, Options{Data: ccas, Screen: "1024x600"})
	w.WaitFor("the dashboard", 1, 20*time.Second, Named("screen", "dashboard"))
	w.Key("ctrl+5")
	w.WaitFor("the donations screen", 1, 10*time.Second, Named("screen", "donations"))
	w.Type("Couches taille 3", 20*time.Millisecond)
	w.Key("Tab")
	w.Type("400", 20*time.Millisecond)
	w.Key("Return")
	w.WaitFor("the table", 1, 10*time.Second, Named("donation", "400"))
	w.Screenshot("donation-table")
	checkFits(t, w)
	w.Key("Return") // "Keep this sharing" has the keyboard
	w.WaitFor("the sharing kept", 1, 10*time.Second, Named("donation-kept", "Couches taille 3"))
	w.Close()

	s := OpenStore(t, ccas)
	defer s.Close()
	kept, err := s.Donations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 1 || kept[0].Name != "Couches taille 3" || kept[0].Quantity != 400 || kept[0].Basis != "persons" {
		t.Fatalf("donations kept: %+v", kept)
	}
	var table struct {
		Allocations []struct{ Quantity int } `json:"allocations"`
	}
	if err := json.Unmarshal([]byte(kept[0].Allocations), &table); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, a := range table.Allocations {
		total += a.Quantity
	}
	if len(table.Allocations) != 2 || total != 400 {
		t.Fatalf("the table kept: %+v", table)
	}
}
