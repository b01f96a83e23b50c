package realwindow

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A former list imported with the keyboard alone, on a small laptop screen, into 20,000
// households: Ctrl+I, Enter into Documents, Enter on the file, Enter checks (nothing is
// written), Enter imports. Then the check-in desk types an old file number, as on the
// old cards, and records the distribution.
func TestImportWizardWithKeyboard(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "Documents"), 0o700); err != nil {
		t.Fatal(err)
	}
	list := []string{"Liste des bénéficiaires (ancien fichier);;;", "N° dossier;NOM;Prénom;Date de naissance;Adresse"}
	for i := 1; i <= 40; i++ {
		// Names the demo data never draw, so that no row is taken for a registered person.
		list = append(list, fmt.Sprintf("R-%03d;ZANETTI-%c;Ottavia;%02d/%02d/19%02d;%d rue de Lille", i, 'A'+rune(i%26), 1+i%28, 1+i%12, 40+i, i))
	}
	file := filepath.Join(home, "Documents", "beneficiaires.csv")
	if err := os.WriteFile(file, []byte(strings.Join(list, "\r\n")+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := OpenStore(t, dir)
	before, err := s.HouseholdSummaries(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	w := Start(t, p, Options{Data: dir, Home: home, Screen: "1024x600"})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Key("ctrl+i")
	w.WaitFor("the file window", 1, 10*time.Second, Named("screen", "files"))
	w.Key("Return", "Return") // into Documents, then its only file
	w.WaitFor("the import wizard", 1, 20*time.Second, Named("screen", "import"))
	w.Screenshot("import-mapping")
	w.Key("Return") // "Check" has the keyboard
	checked := w.WaitFor("the check", 1, 30*time.Second, Named("import-checked"))
	if checked[0].Detail != "40" {
		t.Fatalf("the check would register %s households, want 40", checked[0].Detail)
	}
	w.Screenshot("import-checked")
	checkFits(t, w)
	w.Key("Return") // "Import" has the keyboard once the check passed
	w.WaitFor("the import", 1, 30*time.Second, Named("imported", "40"))
	w.Key("ctrl+1")
	w.Type("R-007", 20*time.Millisecond)
	w.Key("Return")
	w.WaitFor("the household of old number R-007", 1, 10*time.Second, Named("shown"))
	w.Key("Return")
	w.WaitFor("the distribution", 1, 10*time.Second, Named("recorded"))
	w.Screenshot("old-number-recorded")
	w.Close()

	s = OpenStore(t, dir)
	after, err := s.HouseholdSummaries(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+40 {
		t.Fatalf("%d households after the import, %d before", len(after), len(before))
	}
	id, err := s.HouseholdIDByOldNumber(context.Background(), "R-007")
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Household(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	served, _ := VisitsToday(t, s)
	if len(served) != 1 || served[0] != h.Card || h.Members[0].LastName != "ZANETTI-H" {
		t.Fatalf("served %v, want the card %s of %+v", served, h.Card, h.Members)
	}
}
