package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// Tracer receives what the window does, one event at a time, on the UI thread: the
// real-window tests read it to know when a household shows or a check-in is written, and
// to time them (ENTRAIDE_TRACE names the file; see main.go).
type Tracer func(event, detail string)

// SetTracer sends the window's events to t (nil: none).
func (a *App) SetTracer(t Tracer) { a.tracer = t }

func (a *App) trace(event, detail string) {
	if a.tracer != nil {
		a.tracer(event, detail)
	}
}

var kindNames = map[messageKind]string{messageInfo: "info", messageSuccess: "success", messageWarning: "warning", messageError: "error"}

// sizeWatch lays the window's content out over the whole window, like a stack, and
// traces each new size of the window (the real-window tests wait for a resize to be taken).
type sizeWatch struct {
	app  *App
	last fyne.Size
}

func (w *sizeWatch) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objects, size)
	if window := w.app.win.Canvas().Size(); window != w.last {
		w.last = window
		w.app.trace("size", fmt.Sprintf("%.0fx%.0f", window.Width, window.Height))
	}
}

func (w *sizeWatch) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return layout.NewStackLayout().MinSize(objects)
}
