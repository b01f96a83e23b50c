package main

import (
	"bytes"
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

type result struct {
	code           int
	stdout, stderr string
}

func ctl(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("output %q is not JSON: %v", s, err)
	}
}

// A whole day through the command line: set up, demo data, search, check in, refused, override.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	if r := ctl(t, "init", "--data", dir, "--name", "Les Amis du Pile"); r.code != exitOK {
		t.Fatalf("init: %+v", r)
	}
	if r := ctl(t, "init", "--data", dir, "--name", "Encore"); r.code != exitError || !strings.Contains(r.stderr, "already") {
		t.Fatalf("second init: %+v, want refused", r)
	}
	r := ctl(t, "demo", "--data", dir, "--households", "50", "--months", "3", "--seed", "3")
	if r.code != exitOK {
		t.Fatalf("demo: %+v", r)
	}
	var made map[string]int
	mustJSON(t, r.stdout, &made)

	var stats map[string]any
	r = ctl(t, "stats", "--data", dir)
	mustJSON(t, r.stdout, &stats)
	for _, key := range []string{"households", "persons", "visits", "sites", "active_households"} {
		if _, ok := stats[key]; !ok {
			t.Errorf("stats lacks %q: %s", key, r.stdout)
		}
	}
	if int(stats["households"].(float64)) != 50 || int(stats["visits"].(float64)) == 0 {
		t.Fatalf("stats after demo: %s", r.stdout)
	}

	// Search a name taken from the demo data, without its accents.
	r = ctl(t, "search", "--data", dir, "--limit", "1", "a")
	var line searchLine
	mustJSON(t, strings.SplitN(r.stdout, "\n", 2)[0], &line)
	name := strings.Fields(line.Members[0])
	r = ctl(t, "search", "--data", dir, storage.NormalizeName(name[len(name)-1]))
	if r.code != exitOK || !strings.Contains(r.stdout, `"card":"`+line.Card+`"`) {
		t.Fatalf("search by last name %q: %+v, want card %s", name, r, line.Card)
	}

	// A new household through the store, then check-ins through the command line.
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.SaveHousehold(context.Background(), storage.HouseholdInput{Members: []storage.MemberInput{
		{LastName: "Zylberstein", FirstName: "Noé", BirthYear: 1977}}})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	r = ctl(t, "checkin", "--data", dir, "--card", h.Card, "--at", "2026-11-20T10:00:00+01:00")
	if r.code != exitOK || !strings.Contains(r.stdout, `"persons_served":1`) {
		t.Fatalf("checkin: %+v", r)
	}
	r = ctl(t, "checkin", "--data", dir, "--card", h.Card, "--at", "2026-11-23T10:00:00+01:00")
	if r.code != exitRefused || !strings.Contains(r.stderr, "min_interval") || !strings.Contains(r.stderr, "3 day") {
		t.Fatalf("checkin 3 days later: %+v, want exit 3 naming the rule", r)
	}
	r = ctl(t, "checkin", "--data", dir, "--card", h.Card, "--at", "2026-11-23T10:00:00+01:00", "--override", "enfant malade")
	if r.code != exitOK || !strings.Contains(r.stdout, "enfant malade") {
		t.Fatalf("checkin with override: %+v", r)
	}
	r = ctl(t, "search", "--data", dir, "zylber")
	if !strings.Contains(r.stdout, `"last_visit":"2026-11-23T10:00:00+01:00"`) {
		t.Fatalf("search after check-in: %s", r.stdout)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Asso")
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.SaveHousehold(context.Background(), storage.HouseholdInput{Members: []storage.MemberInput{{LastName: "A", FirstName: "B"}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	typo := h.Card[:2] + string(rune('0'+(h.Card[2]-'0'+1)%10)) + h.Card[3:]
	notDB := t.TempDir()
	os.WriteFile(filepath.Join(notDB, storage.DatabaseFile), []byte("hello"), 0o600)
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no command", nil, exitUsage, "usage"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"init without name", []string{"init", "--data", t.TempDir()}, exitUsage, "--name"},
		{"unknown flag", []string{"stats", "--verbose"}, exitUsage, "verbose"},
		{"mistyped card", []string{"checkin", "--data", dir, "--card", typo}, exitError, "invalid card number"},
		{"card of nobody", []string{"checkin", "--data", dir, "--card", storage.CardForSeq(99999)}, exitError, "no household"},
		{"no card", []string{"checkin", "--data", dir}, exitUsage, "--card"},
		{"bad time", []string{"checkin", "--data", dir, "--card", h.Card, "--at", "yesterday"}, exitUsage, "--at"},
		{"not a database", []string{"stats", "--data", notDB}, exitError, "not an Entraide database"},
		{"no database yet", []string{"stats", "--data", t.TempDir()}, exitError, "entraidectl init"},
		{"folder cannot be created", []string{"init", "--data", filepath.Join(blocker, "x"), "--name", "A"}, exitError, "cannot be created"},
		{"search without query", []string{"search", "--data", dir}, exitUsage, "QUERY"},
		{"demo into a filled folder", []string{"demo", "--data", dir}, exitError, "already holds households"},
		{"check a file that is not a database", []string{"check", "--data", notDB}, exitError, "not an Entraide database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ctl(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.says) {
				t.Fatalf("exit %d, stderr %q; want exit %d saying %q", r.code, r.stderr, tt.code, tt.says)
			}
		})
	}
	if r := ctl(t, "check", "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, `"integrity":"ok"`) {
		t.Fatalf("check: %+v", r)
	}
	r := ctl(t, "stats", "--data", dir)
	if !strings.Contains(r.stdout, `"visits":0`) || !strings.Contains(r.stdout, `"households":1`) {
		t.Fatalf("bad input changed the data: %s", r.stdout)
	}
	if got, err := os.ReadFile(filepath.Join(notDB, storage.DatabaseFile)); err != nil || string(got) != "hello" {
		t.Fatal("a file that is not a database was changed")
	}
}

// entraidectl must build without cgo, for machines without a C compiler.
func TestBuildsWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	out := filepath.Join(t.TempDir(), "entraidectl")
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, msg)
	}
	var stdout bytes.Buffer
	run := exec.Command(out, "init", "--data", t.TempDir(), "--name", "Binaire")
	run.Stdout = &stdout
	if err := run.Run(); err != nil || !strings.Contains(stdout.String(), "Binaire") {
		t.Fatalf("running the binary: %v %s", err, stdout.String())
	}
}

func TestBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Asso")
	ctl(t, "demo", "--data", dir, "--households", "20", "--months", "2")
	if r := ctl(t, "backup", "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, storage.BackupFolder) {
		t.Fatalf("automatic backup: %+v", r)
	}
	usb := filepath.Join(t.TempDir(), "sauvegarde.age")
	var out bytes.Buffer
	if err := cmdBackup(context.Background(), []string{"--data", dir, "--out", usb, "--encrypt"}, strings.NewReader("phrase de secours\n"), &out); err != nil {
		t.Fatal(err)
	}
	if err := cmdRestore(context.Background(), []string{"--data", dir, usb}, strings.NewReader("pas la bonne\n"), &out); err == nil {
		t.Fatal("restored with a wrong passphrase")
	}
	out.Reset()
	if err := cmdRestore(context.Background(), []string{"--data", dir, usb}, strings.NewReader("phrase de secours\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"households":20`) || !strings.Contains(out.String(), "previous_kept_as") {
		t.Fatalf("restore: %s", out.String())
	}
	if r := ctl(t, "check", "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, `"households":20`) {
		t.Fatalf("check after restore: %+v", r)
	}
}

func TestRetentionAccessAndAudit(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Asso")
	ctl(t, "demo", "--data", dir, "--households", "60", "--months", "36", "--seed", "2")
	r := ctl(t, "purge", "--data", dir)
	var listed struct {
		Inactive int      `json:"inactive_households"`
		Cards    []string `json:"cards"`
	}
	mustJSON(t, r.stdout, &listed)
	if r.code != exitOK || listed.Inactive == 0 || len(listed.Cards) != listed.Inactive {
		t.Fatalf("purge listing: %+v", r)
	}
	card := listed.Cards[0]
	pdf := filepath.Join(t.TempDir(), "acces.pdf")
	if r := ctl(t, "access", "--data", dir, "--card", card, "--out", pdf); r.code != exitOK {
		t.Fatalf("access: %+v", r)
	}
	if text, err := exec.Command("pdftotext", pdf, "-").Output(); err != nil || !strings.Contains(string(text), "carte "+card) {
		t.Fatalf("access PDF: %v %s", err, text)
	}
	if r := ctl(t, "purge", "--data", dir, "--yes"); r.code != exitOK || !strings.Contains(r.stdout, fmt.Sprintf(`"deleted":%d`, listed.Inactive)) {
		t.Fatalf("purge: %+v", r)
	}
	if r := ctl(t, "access", "--data", dir, "--card", card, "--out", filepath.Join(t.TempDir(), "x.json")); r.code != exitError {
		t.Fatalf("access to a purged household: %+v", r)
	}
	r = ctl(t, "audit", "--data", dir)
	if !strings.Contains(r.stdout, `"action":"purge"`) || !strings.Contains(r.stdout, `"action":"access_export"`) || strings.Contains(r.stdout, card) {
		t.Fatalf("audit: %s", r.stdout)
	}
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Asso")
	var out bytes.Buffer
	if err := cmdUser(context.Background(), []string{"add", "--data", dir, "--name", "Bernard"}, strings.NewReader("2468\n"), &out); err != nil {
		t.Fatal(err)
	}
	if err := cmdUser(context.Background(), []string{"add", "--data", dir, "--name", "Court"}, strings.NewReader("12\n"), &out); err == nil {
		t.Fatal("a two-digit PIN was accepted")
	}
	if r := ctl(t, "user", "list", "--data", dir); !strings.Contains(r.stdout, `"name":"Bernard","role":"volunteer"`) {
		t.Fatalf("list: %+v", r)
	}
	if r := ctl(t, "user", "disable", "--data", dir, "--name", "bernard"); r.code != exitOK {
		t.Fatalf("disable: %+v", r)
	}
	if r := ctl(t, "user", "list", "--data", dir); strings.TrimSpace(r.stdout) != "" {
		t.Fatalf("list after disable: %q", r.stdout)
	}
}

// Each audited action, done through the command line, is in the audit trail: the same
// owner writes it as when a screen does it (see ui's TestAuditedActionsFromTheScreens).
func TestAuditedActionsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Asso")
	ctl(t, "demo", "--data", dir, "--households", "10", "--months", "2", "--seed", "3")
	r := ctl(t, "search", "--data", dir, "a")
	var hits []struct {
		Card string `json:"card"`
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var h struct {
			Card string `json:"card"`
		}
		mustJSON(t, line, &h)
		hits = append(hits, h)
	}
	if len(hits) == 0 {
		t.Fatalf("search: %+v", r)
	}
	out := t.TempDir()
	var stdout bytes.Buffer
	steps := []struct {
		action string
		run    func() error
	}{
		{storage.AuditAccessExport, func() error {
			if r := ctl(t, "access", "--data", dir, "--card", hits[0].Card, "--out", filepath.Join(out, "acces.json")); r.code != exitOK {
				return fmt.Errorf("access: %+v", r)
			}
			return nil
		}},
		{storage.AuditBackup, func() error {
			return cmdBackup(context.Background(), []string{"--data", dir, "--out", filepath.Join(out, "copie.age"), "--encrypt"},
				strings.NewReader("une phrase assez longue\n"), &stdout)
		}},
		{storage.AuditBackup, func() error {
			return cmdBackup(context.Background(), []string{"--data", dir, "--out", filepath.Join(out, "copie.db")}, strings.NewReader(""), &stdout)
		}},
	}
	for i, step := range steps {
		if err := step.run(); err != nil {
			t.Fatalf("step %d (%s): %v", i, step.action, err)
		}
		s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		trail, err := s.AuditTrail(context.Background(), time.Time{}, step.action)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if i == 2 {
			want = 2 // the second backup
		}
		if len(trail) != want || trail[len(trail)-1].Actor != "entraidectl" {
			t.Fatalf("step %d (%s): audit trail %+v", i, step.action, trail)
		}
	}
}

// Cards through the command line: print all, print one, replace a lost card; the old
// number is refused at check-in with the new one named, and nothing is recorded.
func TestCardsAndReplacement(t *testing.T) {
	dir := t.TempDir()
	ctl(t, "init", "--data", dir, "--name", "Les Amis du Pile")
	ctl(t, "demo", "--data", dir, "--households", "25", "--months", "2", "--seed", "4")
	out := t.TempDir()
	var all struct {
		Cards []string `json:"cards"`
		Pages int      `json:"pages"`
	}
	r := ctl(t, "cards", "--data", dir, "--out", filepath.Join(out, "toutes.pdf"))
	mustJSON(t, r.stdout, &all)
	if r.code != exitOK || len(all.Cards) == 0 || all.Pages != (len(all.Cards)+9)/10 {
		t.Fatalf("cards: %+v", r)
	}
	lost := all.Cards[0]
	r = ctl(t, "cards", "--data", dir, "--card", lost, "--card", all.Cards[1], "--out", filepath.Join(out, "deux.pdf"))
	var two struct {
		Cards []string `json:"cards"`
		Pages int      `json:"pages"`
	}
	mustJSON(t, r.stdout, &two)
	if r.code != exitOK || two.Pages != 1 || len(two.Cards) != 2 {
		t.Fatalf("two cards: %+v", r)
	}
	r = ctl(t, "card", "replace", "--data", dir, "--card", lost)
	var replaced struct {
		Old  string `json:"old_card"`
		Card string `json:"card"`
	}
	mustJSON(t, r.stdout, &replaced)
	if r.code != exitOK || replaced.Old != lost || replaced.Card == lost {
		t.Fatalf("card replace: %+v", r)
	}
	visits := func() int {
		var st struct {
			Visits int `json:"visits"`
		}
		mustJSON(t, ctl(t, "stats", "--data", dir).stdout, &st)
		return st.Visits
	}
	before := visits()
	r = ctl(t, "checkin", "--data", dir, "--card", lost, "--override", "test")
	if r.code != exitRefused || !strings.Contains(r.stderr, "replaced") || !strings.Contains(r.stderr, replaced.Card) {
		t.Fatalf("check-in with the lost card: %+v", r)
	}
	if after := visits(); after != before {
		t.Fatalf("the lost card recorded a visit: %d, then %d", before, after)
	}
	if r := ctl(t, "checkin", "--data", dir, "--card", replaced.Card, "--override", "test"); r.code != exitOK {
		t.Fatalf("check-in with the new card: %+v", r)
	}
	if r := ctl(t, "cards", "--data", dir, "--card", lost, "--out", filepath.Join(out, "perdue.pdf")); r.code != exitRefused ||
		!strings.Contains(r.stderr, "replaced") {
		t.Fatalf("printing the lost card: %+v", r)
	}
	if r := ctl(t, "cards", "--data", dir, "--out", filepath.Join(out, "x.txt")); r.code != exitUsage {
		t.Fatalf("cards without a PDF: %+v", r)
	}
}
