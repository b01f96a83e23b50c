// Package realwindow drives Entraide's real window under Xvfb with xdotool, at a
// scanner's and a fast typist's speed, and lets tests check the database afterwards.
// Fyne's test driver cannot see dropped keys, lost focus or a window larger than the
// screen; this harness does. Scenarios live in *_test.go beside it; later screens add
// theirs with the same calls (Start, Type, Key, WaitFor, Screenshot).
//
// Needs Xvfb, xdotool and ImageMagick's import (installed by scripts/install-deps.sh).
// Without them the tests are skipped, unless ENTRAIDE_REALWINDOW=require (make test),
// which makes a missing tool a failure.
package realwindow

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Programs are the binaries under test, built once per test run.
type Programs struct {
	GUI string // entraide
	Ctl string // entraidectl
}

var (
	buildOnce sync.Once
	built     Programs
	buildErr  error
)

// moduleRoot is the repository's root, two folders up from this package.
func moduleRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "../.."
	}
	return filepath.Join(wd, "..", "..")
}

// Build compiles the GUI and entraidectl once for the whole test run.
func Build(t testing.TB) Programs {
	t.Helper()
	requireTools(t)
	trackSources()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "entraide-realwindow-bin-")
		if err != nil {
			buildErr = err
			return
		}
		built = Programs{GUI: filepath.Join(dir, "entraide"), Ctl: filepath.Join(dir, "entraidectl")}
		for _, b := range []struct{ out, pkg string }{{built.GUI, "."}, {built.Ctl, "./cmd/entraidectl"}} {
			cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", b.out, b.pkg)
			cmd.Dir = moduleRoot()
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("building %s: %v\n%s", b.pkg, err, out)
				return
			}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// trackSources looks at every source file of the program, so that Go's test cache, which
// remembers the files a test looked at, runs these tests again after any change to the
// program (the test builds it with go build, which the cache does not see).
func trackSources() {
	root := moduleRoot()
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() && path != root && (strings.HasPrefix(name, ".") || name == "bin" || name == "testdata" || name == "docs") {
			return filepath.SkipDir
		}
		switch filepath.Ext(name) {
		case ".go", ".json", ".sql", ".toml", ".mod", ".sum", ".png", ".ttf":
			os.Stat(path)
		}
		return nil
	})
}

// requireTools skips (or fails under ENTRAIDE_REALWINDOW=require) without Xvfb and xdotool.
func requireTools(t testing.TB) {
	t.Helper()
	var missing []string
	for _, tool := range []string{"Xvfb", "xdotool", "import", "setxkbmap"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("real-window tests need %s (scripts/install-deps.sh installs them)", strings.Join(missing, ", "))
	if os.Getenv("ENTRAIDE_REALWINDOW") == "require" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Options choose the screen and the program's surroundings.
type Options struct {
	Screen string   // WIDTHxHEIGHT of the virtual screen; default 1366x768
	Data   string   // data folder (required)
	Env    []string // more environment, e.g. FYNE_SCALE=1.5
	// Home is the user's folder the program sees (its file window starts there, Fyne
	// keeps its preferences under it); default: a fresh one per test.
	Home string
	// NoOpenGL starts the screen without OpenGL (Xvfb without GLX), as an old laptop's
	// driver or a remote desktop; Start then does not wait for a window.
	NoOpenGL bool
	// Wine runs Windows programs: Command is then the .exe and its arguments, run by wine
	// in WinePrefix (the trace path is given to it as a Z: path).
	Wine       bool
	WinePrefix string
	// Command replaces the program and its arguments (default: the GUI with --data Data).
	Command []string
	// Dir is the folder the program starts in (default: the test's).
	Dir string
	// Layout is the keyboard layout of the virtual screen (setxkbmap name); default "us".
	// "fr" is a French AZERTY laptop: a scanner set to a US layout plugged into it types
	// the digit row's unshifted characters, &é"'(-è_çà, which xdotool can then send as
	// the very keys such a scanner presses.
	Layout string
}

// Window is one running Entraide on its own virtual screen.
type Window struct {
	t        testing.TB
	display  string
	Screen   [2]int
	xvfb     *exec.Cmd
	app      *exec.Cmd
	started  time.Time
	keep     string // the folder kept when the test fails: screenshots, log, trace
	logPath  string
	trace    string
	shotSeq  int
	exited   chan error
	windowID string
}

// Start runs Xvfb and Entraide on it, and waits until its window exists.
func Start(t testing.TB, p Programs, opts Options) *Window {
	t.Helper()
	if opts.Screen == "" {
		opts.Screen = "1366x768"
	}
	var width, height int
	if _, err := fmt.Sscanf(opts.Screen, "%dx%d", &width, &height); err != nil {
		t.Fatalf("screen size %q: %v", opts.Screen, err)
	}
	keep, err := os.MkdirTemp("", "entraide-realwindow-"+sanitize(t.Name())+"-")
	if err != nil {
		t.Fatal(err)
	}
	w := &Window{t: t, Screen: [2]int{width, height}, keep: keep,
		logPath: filepath.Join(keep, "entraide.log"), trace: filepath.Join(keep, "trace.txt"), exited: make(chan error, 1)}
	w.display = freeDisplay(t)
	xvfbArgs := []string{w.display, "-noreset", "-screen", "0", opts.Screen + "x24", "-nolisten", "tcp"}
	if opts.NoOpenGL {
		xvfbArgs = append(xvfbArgs, "-extension", "GLX")
	}
	w.xvfb = exec.Command("Xvfb", xvfbArgs...)
	if err := w.xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	t.Cleanup(w.stop)
	if err := waitFile("/tmp/.X11-unix/X"+strings.TrimPrefix(w.display, ":"), 10*time.Second); err != nil {
		t.Fatalf("Xvfb did not start: %v", err)
	}
	if opts.Layout != "" {
		cmd := exec.Command("setxkbmap", "-display", w.display, opts.Layout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("setxkbmap %s: %v %s", opts.Layout, err, out)
		}
	}
	log, err := os.Create(w.logPath)
	if err != nil {
		t.Fatal(err)
	}
	command := []string{p.GUI, "--data", opts.Data}
	if len(opts.Command) > 0 {
		command = opts.Command
	}
	trace := w.trace
	if opts.Wine {
		command = append([]string{"wine"}, command...)
		trace = WinePath(w.trace)
	}
	w.app = exec.Command(command[0], command[1:]...)
	w.app.Dir = opts.Dir
	home := opts.Home
	if home == "" {
		home = filepath.Join(keep, "home")
	}
	w.app.Env = append(os.Environ(), "DISPLAY="+w.display, "LANG=fr_FR.UTF-8", "LC_ALL=fr_FR.UTF-8",
		"ENTRAIDE_TRACE="+trace, "ENTRAIDE_TIMING=1",
		// Fyne's preferences (window size, last folder) go to a home of the test's own.
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	if opts.Wine {
		w.app.Env = append(w.app.Env, WineEnv(opts.WinePrefix)...)
	}
	w.app.Env = append(w.app.Env, opts.Env...)
	w.app.Stdout, w.app.Stderr = log, log
	w.started = time.Now()
	if err := w.app.Start(); err != nil {
		t.Fatalf("starting entraide: %v", err)
	}
	go func() { w.exited <- w.app.Wait(); log.Close() }()
	if opts.NoOpenGL {
		return w
	}
	// --onlyvisible: the window is mapped, so that it can take the keyboard.
	w.windowID = strings.TrimSpace(w.xdotoolOut("search", "--sync", "--onlyvisible", "--name", "^Entraide$"))
	if i := strings.IndexByte(w.windowID, '\n'); i > 0 {
		w.windowID = w.windowID[:i]
	}
	// Without a window manager the keyboard goes where the pointer is: put it on the window.
	w.Run("mousemove", "--window", w.windowID, "5", "5")
	w.Run("windowfocus", "--sync", w.windowID)
	return w
}

// Restart stops the program (as a power cut would not: it closes normally) and starts it
// again on the same screen and data.
func (w *Window) Close() {
	w.Run("key", "ctrl+q")
	select {
	case <-w.exited:
	case <-time.After(10 * time.Second):
		w.t.Errorf("entraide did not close within 10 s of Ctrl+Q")
		w.app.Process.Kill()
		<-w.exited
	}
	w.app = nil
}

// Kill stops the program at once (a screen without the Quit menu, such as the first start).
func (w *Window) Kill() {
	if w.app != nil && w.app.Process != nil {
		w.app.Process.Kill()
		<-w.exited
		w.app = nil
	}
}

func (w *Window) stop() {
	if w.app != nil && w.app.Process != nil {
		w.app.Process.Kill()
		<-w.exited
	}
	if w.xvfb.Process != nil {
		// SIGTERM lets Xvfb remove its lock file and socket; a kill would leave them and
		// use up the display numbers of later runs.
		w.xvfb.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { w.xvfb.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			w.xvfb.Process.Kill()
			<-done
		}
	}
	// Fyne says in its log when a message has no translation: English on screen.
	if log := w.Log(); strings.Contains(log, "not found in language") {
		w.t.Errorf("messages without a translation were shown:\n%s", log)
	}
	if w.t.Failed() {
		w.t.Logf("real-window test failed: screenshots, the program's log and its trace are kept in %s", w.keep)
		return
	}
	if os.Getenv("ENTRAIDE_REALWINDOW_KEEP") != "" {
		w.t.Logf("screenshots, log and trace kept in %s", w.keep)
		return
	}
	os.RemoveAll(w.keep)
}

// Run runs one xdotool command line (several commands may be chained, as xdotool allows).
func (w *Window) Run(args ...string) {
	w.t.Helper()
	w.xdotoolOut(args...)
}

func (w *Window) xdotoolOut(args ...string) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		w.Screenshot("xdotool-failed")
		w.t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// Type types text at one key every delay, as a scanner (5 ms) or a typist (20 ms) does.
func (w *Window) Type(text string, delay time.Duration) {
	w.t.Helper()
	w.Run("type", "--delay", strconv.Itoa(int(delay/time.Millisecond)), "--", text)
}

// Key presses keys 20 ms apart, as a fast typist does (xdotool names: Return, Down,
// ctrl+z, Tab, KP_Home...). Two presses of one key in the same millisecond would be
// taken by GLFW for one: no person or scanner does that.
func (w *Window) Key(keys ...string) {
	w.t.Helper()
	w.Run(append([]string{"key", "--delay", "20"}, keys...)...)
}

// Screenshot saves the whole screen in the kept folder and returns its path.
func (w *Window) Screenshot(name string) string {
	w.shotSeq++
	path := filepath.Join(w.keep, fmt.Sprintf("%02d-%s.png", w.shotSeq, sanitize(name)))
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Logf("screenshot %s: %v %s", name, err, out)
	}
	return path
}

// Geometry is the window's position and size on the screen, in pixels.
func (w *Window) Geometry() (x, y, width, height int) {
	w.t.Helper()
	out := w.xdotoolOut("getwindowgeometry", "--shell", w.windowID)
	values := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			n, _ := strconv.Atoi(v)
			values[k] = n
		}
	}
	return values["X"], values["Y"], values["WIDTH"], values["HEIGHT"]
}

// Event is one line of the program's trace (see ui.Tracer).
type Event struct {
	At     time.Time
	Name   string
	Detail string
}

// Events reads the trace so far.
func (w *Window) Events() []Event {
	f, err := os.Open(w.trace)
	if err != nil {
		return nil
	}
	defer f.Close()
	var events []Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), " ", 3)
		if len(fields) < 2 {
			continue
		}
		us, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			continue
		}
		e := Event{At: time.UnixMicro(us), Name: fields[1]}
		if len(fields) == 3 {
			e.Detail = fields[2]
		}
		events = append(events, e)
	}
	return events
}

// WaitFor waits until the trace holds n events matching match, and returns the events.
// On timeout the test fails with a screenshot.
func (w *Window) WaitFor(what string, n int, timeout time.Duration, match func(Event) bool) []Event {
	w.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var found []Event
		for _, e := range w.Events() {
			if match(e) {
				found = append(found, e)
			}
		}
		if len(found) >= n {
			return found
		}
		select {
		case err := <-w.exited:
			w.t.Fatalf("waiting for %s: entraide stopped (%v); log:\n%s", what, err, w.Log())
		default:
		}
		if time.Now().After(deadline) {
			w.Screenshot("timeout-" + what)
			w.t.Fatalf("waited %s for %s: %d of %d seen", timeout, what, len(found), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Named matches events by name (and detail, when given).
func Named(name string, detail ...string) func(Event) bool {
	return func(e Event) bool {
		return e.Name == name && (len(detail) == 0 || e.Detail == detail[0])
	}
}

// Log is what the program wrote so far.
func (w *Window) Log() string {
	data, err := os.ReadFile(w.logPath)
	if err != nil {
		return ""
	}
	return string(data)
}

// WinePath is path as a Windows program under Wine sees it (Wine's Z: drive is /).
func WinePath(path string) string { return `Z:` + strings.ReplaceAll(path, "/", `\`) }

// WineEnv keeps Wine to prefix, quiet, and without its Mono and Gecko installers.
func WineEnv(prefix string) []string {
	return []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=", "WINEARCH=win64"}
}

// Exited waits until the program stops by itself and gives how it ended.
func (w *Window) Exited(timeout time.Duration) error {
	w.t.Helper()
	select {
	case err := <-w.exited:
		w.app = nil
		return err
	case <-time.After(timeout):
		w.t.Fatalf("entraide still runs after %s; log:\n%s", timeout, w.Log())
		return nil
	}
}

// Started is when the program was launched.
func (w *Window) Started() time.Time { return w.started }

func freeDisplay(t testing.TB) string {
	for n := 150 + os.Getpid()%50; n < 400; n++ {
		lock, socket := fmt.Sprintf("/tmp/.X%d-lock", n), fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		reclaimStaleDisplay(lock, socket)
		if _, err := os.Stat(socket); os.IsNotExist(err) {
			if _, err := os.Stat(lock); os.IsNotExist(err) {
				return ":" + strconv.Itoa(n)
			}
		}
	}
	t.Fatal("no free X display number")
	return ""
}

// reclaimStaleDisplay removes the lock and socket of an X server that is no longer
// running (killed without cleaning up), so that its display number can be used again.
func reclaimStaleDisplay(lock, socket string) {
	data, err := os.ReadFile(lock)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return
	}
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		os.Remove(lock)
		os.Remove(socket)
	}
}

func waitFile(path string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not appear within %s", path, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sanitize(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, name)
}

// keysyms names the X keys that type each character of text, for xdotool key (which,
// unlike type, can be chained with other keys in one command).
var keysyms = map[rune]string{'&': "ampersand", 'é': "eacute", '"': "quotedbl", '\'': "apostrophe", '(': "parenleft",
	'-': "minus", 'è': "egrave", '_': "underscore", 'ç': "ccedilla", 'à': "agrave", ' ': "space"}

// Keysyms gives the key names of text: digits and letters as themselves, the AZERTY digit
// row's characters by name.
func Keysyms(text string) []string {
	var keys []string
	for _, r := range text {
		if name, ok := keysyms[r]; ok {
			keys = append(keys, name)
		} else {
			keys = append(keys, string(r))
		}
	}
	return keys
}
