package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
)

// noWindowWatch passes the log through and notices Fyne's own words when no window can
// be made (a graphics driver without OpenGL 2.1, a remote desktop, no display): Fyne then
// stops the program with a line in the log only. The volunteer gets a plain message
// instead: a message box on Windows, stderr and the log elsewhere.
type noWindowWatch struct {
	out  io.Writer
	once sync.Once
}

// noWindowSigns are what Fyne and GLFW log when no OpenGL 2.1 window can be made: Fyne's
// own words, and GLFW's errors about the OpenGL drivers (WGL on Windows, GLX on Linux),
// after which Fyne may wait for ever.
var noWindowSigns = [][]byte{[]byte("window creation error"), []byte("failed to initialise GLFW"),
	[]byte("APIUnavailable"), []byte("VersionUnavailable"), []byte("PlatformError: WGL: Failed"), []byte("PlatformError: GLX: Failed")}

func (w *noWindowWatch) Write(p []byte) (int, error) {
	n, err := w.out.Write(p)
	for _, sign := range noWindowSigns {
		if bytes.Contains(p, sign) {
			w.once.Do(func() {
				// Straight to the output: the log package holds its lock while calling Write.
				message := noWindowMessage()
				fmt.Fprintf(w.out, "%s entraide: %s\n", time.Now().Format("2006/01/02 15:04:05"), message)
				showMessageBox(lang.L("Entraide cannot start"), message)
				// Fyne would wait for a window that never comes: nothing was written yet.
				os.Exit(1)
			})
		}
	}
	return n, err
}

func noWindowMessage() string {
	return lang.L("Entraide cannot open its window: this computer's graphics (or the remote desktop it is used through) does not offer OpenGL 2.1. Update the graphics driver (Windows Update, or the maker's website), or start Entraide on the computer itself rather than through a remote desktop. If that is not possible, put Mesa's opengl32.dll (software drawing) next to entraide.exe: see the README.")
}
