package printout_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"entraide/storage"
	"entraide/sync/printout"
)

func cardHolders(n int) []storage.CardHolder {
	var list []storage.CardHolder
	names := [][2]string{{"Marie-Thérèse", "Lefèvre"}, {"Moussa", "Diallo"}, {"Aïcha", "N'Diaye"}, {"Jean", "Van Damme"}}
	for i := range n {
		name := names[i%len(names)]
		list = append(list, storage.CardHolder{HouseholdID: "h" + string(rune('a'+i)), Card: storage.CardForSeq(int64(10001 + i)),
			FirstName: name[0], LastName: name[1], EligibleUntil: storage.Date{Year: 2027, Month: 6, Day: 30}})
	}
	return list
}

// decodeBarcodes renders each page at 300 dpi and reads every barcode on it, as a
// scanner would read the printed card.
func decodeBarcodes(t *testing.T, pdf []byte) []string {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: scripts/install-deps.sh installs it", tool)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cartes.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "300", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "page*.png"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no page rendered: %v", err)
	}
	var codes []string
	for _, page := range pages {
		out, err := exec.Command("zbarimg", "--quiet", "--raw", "-Scode128.enable", page).Output()
		if err != nil {
			t.Fatalf("zbarimg %s: %v", filepath.Base(page), err)
		}
		codes = append(codes, strings.Fields(string(out))...)
	}
	slices.Sort(codes)
	return codes
}

// Twelve cards on two sheets: every barcode decodes to its card number, and each card
// shows the name as the association chose.
func TestCardsScanBack(t *testing.T) {
	holders := cardHolders(12)
	pdf, err := printout.CardsPDF("Les Amis du Pile", holders, storage.CardNameFirstInitial)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range holders {
		want = append(want, h.Card)
	}
	slices.Sort(want)
	if got := decodeBarcodes(t, pdf); !slices.Equal(got, want) {
		t.Fatalf("barcodes read %v, want %v", got, want)
	}
	text := pdfToText(t, pdf)
	for _, must := range []string{"Les Amis du Pile", "Marie-Thérèse L.", "Aïcha N.", holders[11].Card, "Valable jusqu'au 30/06/2027"} {
		if !strings.Contains(text, must) {
			t.Errorf("the cards lack %q", must)
		}
	}
	if strings.Contains(text, "Lefèvre") {
		t.Error("the last name is printed whole by default")
	}
	for show, want := range map[storage.CardName]string{storage.CardNameFull: "Marie-Thérèse LEFÈVRE", storage.CardNameNone: ""} {
		pdf, err := printout.CardsPDF("Les Amis du Pile", holders[:1], show)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfToText(t, pdf)
		if (want == "" && strings.Contains(text, "Marie")) || (want != "" && !strings.Contains(text, want)) {
			t.Errorf("%s: the card shows %q", show, text)
		}
	}
	if _, err := printout.CardsPDF("Asso", nil, storage.CardNameFull); err == nil {
		t.Error("an empty sheet was printed")
	}
}

func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
