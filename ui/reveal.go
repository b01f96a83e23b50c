package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// reveal scrolls every scroll that holds target so that target is in view: a field
// reached with Tab, a message under the fold. Fyne's scrolls do not follow the focus.
func (a *App) reveal(target fyne.CanvasObject) {
	if target == nil || !target.Visible() {
		return
	}
	driver := fyne.CurrentApp().Driver()
	at := driver.AbsolutePositionForObject(target)
	roots := []fyne.CanvasObject{a.win.Content()}
	if overlays := a.win.Canvas().Overlays(); overlays != nil {
		roots = append(roots, overlays.List()...)
	}
	for _, root := range roots {
		for _, sc := range scrollsIn(root) {
			view := driver.AbsolutePositionForObject(sc)
			top := at.Y - view.Y // where target sits in the visible part
			contentTop := -sc.Offset.Y
			inside := at.X >= view.X && at.X <= view.X+sc.Size().Width &&
				top >= contentTop && top <= contentTop+sc.Content.Size().Height
			if !inside {
				continue
			}
			const margin = 8
			switch bottom := top + target.Size().Height; {
			case top < 0:
				sc.Offset.Y += top - margin
			case bottom > sc.Size().Height:
				sc.Offset.Y += bottom - sc.Size().Height + margin
			default:
				continue
			}
			sc.Offset.Y = max(0, min(sc.Offset.Y, sc.Content.Size().Height-sc.Size().Height))
			sc.Refresh()
		}
	}
}

// scrollsIn lists the visible scrolls under o, outermost first.
func scrollsIn(o fyne.CanvasObject) []*container.Scroll {
	if o == nil || !o.Visible() {
		return nil
	}
	var found []*container.Scroll
	switch v := o.(type) {
	case *container.Scroll:
		found = append(found, v)
		found = append(found, scrollsIn(v.Content)...)
	case *fyne.Container:
		for _, child := range v.Objects {
			found = append(found, scrollsIn(child)...)
		}
	case *container.Split:
		found = append(append(found, scrollsIn(v.Leading)...), scrollsIn(v.Trailing)...)
	case *container.AppTabs:
		if item := v.Selected(); item != nil {
			found = append(found, scrollsIn(item.Content)...)
		}
	case *widget.PopUp:
		found = append(found, scrollsIn(v.Content)...)
	}
	return found
}

// followFocus brings the focused field into view whenever the focus moves (Tab, Enter
// to the next field), checking a few times a second.
func (a *App) followFocus() {
	var last fyne.Focusable
	var check func()
	check = func() {
		if f := a.win.Canvas().Focused(); f != last {
			last = f
			if o, ok := f.(fyne.CanvasObject); ok {
				a.reveal(o)
			}
		}
		a.worker.after(120*time.Millisecond, check)
	}
	a.worker.after(120*time.Millisecond, check)
}
