package realwindow

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A volunteer directs someone to another association with the keyboard alone, on a
// small screen: Ctrl+6, a word of its name (« resto »), Enter (the first result chosen), Tab, the
// person's first name, Tab, Enter on the print button, Enter in the file window. The
// referral slip written names the association and the person.
func TestDirectoryWithKeyboard(t *testing.T) {
	p := Build(t)
	ccas := network(t, p)
	dir := filepath.Dir(ccas)
	assoc := filepath.Join(dir, "assoc1")
	entraidectl(t, p, "directory", "publish", "--data", ccas, "--out", filepath.Join(dir, "annuaire.json"))
	entraidectl(t, p, "import", "--data", assoc, filepath.Join(dir, "annuaire.json"))

	home := t.TempDir()
	w := Start(t, p, Options{Data: assoc, Home: home, Screen: "1024x600"})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Key("ctrl+6")
	w.WaitFor("the directory screen", 1, 10*time.Second, Named("screen", "directory"))
	w.Type("resto", 20*time.Millisecond)
	w.Key("Return")
	w.WaitFor("the association chosen", 1, 10*time.Second, Named("directory-hit", "Resto de l'Alma"))
	w.Key("Tab")
	w.Type("Nadia", 20*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	w.Screenshot("slip")
	checkFits(t, w)
	w.Key("Tab", "Return") // the print button
	w.WaitFor("the file window", 1, 10*time.Second, Named("screen", "files"))
	w.Key("Return")
	saved := w.WaitFor("the slip saved", 1, 10*time.Second, Named("file"))
	w.Close()

	want := filepath.Join(home, "fiche-de-liaison.pdf")
	if saved[0].Detail != want {
		t.Fatalf("saved as %q, want %q", saved[0].Detail, want)
	}
	out, err := exec.Command("pdftotext", "-layout", want, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, scripts/install-deps.sh) could not read the slip: %v\n%s", err, out)
	}
	text := string(out)
	if !strings.Contains(text, "Resto de l'Alma") || !strings.Contains(text, "Nadia") || !strings.Contains(text, "Les Amis du Pile") {
		t.Fatalf("the slip does not name the association, the person and who sends them:\n%s", text)
	}
}
