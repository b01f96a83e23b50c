package realwindow

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
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
	ctl := func(args ...string) { entraidectl(t, p, args...) }
	ctl("init", "--data", ccas, "--name", "CCAS de Roubaix", "--mode", "ccas")
	month := storage.MonthOf(storage.DateOf(time.Now())).Add(-1).String()
	for i, name := range []string{"Les Amis du Pile", "Resto de l'Alma"} {
		assoc := filepath.Join(dir, "assoc"+string(rune('1'+i)))
		invitation, listing := filepath.Join(dir, "invitation"+string(rune('1'+i))+".json"), filepath.Join(dir, "fiche"+string(rune('1'+i))+".json")
		report := filepath.Join(dir, "rapport"+string(rune('1'+i))+".json")
		ctl("invite", "--data", ccas, "--association", name, "--out", invitation)
		ctl("init", "--data", assoc, "--name", name)
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

// entraidectl runs one command of entraidectl; the network passphrase is typed for it.
func entraidectl(t *testing.T, p Programs, args ...string) {
	t.Helper()
	cmd := exec.Command(p.Ctl, args...)
	if args[0] == "passphrase" {
		cmd.Stdin = strings.NewReader("abricot balcon cerise dauphin\n")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("entraidectl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
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

// An association reads the network's news and puts the coming meetings in an agenda with
// the keyboard alone, on a small screen: Ctrl+7, Enter on the calendar button, Enter in
// the file window. The file written is a calendar an independent parser reads, holding
// every meeting of next year, the first one with its agenda.
func TestNetworkNewsWithKeyboard(t *testing.T) {
	p := Build(t)
	ccas := network(t, p)
	dir := filepath.Dir(ccas)
	assoc := filepath.Join(dir, "assoc1")
	ctl := func(args ...string) { entraidectl(t, p, args...) }
	year := fmt.Sprint(time.Now().Year() + 1)
	ctl("meeting", "plan", "--data", ccas, "--year", year, "--save")
	first := firstMeeting(t, ccas)
	ctl("meeting", "agenda", "--data", ccas, "--id", first, "--add", "Collecte nationale de printemps", "--by", "Les Amis du Pile", "--minutes", "30")
	ctl("donation", "split", "--data", ccas, "--quantity", "120", "--basis", "persons", "--unit", "paquets", "--save", "Couches taille 3")
	ctl("directory", "publish", "--data", ccas, "--out", filepath.Join(dir, "annuaire.json"))
	ctl("import", "--data", assoc, filepath.Join(dir, "annuaire.json"))

	home := t.TempDir()
	w := Start(t, p, Options{Data: assoc, Home: home, Screen: "1024x600"})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Key("ctrl+7")
	w.WaitFor("the network screen", 1, 10*time.Second, Named("screen", "network"))
	w.Screenshot("network-news")
	checkFits(t, w)
	w.Key("Return") // the calendar button has the keyboard
	w.WaitFor("the file window", 1, 10*time.Second, Named("screen", "files"))
	w.Key("Return") // the name proposed, in the user's folder
	saved := w.WaitFor("the calendar saved", 1, 10*time.Second, Named("file"))
	want := filepath.Join(home, "reunions-reseau.ics")
	if saved[0].Detail != want {
		t.Fatalf("saved as %q, want %q", saved[0].Detail, want)
	}
	w.Close()

	python := "/usr/bin/python3" // Debian's, with its python3-icalendar
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	out, err := exec.Command(python, "-c", `
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    print(e.decoded('dtstart').date().isoformat(), '|', str(e.get('uid')), '|', str(e.get('description', '')).replace('\n', ' / '))
`, want).CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar (scripts/install-deps.sh installs it) could not read the calendar: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 6 {
		t.Fatalf("the calendar holds %d meetings, want the 6 of %s:\n%s", len(lines), year, out)
	}
	fields := strings.Split(lines[0], " | ")
	if fields[0] != first || !strings.HasPrefix(fields[1], "reunion-") || !strings.Contains(fields[2], "Collecte nationale de printemps") {
		t.Fatalf("the first meeting reads %q; want %s, its UID and its agenda", lines[0], first)
	}
}

// firstMeeting is the date of the first meeting the CCAS keeps.
func firstMeeting(t *testing.T, ccas string) string {
	t.Helper()
	s := OpenStore(t, ccas)
	defer s.Close()
	meetings, err := s.Meetings(context.Background())
	if err != nil || len(meetings) == 0 {
		t.Fatalf("meetings kept: %d, %v", len(meetings), err)
	}
	return meetings[0].Day.String()
}
