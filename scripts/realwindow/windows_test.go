package realwindow

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
)

// The Windows editions, run under Wine on Xvfb (nobody on the team has Windows): the
// installer built by make windows installs silently without administrator rights, the
// installed program records a distribution typed at the keyboard and closes with Alt+F4,
// and the Windows entraidectl.exe finds the distribution and the backup made at closing;
// the USB-key edition keeps its data next to itself even when started from elsewhere.
// Needs dist/ from make windows and make linux; ENTRAIDE_WINDOWS=require (make test-windows)
// makes their absence a failure, else the test is skipped.
func TestWindowsEditionsUnderWine(t *testing.T) {
	root := moduleRoot()
	setups := glob(t, filepath.Join(root, "dist", "entraide-*-windows-setup.exe"))
	zips := glob(t, filepath.Join(root, "dist", "entraide-*-windows-portable.zip"))
	if len(setups) != 1 || len(zips) != 1 {
		if os.Getenv("ENTRAIDE_WINDOWS") == "require" {
			t.Fatalf("make windows first: dist/ holds %v and %v", setups, zips)
		}
		t.Skip("no Windows build in dist/ (make windows)")
	}
	for _, tool := range []string{"wine", "wineboot", "wineserver", "x86_64-w64-mingw32-gcc", "unzip"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (scripts/install-deps.sh windows)", tool)
		}
	}
	p := Build(t) // for the tools check and the shared set-up; the programs run are Windows ones
	prefix := newWinePrefix(t)
	env := append(os.Environ(), WineEnv(prefix)...)
	wine := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("wine", args...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("wine %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
		}
		return out.String()
	}

	// Silent install; Wine exits 0 even when an installer did nothing: look at the files.
	started := time.Now()
	wine(setups[0], "/S")
	t.Logf("installed under Wine in %.1f s", time.Since(started).Seconds())
	me := "root"
	if u, err := user.Current(); err == nil {
		me = u.Username
	}
	userDir := filepath.Join(prefix, "drive_c", "users", me)
	installed := filepath.Join(userDir, "AppData", "Local", "Programs", "Entraide")
	for _, f := range []string{"entraide.exe", "entraidectl.exe", "uninstall.exe"} {
		if _, err := os.Stat(filepath.Join(installed, f)); err != nil {
			t.Fatalf("the installer did not put %s in place: %v", f, err)
		}
	}
	shortcut := filepath.Join(userDir, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Entraide", "Entraide.lnk")
	if _, err := os.Stat(shortcut); err != nil {
		t.Errorf("no Start-menu shortcut: %v", err)
	}
	ctl := filepath.Join(installed, "entraidectl.exe")

	// Demo data in the installed program's own folder (%AppData%\Entraide), visits
	// stopping ten days ago so that a household can be served today.
	until := storage.DateOf(time.Now().AddDate(0, 0, -10))
	wine(ctl, "demo", "--households", "60", "--months", "2", "--until", until.String())
	card := servableCard(t, wine(ctl, "search", "--limit", "60", "e"))

	w := Start(t, p, Options{Wine: true, WinePrefix: prefix, Command: []string{filepath.Join(installed, "entraide.exe")}})
	w.WaitFor("the check-in screen under Wine", 1, 90*time.Second, Named("screen", "checkin"))
	w.Screenshot("wine-checkin")
	w.Run(append(append([]string{"key", "--delay", "20"}, Keysyms(card)...), "Return")...)
	w.WaitFor("the household under Wine", 1, 30*time.Second, Named("shown", card))
	w.Key("Return")
	w.WaitFor("the check-in under Wine", 1, 30*time.Second, Named("recorded", card))
	w.Screenshot("wine-recorded")
	w.Key("alt+F4")
	w.WaitFor("Alt+F4 under Wine", 1, 30*time.Second, Named("closing"))
	if err := w.Exited(60 * time.Second); err != nil {
		t.Errorf("entraide.exe ended with %v after Alt+F4", err)
	}
	for _, e := range w.Events() {
		if e.Name == "forced-end" {
			// Fyne's shutdown hung under Wine: the program ended itself, backup made.
			t.Log("entraide.exe had to end itself after the window closed (Fyne's shutdown did not return)")
		}
	}
	found := wine(ctl, "search", card)
	if !strings.Contains(found, `"last_visit":"`+storage.DateOf(time.Now()).String()) {
		t.Errorf("entraidectl.exe does not see today's distribution for %s: %s", card, found)
	}
	backups := glob(t, filepath.Join(userDir, "AppData", "Roaming", "Entraide", "sauvegardes", "*.db"))
	if len(backups) == 0 {
		t.Fatal("no automatic backup was made when the window closed")
	}
	// The backup made at closing holds the distribution: entraidectl.exe reads it.
	backupDir := t.TempDir()
	if err := copyFile(backups[len(backups)-1], filepath.Join(backupDir, storage.DatabaseFile)); err != nil {
		t.Fatal(err)
	}
	if found := wine(ctl, "search", "--data", WinePath(backupDir), card); !strings.Contains(found, `"last_visit":"`+storage.DateOf(time.Now()).String()) {
		t.Errorf("the backup made at closing does not hold today's distribution for %s: %s", card, found)
	}

	// The uninstaller (run in place, so that Wine waits for it) takes the program away
	// and keeps the data.
	wine(filepath.Join(installed, "uninstall.exe"), "/S", "_?="+WinePath(installed))
	if _, err := os.Stat(filepath.Join(installed, "entraide.exe")); !os.IsNotExist(err) {
		t.Errorf("entraide.exe is still there after uninstalling (%v)", err)
	}
	if _, err := os.Stat(shortcut); !os.IsNotExist(err) {
		t.Errorf("the Start-menu shortcut is still there after uninstalling (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(userDir, "AppData", "Roaming", "Entraide", storage.DatabaseFile)); err != nil {
		t.Errorf("uninstalling took the data away: %v", err)
	}

	// Wine's desktop process remembers the first screen: end it, as a new laptop would.
	stopWine := func() {
		cmd := exec.Command("wineserver", "-k")
		cmd.Env = env
		cmd.Run() // nothing to end is fine
	}
	stopWine()

	// The USB-key edition, started from another folder: its data stay beside it.
	usb := t.TempDir()
	if out, err := exec.Command("unzip", "-q", zips[0], "-d", usb).CombinedOutput(); err != nil {
		t.Fatalf("unzip: %v %s", err, out)
	}
	editions := glob(t, filepath.Join(usb, "entraide-*-windows-portable"))
	if len(editions) != 1 {
		t.Fatalf("the zip holds %v", editions)
	}
	for _, f := range []string{"entraide.exe", "entraidectl.exe", "LISEZMOI.txt", "entraide-data"} {
		if _, err := os.Stat(filepath.Join(editions[0], f)); err != nil {
			t.Fatalf("the USB-key edition lacks %s", f)
		}
	}
	portable := Start(t, p, Options{Wine: true, WinePrefix: prefix, Dir: t.TempDir(), Screen: "1024x600",
		Command: []string{filepath.Join(editions[0], "entraide.exe")}})
	portable.WaitFor("the first start of the USB-key edition", 1, 90*time.Second, Named("screen", "setup"))
	portable.Screenshot("wine-portable")
	if _, err := os.Stat(filepath.Join(editions[0], "entraide-data", storage.DatabaseFile)); err != nil {
		t.Errorf("the USB-key edition does not keep its data next to itself: %v", err)
	}
	checkFits(t, portable)

	// Windows' own 150 % (96 → 144 dots per inch) on a 1920×1080 screen: the window is
	// drawn larger and still fits.
	portable.Kill()
	wine("reg", "add", `HKCU\Control Panel\Desktop`, "/v", "LogPixels", "/t", "REG_DWORD", "/d", "144", "/f")
	stopWine()
	scaled := Start(t, p, Options{Wine: true, WinePrefix: prefix, Screen: "1920x1080",
		Command: []string{filepath.Join(editions[0], "entraide.exe")}})
	scaled.WaitFor("the USB-key edition at 150 %", 1, 90*time.Second, Named("screen", "setup"))
	scaled.Screenshot("wine-150-percent")
	checkFits(t, scaled)
	scaled.Kill()

	// A screen without OpenGL (an old driver, a remote desktop): a Windows message box
	// says what to do, OK closes it, and the program stops.
	wine("reg", "add", `HKCU\Control Panel\Desktop`, "/v", "LogPixels", "/t", "REG_DWORD", "/d", "96", "/f")
	stopWine()
	noGL := Start(t, p, Options{Wine: true, WinePrefix: prefix, NoOpenGL: true, Screen: "1024x600",
		Command: []string{filepath.Join(editions[0], "entraide.exe")}})
	logFile := filepath.Join(editions[0], "entraide-data", storage.LogFile)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if data, err := os.ReadFile(logFile); err == nil && strings.Contains(string(data), "ne peut pas ouvrir sa fenêtre") {
			break
		}
		if time.Now().After(deadline) {
			noGL.Screenshot("wine-no-opengl-timeout")
			t.Fatal("no message within 60 s on a screen without OpenGL")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // the message box is drawn just after the log line
	noGL.Screenshot("wine-no-opengl")
	noGL.Run("mousemove", "512", "300") // the box is in the middle; the keyboard goes where the pointer is
	noGL.Key("Return")
	if err := noGL.Exited(30 * time.Second); err == nil {
		t.Error("without OpenGL the program ended without an error code")
	}
	logged, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(logged), "ne peut pas ouvrir sa fenêtre") {
		t.Errorf("the data folder's log does not say why the window could not open (%v)", err)
	}
}

// servableCard picks, from entraidectl's search lines, a household eligible today and
// not archived.
func servableCard(t *testing.T, lines string) string {
	t.Helper()
	today := storage.DateOf(time.Now()).String()
	sc := bufio.NewScanner(strings.NewReader(lines))
	for sc.Scan() {
		var r struct {
			Card          string `json:"card"`
			EligibleUntil string `json:"eligible_until"`
			Archived      bool   `json:"archived"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err == nil && !r.Archived && r.EligibleUntil > today {
			return r.Card
		}
	}
	t.Fatalf("no household to serve in:\n%s", lines)
	return ""
}

// newWinePrefix makes a fresh Wine prefix (HOME and all of Wine's side effects stay in
// the test's folders) with the stand-in for bcryptprimitives.dll that Go programs need
// under Wine 8.
func newWinePrefix(t *testing.T) string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "prefix")
	// Before the folder goes (cleanups run last first): end Wine's server and wait for it,
	// or it may still write in the prefix while the folder is removed.
	t.Cleanup(func() {
		for _, flag := range []string{"-k", "-w"} {
			end := exec.Command("wineserver", flag)
			end.Env = append(os.Environ(), WineEnv(prefix)...)
			end.Run() // nothing left to end is fine
		}
	})
	cmd := exec.Command("wineboot", "-i")
	cmd.Env = append(os.Environ(), WineEnv(prefix)...)
	cmd.Env = append(cmd.Env, "HOME="+t.TempDir(), "DISPLAY=")
	started := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	t.Logf("Wine prefix made in %.1f s", time.Since(started).Seconds())
	dll := filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	build := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", dll,
		filepath.Join(moduleRoot(), "scripts", "windows", "bcryptprimitives.c"), "-lbcrypt")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the bcryptprimitives stand-in: %v\n%s", err, out)
	}
	return prefix
}

// The Linux package from make linux installs for the user alone with its own Makefile.
func TestLinuxPackageInstallsForTheUser(t *testing.T) {
	packages := glob(t, filepath.Join(moduleRoot(), "dist", "entraide-*-linux-amd64.tar.xz"))
	if len(packages) != 1 {
		if os.Getenv("ENTRAIDE_WINDOWS") == "require" {
			t.Fatalf("make linux first: dist/ holds %v", packages)
		}
		t.Skip("no Linux package in dist/ (make linux)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", packages[0], "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking: %v %s", err, out)
	}
	home := t.TempDir()
	install := exec.Command("make", "-C", filepath.Join(dir, "entraide"), "user-install")
	install.Env = append(os.Environ(), "HOME="+home)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("make user-install: %v\n%s", err, out)
	}
	for _, f := range []string{".local/bin/entraide", ".local/share/applications/fr.roubaix.entraide.desktop"} {
		if _, err := os.Stat(filepath.Join(home, f)); err != nil {
			t.Errorf("user-install did not put %s in place: %v", f, err)
		}
	}
	desktop, err := os.ReadFile(filepath.Join(home, ".local/share/applications/fr.roubaix.entraide.desktop"))
	if err != nil || !strings.Contains(string(desktop), "Exec=") {
		t.Errorf("desktop entry: %v\n%s", err, desktop)
	}
}

// glob lists the files matching pattern (a malformed pattern fails the test).
func glob(t *testing.T, pattern string) []string {
	t.Helper()
	matches, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("listing %s: %v", pattern, err)
	}
	return matches
}
