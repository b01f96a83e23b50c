package ui

import (
	"fyne.io/fyne/v2"
)

// Preference keys of the window's size, kept between runs.
const (
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"
)

// defaultWindowSize is the first size on a laptop whose screen has room for it; smaller
// screens get their whole work area.
var defaultWindowSize = fyne.NewSize(1280, 800)

// titleBarAllowance is left for the title bar the system draws above the window, and
// borderAllowance for the frame on its sides.
const (
	titleBarAllowance = 40
	borderAllowance   = 16
)

// PlaceWindow gives the window the size it had when last closed (1100×720 the first
// time), never more than work, the screen's work area in Fyne's units (zero: unknown).
func (a *App) PlaceWindow(work fyne.Size) {
	prefs := a.fyne.Preferences()
	size := fyne.NewSize(float32(prefs.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))),
		float32(prefs.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))))
	a.win.Resize(fitIn(size, work))
}

// FitWindow shrinks the window into work (in Fyne's units at the window's real scale),
// once the window shows and its scale is known.
func (a *App) FitWindow(work fyne.Size) {
	size := a.win.Canvas().Size()
	if fitted := fitIn(size, work); fitted != size {
		a.win.Resize(fitted)
	}
}

func fitIn(size, work fyne.Size) fyne.Size {
	if work.Width > borderAllowance && size.Width > work.Width-borderAllowance {
		size.Width = work.Width - borderAllowance
	}
	if work.Height > titleBarAllowance && size.Height > work.Height-titleBarAllowance {
		size.Height = work.Height - titleBarAllowance
	}
	return size
}

// rememberSize keeps the window's size for the next start.
func (a *App) rememberSize() {
	size := a.win.Canvas().Size()
	if size.Width < 200 || size.Height < 200 {
		return // not shown, or minimised
	}
	prefs := a.fyne.Preferences()
	prefs.SetFloat(prefWindowWidth, float64(size.Width))
	prefs.SetFloat(prefWindowHeight, float64(size.Height))
}
