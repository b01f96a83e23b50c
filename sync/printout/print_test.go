package printout_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/internal/synctest"
	"entraide/sync/printout"
)

func TestHoursFrench(t *testing.T) {
	got := printout.HoursFrench(storage.Schedule{Rules: []storage.OpeningRule{
		{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"},
		{Weekday: time.Tuesday, Positions: []int{1, 3}, Opens: "14:00", Closes: "17:00"},
		{Weekday: time.Friday, Positions: []int{-1}, Opens: "10:00", Closes: "12:30"}}})
	want := "samedi 9 h 00 – 12 h 00 ; 1er et 3e mardi du mois 14 h 00 – 17 h 00 ; dernier vendredi du mois 10 h 00 – 12 h 30 ; fermé les jours fériés"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// pdfText extracts a PDF's text with pdftotext when it is installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install poppler-utils (make test does)")
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestGuideAndSlip(t *testing.T) {
	d := synctest.ExportDirectory()
	d.Version, d.PublishedAt = 3, time.Date(2026, 11, 20, 10, 0, 0, 0, storage.Paris)
	html, err := printout.GuideHTML(d)
	if err != nil || !strings.Contains(string(html), "Épicerie solidaire") || !strings.Contains(string(html), "Épicerie de l&#39;Alma") {
		t.Fatalf("guide HTML: %v\n%s", err, html)
	}
	pdf, err := printout.GuidePDF(d)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "Colis alimentaire") {
		t.Fatalf("guide PDF text: %q", text[:min(len(text), 300)])
	}
	now := time.Date(2026, 11, 19, 16, 0, 0, 0, storage.Paris) // a Thursday
	slip := printout.NewSlip("Les Amis du Pile", d.Entries[0], d.Entries[0].Listing.Sites[0], "Ștefania Łukasiewicz", now)
	lines := strings.Join(slip.Lines(), "\n")
	for _, want := range []string{"Pour : Ștefania Łukasiewicz", "Resto du Pile", "samedi 21/11/2026 de 9 h 00 à 12 h 00", "Contact : Josiane"} {
		if !strings.Contains(lines, want) {
			t.Errorf("slip lacks %q:\n%s", want, lines)
		}
	}
	pdf, err = printout.SlipPDF(slip)
	if err != nil {
		t.Fatal(err)
	}
	// Names print as typed, letters beyond Western European ones included.
	if text := pdfText(t, pdf); !strings.Contains(text, "Fiche de liaison") || !strings.Contains(text, "Ștefania Łukasiewicz") ||
		!strings.Contains(text, "9 h 00 à 12 h 00") {
		t.Fatalf("slip PDF text: %q", text)
	}
	if len(pdf) > 200_000 {
		t.Fatalf("the slip PDF weighs %d bytes: the font is not subset", len(pdf))
	}
}

func TestInformationNotice(t *testing.T) {
	pdf, err := printout.InformationNoticePDF("Les Amis du Pile", time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Les Amis du Pile", "deux ans", "CNIL", "23/11/2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q", want)
		}
	}
}
