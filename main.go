// Command entraide is the desktop program of the food-aid associations: check-in,
// households, today's distributions and settings, offline, in French by default.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"entraide/storage"
	"entraide/ui"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

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
	if err != nil {
		fmt.Fprintln(os.Stderr, "entraide:", err)
		ui.ShowStartError(fa, err, dir).ShowAndRun()
		os.Exit(1)
	}
	defer store.Close()
	main := ui.New(fa, store)
	main.Start()
	main.WatchIdle()
	if os.Getenv("ENTRAIDE_TIMING") != "" {
		// For measuring start-up (scripts/measure-gui.sh): the window is up and drawn.
		fa.Lifecycle().SetOnStarted(func() {
			fmt.Fprintf(os.Stderr, "entraide: window shown %d ms after start\n", time.Since(started).Milliseconds())
		})
	}
	main.Window().ShowAndRun()
	// A copy a day, made when the window closes, kept in the data folder.
	if _, err := store.AutoBackup(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "entraide: automatic backup:", err)
	}
}
