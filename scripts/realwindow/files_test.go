package realwindow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The French file window, with the keyboard alone: from the directory screen, Enter on
// the import button, Down and Enter into Documents, Enter on the file. The file taken is
// the one chosen, and the refusal of a file that is not a directory is said in French.
func TestFileWindowWithKeyboard(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	home := t.TempDir()
	for _, d := range []string{"Bureau", "Documents"} {
		if err := os.Mkdir(filepath.Join(home, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(home, "Documents", "annuaire.json")
	if err := os.WriteFile(file, []byte(`{"format":"pas un annuaire"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	w := Start(t, p, Options{Data: dir, Home: home, Screen: "1024x600"})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Key("ctrl+6")
	// The screen reads the directory held, then puts the keyboard on its import button.
	w.WaitFor("the directory screen", 1, 10*time.Second, Named("screen", "directory"))
	w.Key("Return")
	w.WaitFor("the file window", 1, 10*time.Second, Named("screen", "files"))
	w.Screenshot("file-window")
	w.Key("Down", "Return", "Return") // Bureau, Documents: into Documents, then its only file
	chosen := w.WaitFor("a file chosen", 1, 10*time.Second, Named("file"))
	if chosen[0].Detail != file {
		t.Fatalf("the file window took %q, want %q", chosen[0].Detail, file)
	}
	time.Sleep(300 * time.Millisecond)
	w.Screenshot("refused")
	checkFits(t, w)
}

// The window comes back at the size it was closed at.
func TestWindowKeepsItsSize(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	home := t.TempDir()
	w := Start(t, p, Options{Data: dir, Home: home})
	w.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	w.Run("windowsize", w.windowID, "1000", "640")
	w.WaitFor("the new size to be taken", 1, 10*time.Second, Named("size", "1000x640"))
	w.Close()
	again := Start(t, p, Options{Data: dir, Home: home})
	again.WaitFor("the check-in screen", 1, 20*time.Second, Named("screen", "checkin"))
	if _, _, width, height := again.Geometry(); width != 1000 || height != 640 {
		t.Fatalf("reopened at %d×%d, closed at 1000×640", width, height)
	}
	checkFits(t, again)
}

// Without OpenGL (an old graphics driver, a remote desktop) no window can be made: the
// program says so in French, in plain words, and stops instead of hanging.
func TestNoOpenGLIsExplained(t *testing.T) {
	p := Build(t)
	dir := DemoFolder(t, households)
	w := Start(t, p, Options{Data: dir, NoOpenGL: true})
	if err := w.Exited(20 * time.Second); err == nil {
		t.Error("entraide ended without an error code")
	}
	if log := w.Log(); !strings.Contains(log, "ne peut pas ouvrir sa fenêtre") || !strings.Contains(log, "pilote graphique") {
		t.Fatalf("no plain French message; log:\n%s", log)
	}
	data, err := os.ReadFile(filepath.Join(dir, "entraide.log"))
	if err != nil || !strings.Contains(string(data), "ne peut pas ouvrir sa fenêtre") {
		t.Fatalf("the data folder's log does not keep the message (%v)", err)
	}
}
