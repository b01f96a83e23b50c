package ui

import (
	"fyne.io/fyne/v2"
)

// prefWindowSize keeps the window's width and height between runs in one preference:
// Fyne writes its preferences file at the first change and holds back the changes made
// in the next 100 ms until later, so a second key set at closing time could be lost
// when the program ends at once (seen: the width kept, the height not).
const prefWindowSize = "window_size"

// Older versions kept the size under two keys; they are still read.
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

// PlaceWindow gives the window the size it had when last closed (defaultWindowSize the first
// time), never more than work, the screen's work area in Fyne's units (zero: unknown).
func (a *App) PlaceWindow(work fyne.Size) {
	a.win.Resize(fitIn(a.keptSize(), work))
}

// keptSize is the size the window was closed at, or the default one.
func (a *App) keptSize() fyne.Size {
	prefs := a.fyne.Preferences()
	if kept := prefs.FloatList(prefWindowSize); len(kept) == 2 && kept[0] >= 200 && kept[1] >= 200 {
		return fyne.NewSize(float32(kept[0]), float32(kept[1]))
	}
	return fyne.NewSize(float32(prefs.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))),
		float32(prefs.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))))
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
	a.fyne.Preferences().SetFloatList(prefWindowSize, []float64{float64(size.Width), float64(size.Height)})
}
