package meeting

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

func hosts() []Host {
	return []Host{
		{AssociationID: "a", Name: "Les Amis du Pile", Address: "5 rue Pierre de Roubaix"},
		{AssociationID: "b", Name: "Resto de l'Alma", Address: "12 rue de l'Alma", LastHosted: storage.Date{Year: 2026, Month: 9, Day: 8}},
		{AssociationID: "c", Name: "Épicerie de l'Épeule", Address: "3 rue de l'Épeule"},
	}
}

// A year's rotation worked by hand (2027, second Tuesdays, 14:00, the Amis du Pile hosted
// the last meeting of 2026): never first, then the one that hosted longest ago, never
// twice in a row.
func TestYearRotation(t *testing.T) {
	plan, err := PlanYear(2027, time.Tuesday, "14:00", hosts(), "a")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ day, host string }{
		{"2027-01-12", "Épicerie de l'Épeule"}, // never hosted; the Amis du Pile (never, first by name) hosted the last one
		{"2027-03-09", "Les Amis du Pile"},     // never hosted in the plan's memory
		{"2027-05-11", "Resto de l'Alma"},      // last in September 2026
		{"2027-07-13", "Épicerie de l'Épeule"}, // January
		{"2027-09-14", "Les Amis du Pile"},     // March
		{"2027-11-09", "Resto de l'Alma"},      // May
	}
	if len(plan) != len(want) {
		t.Fatalf("%d meetings: %+v", len(plan), plan)
	}
	for i, w := range want {
		if plan[i].Date.String() != w.day || plan[i].Host != w.host || plan[i].Start != "14:00" {
			t.Errorf("meeting %d: %s at %s, want %s at %s (%s)", i+1, plan[i].Date, plan[i].Host, w.day, w.host, plan[i].HostRule)
		}
	}
	if !strings.Contains(plan[0].HostRule, "jamais deux fois de suite") || !strings.Contains(plan[0].HostRule, "n'a encore jamais accueilli") {
		t.Errorf("the first rule says %q", plan[0].HostRule)
	}
	if !strings.Contains(plan[2].HostRule, "le 08/09/2026") {
		t.Errorf("the third rule says %q", plan[2].HostRule)
	}
}

// Public holidays and the host's closures move the meeting a week later.
func TestHolidaysAndClosuresAreAvoided(t *testing.T) {
	// Second Thursday of November 2027 is the 11th, Armistice day.
	plan, err := PlanYear(2027, time.Thursday, "18:30", hosts(), "")
	if err != nil {
		t.Fatal(err)
	}
	last := plan[len(plan)-1]
	if last.Date.String() != "2027-11-18" || !strings.Contains(last.Moved, "11/11/2027") {
		t.Fatalf("November: %+v", last)
	}
	// The Resto de l'Alma, due in May, is closed the week of the 11th.
	h := hosts()
	h[1].Closures = []storage.Closure{{From: storage.Date{Year: 2027, Month: 5, Day: 10}, To: storage.Date{Year: 2027, Month: 5, Day: 14}, Message: "inventaire"}}
	plan, err = PlanYear(2027, time.Tuesday, "14:00", h, "a")
	if err != nil {
		t.Fatal(err)
	}
	if plan[2].Host != "Resto de l'Alma" || plan[2].Date.String() != "2027-05-18" || !strings.Contains(plan[2].Moved, "inventaire") {
		t.Fatalf("May: %+v", plan[2])
	}
	if _, err := PlanYear(2027, time.Tuesday, "14:00", nil, ""); err != ErrNoHost {
		t.Fatalf("no host: %v", err)
	}
}

// The calendar follows RFC 5545 and an independent parser (Python's icalendar, as
// packaged by Debian) reads back every meeting; a cancelled meeting's file cancels it.
func TestCalendarReadByAnotherParser(t *testing.T) {
	plan, err := PlanYear(2027, time.Tuesday, "14:00", hosts(), "a")
	if err != nil {
		t.Fatal(err)
	}
	events, err := ProposalEvents(plan, "CCAS de Roubaix — réseau d'aide alimentaire", 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	events[0].Agenda = "1. Tour de table des associations (30 min)\n2. Partage des couches du CCAS, décisions à suivre"
	stamp := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	year, err := Calendar("CCAS de Roubaix", events, stamp)
	if err != nil {
		t.Fatal(err)
	}
	checkRFC5545(t, year)
	again, err := Calendar("CCAS de Roubaix", events, stamp)
	if err != nil || !bytes.Equal(again, year) {
		t.Fatal("the same meetings give another file")
	}
	read := parse(t, year)
	if read.Method != "PUBLISH" || len(read.Events) != 6 {
		t.Fatalf("parsed %+v", read)
	}
	first := read.Events[0]
	if first.UID != "reunion-2027-01-12@entraide" || first.Start != "2027-01-12T13:00:00+00:00" || first.End != "2027-01-12T15:00:00+00:00" ||
		!strings.Contains(first.Summary, "chez Épicerie de l'Épeule") || !strings.Contains(first.Description, "décisions à suivre") ||
		first.Status != "CONFIRMED" || first.Sequence != 0 {
		t.Fatalf("first meeting read as %+v", first)
	}
	if read.Events[3].Start != "2027-07-13T12:00:00+00:00" { // summer time: 14:00 in Paris is 12:00 UTC
		t.Fatalf("July read as %+v", read.Events[3])
	}

	cancelled := events[2]
	cancelled.Cancelled, cancelled.Sequence = true, 1
	one, err := Calendar("CCAS de Roubaix", []Event{cancelled}, stamp)
	if err != nil {
		t.Fatal(err)
	}
	checkRFC5545(t, one)
	read = parse(t, one)
	if read.Method != "CANCEL" || len(read.Events) != 1 || read.Events[0].Status != "CANCELLED" || read.Events[0].Sequence != 1 ||
		read.Events[0].UID != "reunion-2027-05-11@entraide" {
		t.Fatalf("the cancellation read as %+v", read)
	}
}

// checkRFC5545: CRLF everywhere, no line over 75 octets, folded lines start with a space.
func checkRFC5545(t *testing.T, cal []byte) {
	t.Helper()
	if !bytes.HasPrefix(cal, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(cal, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("not a calendar:\n%s", cal)
	}
	if bytes.Count(cal, []byte("\n")) != bytes.Count(cal, []byte("\r\n")) {
		t.Fatal("a line ends without CR")
	}
	for _, line := range bytes.Split(cal, []byte("\r\n")) {
		if len(line) > 75 {
			t.Fatalf("a line of %d octets: %q", len(line), line)
		}
	}
}

type parsed struct {
	Method string `json:"method"`
	Events []struct {
		UID         string `json:"uid"`
		Start       string `json:"start"`
		End         string `json:"end"`
		Summary     string `json:"summary"`
		Description string `json:"description"`
		Status      string `json:"status"`
		Sequence    int    `json:"sequence"`
	} `json:"events"`
}

const parser = `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {"method": str(cal.get('method', '')), "events": []}
for e in cal.walk('VEVENT'):
    out["events"].append({"uid": str(e.get('uid')), "start": e.decoded('dtstart').isoformat(),
        "end": e.decoded('dtend').isoformat(), "summary": str(e.get('summary')),
        "description": str(e.get('description', '')), "status": str(e.get('status', '')),
        "sequence": int(e.get('sequence', 0))})
print(json.dumps(out))
`

// parse reads a calendar with Debian's python3-icalendar (scripts/install-deps.sh).
func parse(t *testing.T, cal []byte) parsed {
	t.Helper()
	python := "/usr/bin/python3" // Debian's, with its python3-icalendar
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	path := filepath.Join(t.TempDir(), "reunions.ics")
	if err := os.WriteFile(path, cal, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", parser, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar (scripts/install-deps.sh installs it): %v\n%s", err, out)
	}
	var p parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return p
}

// Decisions are the minutes' lines that say so, however the secretary typed the word.
func TestDecisionsFromMinutes(t *testing.T) {
	cases := []struct {
		minutes string
		want    []string
	}{
		{"Tour de table.\nDécision : acheter un congélateur\n", []string{"acheter un congélateur"}},
		{"- décision: refaire les affiches\n• DÉCISION : écrire au bailleur\n  * Decision : voter le budget", []string{"refaire les affiches", "écrire au bailleur", "voter le budget"}},
		{"Décidé : prochaine collecte en mars", []string{"prochaine collecte en mars"}},
		{"La décision : reportée.\nDécision :\n", nil}, // not at the start of a line; empty
		{"", nil},
	}
	for _, c := range cases {
		got := Decisions(c.minutes)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Decisions(%q) = %q, want %q", c.minutes, got, c.want)
		}
	}
}

// A kept meeting becomes an event with a stable UID, its sequence, its agenda and
// decisions to follow up, and its cancellation.
func TestEventOfKeptMeeting(t *testing.T) {
	m := storage.Meeting{ID: "m1", Day: storage.Date{Year: 2027, Month: 3, Day: 9}, Start: "14:00", LengthMinutes: 90, Host: "Resto de l'Alma",
		Place: "12 rue de l'Alma", Sequence: 3, Items: []storage.MeetingItem{{Title: "Collecte de printemps", BroughtBy: "CCAS", DurationMinutes: 30}}}
	agenda := Agenda{Items: m.Items, FollowUp: []storage.Decision{{Text: "acheter un congélateur", MeetingDay: storage.Date{Year: 2027, Month: 1, Day: 12}}}}
	e, err := EventOf(m, agenda, "CCAS de Roubaix")
	if err != nil {
		t.Fatal(err)
	}
	wantText := "1. Collecte de printemps (CCAS, 30 min)\n2. Suivi des décisions :\n   - acheter un congélateur (réunion du 12/01/2027)"
	if e.ID != "reunion-m1" || e.Sequence != 3 || e.Duration != 90*time.Minute || e.Agenda != wantText || e.Cancelled ||
		!e.Start.Equal(time.Date(2027, 3, 9, 13, 0, 0, 0, time.UTC)) {
		t.Fatalf("event %+v\n%s", e, e.Agenda)
	}
	m.Status = storage.MeetingCancelled
	if e, err := EventOf(m, agenda, "x"); err != nil || !e.Cancelled {
		t.Fatalf("a cancelled meeting's event: %+v, %v", e, err)
	}
}
