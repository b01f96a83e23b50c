package ui

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
