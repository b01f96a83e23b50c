// Command entraide is the desktop program of the food-aid associations: check-in,
// households, today's distributions and settings, offline, in French by default.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"entraide/storage"
	"entraide/ui"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// closeGrace is how long the program may take to end once its window closed.
const closeGrace = 10 * time.Second

func main() {
	started := time.Now()
	dataFlag := flag.String("data", "", "data folder (default: $ENTRAIDE_DATA, entraide-data next to the program, or the user's configuration folder)")
	flag.Parse()

	fa := app.NewWithID("fr.roubaix.entraide")
	if err := ui.UseLanguage(ui.Language(fa)); err != nil {
		fyne.LogError("loading translations", err)
	}
	dir, err := storage.ResolveDataDir(*dataFlag)
	var store *storage.Store
	if err == nil {
		store, err = storage.Open(context.Background(), dir, storage.OpenOptions{})
	}
	// Errors go to the data folder's log as well as to stderr: a Windows program has no
	// console, and whoever helps the association reads the log.
	logPath := ""
	if dir != "" {
		if f, path, logErr := storage.OpenLog(dir); logErr == nil {
			defer f.Close()
			log.SetOutput(&noWindowWatch{out: io.MultiWriter(os.Stderr, f)})
			logPath = path
		}
	}
	if logPath == "" {
		log.SetOutput(&noWindowWatch{out: os.Stderr})
	}
	if err != nil {
		log.Println("entraide:", err)
		ui.ShowStartError(fa, err, dir).ShowAndRun()
		os.Exit(1)
	}
	defer store.Close()
	main := ui.New(fa, store)
	main.SetLogPath(logPath)
	var tracer ui.Tracer
	if path := os.Getenv("ENTRAIDE_TRACE"); path != "" {
		tracer = traceTo(path, started)
		main.SetTracer(tracer)
	}
	main.PlaceWindow(workArea(expectedScale()))
	main.Start()
	main.WatchIdle()
	fa.Lifecycle().SetOnStarted(func() {
		// Now the real scale is known: the window never reaches beyond the screen.
		main.FitWindow(workArea(main.Window().Canvas().Scale()))
		if os.Getenv("ENTRAIDE_TIMING") != "" {
			// For measuring start-up (scripts/measure-gui.sh): the window is up and drawn.
			c := main.Window().Canvas()
			log.Printf("entraide: window shown %d ms after start (%.0f×%.0f at scale %.2f, work area %v)\n",
				time.Since(started).Milliseconds(), c.Size().Width, c.Size().Height, c.Scale(), workArea(c.Scale()))
		}
	})
	// Fyne's shutdown was seen to hang now and then under Wine once the window was gone,
	// leaving a process that holds the data folder's lock ("already open" at the next
	// start). The backup is made before the window closes; if the program has not ended
	// some seconds later, it ends.
	main.SetOnClosing(func() {
		time.AfterFunc(closeGrace, func() {
			log.Printf("entraide: still running %s after the window closed: ending (the data and the backup are saved)\n", closeGrace)
			if tracer != nil {
				tracer("forced-end", "")
			}
			os.Exit(0)
		})
	})
	main.Window().ShowAndRun()
	if tracer != nil {
		tracer("window-ended", "")
	}
	// A copy a day, made when the window closes, kept in the data folder.
	if _, err := store.AutoBackup(context.Background()); err != nil {
		log.Println("entraide: automatic backup:", err)
	}
	if tracer != nil {
		tracer("ended", "")
	}
}

// traceTo writes the window's events to path, one line each: microseconds since the
// Unix epoch, the event, its detail. The first line is the moment the program started.
func traceTo(path string, started time.Time) ui.Tracer {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		log.Println("entraide: trace:", err)
		return nil
	}
	write := func(at time.Time, event, detail string) {
		fmt.Fprintf(f, "%d %s %s\n", at.UnixMicro(), event, strings.ReplaceAll(detail, "\n", " "))
	}
	write(started, "start", "")
	return func(event, detail string) { write(time.Now(), event, detail) }
}
