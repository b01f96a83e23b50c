package realwindow

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// network makes, with entraidectl, a CCAS and two associations that lend a room and
// sent their listings; it returns the CCAS's folder.
func network(t *testing.T, p Programs) string {
	t.Helper()
	dir := t.TempDir()
	ccas := filepath.Join(dir, "ccas")
	ctl := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(p.Ctl, args...).CombinedOutput(); err != nil {
			t.Fatalf("entraidectl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	ctl("init", "--data", ccas, "--name", "CCAS de Roubaix", "--mode", "ccas")
	for i, name := range []string{"Les Amis du Pile", "Resto de l'Alma"} {
		assoc := filepath.Join(dir, "assoc"+string(rune('1'+i)))
		invitation, listing := filepath.Join(dir, "invitation"+string(rune('1'+i))+".json"), filepath.Join(dir, "fiche"+string(rune('1'+i))+".json")
		ctl("invite", "--data", ccas, "--association", name, "--out", invitation)
		ctl("init", "--data", assoc, "--name", name)
		ctl("join", "--data", assoc, "--invitation", invitation)
		room := []string{"--room", "30", "--accessible"}
		if i == 1 {
			room = []string{"--room", "20"}
		}
		ctl(append([]string{"listing", "--data", assoc, "--out", listing}, room...)...)
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
