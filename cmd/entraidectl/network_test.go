package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/report"
)

// Two associations and the CCAS, all through the command line: invite, join, demo data,
// passphrase, report, import, and network figures equal to the associations' own counts.
func TestNetworkEndToEnd(t *testing.T) {
	dir := t.TempDir()
	ccas, files := filepath.Join(dir, "ccas"), t.TempDir()
	month := storage.MonthOf(storage.DateOf(time.Now()).FirstOfMonth().AddMonths(-1)).String()
	if r := ctl(t, "init", "--data", ccas, "--name", "CCAS de Roubaix", "--mode", "ccas"); r.code != exitOK {
		t.Fatalf("init ccas: %+v", r)
	}
	type own struct{ HouseholdsServed, PersonsServed, Visits int }
	counts := map[string]own{}
	for i, name := range []string{"Les Amis du Pile", "Resto de l'Alma"} {
		assoc := filepath.Join(dir, "assoc"+string(rune('1'+i)))
		invitation := filepath.Join(files, "invitation"+string(rune('1'+i))+".json")
		if r := ctl(t, "invite", "--data", ccas, "--association", name, "--out", invitation); r.code != exitOK {
			t.Fatalf("invite: %+v", r)
		}
		if r := ctl(t, "demo", "--data", assoc, "--households", "120", "--months", "3", "--seed", string(rune('5'+i))); r.code != exitOK {
			t.Fatalf("demo: %+v", r)
		}
		if r := ctl(t, "join", "--data", assoc, "--invitation", invitation); r.code != exitOK || !strings.Contains(r.stdout, "CCAS de Roubaix") {
			t.Fatalf("join: %+v", r)
		}
		var out bytes.Buffer
		if err := cmdPassphrase(context.Background(), []string{"--data", assoc}, strings.NewReader("court\n"), &out); err == nil ||
			!strings.Contains(err.Error(), "at least 16 characters") {
			t.Fatalf("a short passphrase: %v", err)
		}
		if err := cmdPassphrase(context.Background(), []string{"--data", assoc}, strings.NewReader("abricot balcon cerise dauphin\n"), &out); err != nil {
			t.Fatal(err)
		}
		r := ctl(t, "report", "--data", assoc, "--month", month, "--out", filepath.Join(files, "rapport"+string(rune('1'+i))+".json"))
		if r.code != exitOK {
			t.Fatalf("report: %+v", r)
		}
		// Both lend a room for the network's meetings.
		if r := ctl(t, "listing", "--data", assoc, "--out", filepath.Join(files, "fiche"+string(rune('1'+i))+".json"), "--room", fmt.Sprint(20+10*i), "--accessible"); r.code != exitOK {
			t.Fatalf("listing: %+v", r)
		}
		var o own
		json.Unmarshal([]byte(r.stdout), &struct {
			HouseholdsServed *int `json:"households_served"`
			PersonsServed    *int `json:"persons_served"`
			Visits           *int `json:"visits"`
		}{&o.HouseholdsServed, &o.PersonsServed, &o.Visits})
		counts[name] = o
	}
	r := ctl(t, "import", "--data", ccas, files)
	if r.code != exitError || strings.Count(r.stdout, `"accepted":true`) != 4 || strings.Count(r.stdout, `"accepted":false`) != 2 {
		// Two reports and two listings accepted; the two invitations refused as not being reports.
		t.Fatalf("import: %+v", r)
	}
	if !strings.Contains(r.stdout, `"code":"wrong_format"`) {
		t.Fatalf("the invitations were not refused for their kind: %s", r.stdout)
	}
	r = ctl(t, "network", "--data", ccas, "--month", month)
	var f report.NetworkFigures
	mustJSON(t, r.stdout, &f)
	var raw map[string]any
	mustJSON(t, r.stdout, &raw)
	for _, key := range []string{"registrations", "distinct_persons", "associations"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("network output lacks %q", key)
		}
	}
	if len(f.Associations) != 2 || f.Missing != 0 {
		t.Fatalf("figures %+v", f)
	}
	total := 0
	for _, a := range f.Associations {
		want := counts[a.Name]
		if a.HouseholdsServed != want.HouseholdsServed || a.PersonsServed != want.PersonsServed || a.Visits != want.Visits || a.KeyFingerprintMismatch {
			t.Errorf("%s: network has %+v, the association counted %+v", a.Name, a, want)
		}
		total += want.PersonsServed
	}
	d := f.DistinctPersons
	// Two demo populations made with different seeds: as many distinct persons as served, within the range.
	if f.Registrations != total || d.Low > total || d.High < total || d.Low > d.Estimate || d.High < d.Estimate || d.Error <= 0 ||
		!strings.Contains(d.Meaning, "personnes différentes") {
		t.Fatalf("registrations %d (want %d), distinct persons %+v", f.Registrations, total, d)
	}
	sheet := filepath.Join(t.TempDir(), "reseau.xlsx")
	if r := ctl(t, "network", "--data", ccas, "--month", month, "--out", sheet); r.code != exitOK {
		t.Fatalf("network --out: %+v", r)
	}
	if r := ctl(t, "audit", "--data", ccas, "--action", "export"); r.code != exitOK || !strings.Contains(r.stdout, `"actor":"entraidectl"`) ||
		!strings.Contains(r.stdout, "xlsx") {
		t.Fatalf("the figures' export is not in the audit trail: %+v", r)
	}
	if r := ctl(t, "network", "--data", ccas, "--out", filepath.Join(t.TempDir(), "reseau.ods")); r.code != exitUsage {
		t.Fatalf("network --out .ods: %+v", r)
	}
	if r := ctl(t, "network", "--data", ccas, "--month", month, "--year", "2026"); r.code != exitUsage {
		t.Fatalf("--month with --year: %+v", r)
	}

	// A donation of 400 packs shared by persons served, as the two reports say.
	r = ctl(t, "donation", "split", "--data", ccas, "--quantity", "400", "--basis", "persons", "--months", "1",
		"--last-month", month, "--unit", "paquets", "--save", "Couches taille 3")
	var table struct {
		Allocations []struct {
			Association string  `json:"association"`
			Basis       float64 `json:"basis"`
			Share       float64 `json:"share"`
			Quantity    int     `json:"quantity"`
		} `json:"allocations"`
		Rule string `json:"rule"`
	}
	mustJSON(t, r.stdout, &table)
	given := 0
	for _, a := range table.Allocations {
		exact := 400 * float64(counts[a.Association].PersonsServed) / float64(total)
		if a.Basis != float64(counts[a.Association].PersonsServed) || a.Share < exact-1e-9 || a.Share > exact+1e-9 ||
			float64(a.Quantity) < exact-1 || float64(a.Quantity) > exact+1 {
			t.Errorf("%s: %+v, exact share %.3f", a.Association, a, exact)
		}
		given += a.Quantity
	}
	if r.code != exitOK || given != 400 || len(table.Allocations) != 2 || !strings.Contains(table.Rule, "plus forts restes") {
		t.Fatalf("donation split: %+v", r)
	}
	if r := ctl(t, "donation", "list", "--data", ccas); !strings.Contains(r.stdout, "Couches taille 3") {
		t.Fatalf("donation list: %+v", r)
	}
	if r := ctl(t, "donation", "split", "--data", ccas, "--quantity", "400", "--basis", "persons", "--last-month", "2001-01"); r.code != exitError ||
		!strings.Contains(r.stderr, "no association taking part has any need") {
		t.Fatalf("a period without reports: %+v", r)
	}

	// A year of meetings, in turn at the two associations that lend a room, with its calendar.
	ics := filepath.Join(t.TempDir(), "reunions-2027.ics")
	r = ctl(t, "meeting", "plan", "--data", ccas, "--year", "2027", "--weekday", "th", "--time", "18:30", "--out", ics)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != exitOK || len(lines) != 7 {
		t.Fatalf("meeting plan: %+v", r)
	}
	var previous string
	for _, line := range lines[:6] {
		var p struct {
			Start    string `json:"start"`
			HostID   string `json:"host_id"`
			HostRule string `json:"host_rule"`
		}
		mustJSON(t, line, &p)
		if p.HostID == "" || p.HostID == previous || p.Start != "18:30" || p.HostRule == "" {
			t.Errorf("meeting %+v after one at %s", p, previous)
		}
		previous = p.HostID
	}
	if calendar, err := os.ReadFile(ics); err != nil || strings.Count(string(calendar), "BEGIN:VEVENT") != 6 {
		t.Fatalf("the calendar: %v", err)
	}
	if r := ctl(t, "meeting", "plan", "--data", filepath.Join(dir, "assoc1"), "--year", "2027"); r.code != exitError ||
		!strings.Contains(r.stderr, "kept by the CCAS") {
		t.Fatalf("meeting plan in an association's folder: %+v", r)
	}
	meetingLife(t, ccas)

	// The directory: published by the CCAS, imported by an association, searched and exported.
	directory := filepath.Join(t.TempDir(), "annuaire.json")
	if r := ctl(t, "directory", "publish", "--data", ccas, "--out", directory); r.code != exitOK || !strings.Contains(r.stdout, `"version":1`) {
		t.Fatalf("directory publish: %+v", r)
	}
	assoc1 := filepath.Join(dir, "assoc1")
	if r := ctl(t, "import", "--data", assoc1, directory); r.code != exitOK || !strings.Contains(r.stdout, `"accepted":true`) {
		t.Fatalf("directory import: %+v", r)
	}
	if r := ctl(t, "import", "--data", assoc1, directory); r.code != exitError || !strings.Contains(r.stdout, `"code":"old_directory"`) {
		t.Fatalf("the same directory again: %+v", r)
	}
	var news struct {
		Meetings  []struct{ Host string } `json:"meetings"`
		Donations []struct {
			Quantity int    `json:"quantity"`
			Given    bool   `json:"given"`
			Sentence string `json:"sentence"`
		} `json:"donations"`
	}
	r = ctl(t, "bulletin", "--data", assoc1)
	if r.code != exitOK {
		t.Fatalf("bulletin: %+v", r)
	}
	mustJSON(t, r.stdout, &news)
	if len(news.Meetings) != 6 || len(news.Donations) != 1 || !news.Donations[0].Given || news.Donations[0].Quantity == 0 ||
		!strings.HasPrefix(news.Donations[0].Sentence, "Don du CCAS : ") {
		t.Fatalf("the association's bulletin: %+v", news)
	}
	saturday := "2026-11-28T10:00:00+01:00" // the demo Épicerie solidaire du Pile opens on Saturday mornings (both demo associations have one)
	r = ctl(t, "directory", "search", "--data", assoc1, "--activity", "social_grocery", "--open-at", saturday)
	if r.code != exitOK || strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stdout, `"open_now":true`) || !strings.Contains(r.stdout, "Épicerie solidaire du Pile") {
		t.Fatalf("directory search: %+v", r)
	}
	for _, format := range []string{"hsds", "data-inclusion", "osm", "html", "pdf"} {
		out := filepath.Join(t.TempDir(), "export."+format)
		if r := ctl(t, "directory", "export", "--data", assoc1, "--format", format, "--out", out); r.code != exitOK {
			t.Fatalf("export %s: %+v", format, r)
		}
	}
}

// reportPayload is a signed report's counts, its generation time left out.
func reportPayload(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Payload map[string]any `json:"payload"`
	}
	mustJSON(t, string(raw), &file)
	if file.Payload == nil {
		t.Fatalf("%s has no payload", path)
	}
	delete(file.Payload, "generated_at")
	out, err := json.Marshal(file.Payload)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// A household served last month is erased at the person's request: last month's report,
// made again, is the same (counts, age bands, household types, sketch).
func TestErasureKeepsLastMonthsReport(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	ccas, assoc := filepath.Join(dir, "ccas"), filepath.Join(dir, "assoc")
	month := storage.MonthOf(storage.DateOf(time.Now()).FirstOfMonth().AddMonths(-1)).String()
	invitation := filepath.Join(files, "invitation.json")
	ctl(t, "init", "--data", ccas, "--name", "CCAS de Roubaix", "--mode", "ccas")
	ctl(t, "invite", "--data", ccas, "--association", "Les Amis du Pile", "--out", invitation)
	ctl(t, "demo", "--data", assoc, "--households", "80", "--months", "3", "--seed", "4")
	ctl(t, "join", "--data", assoc, "--invitation", invitation)
	var out bytes.Buffer
	if err := cmdPassphrase(context.Background(), []string{"--data", assoc}, strings.NewReader("abricot balcon cerise dauphin\n"), &out); err != nil {
		t.Fatal(err)
	}
	before, after := filepath.Join(files, "avant.json"), filepath.Join(files, "apres.json")
	if r := ctl(t, "report", "--data", assoc, "--month", month, "--out", before); r.code != exitOK {
		t.Fatalf("report: %+v", r)
	}

	card := servedCard(t, assoc, month)
	if r := ctl(t, "purge", "--data", assoc, "--card", card); r.code != exitOK || !strings.Contains(r.stdout, `"deleted":0`) {
		t.Fatalf("erasure without --yes: %+v", r)
	}
	if r := ctl(t, "purge", "--data", assoc, "--card", card, "--yes"); r.code != exitOK || !strings.Contains(r.stdout, `"deleted":1`) {
		t.Fatalf("erasure: %+v", r)
	}
	if r := ctl(t, "search", "--data", assoc, card); strings.Contains(r.stdout, card) {
		t.Fatalf("the erased household is still found: %+v", r)
	}
	if r := ctl(t, "report", "--data", assoc, "--month", month, "--out", after); r.code != exitOK {
		t.Fatalf("report after the erasure: %+v", r)
	}
	if a, b := reportPayload(t, before), reportPayload(t, after); a != b {
		t.Fatalf("last month's report changed with the erasure:\nbefore %s\nafter  %s", a, b)
	}
	if r := ctl(t, "audit", "--data", assoc); !strings.Contains(r.stdout, `"action":"erase"`) || strings.Contains(r.stdout, card) {
		t.Fatalf("audit after the erasure: %s", r.stdout)
	}
}

// servedCard is the card of a household with a full birth date served in month.
func servedCard(t *testing.T, dir, month string) string {
	t.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first, err := storage.MonthStart(month)
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.MonthData(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range data.Persons {
		if !p.BirthDate.IsZero() {
			h, err := s.Household(ctx, p.HouseholdID)
			if err != nil {
				t.Fatal(err)
			}
			return h.Card
		}
	}
	t.Fatal("no household with a birth date served last month")
	return ""
}

// lendRoom says in an association's listing that it lends a room of seats for meetings.
// meetingLife keeps a year of meetings through the command line: saved once, a host
// changed only with a reason, agenda, attendance, minutes whose decisions the next
// meeting follows up, a cancellation and the calendars.
func meetingLife(t *testing.T, ccas string) {
	t.Helper()
	r := ctl(t, "meeting", "plan", "--data", ccas, "--year", "2027", "--save")
	if r.code != exitOK || !strings.Contains(r.stdout, `"saved":6`) {
		t.Fatalf("meeting plan --save: %+v", r)
	}
	if r := ctl(t, "meeting", "plan", "--data", ccas, "--year", "2027", "--save"); r.code != exitOK || !strings.Contains(r.stdout, `"saved":0`) {
		t.Fatalf("the same year saved again: %+v", r)
	}
	r = ctl(t, "meeting", "list", "--data", ccas)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var meetings []storage.Meeting
	for _, line := range lines {
		var m storage.Meeting
		mustJSON(t, line, &m)
		meetings = append(meetings, m)
	}
	if r.code != exitOK || len(meetings) != 6 || meetings[0].Day.Month != time.January || meetings[0].Status != storage.MeetingPlanned {
		t.Fatalf("meeting list: %+v", r)
	}
	first, second := meetings[0], meetings[1]
	other := ""
	for _, name := range []string{"Les Amis du Pile", "Resto de l'Alma"} { // the one that is not the first host
		if r := ctl(t, "meeting", "host", "--data", ccas, "--id", first.Day.String(), "--association", name); r.code == exitError {
			if !strings.Contains(r.stderr, "needs a reason, give --reason") {
				t.Fatalf("another host without a reason: %+v", r)
			}
			other = name
		}
	}
	if other == "" {
		t.Fatal("another host was accepted without a reason")
	}
	r = ctl(t, "meeting", "host", "--data", ccas, "--id", first.Day.String(), "--association", other, "--reason", "salle en travaux", "--time", "10:00")
	if r.code != exitOK || !strings.Contains(r.stdout, `"override_reason":"salle en travaux"`) || !strings.Contains(r.stdout, `"sequence":1`) ||
		!strings.Contains(r.stdout, `"start":"10:00"`) {
		t.Fatalf("meeting host: %+v", r)
	}
	if r := ctl(t, "meeting", "agenda", "--data", ccas, "--id", first.ID, "--add", "Collecte de printemps", "--by", "CCAS", "--minutes", "30"); r.code != exitOK {
		t.Fatalf("meeting agenda: %+v", r)
	}
	if r := ctl(t, "meeting", "attend", "--data", ccas, "--id", first.ID, "--association", "resto de l'alma", "--status", "excused"); r.code != exitOK ||
		!strings.Contains(r.stdout, `"association":"Resto de l'Alma"`) {
		t.Fatalf("meeting attend: %+v", r)
	}
	if r := ctl(t, "meeting", "attend", "--data", ccas, "--id", first.ID, "--association", "Inconnue", "--status", "present"); r.code != exitError ||
		!strings.Contains(r.stderr, "no association of the network") {
		t.Fatalf("attendance of an unknown association: %+v", r)
	}
	text := filepath.Join(t.TempDir(), "cr.txt")
	if err := os.WriteFile(text, []byte("Tour de table.\nDécision : acheter un congélateur\n- décision : refaire les affiches\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := ctl(t, "meeting", "minutes", "--data", ccas, "--id", first.ID, "--file", text); r.code != exitOK ||
		!strings.Contains(r.stdout, `"decisions":["acheter un congélateur","refaire les affiches"]`) {
		t.Fatalf("meeting minutes: %+v", r)
	}
	var shown struct {
		Meeting  storage.Meeting    `json:"meeting"`
		FollowUp []storage.Decision `json:"follow_up"`
	}
	mustJSON(t, ctl(t, "meeting", "show", "--data", ccas, "--id", first.ID).stdout, &shown)
	if shown.Meeting.Status != storage.MeetingHeld || len(shown.Meeting.Items) != 1 || len(shown.Meeting.Attendance) != 1 || len(shown.Meeting.Decisions) != 2 {
		t.Fatalf("meeting show: %+v", shown)
	}
	if r := ctl(t, "meeting", "decision", "--data", ccas, "--id", shown.Meeting.Decisions[1].ID, "--done"); r.code != exitOK {
		t.Fatalf("meeting decision: %+v", r)
	}
	mustJSON(t, ctl(t, "meeting", "show", "--data", ccas, "--id", second.ID).stdout, &shown)
	if len(shown.FollowUp) != 1 || shown.FollowUp[0].Text != "acheter un congélateur" {
		t.Fatalf("the next meeting follows up %+v", shown.FollowUp)
	}
	cancel := filepath.Join(t.TempDir(), "annulation.ics")
	if r := ctl(t, "meeting", "cancel", "--data", ccas, "--id", meetings[5].ID, "--out", cancel); r.code != exitOK || !strings.Contains(r.stdout, `"status":"cancelled"`) {
		t.Fatalf("meeting cancel: %+v", r)
	}
	if calendar, err := os.ReadFile(cancel); err != nil || !strings.Contains(string(calendar), "METHOD:CANCEL") || !strings.Contains(string(calendar), "STATUS:CANCELLED") {
		t.Fatalf("the cancellation's calendar: %v\n%s", err, calendar)
	}
	for _, kind := range []string{"convocation", "attendance", "minutes"} {
		pdf := filepath.Join(t.TempDir(), kind+".pdf")
		if r := ctl(t, "meeting", "print", "--data", ccas, "--id", first.ID, "--kind", kind, "--out", pdf); r.code != exitOK {
			t.Fatalf("meeting print %s: %+v", kind, r)
		}
		if content, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(content, []byte("%PDF-")) {
			t.Fatalf("the %s is not a PDF: %v", kind, err)
		}
	}
	year := filepath.Join(t.TempDir(), "annee.ics")
	if r := ctl(t, "meeting", "ics", "--data", ccas, "--year", "2027", "--out", year); r.code != exitOK || !strings.Contains(r.stdout, `"meetings":6`) {
		t.Fatalf("meeting ics --year: %+v", r)
	}
	calendar, err := os.ReadFile(year)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SEQUENCE:2", "Collecte de printemps", "Suivi des d", "STATUS:CANCELLED", "UID:reunion-" + first.ID} {
		if !strings.Contains(strings.ReplaceAll(string(calendar), "\r\n ", ""), want) {
			t.Errorf("the year's calendar lacks %q", want)
		}
	}
	if r := ctl(t, "meeting", "ics", "--data", ccas, "--year", "2031", "--out", filepath.Join(t.TempDir(), "x.ics")); r.code != exitError ||
		!strings.Contains(r.stderr, "no meeting is planned in 2031") {
		t.Fatalf("a year without meetings: %+v", r)
	}
}
